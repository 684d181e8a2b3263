"""Builders of domain aggregates in a given state, for the domain unit tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.partner import Partner
from domain.partnership import Partnership
from domain.rules import WORKING_DOCUMENT_FIELDS
from domain.units import CustomsUnit
from domain.values import Actor, LegalBasis

ACTOR = Actor("Nguyễn Văn An", "00")
CENTRAL = CustomsUnit("00", "Tổng cục Hải quan", "central")  # type: ignore[arg-type]
PROVINCIAL = CustomsUnit("02", "Cục Hải quan TP Hồ Chí Minh", "provincial", "00")  # type: ignore[arg-type]
BRANCH = CustomsUnit("02-KV1", "Chi cục Hải quan khu vực I", "branch", "02")  # type: ignore[arg-type]

ASSESSMENT = {
    name: f"Đánh giá {name}"
    for name in ("legality", "benefits", "impact", "resources", "costs", "risks")
}
SUMMARY = {name: f"Nội dung {name}" for name in WORKING_DOCUMENT_FIELDS}


def basis(number: str, on: date) -> LegalBasis:
    return LegalBasis(number, on)


def enterprise(
    tax_number: str = "0100109106",
    compliant_years: tuple[int, ...] = (2023, 2024),
    partner_type: str = "import_export_enterprise",
) -> Partner:
    partner = Partner.register(
        actor=ACTOR,
        occurred_on=date(2024, 12, 2),
        name="Công ty TNHH Đông Á",
        tax_number=tax_number,
        partner_type=partner_type,
        service_kind="freight_forwarder" if partner_type == "service_enterprise" else None,
        address="Hà Nội",
    )
    for year in compliant_years:
        partner.declare_compliance(
            actor=ACTOR,
            occurred_on=date(2025, 1, 15),
            year=year,
            tax_duties_met=True,
            no_violation=True,
            no_smuggling=True,
            evidence=f"Xác nhận năm {year}",
        )
    return partner


def association(legal_entity: bool = True, tax_number: str = "0101234565") -> Partner:
    return Partner.register(
        actor=ACTOR,
        occurred_on=date(2024, 12, 2),
        name="Hiệp hội Doanh nghiệp Logistics Miền Trung",
        tax_number=tax_number,
        partner_type="business_association",
        legal_entity=legal_entity,
        address="Đà Nẵng",
    )


def proposed(unit: CustomsUnit = CENTRAL) -> Partnership:
    return Partnership.determine_content(
        actor=ACTOR,
        occurred_on=date(2025, 1, 6),
        reference="TEST-001",
        title="Chương trình thử",
        planning_year=2025,
        lead_unit=unit,
        content_areas=["i", "v"],
        assessment=ASSESSMENT,
    )


def scoped(
    partners: list[Partner] | None = None,
    *,
    unit: CustomsUnit = CENTRAL,
    kind: str = "regular",
    form: str = "thematic_programme",
    scope: str = "nationwide",
    beyond_customs_authority: bool = False,
) -> Partnership:
    partnership = proposed(unit)
    partnership.select_scope(
        actor=ACTOR,
        occurred_on=date(2025, 1, 10),
        kind=kind,
        form=form,
        scope=scope,
        beyond_customs_authority=beyond_customs_authority,
        partners=[p.profile() for p in (partners if partners is not None else [enterprise()])],
        rationale="",
    )
    return partnership


def drafted(partnership: Partnership) -> Partnership:
    partnership.draft_working_document(
        actor=ACTOR, occurred_on=date(2025, 1, 20), document_title="Tài liệu", summary=SUMMARY
    )
    return partnership


def approved_document(partnership: Partnership) -> Partnership:
    drafted(partnership).approve_working_document(
        actor=ACTOR,
        occurred_on=date(2025, 2, 3),
        approved_by="Phó Tổng cục trưởng",
        legal_basis=basis("15/QĐ-TCHQ", date(2025, 2, 3)),
    )
    return partnership


def negotiating(partnership: Partnership) -> Partnership:
    approved_document(partnership).inform_partners(
        actor=ACTOR,
        occurred_on=date(2025, 2, 5),
        channel="email",
        signed_by="Trưởng ban",
        legal_basis=None,
    )
    return partnership


def with_session(partnership: Partnership) -> Partnership:
    negotiating(partnership).hold_working_session(
        actor=ACTOR,
        occurred_on=date(2025, 2, 20),
        chaired_by="Phó Tổng cục trưởng",
        location="Trụ sở Tổng cục",
        participants=["Công ty Đông Á"],
        outcome="Thống nhất",
    )
    return partnership


def memorandum(partnership: Partnership) -> Partnership:
    with_session(partnership).sign_memorandum(
        actor=ACTOR,
        occurred_on=date(2025, 3, 3),
        summary="Ghi nhớ",
        legal_basis=basis("01/BBGN", date(2025, 3, 3)),
    )
    return partnership


def under_approval(partnership: Partnership) -> Partnership:
    memorandum(partnership).submit_feasibility_report(
        actor=ACTOR,
        occurred_on=date(2025, 3, 10),
        submitted_to="general_department",
        summary="Khả thi",
        legal_basis=basis("45/BC", date(2025, 3, 10)),
    )
    return partnership


def approved(partnership: Partnership, authority: str = "general_department") -> Partnership:
    under_approval(partnership).approve_proposal(
        actor=ACTOR,
        occurred_on=date(2025, 3, 24),
        authority=authority,
        legal_basis=basis("300/QĐ-TCHQ", date(2025, 3, 24)),
    )
    return partnership


def sign(
    partnership: Partnership,
    partners: list[Partner],
    *,
    role: str = "director_general",
    on: date = date(2025, 4, 1),
) -> None:
    partnership.sign_agreement(
        actor=ACTOR,
        occurred_on=on,
        signatory_name="Nguyễn Văn Cẩn",
        signatory_role=role,
        partner_signatories=[
            {"partner_id": str(p.id), "name": "Trần Thị Bình", "title": "Giám đốc"}
            for p in partners
        ],
        partners=[p.profile() for p in partners],
        effective_from=on,
        purpose="Hỗ trợ thủ tục",
        legal_basis=basis("01/TTHT", on),
    )


def active(partners: list[Partner] | None = None) -> tuple[Partnership, list[Partner]]:
    partners = partners if partners is not None else [enterprise()]
    partnership = approved(scoped(partners))
    sign(partnership, partners)
    return partnership, partners


def yearly_tax(partner: Partner, amount: int) -> None:
    partner.record_yearly_tax(
        actor=ACTOR,
        occurred_on=date(2025, 2, 1),
        year=2024,
        provincial_unit="02",
        amount=Decimal(amount),
    )
