"""End to end on real servers: Redis as the broker, ``doitac worker`` and ``doitac beat``
processes, PostgreSQL as the event store and an aiosmtpd server on 127.0.0.1.

Each notification must arrive exactly once: with two beats running, after a worker is
killed mid-delivery, after the SMTP server was down, and after a Redis restart."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import redis

from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application, build_celery
from tests.scenario import (
    REFERENCE,
    basis,
    command_line,
    procedure_lines,
    register_partners,
    run_procedure,
    submit,
)
from tests.workers_harness import (
    DOITAC,
    ManagedProcess,
    RedisServer,
    SmtpServer,
    activate_with_focal_points,
    forget_test_queues,
    processes,
    require_redis,
    wait_until,
    worker_env,
)
from workers.store import SENT, NotificationRow


@pytest.fixture(autouse=True)
def clean_redis() -> Iterator[None]:
    yield
    with contextlib.suppress(redis.RedisError):
        forget_test_queues()


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    try:
        yield server
    finally:
        server.stop()


def build_writer(env: dict[str, str]) -> PartnershipApplication:
    return build_application(Settings.from_env(env))


def stored_rows(env: dict[str, str]) -> dict[str, str]:
    """Return each stored notification's state by key."""
    return {row.key: row.state for row in stored_notifications(env)}


def stored_notifications(env: dict[str, str]) -> list[NotificationRow]:
    runtime = build_celery(Settings.from_env(env))
    try:
        return runtime.services().store.list_all()
    finally:
        runtime.close()


def start(
    started: list[ManagedProcess], command: list[str], env: dict[str, str], log: Path
) -> ManagedProcess:
    process = ManagedProcess(command, env, log)
    started.append(process)
    return process


def assert_each_once(smtp: SmtpServer, expected: set[str]) -> None:
    counts = Counter(smtp.handler.keys())
    assert set(counts) == expected
    assert all(count == 1 for count in counts.values()), counts


def test_each_notification_once_with_two_beats(
    postgres_url: str, tmp_path: Path, smtp: SmtpServer
) -> None:
    require_redis()
    smtp.start()
    env = worker_env(postgres_url, tmp_path / "var", smtp.port)
    writer = build_writer(env)
    try:
        activate_with_focal_points(writer)
        submit(
            writer,
            command_line(
                "record_violation",
                {
                    "partnership": REFERENCE,
                    "tax_number": "0100109106",
                    "kind": "tax_fraud",
                    "description": "Gian lận thuế",
                },
                occurred_on="2025-06-02",
                legal_basis=basis("77/QĐ-XPVPHC", "2025-06-02"),
            ),
        )
    finally:
        writer.close()

    with processes() as started:
        start(
            started, ["worker", "--pool", "prefork", "--concurrency", "2"], env, tmp_path / "w.log"
        )
        for name in ("beat-1", "beat-2"):
            start(
                started,
                ["beat", "--schedule-file", str(tmp_path / f"{name}.db")],
                env,
                tmp_path / f"{name}.log",
            )
        # One partners-informed letter and three suspension notices.
        wait_until(lambda: len(smtp.handler.keys()) >= 4, timeout=60, what="four messages")
        time.sleep(3)  # let any duplicate arrive before counting

    rows = stored_rows(env)
    assert len(rows) == 4
    assert set(rows.values()) == {SENT}
    assert_each_once(smtp, set(rows))


def test_worker_killed_mid_delivery_sends_once(
    postgres_url: str, tmp_path: Path, smtp: SmtpServer
) -> None:
    require_redis()
    smtp.handler.stall.set()
    smtp.start()
    # The SMTP timeout must outlast the stall until the kill.
    env = worker_env(
        postgres_url,
        tmp_path / "var",
        smtp.port,
        DOITAC_SMTP_TIMEOUT="3",
        DOITAC_DELIVERY_LEASE="19",
    )
    writer = build_writer(env)
    try:
        register_partners(writer)
        run_procedure(writer, "inform_partners")
    finally:
        writer.close()

    with processes() as started:
        worker = start(
            started, ["worker", "--pool", "prefork", "--concurrency", "1"], env, tmp_path / "w1.log"
        )
        start(
            started, ["beat", "--schedule-file", str(tmp_path / "beat.db")], env, tmp_path / "b.log"
        )
        wait_until(smtp.handler.data_started.is_set, timeout=60, what="the DATA command")

        worker.kill()
        # The server must see the connection closed before the DATA reply is released.
        wait_until(smtp.handler.aborted.is_set, timeout=10, what="the server to see the kill")
        smtp.handler.stall.clear()
        assert smtp.handler.keys() == []

        start(
            started, ["worker", "--pool", "prefork", "--concurrency", "1"], env, tmp_path / "w2.log"
        )
        wait_until(lambda: len(smtp.handler.keys()) >= 1, timeout=60, what="the redelivery")
        time.sleep(3)

    notifications = stored_notifications(env)
    assert [n.state for n in notifications] == [SENT]
    assert [n.attempts for n in notifications] == [2]
    assert_each_once(smtp, {n.key for n in notifications})


def test_smtp_down_then_up_sends_once(postgres_url: str, tmp_path: Path, smtp: SmtpServer) -> None:
    require_redis()
    env = worker_env(postgres_url, tmp_path / "var", smtp.port)
    writer = build_writer(env)
    try:
        register_partners(writer)
        run_procedure(writer, "inform_partners")
    finally:
        writer.close()

    with processes() as started:
        start(started, ["worker", "--pool", "solo"], env, tmp_path / "w.log")
        start(
            started, ["beat", "--schedule-file", str(tmp_path / "beat.db")], env, tmp_path / "b.log"
        )

        def retried() -> bool:
            runtime = build_celery(Settings.from_env(env))
            try:
                rows = runtime.services().store.list_all()
                return bool(rows) and rows[0].attempts >= 2
            finally:
                runtime.close()

        wait_until(retried, timeout=60, interval=0.5, what="two failed attempts")
        assert smtp.handler.keys() == []
        smtp.start()
        wait_until(lambda: len(smtp.handler.keys()) >= 1, timeout=60, what="the delivery")
        time.sleep(3)

    rows = stored_rows(env)
    assert list(rows.values()) == [SENT]
    assert_each_once(smtp, set(rows))


def test_redis_restart_loses_nothing(postgres_url: str, tmp_path: Path, smtp: SmtpServer) -> None:
    redis_server = RedisServer(tmp_path)
    redis_server.start()
    smtp.start()
    env = worker_env(
        postgres_url,
        tmp_path / "var",
        smtp.port,
        broker_url=redis_server.url,
        DOITAC_REQUEUE_AFTER="3",
    )
    try:
        writer = build_writer(env)
        try:
            register_partners(writer)
            run_procedure(writer, "inform_partners")
            # Tasks are queued in Redis while no worker runs, then lost with the restart.
            queued = subprocess.run(
                [DOITAC, "notifications", "process"], env=env, timeout=60, capture_output=True
            )
            assert queued.returncode == 0, queued.stderr
            assert "đã đưa 1 thông báo vào hàng gửi" in queued.stdout.decode()
            redis_server.stop()
            redis_server.start()
            redis_server.stop()

            # An event stored while Redis is down.
            continue_to_suspension(writer)
            offline = subprocess.run(
                [DOITAC, "notifications", "process"], env=env, timeout=60, capture_output=True
            )
            assert offline.returncode == 0, offline.stderr
            assert "đã đưa 0 thông báo vào hàng gửi" in offline.stdout.decode()
        finally:
            writer.close()

        redis_server.start()
        with processes() as started:
            start(started, ["worker", "--pool", "solo"], env, tmp_path / "w.log")
            start(
                started,
                ["beat", "--schedule-file", str(tmp_path / "beat.db")],
                env,
                tmp_path / "b.log",
            )
            expected = len(stored_rows(env))
            wait_until(
                lambda: len(smtp.handler.keys()) >= expected, timeout=60, what="all messages"
            )
            time.sleep(3)
    finally:
        redis_server.stop()

    rows = stored_rows(env)
    assert expected >= 2
    assert set(rows.values()) == {SENT}
    assert_each_once(smtp, set(rows))


def continue_to_suspension(app: PartnershipApplication) -> None:
    """Continue the procedure from the partners being informed up to a suspension."""
    for line in procedure_lines("sign_agreement")[5:]:
        submit(app, line)
    submit(
        app,
        command_line(
            "record_violation",
            {
                "partnership": REFERENCE,
                "tax_number": "0100109106",
                "kind": "smuggling",
                "description": "Buôn lậu",
            },
            occurred_on="2025-06-02",
            legal_basis=basis("77/QĐ-XPVPHC", "2025-06-02"),
        ),
    )


def test_report_tasks_from_two_beats_produce_once(postgres_url: str, tmp_path: Path) -> None:
    require_redis()
    env = worker_env(postgres_url, tmp_path / "var", 25)
    writer = build_writer(env)
    try:
        activate_with_focal_points(writer)
    finally:
        writer.close()
    at = datetime(2025, 3, 31, 17, 5, tzinfo=UTC).isoformat()

    with processes() as started:
        start(
            started, ["worker", "--pool", "prefork", "--concurrency", "2"], env, tmp_path / "w.log"
        )
        # The same scheduled task sent by two beat processes at the same tick.
        runtime = build_celery(Settings.from_env(env))
        try:
            for _ in range(2):
                runtime.tasks.produce_reports.apply_async(("quarterly", at))

            def produced() -> bool:
                reports = runtime.services().store.list_reports()
                return len(reports) == 2 and all(r["path"] for r in reports)

            wait_until(produced, timeout=60, interval=0.3, what="two reports")
            time.sleep(2)
            reports = runtime.services().store.list_reports()
        finally:
            runtime.close()

    assert [(r["kind"], r["unit"], r["period"]) for r in reports] == [
        ("appendix_ii", "00", "2025-Q1"),
        ("appendix_iii", "00", "2025-Q1"),
    ]
    files = sorted(p.name for p in (tmp_path / "var" / "reports" / "2025-Q1").iterdir())
    assert files == ["appendix_ii-00.docx", "appendix_iii-00.docx"]
