"""Partner aggregate: identity, normalisation and validation of its details."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from domain.errors import DomainError
from domain.partner import Partner
from tests.domain_builders import ACTOR, enterprise


def register(**overrides: object) -> Partner:
    arguments: dict[str, object] = {
        "actor": ACTOR,
        "occurred_on": date(2025, 1, 6),
        "name": "Công ty TNHH Đông Á",
        "tax_number": "0100109106",
        "partner_type": "import_export_enterprise",
        "address": "Hà Nội",
    }
    arguments.update(overrides)
    return Partner.register(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "tax_number", ["0100109107", "010010910", "0100109106-000", "01001091O6", "0100109106-01"]
)
def test_invalid_tax_numbers_rejected(tax_number: str) -> None:
    with pytest.raises(DomainError) as raised:
        register(tax_number=tax_number)
    assert raised.value.code == "invalid_tax_number"
    assert raised.value.field == "tax_number"


def test_branch_tax_number_accepted() -> None:
    partner = register(tax_number="0100109106-001")
    assert partner.tax_number == "0100109106001"
    assert partner.id == Partner.id_for("0100109106-001")


def test_name_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Công ty Cổ phần Đầu tư Hải Âu")

    partner = register(name=decomposed)

    assert partner.name == unicodedata.normalize("NFC", decomposed)
    assert partner.name != decomposed


def test_phone_normalised_to_international_form() -> None:
    partner = register(phone="024 3826 1234", email="LienHe@Example.com")
    assert partner.phone == "+842438261234"
    assert partner.email == "LienHe@example.com"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [("phone", "12345", "invalid_phone_number"), ("email", "không-phải-email", "invalid_email")],
)
def test_invalid_contact_details_rejected(field: str, value: str, code: str) -> None:
    with pytest.raises(DomainError) as raised:
        register(**{field: value})
    assert raised.value.code == code


def test_service_enterprise_needs_service_kind() -> None:
    with pytest.raises(DomainError) as raised:
        register(partner_type="service_enterprise")
    assert raised.value.field == "service_kind"


def test_service_kind_only_for_service_enterprise() -> None:
    with pytest.raises(DomainError) as raised:
        register(service_kind="bank")
    assert raised.value.field == "service_kind"


def test_unknown_partner_type_rejected() -> None:
    with pytest.raises(DomainError) as raised:
        register(partner_type="ministry")
    assert raised.value.code == "invalid_value"


def test_compliance_for_future_year_rejected() -> None:
    partner = enterprise(compliant_years=())
    version = partner.version
    with pytest.raises(DomainError) as raised:
        partner.declare_compliance(
            actor=ACTOR,
            occurred_on=date(2025, 1, 15),
            year=2025,
            tax_duties_met=True,
            no_violation=True,
            no_smuggling=True,
            evidence="x",
        )
    assert raised.value.code == "invalid_value"
    assert partner.version == version


def test_profile_reflects_declarations_and_violations() -> None:
    partner = enterprise()

    profile = partner.profile()

    assert sorted(profile.compliance) == [2023, 2024]
    assert profile.compliance[2024].compliant
    assert profile.violation_dates == ()
