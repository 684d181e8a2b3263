"""The two periodic reports of the regulation, per lead unit and period: the partnership
development report (Appendix II) and the implementation plan report (Appendix III).

A partnership counts for a period when its content was determined by the period's end,
it belongs to the unit (or a unit below it) and it had not ended before the period
began. Its state is the one in force at the end of the period's year, and dated items
(meetings, completed activities, evaluations) count when their business date falls in
the period."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from application.collation import vietnamese_sort_key
from domain.partner import Partner
from domain.partnership import Partnership
from domain.units import UnitDirectory
from domain.values import Side, label
from projections.errors import InvalidPeriodError
from projections.runner import AggregateStatesProjection

# Placeholder printed where the records contain nothing, for the officer to fill in.
TO_BE_FILLED = "[Cán bộ bổ sung]"

ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Period:
    """A reporting period: a month, a quarter or a year, both ends included."""

    start: date
    end: date
    label: str

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def parse_period(text: str) -> Period:
    """Parse ``2025``, ``2025-Q1`` or ``2025-03``."""
    value = text.strip().upper()
    if match := re.fullmatch(r"(\d{4})", value):
        year = int(match[1])
        return Period(date(year, 1, 1), date(year, 12, 31), f"Năm {year}")
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        year, quarter = int(match[1]), int(match[2])
        first_month = 3 * quarter - 2
        last_day = calendar.monthrange(year, first_month + 2)[1]
        return Period(
            date(year, first_month, 1),
            date(year, first_month + 2, last_day),
            f"Quý {ROMAN_QUARTERS[quarter]} năm {year}",
        )
    if (match := re.fullmatch(r"(\d{4})-(\d{2})", value)) and 1 <= int(match[2]) <= 12:
        year, month = int(match[1]), int(match[2])
        last_day = calendar.monthrange(year, month)[1]
        return Period(
            date(year, month, 1), date(year, month, last_day), f"Tháng {month:02d} năm {year}"
        )
    raise InvalidPeriodError(
        f"Kỳ báo cáo «{text}» không hợp lệ; dùng năm (2025), quý (2025-Q1) hoặc tháng (2025-03).",
        field="period",
    )


@dataclass(frozen=True)
class DevelopmentRow:
    """One row of the partnership development report."""

    no: int
    reference: str
    purpose: str
    content: str
    partner: str
    form: str
    focal_point: str
    result: str


@dataclass(frozen=True)
class DevelopmentReport:
    unit_name: str
    period: Period
    rows: list[DevelopmentRow]
    discussion: str
    basis: str
    impact: str
    position: int


@dataclass(frozen=True)
class PlanRow:
    """One activity of an implementation plan in the implementation plan report."""

    no: int
    activity: str
    time: str
    resources: str
    obstacles: str
    solutions: str


@dataclass(frozen=True)
class PlanReport:
    unit_name: str
    period: Period
    rows: list[PlanRow]
    position: int


def _partnerships(
    projection: AggregateStatesProjection, unit_code: str, period: Period
) -> tuple[int, list[Partnership], dict[str, Partner]]:
    units: UnitDirectory = projection.app.units
    units.get(unit_code, "unit")
    position, partner_rows, rows = projection.states_at(period.end.year)
    partners = {str(row.aggregate_id): cast(Partner, row.aggregate) for row in partner_rows}
    selected = []
    for row in rows:
        partnership = cast(Partnership, row.aggregate)
        if not units.is_within(partnership.lead_unit, unit_code):
            continue
        if row.first_on is not None and row.first_on > period.end:
            continue
        if partnership.ending and partnership.ending["on"] < period.start:
            continue
        selected.append(partnership)
    selected.sort(key=lambda p: (vietnamese_sort_key(p.title), p.reference))
    return position, selected, partners


def _join(parts: list[str], empty: str = TO_BE_FILLED) -> str:
    kept = [part for part in parts if part]
    return "; ".join(kept) if kept else empty


def _customs_focal_point(partnership: Partnership, units: UnitDirectory) -> str:
    for focal_point in partnership.focal_points:
        if focal_point["side"] == Side.CUSTOMS:
            person: dict[str, Any] = focal_point["person"]
            return ", ".join(p for p in (person.get("name"), person.get("title")) if p)
    return units.get(partnership.lead_unit, "unit").name


def _purpose(partnership: Partnership) -> str:
    if partnership.agreement and partnership.agreement.get("purpose"):
        return str(partnership.agreement["purpose"])
    if partnership.working_document:
        return str(partnership.working_document["summary"].get("purpose", ""))
    return partnership.assessment.get("benefits", "")


def _partner_text(partnership: Partnership, partners: dict[str, Partner]) -> str:
    texts = []
    for partner_id, entry in partnership.partners.items():
        partner = partners.get(partner_id)
        name = partner.name if partner else str(entry.get("name", ""))
        texts.append(f"{name} ({label(str(entry['partner_type']))})")
    return _join(texts, "Chưa lựa chọn đối tác")


def _result(partnership: Partnership, period: Period) -> str:
    parts = [f"Trạng thái: {label(partnership.state)}"]
    meetings = [m for m in partnership.meetings if period.contains(m["held_on"])]
    if meetings:
        parts.append(f"{len(meetings)} cuộc họp trong kỳ")
    activities = (partnership.plan or {}).get("activities", {}).values()
    completed = [a for a in activities if period.contains(a.get("completed_on"))]
    if completed:
        parts.append(f"{len(completed)} hoạt động hoàn thành trong kỳ")
    for evaluation in partnership.evaluations:
        if period.contains(evaluation["on"]):
            parts.append(
                f"Đánh giá {evaluation['period_label']}: {evaluation['result']} "
                f"(mức hài lòng {evaluation['satisfaction']}/5)"
            )
    return "; ".join(parts)


def _discussion(partnerships: list[Partnership], period: Period) -> str:
    lines = []
    for p in partnerships:
        sessions = [s for s in p.working_sessions if period.contains(s["held_on"])]
        meetings = [m for m in p.meetings if period.contains(m["held_on"])]
        conclusions = [
            m
            for m in meetings
            if m["conclusion"] and period.contains(m["conclusion"]["reported_on"])
        ]
        if sessions or meetings:
            lines.append(
                f"{p.reference}: {len(sessions)} buổi làm việc với đối tác, {len(meetings)} cuộc "
                f"họp giao ban/đột xuất, {len(conclusions)} thông báo kết luận gửi lãnh đạo hai bên"
            )
    return _join(lines)


def _basis(partnerships: list[Partnership]) -> str:
    lines = [
        f"{p.reference}: {p.assessment['legality']}; lợi ích: {p.assessment['benefits']}"
        for p in partnerships
        if p.assessment
    ]
    return _join(lines)


def _impact(partnerships: list[Partnership], period: Period) -> str:
    lines = [
        f"{p.reference}: {evaluation['effectiveness']}"
        for p in partnerships
        for evaluation in p.evaluations
        if period.contains(evaluation["on"]) and evaluation.get("effectiveness")
    ]
    return _join(lines)


def build_development_report(
    projection: AggregateStatesProjection, unit_code: str, period: Period
) -> DevelopmentReport:
    """Build the partnership development report of a unit for a period."""
    units = projection.app.units
    position, partnerships, partners = _partnerships(projection, unit_code, period)
    rows = [
        DevelopmentRow(
            no=number,
            reference=p.reference,
            purpose=_purpose(p) or TO_BE_FILLED,
            content="; ".join(label(area) for area in p.content_areas),
            partner=_partner_text(p, partners),
            form=f"{label(p.kind)}: {label(p.form)}" if p.kind and p.form else "Chưa lựa chọn",
            focal_point=_customs_focal_point(p, units),
            result=_result(p, period),
        )
        for number, p in enumerate(partnerships, start=1)
    ]
    return DevelopmentReport(
        unit_name=units.get(unit_code, "unit").name,
        period=period,
        rows=rows,
        discussion=_discussion(partnerships, period),
        basis=_basis(partnerships),
        impact=_impact(partnerships, period),
        position=position,
    )


def _activity_in_period(activity: dict[str, Any], period: Period) -> bool:
    completed_on: date | None = activity.get("completed_on")
    due_on: date = activity["due_on"]
    if period.contains(due_on) or period.contains(completed_on):
        return True
    # Overdue before the period and still open at its start.
    return due_on < period.start and (completed_on is None or completed_on > period.end)


def _activity_time(activity: dict[str, Any], period: Period) -> str:
    text = f"Hạn {activity['due_on']:%d/%m/%Y}"
    completed_on: date | None = activity.get("completed_on")
    if completed_on is not None and completed_on <= period.end:
        return f"{text}; hoàn thành {completed_on:%d/%m/%Y}"
    if activity["due_on"] <= period.end:
        return f"{text}; quá hạn, chưa hoàn thành"
    return text


def build_plan_report(
    projection: AggregateStatesProjection, unit_code: str, period: Period
) -> PlanReport:
    """Build the implementation plan report of a unit for a period."""
    position, partnerships, _ = _partnerships(projection, unit_code, period)
    rows: list[PlanRow] = []
    for p in partnerships:
        activities = (p.plan or {}).get("activities", {}).values()
        for activity in sorted(activities, key=lambda a: (a["due_on"], a["code"])):
            if not _activity_in_period(activity, period):
                continue
            resources = _join(
                [
                    activity.get("resources", ""),
                    f"kinh phí: {activity['cost']}" if activity.get("cost") else "",
                ]
            )
            overdue = activity["due_on"] <= period.end and not (
                activity.get("completed_on") and activity["completed_on"] <= period.end
            )
            rows.append(
                PlanRow(
                    no=len(rows) + 1,
                    activity=f"{activity['title']} ({p.reference}; {activity['responsible']})",
                    time=_activity_time(activity, period),
                    resources=resources,
                    obstacles=(
                        f"Chưa hoàn thành đúng hạn. {TO_BE_FILLED}" if overdue else TO_BE_FILLED
                    ),
                    solutions=TO_BE_FILLED,
                )
            )
    return PlanReport(
        unit_name=projection.app.units.get(unit_code, "unit").name,
        period=period,
        rows=rows,
        position=position,
    )
