"""Scheduled reports: Appendix II and III per lead unit each month, quarter and year,
and each unit's yearly partner list for the General Department.

Each (kind, unit, period) is claimed in the database before it is produced, so two
beat processes that both fire, or a task that runs twice, produce it once."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from application.service import PartnershipApplication
from projections.documents import render_partner_list, render_report
from projections.runner import AggregateStatesProjection
from workers.periods import MONTHLY, PERIOD_KINDS, QUARTERLY, YEARLY, Period, previous_period
from workers.store import NotificationStore

logger = logging.getLogger(__name__)

DEVELOPMENT_REPORT = "appendix_ii"
PLAN_REPORT = "appendix_iii"
PARTNER_LIST = "partner_list"

REPORTS_BY_SCHEDULE = {
    MONTHLY: (DEVELOPMENT_REPORT, PLAN_REPORT),
    QUARTERLY: (DEVELOPMENT_REPORT, PLAN_REPORT),
    YEARLY: (DEVELOPMENT_REPORT, PLAN_REPORT, PARTNER_LIST),
}

# Render one report: (kind, unit code, period) to (file extension, content).
ReportRenderer = Callable[[str, str, Period], tuple[str, bytes]]


class ReportProducer:
    def __init__(
        self,
        app: PartnershipApplication,
        store: NotificationStore,
        render: ReportRenderer,
        output_dir: Path,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.store = store
        self.render = render
        self.output_dir = output_dir
        self.clock = clock

    def lead_units(self) -> list[str]:
        return sorted({partnership.lead_unit for partnership in self.app.partnerships()})

    def produce(self, schedule: str, moment: datetime | None = None) -> list[Path]:
        """Produce the reports of the last complete ``schedule`` period before ``moment``
        (now by default) that no run has claimed yet. Returns the files written."""
        if schedule not in PERIOD_KINDS:
            raise ValueError(f"unknown report schedule {schedule!r}")
        moment = moment or datetime.fromtimestamp(self.clock(), UTC)
        period = previous_period(schedule, moment)
        written = []
        for unit in self.lead_units():
            for kind in REPORTS_BY_SCHEDULE[schedule]:
                if not self.store.claim_report(kind, unit, period.label, self.clock()):
                    logger.info(
                        "report already produced kind=%s unit=%s period=%s",
                        kind,
                        unit,
                        period.label,
                    )
                    continue
                try:
                    extension, content = self.render(kind, unit, period)
                    target = self.output_dir / period.label / f"{kind}-{unit}.{extension}"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(content)
                except Exception:
                    # Release the claim so that the next run tries this report again.
                    self.store.release_report(kind, unit, period.label)
                    raise
                self.store.record_report_output(kind, unit, period.label, str(target))
                logger.info("report produced kind=%s unit=%s period=%s", kind, unit, period.label)
                written.append(target)
        return written


class DocumentRenderer:
    """Render reports with the official document renderers of ``projections``: Appendix
    II and III and the partner list as Word documents, from the read model brought up
    to date with the event log first."""

    def __init__(self, open_projection: Callable[[], AggregateStatesProjection]) -> None:
        self.open_projection = open_projection

    def __call__(self, kind: str, unit: str, period: Period) -> tuple[str, bytes]:
        projection = self.open_projection()
        try:
            if kind == PARTNER_LIST:
                return "docx", render_partner_list(projection, period.year, unit, "docx")
            report = "appendix-2" if kind == DEVELOPMENT_REPORT else "appendix-3"
            return "docx", render_report(projection, report, unit, period.label, "docx")
        finally:
            projection.close()
