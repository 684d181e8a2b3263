"""The cooperation agreement of a regular partnership, filled in the regulation's
template (Appendix I) from the partnership's recorded steps. Details the records do not
hold (bank accounts, fax numbers, the place of signing) stay as dotted blanks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from application.errors import PartnershipNotFoundError
from application.service import PartnershipApplication
from domain.partner import Partner
from domain.partnership import Partnership
from domain.values import PartnershipKind, Scope, State, label
from projections.errors import AgreementNotAvailableError
from projections.runner import AggregateStatesProjection

BLANK = "……………………"

# The decision that issued the partnership guidance, cited first in every agreement.
GUIDANCE_BASIS = (
    "Quyết định số 1005/QĐ-TCHQ ngày 31/3/2014 của Tổng cục trưởng Tổng cục Hải quan "
    "ban hành Hướng dẫn thực hiện phát triển quan hệ đối tác hải quan - doanh nghiệp"
)

_AGREEABLE_STATES = {State.APPROVED, State.ACTIVE, State.SUSPENDED, State.ENDED}


@dataclass(frozen=True)
class PartyB:
    name: str
    representative: str
    title: str
    address: str
    phone: str
    tax_number: str


@dataclass(frozen=True)
class AgreementDocument:
    """Everything the agreement template fills in."""

    reference: str
    title: str
    party_a_unit: str
    party_a_is_central: bool
    party_a_signatory: str
    party_a_title: str
    party_b: list[PartyB]
    legal_bases: list[str]
    plan_basis: str
    recognising: str
    aiming: str
    signed_on: date | None
    effective_from: date | None
    articles: dict[str, str]
    sixth_copy_to: str
    position: int


def vietnamese_long_date(day: date | None) -> str:
    """Write a date as the templates do: "ngày 01 tháng 04 năm 2025", or dotted blanks."""
    if day is None:
        return "ngày….. tháng….. năm…………"
    return f"ngày {day:%d} tháng {day:%m} năm {day:%Y}"


def _basis_text(basis: dict[str, Any] | None, document_name: str) -> str | None:
    if not basis:
        return None
    issued_on: date = basis["issued_on"]
    return f"{document_name} số {basis['number']} ngày {issued_on:%d/%m/%Y}"


def load_partnership(
    projection: AggregateStatesProjection, reference: str
) -> tuple[int, Partnership]:
    """Return the position and the current state of a partnership from the read model."""
    position = projection.recorder.max_tracking_id(projection.app.name) or 0
    partnership_id = PartnershipApplication.partnership_id(reference)
    row = projection.current_states([partnership_id]).get(partnership_id)
    if row is None or not isinstance(row.aggregate, Partnership):
        raise PartnershipNotFoundError(
            f"Không tìm thấy quan hệ đối tác «{reference}».", field="partnership"
        )
    return position, row.aggregate


def build_agreement(projection: AggregateStatesProjection, reference: str) -> AgreementDocument:
    """Fill the agreement of a regular partnership that has been approved."""
    position, p = load_partnership(projection, reference)
    if p.kind != PartnershipKind.REGULAR:
        raise AgreementNotAvailableError(
            f"Quan hệ đối tác «{p.reference}» không phải đối tác thường xuyên; đối tác có điều "
            "kiện ký văn bản cam kết, không dùng mẫu thoả thuận hợp tác.",
            field="partnership",
        )
    if p.state not in _AGREEABLE_STATES:
        raise AgreementNotAvailableError(
            f"Quan hệ đối tác «{p.reference}» chưa được phê duyệt (trạng thái: {label(p.state)}); "
            "chỉ lập thoả thuận hợp tác sau khi cấp có thẩm quyền phê duyệt.",
            field="partnership",
        )

    units = projection.app.units
    lead = units.get(p.lead_unit, "unit")
    agreement = p.agreement or {}
    summary: dict[str, str] = (p.working_document or {}).get("summary", {})
    partner_ids = list(p.partners)
    partners = {
        str(key): cast(Partner, row.aggregate)
        for key, row in projection.current_states([uuid.UUID(i) for i in partner_ids]).items()
    }
    signatories = {s["partner_id"]: s for s in agreement.get("partner_signatories", [])}

    party_b = []
    for partner_id in partner_ids:
        entry = p.partners[partner_id]
        partner = partners.get(partner_id)
        tax_number = partner.tax_number if partner else str(entry.get("tax_number", ""))
        signatory = signatories.get(partner_id, {})
        party_b.append(
            PartyB(
                name=partner.name if partner else str(entry.get("name", BLANK)),
                representative=str(signatory.get("name") or BLANK),
                title=str(signatory.get("title") or BLANK),
                address=partner.address if partner else BLANK,
                phone=(partner.phone or BLANK) if partner else BLANK,
                tax_number=tax_number or BLANK,
            )
        )

    decision = _basis_text((p.decision or {}).get("legal_basis"), "Quyết định phê duyệt")
    legal_bases = [GUIDANCE_BASIS, *([decision] if decision else [])]
    articles = {
        "terms": BLANK,
        "content": "; ".join(
            [*(label(area) for area in p.content_areas), summary.get("content", "")]
        ).strip("; "),
        "responsibilities": summary.get("roles") or BLANK,
        "principles": summary.get("methods") or BLANK,
        "funding": summary.get("costs") or p.assessment.get("costs") or BLANK,
    }
    return AgreementDocument(
        reference=p.reference,
        title=p.title,
        party_a_unit=lead.name,
        party_a_is_central=p.scope == Scope.NATIONWIDE,
        party_a_signatory=str(agreement.get("signatory_name") or BLANK),
        party_a_title=label(str(agreement["signatory_role"])) if agreement else BLANK,
        party_b=party_b,
        legal_bases=legal_bases,
        plan_basis=f"năm {p.planning_year} của {lead.name}",
        # The template ends these clauses with ";", so a recorded final full stop goes.
        # TODO: the benefits text is written as a sentence of its own, so it keeps its
        # capital letter after "Nhận thấy"; the officer edits it before signing.
        recognising=p.assessment.get("benefits", BLANK).rstrip(". "),
        aiming=str(agreement.get("purpose") or summary.get("purpose") or BLANK).rstrip(". "),
        signed_on=agreement.get("signed_on"),
        effective_from=agreement.get("effective_from"),
        articles=articles,
        sixth_copy_to=(
            "Bộ chủ quản (nếu doanh nghiệp, hiệp hội thuộc Bộ)"
            if p.scope == Scope.NATIONWIDE
            else "Tổng cục Hải quan"
        ),
        position=position,
    )
