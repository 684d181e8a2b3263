"""The partner list of the regulation: one row per partner with fields (i) to (vii),
in Vietnamese alphabetical order, for one lead unit or the whole sector."""

from __future__ import annotations

from dataclasses import dataclass

from application.collation import vietnamese_sort_key
from domain.partner import Partner
from domain.partnership import Partnership
from domain.units import UnitDirectory
from domain.values import Side, State, label


@dataclass(frozen=True)
class PartnerListRow:
    name: str  # (i)
    contact: str  # (ii) address, phone and e-mail
    focal_point: str  # (iii)
    classification: str  # (iv)
    programmes: list[str]  # (v)
    activities: list[str]  # (vi)
    notes: list[str]  # (vii) comments and evaluation
    tax_number: str


def _contact_line(partner: Partner) -> str:
    parts = [partner.address]
    if partner.phone:
        parts.append(f"ĐT: {partner.phone}")
    if partner.email:
        parts.append(f"Email: {partner.email}")
    return "; ".join(parts)


def _person_line(person: dict[str, str | None]) -> str:
    parts = [p for p in (person.get("name"), person.get("title")) if p]
    for key, prefix in (("phone", "ĐT: "), ("email", "Email: ")):
        if person.get(key):
            parts.append(f"{prefix}{person[key]}")
    return ", ".join(parts)


def _classification(partner: Partner) -> str:
    text = label(partner.partner_type)
    if partner.service_kind:
        text += f" ({label(partner.service_kind)})"
    return text


def build_partner_list(
    partners: list[Partner],
    partnerships: list[Partnership],
    units: UnitDirectory,
    unit_code: str | None = None,
) -> list[PartnerListRow]:
    """Build the list for the partnerships led by ``unit_code`` and the units below it,
    or for every partnership and partner when ``unit_code`` is None."""
    if unit_code is not None:
        units.get(unit_code, "unit")
        partnerships = [p for p in partnerships if units.is_within(p.lead_unit, unit_code)]
    by_partner: dict[str, list[Partnership]] = {}
    for partnership in partnerships:
        for partner_id in partnership.partners:
            by_partner.setdefault(partner_id, []).append(partnership)

    rows = []
    for partner in partners:
        joined = by_partner.get(str(partner.id), [])
        if unit_code is not None and not joined:
            continue
        rows.append(_row(partner, joined))
    rows.sort(key=lambda row: (vietnamese_sort_key(row.name), row.tax_number))
    return rows


def _row(partner: Partner, joined: list[Partnership]) -> PartnerListRow:
    partner_id = str(partner.id)
    # One person may be the focal point of several partnerships: list them once.
    focal_points = list(
        dict.fromkeys(
            _person_line(fp["person"])
            for p in joined
            for fp in p.focal_points
            if fp["side"] == Side.PARTNER and fp["partner_id"] == partner_id
        )
    )
    if not focal_points and partner.contacts:
        focal_points = [_person_line(partner.contacts[0])]

    programmes = [
        f"{p.title} ({label(p.form) if p.form else 'chưa chọn hình thức'}; {label(p.state)})"
        for p in joined
    ]

    activities: list[str] = []
    notes: list[str] = []
    for p in joined:
        meetings = len(p.meetings)
        completed = sum(
            1 for a in (p.plan or {}).get("activities", {}).values() if a.get("completed_on")
        )
        if meetings or completed or p.publicity:
            activities.append(
                f"{p.reference}: {meetings} cuộc họp, {completed} hoạt động hoàn thành, "
                f"{len(p.publicity)} lần tuyên truyền"
            )
        if p.evaluations:
            last = p.evaluations[-1]
            notes.append(f"{p.reference}: {last['result']} (hài lòng {last['satisfaction']}/5)")
        if p.state == State.SUSPENDED and p.suspension and p.suspension["partner_id"] == partner_id:
            notes.append(f"{p.reference}: bị đình chỉ do {label(p.suspension['violation_kind'])}")
    for violation in partner.violations:
        notes.append(f"Vi phạm ngày {violation['found_on']:%d/%m/%Y}: {label(violation['kind'])}")

    return PartnerListRow(
        name=partner.name,
        contact=_contact_line(partner),
        focal_point="; ".join(focal_points),
        classification=_classification(partner),
        programmes=programmes,
        activities=activities,
        notes=notes,
        tax_number=partner.tax_number,
    )
