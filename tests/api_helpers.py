"""Helpers for the HTTP API tests: request bodies from the scenario's command lines,
and a client that adds the token and a fresh Idempotency-Key."""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from api.context import ApiContext
from application.settings import Settings
from doitac.bootstrap import build_application, build_http_app
from tests.scenario import ENTERPRISE_TAX_NUMBER, command_line

PARTNER_COMMANDS = {
    "update_partner",
    "add_partner_contact",
    "declare_compliance",
    "record_yearly_tax",
}


def request_for(line: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Return the URL and body that send a scenario command line over HTTP."""
    line = copy.deepcopy(line)
    name = line["command"]
    body = {key: value for key, value in line.items() if key not in ("id", "command")}
    data = dict(line["data"])
    body["data"] = data
    if name == "register_partner":
        return "/partners", body
    if name == "determine_content":
        return "/partnerships", body
    if name in PARTNER_COMMANDS:
        return f"/partners/{data.pop('tax_number')}/{name}", body
    return f"/partnerships/{data.pop('partnership')}/{name}", body


def partner_lines() -> list[dict[str, Any]]:
    """Return the commands that register the scenario's enterprise with two compliant years."""
    lines = [
        command_line(
            "register_partner",
            {
                "tax_number": ENTERPRISE_TAX_NUMBER,
                "name": "Công ty TNHH Thương mại Đông Á",
                "partner_type": "import_export_enterprise",
                "address": "12 Tràng Tiền, Hà Nội",
            },
            occurred_on="2024-12-02",
        )
    ]
    for year in (2023, 2024):
        data = {
            "tax_number": ENTERPRISE_TAX_NUMBER,
            "year": year,
            "tax_duties_met": True,
            "no_violation": True,
            "no_smuggling": True,
            "evidence": f"Xác nhận của cơ quan thuế năm {year}",
        }
        lines.append(command_line("declare_compliance", data, occurred_on="2025-01-15"))
    return lines


@dataclass
class ApiClient:
    """A test client that sends one token's requests."""

    client: FlaskClient
    bearer: str

    def headers(self, key: str | None, extra: dict[str, str] | None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.bearer}", **(extra or {})}
        headers["Idempotency-Key"] = key or str(uuid.uuid4())
        return headers

    def get(self, path: str, **kwargs: Any) -> TestResponse:
        return self.client.get(path, headers={"Authorization": f"Bearer {self.bearer}"}, **kwargs)

    def post(
        self, path: str, body: Any, key: str | None = None, headers: dict[str, str] | None = None
    ) -> TestResponse:
        return self.client.post(path, json=body, headers=self.headers(key, headers))

    def send(
        self, line: dict[str, Any], key: str | None = None, headers: dict[str, str] | None = None
    ) -> TestResponse:
        path, body = request_for(line)
        return self.post(path, body, key, headers)


def client_for(app: Flask, role: str, unit: str) -> ApiClient:
    context: ApiContext = app.extensions["doitac"]
    _, bearer = context.tokens.create(role, unit, f"test {role} {unit}")
    return ApiClient(app.test_client(), bearer)


def event_count(app: Flask) -> int:
    context: ApiContext = app.extensions["doitac"]
    return context.application.recorder.max_notification_id() or 0


@contextmanager
def http_app_on(database_url: str, tmp_path: Path, **options: Any) -> Iterator[Flask]:
    """Build the HTTP app on a fresh database and close its application afterwards."""
    settings = Settings(database_url=database_url, var_dir=tmp_path / "var")
    application = build_application(settings)
    try:
        yield build_http_app(settings, application=application, testing=True, **options)
    finally:
        application.close()
