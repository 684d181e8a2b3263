"""Command handlers: each loads the aggregates a command needs, calls one domain
method, and returns the aggregates with new events, the target first."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from application.commands import Command
from application.errors import AlreadyExistsError
from domain.errors import UnitLevelNotAllowedError
from domain.partner import Partner
from domain.partnership import Partnership
from domain.values import UnitLevel

if TYPE_CHECKING:
    from application.service import PartnershipApplication

Handler = Callable[["PartnershipApplication", Command], list[Aggregate]]

HANDLERS: dict[str, Handler] = {}


def handles(name: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        HANDLERS[name] = handler
        return handler

    return register


def _common(command: Command) -> dict[str, Any]:
    return {"actor": command.actor, "occurred_on": command.occurred_on}


def _with_basis(command: Command) -> dict[str, Any]:
    return {**_common(command), "legal_basis": command.legal_basis}


def _fields(command: Command, *names: str) -> dict[str, Any]:
    return {name: command.data[name] for name in names}


# -- partners -------------------------------------------------------------------


@handles("register_partner")
def register_partner(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    data = command.data
    partner_id = Partner.id_for(data["tax_number"])
    if partner_id in app.repository:
        raise AlreadyExistsError(
            f"Đối tác có mã số thuế «{data['tax_number']}» đã được đăng ký.", field="tax_number"
        )
    partner = Partner.register(
        **_common(command),
        name=data["name"],
        tax_number=data["tax_number"],
        partner_type=data["partner_type"],
        service_kind=data["service_kind"],
        legal_entity=data["legal_entity"],
        legal_entity_basis=command.legal_basis,
        address=data["address"],
        phone=data["phone"],
        email=data["email"],
    )
    return [partner]


@handles("update_partner")
def update_partner(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    partner = app.get_partner(command.data["tax_number"])
    partner.update_details(
        **_common(command), **_fields(command, "name", "address", "phone", "email")
    )
    return [partner]


@handles("add_partner_contact")
def add_partner_contact(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    partner = app.get_partner(command.data["tax_number"])
    partner.add_contact(**_common(command), contact=command.data["contact"])
    return [partner]


@handles("declare_compliance")
def declare_compliance(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    partner = app.get_partner(command.data["tax_number"])
    partner.declare_compliance(
        **_common(command),
        **_fields(command, "year", "tax_duties_met", "no_violation", "no_smuggling", "evidence"),
    )
    return [partner]


@handles("record_yearly_tax")
def record_yearly_tax(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    partner = app.get_partner(command.data["tax_number"])
    unit = app.units.get(command.data["provincial_unit"], "provincial_unit")
    if unit.level != UnitLevel.PROVINCIAL:
        raise UnitLevelNotAllowedError(
            f"Số thuế xuất nhập khẩu được ghi theo Cục Hải quan tỉnh, thành phố; "
            f"«{unit.code}» không phải cấp Cục.",
            field="provincial_unit",
        )
    partner.record_yearly_tax(
        **_common(command),
        year=command.data["year"],
        provincial_unit=unit.code,
        amount=command.data["amount"],
    )
    return [partner]


# -- partnerships ---------------------------------------------------------------


@handles("determine_content")
def determine_content(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    data = command.data
    if Partnership.id_for(data["partnership"]) in app.repository:
        raise AlreadyExistsError(
            f"Quan hệ đối tác «{data['partnership']}» đã tồn tại.", field="partnership"
        )
    partnership = Partnership.determine_content(
        **_common(command),
        reference=data["partnership"],
        title=data["title"],
        planning_year=data["planning_year"],
        lead_unit=app.units.get(data["lead_unit"], "lead_unit"),
        content_areas=data["content_areas"],
        assessment=data["assessment"],
    )
    return [partnership]


@handles("select_scope")
def select_scope(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    partnership = app.get_partnership(command.data["partnership"])
    profiles = [
        app.get_partner(tax_number, field=f"partners.{index}").profile()
        for index, tax_number in enumerate(command.data["partners"])
    ]
    partnership.select_scope(
        **_common(command),
        **_fields(command, "kind", "form", "scope", "beyond_customs_authority"),
        partners=profiles,
        rationale=command.data["rationale"] or "",
    )
    return [partnership]


def _step(name: str, *field_names: str, basis: bool = True) -> None:
    """Register a handler that loads the partnership and calls the domain method ``name``."""

    def handler(app: PartnershipApplication, command: Command) -> list[Aggregate]:
        partnership = app.get_partnership(command.data["partnership"])
        context = _with_basis(command) if basis else _common(command)
        getattr(partnership, name)(**context, **_fields(command, *field_names))
        return [partnership]

    HANDLERS[name] = handler


_step("draft_working_document", "document_title", "summary", basis=False)
_step("approve_working_document", "approved_by")
_step("inform_partners", "channel", "signed_by")
_step("hold_working_session", "chaired_by", "location", "participants", "outcome", basis=False)
_step("sign_memorandum", "summary")
_step("submit_feasibility_report", "submitted_to", "summary")
_step("approve_proposal", "authority")
_step("reject_proposal", "authority", "reason")
_step("adopt_plan", "activities")
_step("revise_plan", "activities", "reason")
_step("hold_review_meeting", "period", "period_label", "agenda", basis=False)
_step("give_ad_hoc_notice", "requested_by", "meeting_on", "form_of_notice", "subject")
_step("hold_ad_hoc_meeting", "notice_no", "agenda", basis=False)
_step("report_conclusion", "meeting_no", "summary", "sent_to")
_step("record_publicity", "channel", "description", basis=False)
_step("record_evaluation", "period_label", "result", "satisfaction", "effectiveness", basis=False)
_step("complete_plan_activity", "code", "result", basis=False)
_step("reinstate", "reason")


@handles("end_partnership")
def end_partnership(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    partnership = app.get_partnership(command.data["partnership"])
    partnership.end(**_with_basis(command), reason=command.data["reason"])
    return [partnership]


@handles("sign_agreement")
def sign_agreement(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    data = command.data
    partnership = app.get_partnership(data["partnership"])
    profiles = [app.get_partner_by_id(uuid.UUID(pid)).profile() for pid in partnership.partners]
    signatories = [
        {
            "partner_id": str(Partner.id_for(s["tax_number"])),
            "name": s["name"],
            "title": s["title"],
        }
        for s in data["partner_signatories"]
    ]
    partnership.sign_agreement(
        **_with_basis(command),
        **_fields(command, "signatory_name", "signatory_role", "effective_from", "purpose"),
        partner_signatories=signatories,
        partners=profiles,
    )
    return [partnership]


@handles("designate_focal_point")
def designate_focal_point(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    data = command.data
    partnership = app.get_partnership(data["partnership"])
    tax_number = data["tax_number"]
    partnership.designate_focal_point(
        **_common(command),
        side=data["side"],
        person=data["person"],
        partner_id=str(Partner.id_for(tax_number)) if tax_number else None,
    )
    return [partnership]


@handles("record_violation")
def record_violation(app: PartnershipApplication, command: Command) -> list[Aggregate]:
    """Record the violation on the partnership, which suspends it when active, and on
    the partner, whose eligibility for later agreements it affects."""
    data = command.data
    partnership = app.get_partnership(data["partnership"])
    partner = app.get_partner(data["tax_number"], field="tax_number")
    partnership.record_violation(
        **_with_basis(command),
        partner_id=str(partner.id),
        kind=data["kind"],
        description=data["description"],
    )
    assert command.legal_basis is not None  # the partnership step requires it
    partner.record_violation(
        **_common(command),
        kind=data["kind"],
        description=data["description"],
        legal_basis=command.legal_basis,
        partnership_id=partnership.id,
    )
    return [partnership, partner]
