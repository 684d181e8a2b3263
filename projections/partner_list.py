"""The yearly partner list that each lead unit sends to the General Department, built from
the aggregate-states read model, with the priority group flagged."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast

from application.collation import vietnamese_sort_key
from application.partner_list import PartnerListRow, build_partner_list
from domain.partner import Partner
from domain.partnership import Partnership
from domain.units import UnitDirectory
from domain.values import PartnerType
from projections.runner import AggregateStatesProjection
from projections.states import PARTNER_KIND, PARTNERSHIP_KIND, StateRow, digest_of_rows

# The share of a provincial department's yearly import-export tax that its priority
# group covers, largest taxpayers first.
PRIORITY_SHARE = Decimal("0.8")


@dataclass(frozen=True)
class PriorityMember:
    """An enterprise of a department's priority group and its previous-year tax."""

    partner: Partner
    department: str
    amount: Decimal
    share: Decimal
    cumulative_share: Decimal


@dataclass(frozen=True)
class PartnerListEdition:
    """The partner list as of 31/12/``year`` (the current list when year is None), with
    the events it was built from."""

    year: int | None
    unit_code: str | None
    heading: str
    rows: list[PartnerListRow]
    priority_tax_numbers: frozenset[str]
    event_count: int
    digest: str
    position: int

    @property
    def as_of(self) -> date | None:
        return date(self.year, 12, 31) if self.year is not None else None


def percent(fraction: Decimal) -> str:
    """Format a fraction as a Vietnamese percentage with one decimal: 0.4567 -> 45,7%."""
    return f"{fraction * 100:.1f}".replace(".", ",") + "%"


def priority_group(partners: list[Partner], tax_year: int, department: str) -> list[PriorityMember]:
    """Return the enterprises whose ``tax_year`` import-export tax in ``department`` makes
    up 80% of the department's total, largest first. The enterprise that crosses 80% is
    included; ties are broken by name in Vietnamese order."""
    key = f"{tax_year}:{department}"
    taxed = [
        (partner, Decimal(partner.yearly_tax[key]))
        for partner in partners
        if key in partner.yearly_tax
        and Decimal(partner.yearly_tax[key]) > 0
        and partner.partner_type != PartnerType.BUSINESS_ASSOCIATION
    ]
    total = sum((amount for _, amount in taxed), Decimal(0))
    if total == 0:
        return []
    taxed.sort(key=lambda item: (-item[1], vietnamese_sort_key(item[0].name), item[0].tax_number))

    members: list[PriorityMember] = []
    covered = Decimal(0)
    for partner, amount in taxed:
        if covered >= PRIORITY_SHARE * total:
            break
        covered += amount
        members.append(PriorityMember(partner, department, amount, amount / total, covered / total))
    return members


def _tax_departments(partners: list[Partner], tax_year: int) -> set[str]:
    prefix = f"{tax_year}:"
    return {
        key.removeprefix(prefix)
        for partner in partners
        for key in partner.yearly_tax
        if key.startswith(prefix)
    }


def _departments_for(units: UnitDirectory, unit_code: str | None, found: set[str]) -> set[str]:
    if unit_code is None:
        return found
    province = units.province_of(unit_code)
    if province is not None:
        return {province.code} & found
    # A central unit oversees every department below it.
    return {code for code in found if units.is_within(code, unit_code)}


def build_edition(
    projection: AggregateStatesProjection,
    year: int | None,
    unit_code: str | None,
    up_to: int | None = None,
) -> PartnerListEdition:
    """Build the partner list for a lead unit (and the units below it), or for the whole
    sector when ``unit_code`` is None, from the states as of 31/12/``year``.

    With ``up_to`` the events up to that notification id are folded again in memory, so an
    edition is rebuilt exactly even after later events were recorded for the same year."""
    units = projection.app.units
    heading = "Toàn ngành Hải quan"
    if unit_code is not None:
        heading = units.get(unit_code, "unit").name

    if up_to is None:
        position, partner_rows, partnership_rows = projection.states_at(year)
    else:
        replayed = projection.replay(up_to)
        position = replayed.position
        partner_rows = replayed.select(PARTNER_KIND, year)
        partnership_rows = replayed.select(PARTNERSHIP_KIND, year)

    partners = [cast(Partner, row.aggregate) for row in partner_rows]
    partnerships = [cast(Partnership, row.aggregate) for row in partnership_rows]
    rows = build_partner_list(partners, partnerships, units, unit_code)

    # The priority group of a year comes from the import-export tax of the year before.
    priority: list[PriorityMember] = []
    if year is not None:
        tax_year = year - 1
        for department in sorted(
            _departments_for(units, unit_code, _tax_departments(partners, tax_year))
        ):
            priority.extend(priority_group(partners, tax_year, department))
    rows = _flag_priority(rows, priority, units, tax_year=(year or 0) - 1)

    listed = {row.tax_number for row in rows}
    used_partnerships = _partnerships_in(partnership_rows, units, unit_code)
    used = [row for row in partner_rows if cast(Partner, row.aggregate).tax_number in listed]
    event_count, digest = digest_of_rows([*used, *used_partnerships])
    return PartnerListEdition(
        year=year,
        unit_code=unit_code,
        heading=heading,
        rows=rows,
        priority_tax_numbers=frozenset(m.partner.tax_number for m in priority),
        event_count=event_count,
        digest=digest,
        position=position,
    )


def _partnerships_in(
    rows: list[StateRow], units: UnitDirectory, unit_code: str | None
) -> list[StateRow]:
    if unit_code is None:
        return rows
    return [
        row
        for row in rows
        if units.is_within(cast(Partnership, row.aggregate).lead_unit, unit_code)
    ]


def _flag_priority(
    rows: list[PartnerListRow],
    members: list[PriorityMember],
    units: UnitDirectory,
    tax_year: int,
) -> list[PartnerListRow]:
    """Add a note (vii) to each priority enterprise, and list the ones that joined no
    partnership of the unit yet, since they are the candidates to invite."""
    notes: dict[str, list[str]] = {}
    for member in members:
        department = units.get(member.department, "unit").name
        notes.setdefault(member.partner.tax_number, []).append(
            f"Ứng viên nhóm doanh nghiệp ưu tiên: thuế xuất nhập khẩu năm {tax_year} chiếm "
            f"{percent(member.share)} tổng số thu của {department} "
            f"(luỹ kế {percent(member.cumulative_share)})"
        )

    flagged = [
        dataclasses.replace(row, notes=[*row.notes, *notes.pop(row.tax_number)])
        if row.tax_number in notes
        else row
        for row in rows
    ]
    by_tax_number = {m.partner.tax_number: m.partner for m in members}
    for tax_number, extra in notes.items():
        partner = by_tax_number[tax_number]
        (row,) = build_partner_list([partner], [], units, None)
        flagged.append(dataclasses.replace(row, notes=[*row.notes, *extra]))
    flagged.sort(key=lambda row: (vietnamese_sort_key(row.name), row.tax_number))
    return flagged
