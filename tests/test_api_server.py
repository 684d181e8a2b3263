"""The API as a user runs it: ``doitac serve`` (and gunicorn) as a process on 127.0.0.1
over PostgreSQL, tokens made with ``doitac tokens``, requests over real HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from api.context import TOKEN_CACHE_SECONDS
from tests.api_helpers import partner_lines, request_for
from tests.scenario import REFERENCE, command_line, procedure_lines

BIN = Path(sys.executable).parent
START_TIMEOUT = 30.0
STOP_TIMEOUT = 10.0
REQUEST_TIMEOUT = 10.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class Server:
    """One server process on 127.0.0.1, started and stopped by the test."""

    def __init__(self, command: list[str], env: dict[str, str], log_path: Path) -> None:
        self.command = command
        self.env = env
        self.log_path = log_path
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        args = [part.replace("{port}", str(self.port)) for part in self.command]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(args, env=self.env, stdout=log, stderr=log)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                if requests.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError(f"server not ready in {START_TIMEOUT}s: {self.log_path.read_text()}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT)
        self.process = None


@pytest.fixture
def server_env(postgres_url: str, tmp_path: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DOITAC_DATABASE_URL": postgres_url,
        "DOITAC_VAR_DIR": str(tmp_path / "var"),
    }


@pytest.fixture
def server(server_env: dict[str, str], tmp_path: Path) -> Iterator[Server]:
    command = [str(BIN / "doitac"), "serve", "--port", "{port}"]
    running = Server(command, server_env, tmp_path / "server.log")
    running.start()
    try:
        yield running
    finally:
        running.stop()


def doitac(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "doitac"), *args], env=env, capture_output=True, text=True, timeout=60
    )


def create_token(env: dict[str, str], role: str, unit: str) -> str:
    result = doitac(env, "tokens", "create", "--role", role, "--unit", unit, "--label", "test")
    assert result.returncode == 0, result.stderr
    bearer = result.stdout.strip().splitlines()[-1]
    assert bearer.startswith("doitac_")
    return bearer


def post(server: Server, bearer: str, line: dict[str, Any], key: str) -> requests.Response:
    path, body = request_for(line)
    return requests.post(
        f"{server.url}{path}",
        json=body,
        headers={"Authorization": f"Bearer {bearer}", "Idempotency-Key": key},
        timeout=REQUEST_TIMEOUT,
    )


def test_whole_procedure_over_http(server: Server, server_env: dict[str, str]) -> None:
    bearer = create_token(server_env, "officer", "00")
    auditor = create_token(server_env, "auditor", "00")

    for line in partner_lines() + procedure_lines():
        response = post(server, bearer, line, str(uuid.uuid4()))
        assert response.status_code in (200, 201), (line["command"], response.text)

    history = requests.get(
        f"{server.url}/partnerships/{REFERENCE}/history",
        headers={"Authorization": f"Bearer {auditor}"},
        timeout=REQUEST_TIMEOUT,
    )
    assert history.status_code == 200
    entries = history.json()["entries"]
    assert len(entries) == 10
    assert entries[-1]["event"] == "AgreementSigned"

    audit_write = post(server, auditor, partner_lines()[0], str(uuid.uuid4()))
    assert audit_write.status_code == 403
    assert audit_write.json()["code"] == "forbidden"


def test_idempotency_survives_restart(server: Server, server_env: dict[str, str]) -> None:
    bearer = create_token(server_env, "service", "00")
    line = procedure_lines("determine_content")[0]
    first = post(server, bearer, line, "restart-key")
    assert first.status_code == 201

    server.stop()
    server.start()
    replay = post(server, bearer, line, "restart-key")
    line["data"]["title"] = "Tiêu đề khác"
    reused = post(server, bearer, line, "restart-key")

    assert replay.status_code == 201
    assert replay.json() == first.json()
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert reused.status_code == 422
    assert reused.json()["code"] == "idempotency_key_reused"
    history = requests.get(
        f"{server.url}/partnerships/{REFERENCE}/history",
        headers={"Authorization": f"Bearer {bearer}"},
        timeout=REQUEST_TIMEOUT,
    )
    assert len(history.json()["entries"]) == 1


def test_revoked_token_rejected(server: Server, server_env: dict[str, str]) -> None:
    bearer = create_token(server_env, "officer", "02")
    token_id = bearer.split("_")[1]
    headers = {"Authorization": f"Bearer {bearer}"}
    assert requests.get(f"{server.url}/units", headers=headers, timeout=10).status_code == 200

    revoked = doitac(server_env, "tokens", "revoke", token_id)
    listing = doitac(server_env, "tokens", "list")
    # The server process keeps an active token for TOKEN_CACHE_SECONDS after reading it.
    time.sleep(TOKEN_CACHE_SECONDS + 0.5)
    response = requests.get(f"{server.url}/units", headers=headers, timeout=REQUEST_TIMEOUT)

    assert revoked.returncode == 0, revoked.stderr
    assert "đã thu hồi" in listing.stdout
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert doitac(server_env, "tokens", "revoke", token_id).returncode == 1


def test_gunicorn_serves_the_factory(server_env: dict[str, str], tmp_path: Path) -> None:
    command = [
        str(BIN / "gunicorn"),
        "--workers",
        "2",
        "--bind",
        "127.0.0.1:{port}",
        "doitac.bootstrap:build_http_app()",
    ]
    # Creating the token first also creates the master key file, which two workers
    # starting at once on an empty folder would otherwise both try to create.
    bearer = create_token(server_env, "officer", "00")
    running = Server(command, server_env, tmp_path / "gunicorn.log")
    running.start()
    try:
        line = command_line(
            "register_partner",
            {
                "tax_number": "0100109106",
                "name": "Công ty TNHH Thương mại Đông Á",
                "partner_type": "import_export_enterprise",
                "address": "12 Tràng Tiền, Hà Nội",
            },
            occurred_on="2024-12-02",
        )
        response = post(running, bearer, line, "gunicorn-key")
        assert response.status_code == 201, response.text
    finally:
        running.stop()


def readme_example(path: Path) -> str:
    """Return the shell block that follows the ``api-example`` marker of a README."""
    text = path.read_text(encoding="utf-8")
    after_marker = text.split("<!-- api-example", 1)[1]
    return after_marker.split("```sh\n", 1)[1].split("```", 1)[0]


def test_readme_example_runs(server: Server, server_env: dict[str, str]) -> None:
    root = Path(__file__).resolve().parent.parent
    script = readme_example(root / "README.md")
    assert readme_example(root / "README.vi.md") == script
    env = {**server_env, "PATH": f"{BIN}{os.pathsep}{server_env.get('PATH', '')}"}

    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script.replace("http://127.0.0.1:8000", server.url)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    history = json.loads(result.stdout.strip().splitlines()[-1])
    assert [entry["event"] for entry in history["entries"]][-1] == "AgreementSigned"
    assert len(history["entries"]) == 10


def test_token_for_unknown_unit_rejected(server_env: dict[str, str]) -> None:
    result = doitac(server_env, "tokens", "create", "--role", "officer", "--unit", "XX")
    listing = doitac(server_env, "tokens", "list")

    assert result.returncode == 1
    assert "[unknown_unit]" in result.stderr
    assert listing.stdout.strip() == "Chưa có mã truy cập nào."
