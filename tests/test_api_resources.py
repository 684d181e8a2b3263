"""Every endpoint through the Flask test client, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask

from api.schemas import CREATE_COMMANDS, PARTNER_COMMANDS, URL_FIELDS, request_schema
from application.schemas import COMMAND_SCHEMAS, CommandEnvelopeSchema
from tests.api_helpers import ApiClient, client_for, event_count, http_app_on, partner_lines
from tests.scenario import (
    ENTERPRISE_TAX_NUMBER,
    REFERENCE,
    SERVICE_TAX_NUMBER,
    basis,
    command_line,
    procedure_lines,
)


@pytest.fixture
def http_app(database_url: str, tmp_path: Path) -> Iterator[Flask]:
    with http_app_on(database_url, tmp_path) as app:
        yield app


@pytest.fixture
def officer(http_app: Flask) -> ApiClient:
    return client_for(http_app, "officer", "00")


def submit_procedure(client: ApiClient, until: str = "sign_agreement") -> None:
    for line in partner_lines() + procedure_lines(until):
        response = client.send(line)
        assert response.status_code in (200, 201), (line["command"], response.json)


def test_procedure_over_http(http_app: Flask, officer: ApiClient) -> None:
    created = officer.send(partner_lines()[0])
    assert created.status_code == 201
    assert created.json is not None
    assert created.json["events"] == ["Registered"]
    assert created.json["version"] == 1
    assert created.headers["ETag"] == '"1"'

    for line in partner_lines()[1:] + procedure_lines():
        response = officer.send(line)
        expected = 201 if line["command"] == "determine_content" else 200
        assert response.status_code == expected, (line["command"], response.json)

    state = officer.get(f"/partnerships/{REFERENCE}")
    assert state.status_code == 200
    assert state.json is not None
    assert state.json["state"] == "active"
    assert state.json["version"] == 10
    assert state.json["lead_unit"] == "00"
    assert state.json["agreement"]["signed_on"] == "2025-04-01"
    assert state.headers["ETag"] == '"10"'


def test_state_as_of_date_and_version(officer: ApiClient) -> None:
    submit_procedure(officer)

    by_date = officer.get(f"/partnerships/{REFERENCE}?as_of=2025-02-04")
    assert by_date.status_code == 200
    assert by_date.json is not None
    assert by_date.json["state"] == "preparing"
    assert by_date.json["version"] == 4

    by_version = officer.get(f"/partnerships/{REFERENCE}?version=2")
    assert by_version.status_code == 200
    assert by_version.json is not None
    assert by_version.json["state"] == "scoped"

    before = officer.get(f"/partnerships/{REFERENCE}?as_of=2024-12-31")
    assert before.status_code == 404
    assert before.json is not None
    assert before.json["code"] == "not_determined_yet"

    missing_version = officer.get(f"/partnerships/{REFERENCE}?version=99")
    assert missing_version.status_code == 404
    assert missing_version.json is not None
    assert missing_version.json["code"] == "version_not_found"

    both = officer.get(f"/partnerships/{REFERENCE}?version=2&as_of=2025-02-04")
    assert both.status_code == 422
    assert both.json is not None
    assert both.json["code"] == "invalid_request"


def test_history_lists_every_step(officer: ApiClient) -> None:
    submit_procedure(officer)

    history = officer.get(f"/partnerships/{REFERENCE}/history")
    assert history.status_code == 200
    assert history.json is not None
    entries = history.json["entries"]
    assert [entry["version"] for entry in entries] == list(range(1, 11))
    assert entries[0]["event"] == "ContentDetermined"
    assert entries[0]["occurred_on"] == "2025-01-06"
    assert entries[0]["actor_unit"] == "00"
    assert entries[3]["legal_basis"] == {"number": "15/QĐ-TCHQ", "issued_on": "2025-02-03"}
    assert entries[-1]["event"] == "AgreementSigned"
    assert entries[-1]["description"].startswith("Ký văn bản thoả thuận")
    assert entries[-1]["recorded_at"].endswith("+00:00")

    up_to_version = officer.get(f"/partnerships/{REFERENCE}/history?version=3")
    assert up_to_version.json is not None
    assert len(up_to_version.json["entries"]) == 3

    up_to_date = officer.get(f"/partnerships/{REFERENCE}/history?as_of=2025-02-05")
    assert up_to_date.json is not None
    assert [e["event"] for e in up_to_date.json["entries"]][-1] == "PartnersInformed"


def test_violation_suspends_partnership(officer: ApiClient) -> None:
    submit_procedure(officer)
    line = command_line(
        "record_violation",
        {
            "partnership": REFERENCE,
            "tax_number": ENTERPRISE_TAX_NUMBER,
            "kind": "smuggling",
            "description": "Buôn lậu hàng hoá qua cảng",
        },
        occurred_on="2025-06-10",
        legal_basis=basis("88/QĐ-XPVPHC", "2025-06-10"),
    )

    response = officer.send(line)

    assert response.status_code == 200, response.json
    assert response.json is not None
    assert response.json["events"][:2] == ["ViolationRecorded", "Suspended"]
    state = officer.get(f"/partnerships/{REFERENCE}")
    assert state.json is not None
    assert state.json["state"] == "suspended"


def test_partner_read_and_partner_list(officer: ApiClient) -> None:
    submit_procedure(officer)

    partner = officer.get(f"/partners/{ENTERPRISE_TAX_NUMBER}")
    assert partner.status_code == 200
    assert partner.json is not None
    assert partner.json["name"] == "Công ty TNHH Thương mại Đông Á"
    assert partner.json["version"] == 3

    rows = officer.get("/partners")
    assert rows.status_code == 200
    assert rows.json is not None
    assert [row["tax_number"] for row in rows.json] == [ENTERPRISE_TAX_NUMBER]
    assert rows.json[0]["programmes"][0].startswith("Chương trình hỗ trợ thủ tục tại cảng")

    other_unit = officer.get("/partners?unit=02")
    assert other_unit.json == []

    missing = officer.get(f"/partners/{SERVICE_TAX_NUMBER}")
    assert missing.status_code == 404
    assert missing.json is not None
    assert missing.json["code"] == "partner_not_found"


def test_partner_command_by_url(http_app: Flask, officer: ApiClient) -> None:
    for line in partner_lines():
        officer.send(line)
    before = event_count(http_app)

    response = officer.post(
        f"/partners/{ENTERPRISE_TAX_NUMBER}/update_partner",
        {
            "submitted_at": "2025-12-01T09:00:00+07:00",
            "actor": {"name": "Nguyễn Văn An", "unit": "00"},
            "occurred_on": "2025-05-01",
            "legal_basis": None,
            "data": {"address": "15 Tràng Tiền, Hà Nội"},
        },
    )

    assert response.status_code == 200, response.json
    # One event and the applied-command record.
    assert event_count(http_app) == before + 2
    partner = officer.get(f"/partners/{ENTERPRISE_TAX_NUMBER}")
    assert partner.json is not None
    assert partner.json["version"] == 4
    assert partner.json["address"] == "15 Tràng Tiền, Hà Nội"


def test_list_partnerships_and_units(officer: ApiClient) -> None:
    submit_procedure(officer, until="select_scope")

    listing = officer.get("/partnerships")
    assert listing.status_code == 200
    assert listing.json is not None
    assert [p["reference"] for p in listing.json] == [REFERENCE]
    assert listing.json[0]["state"] == "scoped"

    units = officer.get("/units")
    assert units.status_code == 200
    assert units.json is not None
    assert {"code": "00", "name": "Tổng cục Hải quan", "level": "central", "parent": None} in (
        units.json
    )

    unit = officer.get("/units/02")
    assert unit.status_code == 200
    assert unit.json is not None
    assert unit.json["level"] == "provincial"

    unknown = officer.get("/units/XX")
    assert unknown.status_code == 404
    assert unknown.json is not None
    assert unknown.json["code"] == "unknown_unit"


def test_health_and_docs_need_no_token(http_app: Flask) -> None:
    client = http_app.test_client()

    assert client.get("/healthz").json == {"status": "ok"}
    assert client.get("/readyz").json == {"status": "ready"}
    spec = client.get("/openapi.json")
    assert spec.status_code == 200
    assert spec.json is not None
    assert "/partnerships/{reference}/sign_agreement" in spec.json["paths"]
    assert client.get("/docs").status_code == 200


def test_every_import_command_has_a_route(http_app: Flask) -> None:
    spec = http_app.test_client().get("/openapi.json").json
    assert spec is not None
    paths = spec["paths"]

    for command in COMMAND_SCHEMAS:
        if command in CREATE_COMMANDS:
            path = f"/{CREATE_COMMANDS[command]}"
        elif command in PARTNER_COMMANDS:
            path = f"/partners/{{tax_number}}/{command}"
        else:
            path = f"/partnerships/{{reference}}/{command}"
        assert "post" in paths[path], command


def test_request_data_matches_import_schema() -> None:
    for command, import_schema in COMMAND_SCHEMAS.items():
        url_field = None
        if command in PARTNER_COMMANDS:
            url_field = URL_FIELDS["partner"]
        elif command not in CREATE_COMMANDS:
            url_field = URL_FIELDS["partnership"]
        body_fields = request_schema(command, url_field)().fields
        data_schema = body_fields["data"].schema  # type: ignore[attr-defined]

        expected = set(import_schema().fields) - {url_field}
        assert set(data_schema.fields) == expected, command
        assert set(body_fields) == set(CommandEnvelopeSchema().fields) - {"id", "command"}
