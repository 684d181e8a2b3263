"""Benchmark: commands per second over HTTP (gunicorn on 127.0.0.1) against direct
application calls, on the same PostgreSQL database, with 1 client and with 8 concurrent
clients. Each command registers a new partner, so every command costs the same.

Run: .venv/bin/python bench/api.py [--commands N] [--workers W] [--threads T]
PostgreSQL is the server at 127.0.0.1:5432, database ``test``, user ``postgres``. Each
run uses a fresh schema and drops it afterwards. Targets: HTTP with 1 client at least
0.5 of direct calls with 1 client; HTTP with 8 clients at least 1.5 times 1 client.
"""

from __future__ import annotations

import argparse
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# This file is named api.py, so the repository root must come before its own folder on
# the import path, or ``import api`` would import this file.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import requests
from stores import postgres_url

from api.storage import TokenStore
from application.commands import Command
from application.schemas import CommandEnvelopeSchema
from application.settings import Settings
from doitac.bootstrap import build_api_tables, build_application

BIN = Path(sys.executable).parent
START_TIMEOUT = 30.0
REQUEST_TIMEOUT = 30.0
TAX_WEIGHTS = (31, 29, 23, 19, 17, 13, 7, 5, 3)


def tax_numbers() -> Iterator[str]:
    """Yield valid 10-digit Vietnamese tax numbers, each once per run."""
    start = int(time.time() * 1000) % 10**8
    for base in itertools.count(start):
        digits = f"0{base % 10**8:08d}"
        check = 10 - sum(w * int(d) for w, d in zip(TAX_WEIGHTS, digits, strict=True)) % 11
        if check < 10:
            yield f"{digits}{check}"


class CommandSource:
    """A source of register_partner commands with fresh tax numbers, safe across threads."""

    def __init__(self) -> None:
        self._numbers = tax_numbers()
        self._lock = threading.Lock()

    def next_line(self) -> dict[str, Any]:
        with self._lock:
            tax_number = next(self._numbers)
        return {
            "id": f"bench-{uuid.uuid4().hex}",
            "command": "register_partner",
            "submitted_at": "2025-12-01T09:00:00+07:00",
            "actor": {"name": "Dịch vụ thử tải", "unit": "00"},
            "occurred_on": "2025-12-01",
            "legal_basis": None,
            "data": {
                "tax_number": tax_number,
                "name": f"Công ty thử tải {tax_number}",
                "partner_type": "import_export_enterprise",
                "address": "1 Nguyễn Huệ, Thành phố Hồ Chí Minh",
            },
        }


def measure(clients: int, commands: int, send: Callable[[], None]) -> float:
    """Run ``commands`` calls of ``send`` spread over ``clients`` threads; return calls/s."""
    per_client = commands // clients

    def run_client(_: int) -> None:
        for _ in range(per_client):
            send()

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        list(pool.map(run_client, range(clients), timeout=600))
    return per_client * clients / (time.perf_counter() - started)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def gunicorn(env: dict[str, str], workers: int, threads: int, log: Path) -> Iterator[str]:
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "doitac.bootstrap:build_http_app()",
    ]
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=output)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start: {log.read_text()[-2000:]}")
            try:
                if requests.get(f"{url}/readyz", timeout=1).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=400, help="commands per measurement")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the median is shown")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    args = parser.parse_args()

    source = CommandSource()
    schema = CommandEnvelopeSchema()
    rates: dict[str, list[float]] = {}
    with postgres_url("bench_api") as database_url, tempfile.TemporaryDirectory() as folder:
        settings = Settings(database_url=database_url, var_dir=Path(folder) / "var")
        app = build_application(settings)
        tokens = TokenStore(build_api_tables(app))
        _, bearer = tokens.create("service", "00", "benchmark")
        env = {
            **os.environ,
            "DOITAC_DATABASE_URL": database_url,
            "DOITAC_VAR_DIR": str(Path(folder) / "var"),
        }

        def direct() -> None:
            app.execute(Command.from_loaded(schema.load(source.next_line())))

        with gunicorn(env, args.workers, args.threads, Path(folder) / "gunicorn.log") as url:
            local = threading.local()

            def over_http() -> None:
                session = getattr(local, "session", None)
                if session is None:
                    session = local.session = requests.Session()
                line = source.next_line()
                body = {k: v for k, v in line.items() if k not in ("id", "command")}
                response = session.post(
                    f"{url}/partners",
                    json=body,
                    headers={"Authorization": f"Bearer {bearer}", "Idempotency-Key": line["id"]},
                    timeout=REQUEST_TIMEOUT,
                )
                if response.status_code != 201:
                    raise SystemExit(f"HTTP {response.status_code}: {response.text}")

            # Warm up the connection pools and the code paths before measuring.
            measure(1, 20, direct)
            measure(8, 40, over_http)
            # The rounds interleave the four measurements, so that a change in the load
            # of the machine during the run affects all of them alike.
            for _ in range(args.rounds):
                for name, clients, send in (
                    ("direct, 1 client", 1, direct),
                    ("HTTP, 1 client", 1, over_http),
                    ("direct, 8 clients", 8, direct),
                    ("HTTP, 8 clients", 8, over_http),
                ):
                    rates.setdefault(name, []).append(measure(clients, args.commands, send))
        app.close()

    print(
        f"commands per measurement: {args.commands}; rounds: {args.rounds}; "
        f"gunicorn --workers {args.workers} --threads {args.threads}"
    )
    results = {name: statistics.median(values) for name, values in rates.items()}
    for name, values in rates.items():
        each = ", ".join(f"{value:.0f}" for value in values)
        print(f"{name:<18} median {results[name]:7.1f} commands/s  (rounds: {each})")
    single = results["HTTP, 1 client"] / results["direct, 1 client"]
    scaling = results["HTTP, 8 clients"] / results["HTTP, 1 client"]
    print(f"HTTP 1 client / direct 1 client: {single:.2f} (target >= 0.5)")
    print(f"HTTP 8 clients / HTTP 1 client: {scaling:.2f} (target >= 1.5)")


if __name__ == "__main__":
    main()
