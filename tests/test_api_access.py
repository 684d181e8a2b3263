"""The access matrix: role × unit × endpoint, for a partnership led by the Ho Chi Minh City
department (unit 02). Unit 00 is above it, 02-TAN-SON-NHAT below it, 01 beside it."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from api.context import ApiContext
from tests.api_helpers import (
    ApiClient,
    client_for,
    event_count,
    http_app_on,
    partner_lines,
    request_for,
)
from tests.scenario import ASSESSMENT, ENTERPRISE_TAX_NUMBER, SUMMARY, command_line

REFERENCE = "HCM-2025-001"
ROLES = ("service", "officer", "auditor", "central_board")
UNITS = ("00", "02", "02-TAN-SON-NHAT", "01")
WRITERS = {"service", "officer"}


@pytest.fixture(scope="module")
def http_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    tmp_path = tmp_path_factory.mktemp("access")
    with http_app_on(f"sqlite:///{tmp_path / 'doitac.sqlite3'}", tmp_path) as app:
        owner = client_for(app, "officer", "02")
        response = owner.send(determine_line(REFERENCE, "02"))
        assert response.status_code == 201, response.json
        yield app


def determine_line(reference: str, unit: str) -> dict[str, Any]:
    return command_line(
        "determine_content",
        {
            "partnership": reference,
            "title": "Chương trình hỗ trợ doanh nghiệp tại cảng Sài Gòn",
            "planning_year": 2025,
            "lead_unit": "02",
            "content_areas": ["i"],
            "assessment": ASSESSMENT,
        },
        occurred_on="2025-01-06",
        unit=unit,
    )


def draft_line(unit: str) -> dict[str, Any]:
    # In the proposed state drafting is out of order, so an allowed request gets 422
    # step_out_of_order and writes nothing either way.
    return command_line(
        "draft_working_document",
        {"partnership": REFERENCE, "document_title": "Tài liệu", "summary": SUMMARY},
        occurred_on="2025-01-20",
        unit=unit,
    )


def covers_lead_unit(role: str, unit: str) -> bool:
    return role == "central_board" or unit in ("00", "02")


CASES = list(itertools.product(ROLES, UNITS))


@pytest.mark.parametrize(("role", "unit"), CASES)
def test_read_state_and_history(http_app: Flask, role: str, unit: str) -> None:
    client = client_for(http_app, role, unit)
    expected = 200 if covers_lead_unit(role, unit) else 403

    state = client.get(f"/partnerships/{REFERENCE}")
    history = client.get(f"/partnerships/{REFERENCE}/history")
    listing = client.get("/partnerships")

    assert state.status_code == expected
    assert history.status_code == expected
    assert listing.status_code == 200
    assert listing.json is not None
    listed = [p["reference"] for p in listing.json]
    assert listed == ([REFERENCE] if covers_lead_unit(role, unit) else [])
    if expected == 403:
        assert state.json is not None
        assert state.json["code"] == "forbidden"


@pytest.mark.parametrize(("role", "unit"), CASES)
def test_partner_list_scope(http_app: Flask, role: str, unit: str) -> None:
    client = client_for(http_app, role, unit)

    scoped = client.get("/partners?unit=02")
    default = client.get("/partners")
    units = client.get("/units")

    assert scoped.status_code == (200 if covers_lead_unit(role, unit) else 403)
    assert default.status_code == 200
    assert units.status_code == 200


@pytest.mark.parametrize(("role", "unit"), CASES)
def test_write_partnership_command(http_app: Flask, role: str, unit: str) -> None:
    client = client_for(http_app, role, unit)
    before = event_count(http_app)

    response = client.send(draft_line(unit))

    assert response.json is not None
    if role in WRITERS and covers_lead_unit(role, unit):
        assert response.status_code == 422, response.json
        assert response.json["code"] == "step_out_of_order"
    else:
        assert response.status_code == 403, response.json
        assert response.json["code"] == "forbidden"
    assert event_count(http_app) == before


@pytest.mark.parametrize(("role", "unit"), CASES)
def test_create_partnership(http_app: Flask, role: str, unit: str) -> None:
    client = client_for(http_app, role, unit)
    before = event_count(http_app)
    reference = f"HCM-2025-{role}-{unit}"

    response = client.send(determine_line(reference, unit))

    assert response.json is not None
    if role in WRITERS and covers_lead_unit(role, unit):
        assert response.status_code == 201, response.json
        assert event_count(http_app) == before + 2
    else:
        assert response.status_code == 403, response.json
        assert event_count(http_app) == before


def test_actor_unit_outside_scope(http_app: Flask) -> None:
    client = client_for(http_app, "officer", "02-TAN-SON-NHAT")
    before = event_count(http_app)

    response = client.send(draft_line("02"))

    assert response.status_code == 403
    assert response.json is not None
    assert "nhân danh" in response.json["message"]
    assert event_count(http_app) == before


def test_missing_invalid_and_revoked_tokens(http_app: Flask) -> None:
    context: ApiContext = http_app.extensions["doitac"]
    token, bearer = context.tokens.create("officer", "02", "to revoke")
    plain = http_app.test_client()
    path, body = request_for(draft_line("02"))

    assert ApiClient(plain, bearer).get(f"/partnerships/{REFERENCE}").status_code == 200
    assert context.tokens.revoke(token.token_id)
    cases = {
        "missing": {},
        "wrong scheme": {"Authorization": f"Basic {bearer}"},
        "unknown": {"Authorization": "Bearer doitac_000000000000_secret"},
        "wrong secret": {"Authorization": f"Bearer doitac_{token.token_id}_wrong"},
        "revoked": {"Authorization": f"Bearer {bearer}"},
    }
    for name, headers in cases.items():
        read = plain.get(f"/partnerships/{REFERENCE}", headers=headers)
        write = plain.post(path, json=body, headers={**headers, "Idempotency-Key": name})
        for response in (read, write):
            assert response.status_code == 401, name
            assert response.json is not None
            assert response.json["code"] == "unauthenticated"
            assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_yearly_tax_needs_unit_in_scope(http_app: Flask) -> None:
    client = client_for(http_app, "officer", "01")
    register = partner_lines()[0]
    register["actor"]["unit"] = "01"
    assert client.send(register).status_code in (201, 409)
    before = event_count(http_app)

    def yearly_tax(unit: str) -> dict[str, Any]:
        data = {"tax_number": ENTERPRISE_TAX_NUMBER, "year": 2024, "provincial_unit": unit}
        return command_line("record_yearly_tax", {**data, "amount": "1000000"}, unit="01")

    outside = client.send(yearly_tax("02"))
    inside = client.send(yearly_tax("01"))

    assert outside.status_code == 403
    assert inside.status_code == 200, inside.json
    assert event_count(http_app) == before + 2
