"""Real servers and processes for the worker tests: a local SMTP server (aiosmtpd),
Celery worker and beat processes started with ``doitac``, and a private Redis server
for the restart test. Every wait is bounded."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
import redis
from aiosmtpd.controller import Controller

from application.service import PartnershipApplication
from tests.scenario import (
    ENTERPRISE_TAX_NUMBER,
    REFERENCE,
    command_line,
    register_partners,
    run_procedure,
    submit,
)

DOITAC = str(Path(sys.executable).parent / "doitac")
TEST_QUEUE_PREFIX = "doitac-test-"
PARTNER_EMAIL = "lienhe@example.com"
CUSTOMS_FOCAL_EMAIL = "dau.moi@customs.example"
PARTNER_FOCAL_EMAIL = "ke.toan@donga.example"
# Database 12 of the shared Redis; each test also uses a queue of its own.
REDIS_URL = os.environ.get("DOITAC_TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


def fail_or_skip(message: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def require_redis(url: str = REDIS_URL) -> None:
    """Skip the test when Redis is unreachable, or fail under CI=true."""
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        fail_or_skip(f"Redis at {url} is unreachable: {error}")


def forget_test_queues(url: str = REDIS_URL) -> None:
    """Delete the Redis keys of the test queues (their bindings and any tasks left)."""
    client = redis.Redis.from_url(url, socket_connect_timeout=3)
    for key in client.scan_iter(match=f"*{TEST_QUEUE_PREFIX}*", count=500):
        client.delete(key)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_until(
    predicate: Callable[[], bool], timeout: float, interval: float = 0.1, what: str = ""
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what or predicate}")


class RecordingHandler:
    """An aiosmtpd handler that keeps each accepted message. While ``stall`` is set the
    DATA reply is delayed, and a message whose client disconnected meanwhile was never
    accepted, so it is not kept. ``reply``, when set, replaces acceptance."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.stall = threading.Event()
        self.data_started = threading.Event()
        self.aborted = threading.Event()
        self.reply: str | None = None
        self.lock = threading.Lock()

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.data_started.set()
        deadline = time.monotonic() + 60
        try:
            while self.stall.is_set() and time.monotonic() < deadline:
                if server.transport is None or server.transport.is_closing():
                    self.aborted.set()
                    return "421 connection closed before the reply"
                await asyncio.sleep(0.05)
        except asyncio.CancelledError:
            # aiosmtpd cancels the handler when the client's connection is lost.
            self.aborted.set()
            raise
        if server.transport is None or server.transport.is_closing():
            self.aborted.set()
            return "421 connection closed before the reply"
        if self.reply is not None:
            return self.reply
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)  # type: ignore[arg-type]
        return "250 Message accepted for delivery"

    def keys(self) -> list[str]:
        with self.lock:
            return [str(message["X-Doitac-Notification"]).strip() for message in self.messages]


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that can be stopped and started on one port."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.handler = RecordingHandler()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class ManagedProcess:
    """A ``doitac`` subcommand in its own process group, so it and its children can be
    killed together."""

    def __init__(self, args: list[str], env: Mapping[str, str], log_path: Path) -> None:
        self.log_path = log_path
        self.log = log_path.open("ab")
        self.process = subprocess.Popen(
            [DOITAC, *args],
            env={**os.environ, **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self) -> None:
        """SIGKILL the whole process group."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.log.close()

    def output(self) -> str:
        return self.log_path.read_text(errors="replace")


def worker_env(
    database_url: str,
    var_dir: Path,
    smtp_port: int,
    broker_url: str = REDIS_URL,
    **overrides: str,
) -> dict[str, str]:
    env = {
        "DOITAC_DATABASE_URL": database_url,
        "DOITAC_VAR_DIR": str(var_dir),
        "DOITAC_BROKER_URL": broker_url,
        "DOITAC_QUEUE": f"{TEST_QUEUE_PREFIX}{uuid.uuid4().hex[:12]}",
        "DOITAC_SMTP_HOST": "127.0.0.1",
        "DOITAC_SMTP_PORT": str(smtp_port),
        "DOITAC_SMTP_TIMEOUT": "1",
        "DOITAC_DELIVERY_LEASE": "7",
        "DOITAC_MAIL_FROM": "doitac@hq.example",
        "DOITAC_MAIL_RETRY_BACKOFF": "1",
        "DOITAC_MAIL_RETRY_BACKOFF_MAX": "2",
        "DOITAC_MAIL_MAX_RETRIES": "30",
        "DOITAC_NOTIFY_INTERVAL": "0.5",
        "DOITAC_DISPATCH_INTERVAL": "1",
        "DOITAC_REQUEUE_AFTER": "30",
        "DOITAC_BROKER_VISIBILITY_TIMEOUT": "3600",
        "DOITAC_LOG_LEVEL": "INFO",
        # The scenarios' steps are dated 2025, older than the default horizon.
        "DOITAC_NOTIFY_MAX_AGE_DAYS": "0",
    }
    env.update(overrides)
    return env


@contextmanager
def processes() -> Iterator[list[ManagedProcess]]:
    """Collect started processes and stop every one of them at the end."""
    started: list[ManagedProcess] = []
    try:
        yield started
    finally:
        for process in started:
            process.stop()


class RedisServer:
    """A private redis-server on a free port of 127.0.0.1, without persistence, that a
    test may stop and start again."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            fail_or_skip("redis-server is not installed; the Redis restart test needs it")
            return
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        wait_until(lambda: _pings(client), timeout=10, what="redis-server to start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


def _pings(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.RedisError:
        return False


def activate_with_focal_points(app: PartnershipApplication) -> None:
    """Run the procedure to an active partnership and designate a focal point on each side."""
    register_partners(app)
    run_procedure(app)
    ref = {"partnership": REFERENCE}
    submit(
        app,
        command_line(
            "designate_focal_point",
            {
                **ref,
                "side": "customs",
                "person": {
                    "name": "Lê Văn Cường",
                    "title": "Trưởng phòng",
                    "email": CUSTOMS_FOCAL_EMAIL,
                },
            },
            occurred_on="2025-04-02",
        ),
    )
    submit(
        app,
        command_line(
            "designate_focal_point",
            {
                **ref,
                "side": "partner",
                "tax_number": ENTERPRISE_TAX_NUMBER,
                "person": {
                    "name": "Phạm Thị Dung",
                    "title": "Kế toán trưởng",
                    "email": PARTNER_FOCAL_EMAIL,
                },
            },
            occurred_on="2025-04-02",
        ),
    )
