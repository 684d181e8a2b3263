"""Benchmark: notifications per second end to end, from the event stored to the mail
accepted by a local SMTP server (aiosmtpd). The baseline is the round trip of a bare
Celery no-op task on the same Redis, with the same worker pool and concurrency.

The notification path runs ``doitac notifications process --follow`` (the tracked
processor) and ``doitac worker``, and the store is PostgreSQL. The events are ad hoc
meeting notices, each going to two recipients on the partner side, stored in one
transaction. The clock runs from that commit to the last mail accepted. Rounds of each
alternate, so both see the same load from other programs.

Run: .venv/bin/python bench/notifications.py [--events N] [--rounds N] [--concurrency N]
PostgreSQL is the server at 127.0.0.1:5432 (database ``test``, user ``postgres``), Redis
is 127.0.0.1:6379 database 12; each run uses a fresh schema and queues of its own.
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import redis
from aiosmtpd.controller import Controller
from celery import Celery
from stores import postgres_url

from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application
from domain.partnership import Partnership
from domain.values import Actor, LegalBasis
from tests.scenario import (
    ENTERPRISE_TAX_NUMBER,
    REFERENCE,
    command_line,
    register_partners,
    run_procedure,
    submit,
)

REDIS_URL = "redis://127.0.0.1:6379/12"
DOITAC = str(Path(sys.executable).parent / "doitac")
RECIPIENTS_PER_EVENT = 2
NOTICE_NUMBERS = itertools.count(1)
TIMEOUT_SECONDS = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class CountingHandler:
    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.count += 1
        return "250 Message accepted for delivery"


@contextmanager
def started(command: list[str], env: dict[str, str], log: Path) -> Iterator[None]:
    with log.open("ab") as output:
        process = subprocess.Popen(
            command,
            env={**os.environ, **env},
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)


def wait_for(predicate: Any, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.01)


def prepare_partnership(app: PartnershipApplication) -> None:
    """Store an active partnership with a focal point on the partner side."""
    register_partners(app)
    run_procedure(app)
    submit(
        app,
        command_line(
            "designate_focal_point",
            {
                "partnership": REFERENCE,
                "side": "partner",
                "tax_number": ENTERPRISE_TAX_NUMBER,
                "person": {"name": "Phạm Thị Dung", "email": "ke.toan@donga.example"},
            },
            occurred_on="2025-04-02",
        ),
    )


def give_notice(partnership: Partnership, number: int) -> None:
    """Add one ad hoc meeting notice to the aggregate, to be stored with the others in
    one transaction, so the measured time is the notification path's alone."""
    partnership.give_ad_hoc_notice(
        actor=Actor(name="Nguyễn Văn An", unit="00"),
        occurred_on=date(2025, 5, 10),
        requested_by="customs",
        meeting_on=date(2025, 5, 20),
        form_of_notice="Công văn",
        subject=f"Cuộc họp đột xuất số {number}",
        legal_basis=LegalBasis(f"{number}/TCHQ-CCHĐH", date(2025, 5, 10)),
    )


def notification_round(app: PartnershipApplication, handler: CountingHandler, events: int) -> float:
    """Store ``events`` notices in one transaction and return the notifications per
    second until the last of their mails is accepted."""
    first = handler.count
    expected = first + events * RECIPIENTS_PER_EVENT
    partnership = app.get_partnership(REFERENCE)
    for _ in range(events):
        give_notice(partnership, next(NOTICE_NUMBERS))
    begin = time.perf_counter()
    app.save(partnership)
    wait_for(lambda: handler.count >= expected, "all mails")
    elapsed = time.perf_counter() - begin
    time.sleep(1)
    if handler.count != expected:
        raise SystemExit(f"expected {expected - first} mails, received {handler.count - first}")
    return events * RECIPIENTS_PER_EVENT / elapsed


def noop_round(celery: Celery, tasks: int) -> float:
    """Send ``tasks`` no-op tasks and return the round trips per second."""
    noop = celery.tasks["bench.noop"]
    begin = time.perf_counter()
    results = [noop.delay() for _ in range(tasks)]
    for result in results:
        result.get(timeout=TIMEOUT_SECONDS)
    return tasks / (time.perf_counter() - begin)


def noop_app(queue: str) -> Celery:
    celery = Celery("bench_noop", broker=REDIS_URL, backend=REDIS_URL, set_as_current=False)
    # Results live a minute in Redis: long enough to be read, short enough not to pile up.
    celery.conf.update(task_default_queue=queue, worker_prefetch_multiplier=1, result_expires=60)

    @celery.task(name="bench.noop")  # type: ignore[untyped-decorator]
    def noop() -> None:
        return None

    return celery


def measure(
    events: int, rounds: int, concurrency: int, folder: Path
) -> tuple[list[float], list[float]]:
    """Run the rounds in turn, a notification round then a no-op round, so that both
    see the same load. Returns the rates of each."""
    handler = CountingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    notification_rates: list[float] = []
    noop_rates: list[float] = []
    try:
        with postgres_url() as database_url:
            env = {
                "DOITAC_DATABASE_URL": database_url,
                "DOITAC_VAR_DIR": str(folder / "var"),
                "DOITAC_BROKER_URL": REDIS_URL,
                "DOITAC_QUEUE": f"bench-{uuid.uuid4().hex[:10]}",
                "DOITAC_SMTP_HOST": "127.0.0.1",
                "DOITAC_SMTP_PORT": str(port),
                "DOITAC_LOG_LEVEL": "WARNING",
                # The notices are dated 2025, older than the default horizon.
                "DOITAC_NOTIFY_MAX_AGE_DAYS": "0",
            }
            noop_queue = f"bench-noop-{uuid.uuid4().hex[:10]}"
            app = build_application(Settings.from_env(env))
            celery = noop_app(noop_queue)
            try:
                prepare_partnership(app)
                worker = [DOITAC, "worker", f"--concurrency={concurrency}"]
                processor = [DOITAC, "notifications", "process", "--follow", "--interval=0.05"]
                noop_worker = [
                    sys.executable,
                    __file__,
                    "--noop-worker",
                    noop_queue,
                    f"--concurrency={concurrency}",
                ]
                with (
                    started(worker, env, folder / "worker.log"),
                    started(processor, env, folder / "processor.log"),
                    started(noop_worker, {}, folder / "noop-worker.log"),
                ):
                    # Warm up the connections: the partners-informed letter of the
                    # procedure, one round of a single notice, and one no-op task.
                    wait_for(lambda: handler.count >= 1, "the partners-informed mail")
                    notification_round(app, handler, 1)
                    celery.tasks["bench.noop"].delay().get(timeout=60)
                    for _ in range(rounds):
                        notification_rates.append(notification_round(app, handler, events))
                        noop_rates.append(noop_round(celery, events * RECIPIENTS_PER_EVENT))
            finally:
                app.close()
    finally:
        controller.stop()
    return notification_rates, noop_rates


def run_noop_worker(queue: str, concurrency: int) -> None:
    noop_app(queue).worker_main(
        [
            "worker",
            "--loglevel=WARNING",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            f"--queues={queue}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200, help="events per round (default 200)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each (default 3)")
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--noop-worker", metavar="QUEUE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.noop_worker:
        run_noop_worker(args.noop_worker, args.concurrency)
        return

    with tempfile.TemporaryDirectory() as name:
        notification_rates, noop_rates = measure(
            args.events, args.rounds, args.concurrency, Path(name)
        )
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match="*bench-*", count=500):
        client.delete(key)

    notifications = statistics.median(notification_rates)
    noop = statistics.median(noop_rates)
    print(f"per round: {args.events} events, {args.events * RECIPIENTS_PER_EVENT} notifications")
    print(f"worker concurrency: {args.concurrency} (prefork), rounds: {args.rounds}")
    for number, (rate, baseline) in enumerate(zip(notification_rates, noop_rates, strict=True)):
        print(
            f"round {number + 1}: {rate:.1f} notifications/s, {baseline:.1f} no-op tasks/s, "
            f"ratio {rate / baseline:.2f}"
        )
    print(
        f"end to end, event stored to mail accepted (median): {notifications:.1f} notifications/s"
    )
    print(f"bare Celery no-op round trip on the same Redis (median): {noop:.1f} tasks/s")
    print(f"ratio of the medians: {notifications / noop:.2f} (target at least 0.5)")


if __name__ == "__main__":
    main()
