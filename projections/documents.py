"""Plain functions that produce the official documents as bytes, for the command line and
for scheduled jobs: the yearly partner list, the two periodic reports and the agreement.
Each first brings the read model up to date with the event log."""

from __future__ import annotations

import logging

from projections.agreement import build_agreement
from projections.errors import InvalidReportKindError
from projections.partner_list import build_edition
from projections.recorders import ProjectionConflictError
from projections.rendering import (
    render_agreement_document,
    render_development_report,
    render_partner_list_edition,
    render_plan_report,
)
from projections.reports import build_development_report, build_plan_report, parse_period
from projections.runner import AggregateStatesProjection

logger = logging.getLogger(__name__)

REPORT_KINDS = ("appendix-2", "appendix-3")


def refresh(projection: AggregateStatesProjection) -> None:
    """Catch the read model up with the event log. When another runner (``doitac
    projections run``) commits a batch first, its rows are as good as ours, so the
    conflict is logged and catching up goes on from its position."""
    for _attempt in range(3):
        try:
            projection.catch_up()
            return
        except ProjectionConflictError:
            logger.info("refresh raced another runner projection=%s", projection.name)
    projection.catch_up()


def render_partner_list(
    projection: AggregateStatesProjection,
    year: int | None,
    unit: str | None,
    format_name: str,
    up_to: int | None = None,
) -> bytes:
    """Render the partner list of ``unit`` (the whole sector when None) as of 31/12/``year``
    (the current list when None) in ``format_name``: table, csv, xlsx, docx or html.
    With ``up_to``, rebuild it from the events up to that notification id only."""
    if up_to is None:
        refresh(projection)
    edition = build_edition(projection, year, unit, up_to=up_to)
    return render_partner_list_edition(edition, format_name)


def render_report(
    projection: AggregateStatesProjection, kind: str, unit: str, period: str, format_name: str
) -> bytes:
    """Render the Appendix II (``appendix-2``) or Appendix III (``appendix-3``) report of a
    unit for a period (``2025``, ``2025-Q1`` or ``2025-03``) as html or docx."""
    if kind not in REPORT_KINDS:
        raise InvalidReportKindError(
            f"Loại báo cáo «{kind}» không hợp lệ; chọn appendix-2 hoặc appendix-3.", field="kind"
        )
    parsed = parse_period(period)
    refresh(projection)
    if kind == "appendix-2":
        return render_development_report(
            build_development_report(projection, unit, parsed), format_name
        )
    return render_plan_report(build_plan_report(projection, unit, parsed), format_name)


def render_agreement(
    projection: AggregateStatesProjection, reference: str, format_name: str
) -> bytes:
    """Render the cooperation agreement of a regular, approved partnership as html or docx."""
    refresh(projection)
    return render_agreement_document(build_agreement(projection, reference), format_name)
