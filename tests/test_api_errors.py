"""Bad input: each rejection has its status, a stable code, a Vietnamese message and
per-field errors, and writes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.test import TestResponse

from api.context import MAX_BODY_BYTES
from tests.api_helpers import ApiClient, client_for, event_count, http_app_on, request_for
from tests.scenario import REFERENCE, procedure_lines


@pytest.fixture
def http_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    with http_app_on(database_url, tmp_path) as app:
        yield app


@pytest.fixture
def officer(http_app: Flask) -> ApiClient:
    return client_for(http_app, "officer", "00")


def determine_content_body() -> tuple[str, dict[str, Any]]:
    return request_for(procedure_lines("determine_content")[0])


def assert_rejected(
    http_app: Flask, response: TestResponse, status: int, code: str, before: int
) -> dict[str, Any]:
    body: dict[str, Any] = response.json or {}
    assert response.status_code == status, body
    assert body["code"] == code
    assert body["status"] == status
    assert body["message"]
    assert "Traceback" not in json.dumps(body)
    assert event_count(http_app) == before
    return body


def test_unknown_nested_field_has_dotted_path(http_app: Flask, officer: ApiClient) -> None:
    path, body = determine_content_body()
    body["data"]["assessment"]["extra"] = "x"
    body["actor"]["nickname"] = "An"
    before = event_count(http_app)

    error = assert_rejected(http_app, officer.post(path, body), 422, "invalid_request", before)

    assert error["errors"] == {
        "data.assessment.extra": ["Trường không được chấp nhận."],
        "actor.nickname": ["Trường không được chấp nhận."],
    }


def test_unknown_top_level_field_rejected(http_app: Flask, officer: ApiClient) -> None:
    path, body = determine_content_body()
    body["id"] = "client-chosen-id"
    before = event_count(http_app)

    error = assert_rejected(http_app, officer.post(path, body), 422, "invalid_request", before)

    assert error["errors"] == {"id": ["Trường không được chấp nhận."]}


def test_url_field_in_body_rejected(http_app: Flask, officer: ApiClient) -> None:
    officer.send(procedure_lines("determine_content")[0])
    path, body = request_for(procedure_lines("select_scope")[1])
    body["data"]["partnership"] = REFERENCE
    before = event_count(http_app)

    error = assert_rejected(http_app, officer.post(path, body), 422, "invalid_request", before)

    assert list(error["errors"]) == ["data.partnership"]


def test_time_without_offset_rejected(http_app: Flask, officer: ApiClient) -> None:
    path, body = determine_content_body()
    body["submitted_at"] = "2025-12-01T09:00:00"
    before = event_count(http_app)

    error = assert_rejected(http_app, officer.post(path, body), 422, "invalid_request", before)

    messages = error["errors"]["submitted_at"]
    assert "múi giờ" in messages[0]


def test_missing_and_wrong_types(http_app: Flask, officer: ApiClient) -> None:
    path, body = determine_content_body()
    del body["actor"]
    body["data"]["planning_year"] = "2025"
    body["data"]["content_areas"] = ["i", "ix"]
    before = event_count(http_app)

    error = assert_rejected(http_app, officer.post(path, body), 422, "invalid_request", before)

    assert set(error["errors"]) == {
        "actor",
        "data.planning_year",
        "data.content_areas.1",
    }


def test_body_that_is_not_an_object(http_app: Flask, officer: ApiClient) -> None:
    before = event_count(http_app)

    error = assert_rejected(
        http_app, officer.post("/partnerships", [1, 2]), 422, "invalid_request", before
    )

    assert error["errors"] == {"_schema": ["Dữ liệu phải là một đối tượng JSON."]}


def test_domain_rule_error_names_field(http_app: Flask, officer: ApiClient) -> None:
    officer.send(procedure_lines("determine_content")[0])
    before = event_count(http_app)
    skipped = procedure_lines("sign_memorandum")[-1]

    error = assert_rejected(http_app, officer.send(skipped), 422, "step_out_of_order", before)

    assert error["message"]


def test_unknown_partner_in_body(http_app: Flask, officer: ApiClient) -> None:
    officer.send(procedure_lines("determine_content")[0])
    before = event_count(http_app)

    error = assert_rejected(
        http_app, officer.send(procedure_lines("select_scope")[1]), 404, "partner_not_found", before
    )

    assert list(error["errors"]) == ["data.partners.0"]


def test_unknown_partnership_in_url(http_app: Flask, officer: ApiClient) -> None:
    before = event_count(http_app)
    line = procedure_lines("select_scope")[1]

    assert_rejected(http_app, officer.send(line), 404, "partnership_not_found", before)


def test_body_over_limit_gets_413(http_app: Flask, officer: ApiClient) -> None:
    path, body = determine_content_body()
    body["data"]["title"] = "x" * (MAX_BODY_BYTES + 1)
    before = event_count(http_app)

    assert_rejected(http_app, officer.post(path, body), 413, "payload_too_large", before)


def test_wrong_content_type_gets_415(http_app: Flask, officer: ApiClient) -> None:
    path, body = determine_content_body()
    before = event_count(http_app)

    response = officer.client.post(
        path, data=json.dumps(body), headers=officer.headers(None, {"Content-Type": "text/plain"})
    )

    assert_rejected(http_app, response, 415, "unsupported_media_type", before)


def test_invalid_json_gets_400(http_app: Flask, officer: ApiClient) -> None:
    before = event_count(http_app)

    response = officer.client.post(
        "/partnerships",
        data=b'{"actor": ',
        headers=officer.headers(None, {"Content-Type": "application/json"}),
    )

    assert_rejected(http_app, response, 400, "invalid_json", before)


def test_missing_idempotency_key(http_app: Flask, officer: ApiClient) -> None:
    path, body = determine_content_body()
    before = event_count(http_app)

    response = officer.client.post(
        path, json=body, headers={"Authorization": f"Bearer {officer.bearer}"}
    )

    error = assert_rejected(http_app, response, 422, "invalid_request", before)
    assert list(error["errors"]) == ["Idempotency-Key"]


def test_unknown_query_parameter(officer: ApiClient) -> None:
    response = officer.get("/partners?color=red")

    assert response.status_code == 422
    assert response.json is not None
    assert response.json["errors"] == {"color": ["Trường không được chấp nhận."]}


def test_unknown_path_and_method(officer: ApiClient) -> None:
    missing = officer.get("/no-such-thing")
    assert missing.status_code == 404
    assert missing.json is not None
    assert missing.json["code"] == "not_found"

    wrong_method = officer.client.delete("/partnerships")
    assert wrong_method.status_code == 405
    assert wrong_method.json is not None
    assert wrong_method.json["code"] == "method_not_allowed"
