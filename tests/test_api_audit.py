"""The verification endpoints: one partnership's chain, and the whole store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from api.context import ApiContext
from tests.api_helpers import ApiClient, client_for, http_app_on, partner_lines
from tests.audit_store import StoreEditor
from tests.scenario import REFERENCE, procedure_lines


@pytest.fixture
def http_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    with http_app_on(database_url, tmp_path) as app:
        yield app


@pytest.fixture
def officer(http_app: Flask) -> ApiClient:
    client = client_for(http_app, "officer", "00")
    for line in partner_lines() + procedure_lines():
        assert client.send(line).status_code in (200, 201)
    return client


def partnership_id(app: Flask) -> str:
    context: ApiContext = app.extensions["doitac"]
    return str(context.application.get_partnership(REFERENCE).id)


def test_intact_partnership_verifies(officer: ApiClient) -> None:
    response = officer.get(f"/verify/partnerships/{REFERENCE}")

    assert response.status_code == 200
    assert response.json["ok"] is True
    assert response.json["last_version"] == 10
    assert response.json["broken"] is None


def test_altered_event_reported(http_app: Flask, officer: ApiClient, database_url: str) -> None:
    editor = StoreEditor(database_url)
    context: ApiContext = http_app.extensions["doitac"]
    stream = context.application.get_partnership(REFERENCE).id
    version, _topic, state = editor.rows(stream)[4]
    assert b"official_letter" in state
    editor.set_state(stream, version, state.replace(b"official_letter", b"email"))
    board = client_for(http_app, "central_board", "00-CCHDH")

    single = officer.get(f"/verify/partnerships/{REFERENCE}")
    everything = board.get("/verify")

    assert single.json["ok"] is False
    assert single.json["broken"]["version"] == 5
    assert single.json["broken"]["reason"] == "mismatch"
    assert everything.status_code == 200
    assert everything.json["ok"] is False
    assert [b["originator_id"] for b in everything.json["broken"]] == [partnership_id(http_app)]


def test_store_check_for_central_board_only(http_app: Flask, officer: ApiClient) -> None:
    auditor = client_for(http_app, "auditor", "02")

    denied = officer.get("/verify")
    out_of_scope = auditor.get(f"/verify/partnerships/{REFERENCE}")

    assert denied.status_code == 403
    assert denied.json["code"] == "forbidden"
    assert out_of_scope.status_code == 403
