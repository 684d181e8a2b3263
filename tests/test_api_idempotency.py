"""Writes that can be retried: Idempotency-Key replays, key reuse, expiry, If-Match and
concurrent writes to one partnership."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from flask import Flask

from tests.api_helpers import ApiClient, client_for, event_count, http_app_on, partner_lines
from tests.scenario import REFERENCE, basis, command_line, procedure_lines


@pytest.fixture
def http_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    with http_app_on(database_url, tmp_path) as app:
        yield app


@pytest.fixture
def officer(http_app: Flask) -> ApiClient:
    return client_for(http_app, "officer", "00")


def publicity_line(number: int) -> dict[str, object]:
    return command_line(
        "record_publicity",
        {
            "partnership": REFERENCE,
            "channel": "Cổng thông tin điện tử",
            "description": f"Bài viết số {number}",
        },
        occurred_on="2025-05-01",
    )


def activate(client: ApiClient) -> None:
    for line in partner_lines() + procedure_lines():
        assert client.send(line).status_code in (200, 201)


def test_same_key_same_body_replays(http_app: Flask, officer: ApiClient) -> None:
    line = procedure_lines("determine_content")[0]
    first = officer.send(line, key="key-1")
    after_first = event_count(http_app)

    second = officer.send(line, key="key-1")

    assert first.status_code == 201
    assert second.status_code == 201
    assert second.json == first.json
    assert second.headers["Idempotent-Replayed"] == "true"
    assert second.headers["ETag"] == first.headers["ETag"]
    assert event_count(http_app) == after_first


def test_same_key_other_body_rejected(http_app: Flask, officer: ApiClient) -> None:
    line = procedure_lines("determine_content")[0]
    officer.send(line, key="key-1")
    before = event_count(http_app)
    line["data"]["title"] = "Một tiêu đề khác"

    response = officer.send(line, key="key-1")

    assert response.status_code == 422
    assert response.json is not None
    assert response.json["code"] == "idempotency_key_reused"
    assert list(response.json["errors"]) == ["Idempotency-Key"]
    assert event_count(http_app) == before


def test_failed_request_can_be_retried(http_app: Flask, officer: ApiClient) -> None:
    determine, select_scope = procedure_lines("select_scope")
    officer.send(determine)
    failed = officer.send(select_scope, key="scope-key")
    assert failed.status_code == 404
    for line in partner_lines():
        officer.send(line)

    retried = officer.send(select_scope, key="scope-key")

    assert retried.status_code == 200, retried.json
    assert "Idempotent-Replayed" not in retried.headers
    assert retried.json is not None
    assert retried.json["events"] == ["ScopeSelected"]


def test_keys_are_per_token(http_app: Flask, officer: ApiClient) -> None:
    other = client_for(http_app, "service", "00")
    activate(officer)

    first = officer.send(publicity_line(1), key="shared-key")
    second = other.send(publicity_line(2), key="shared-key")

    assert first.status_code == 200
    assert second.status_code == 200
    assert first.json is not None
    assert second.json is not None
    assert second.json["version"] == first.json["version"] + 1


def test_expired_key_can_be_reused(database_url: str, tmp_path: Path) -> None:
    with http_app_on(database_url, tmp_path, idempotency_key_ttl_seconds=0) as app:
        officer = client_for(app, "officer", "00")
        activate(officer)
        first = officer.send(publicity_line(1), key="short-lived")

        second = officer.send(publicity_line(2), key="short-lived")

        assert first.status_code == 200
        assert second.status_code == 200, second.json
        assert second.json is not None
        assert first.json is not None
        assert second.json["version"] == first.json["version"] + 1


def test_stale_if_match_gets_409(http_app: Flask, officer: ApiClient) -> None:
    activate(officer)
    before = event_count(http_app)

    response = officer.send(publicity_line(1), headers={"If-Match": '"9"'})

    assert response.status_code == 409
    assert response.json is not None
    assert response.json["code"] == "conflict"
    assert response.json["current_version"] == 10
    assert response.headers["ETag"] == '"10"'
    assert event_count(http_app) == before


def test_current_if_match_applies(officer: ApiClient) -> None:
    activate(officer)

    response = officer.send(publicity_line(1), headers={"If-Match": '"10"'})

    assert response.status_code == 200, response.json
    assert response.headers["ETag"] == '"11"'


def test_malformed_if_match_rejected(http_app: Flask, officer: ApiClient) -> None:
    activate(officer)
    before = event_count(http_app)

    response = officer.send(publicity_line(1), headers={"If-Match": "latest"})

    assert response.status_code == 422
    assert response.json is not None
    assert list(response.json["errors"]) == ["If-Match"]
    assert event_count(http_app) == before


def test_concurrent_writes_all_apply(http_app: Flask, officer: ApiClient) -> None:
    activate(officer)
    writers = 6

    def write(number: int) -> int:
        client = ApiClient(http_app.test_client(), officer.bearer)
        return client.send(publicity_line(number), key=str(uuid.uuid4())).status_code

    with ThreadPoolExecutor(max_workers=writers) as pool:
        statuses = list(pool.map(write, range(writers), timeout=60))

    assert statuses == [200] * writers
    state = officer.get(f"/partnerships/{REFERENCE}")
    assert state.json is not None
    assert state.json["version"] == 10 + writers
    assert len(state.json["publicity"]) == writers


def test_violation_legal_basis_required(http_app: Flask, officer: ApiClient) -> None:
    activate(officer)
    line = command_line(
        "record_violation",
        {
            "partnership": REFERENCE,
            "tax_number": "0100109106",
            "kind": "smuggling",
            "description": "x",
        },
        occurred_on="2025-06-10",
    )
    before = event_count(http_app)

    response = officer.send(line, key="violation")

    assert response.status_code == 422
    assert response.json is not None
    assert response.json["code"] == "legal_basis_required"
    assert event_count(http_app) == before
    line["legal_basis"] = basis("88/QĐ-XPVPHC", "2025-06-10")
    assert officer.send(line, key="violation").status_code == 200
