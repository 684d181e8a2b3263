"""The periodic reminder scan: review meetings coming due, overdue plan activities and
the yearly duties. Each run recomputes what is due from the partnerships' current
state, so reminders never rest on long task countdowns that a broker restart could
lose. The notification keys make a second run add nothing."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from application.service import PartnershipApplication
from domain.errors import DomainError
from domain.partnership import Partnership
from domain.values import Side, State
from workers.periods import PERIOD_KINDS, period_containing, vietnam_date
from workers.recipients import Recipient, combine, focal_point_recipients
from workers.rendering import NotificationRenderer
from workers.store import NotificationStore, PlannedNotification, notification_key

logger = logging.getLogger(__name__)

# The regulation sets both yearly duties without a day, so these months (Vietnam time)
# are this project's choice. Next year's content is reminded from 1 November, and last
# year's partner list during January.
NEXT_YEAR_CONTENT_MONTHS = (11, 12)
PARTNER_LIST_MONTHS = (1,)


class ReminderScanner:
    def __init__(
        self,
        app: PartnershipApplication,
        store: NotificationStore,
        renderer: NotificationRenderer,
        days_ahead: int,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.store = store
        self.renderer = renderer
        self.days_ahead = days_ahead
        self.clock = clock

    def scan(self, moment: datetime | None = None) -> list[str]:
        """Store the reminders due at ``moment`` (now by default) that were not stored
        before. Returns the keys of the new ones."""
        moment = moment or datetime.fromtimestamp(self.clock(), UTC)
        today = vietnam_date(moment)
        planned: list[PlannedNotification] = []
        units: dict[str, list[Partnership]] = {}
        for partnership in self.app.partnerships():
            if partnership.state != State.ACTIVE:
                continue
            units.setdefault(partnership.lead_unit, []).append(partnership)
            planned.extend(self._review_meetings(partnership, today))
            planned.extend(self._overdue_activities(partnership, today))
        for unit, partnerships in units.items():
            planned.extend(self._yearly_duties(unit, partnerships, today))
        keys = self.store.insert_notifications(planned, self.clock())
        logger.info("reminder scan day=%s due=%s new=%s", today, len(planned), len(keys))
        return keys

    def _planned(
        self,
        kind: str,
        source: str,
        partnership: Partnership,
        recipients: list[Recipient],
        context: dict[str, Any],
    ) -> list[PlannedNotification]:
        planned = []
        for recipient in recipients:
            key = notification_key(source, recipient.email)
            message = self.renderer.render(
                kind,
                {
                    **context,
                    "key": key,
                    "recipient_name": recipient.name,
                    "partnership": partnership,
                    "unit_name": self._unit_name(partnership.lead_unit),
                },
            )
            planned.append(
                PlannedNotification(
                    key=key,
                    kind=kind,
                    partnership_id=str(partnership.id),
                    recipient=recipient.email,
                    subject=message.subject,
                    body_text=message.text,
                    body_html=message.html,
                )
            )
        return planned

    def _unit_name(self, code: str) -> str:
        try:
            return self.app.units.get(code).name
        except DomainError:
            return code

    def _review_meetings(self, partnership: Partnership, today: date) -> list[PlannedNotification]:
        """Plan the notices of review meetings coming due. A meeting of each kind is due by
        the end of its month, quarter and year, and both sides are notified ``days_ahead``
        days before unless one was held already."""
        agreement = partnership.agreement or {}
        effective_from = agreement.get("effective_from")
        planned = []
        for kind in PERIOD_KINDS:
            period = period_containing(kind, today)
            if effective_from is not None and effective_from > period.end:
                continue
            if today < period.end - timedelta(days=self.days_ahead):
                continue
            held = any(
                meeting["type"] == kind and period.start <= meeting["held_on"] <= period.end
                for meeting in partnership.meetings
            )
            if held:
                continue
            planned.extend(
                self._planned(
                    "review_meeting_notice",
                    f"review:{partnership.id}:{period.label}",
                    partnership,
                    focal_point_recipients(partnership),
                    {"period_label": period.label_vi, "due_on": period.end},
                )
            )
        return planned

    def _overdue_activities(
        self, partnership: Partnership, today: date
    ) -> list[PlannedNotification]:
        plan = partnership.plan or {}
        planned = []
        for code, activity in sorted((plan.get("activities") or {}).items()):
            if activity.get("completed_on") is not None or activity["due_on"] >= today:
                continue
            planned.extend(
                self._planned(
                    "plan_activity_overdue",
                    f"overdue:{partnership.id}:{code}:{activity['due_on']}",
                    partnership,
                    focal_point_recipients(partnership, Side.CUSTOMS),
                    {"activity": activity},
                )
            )
        return planned

    def _yearly_duties(
        self, unit: str, partnerships: list[Partnership], today: date
    ) -> list[PlannedNotification]:
        """Remind the customs focal points of a lead unit's active partnerships to choose
        next year's content and to send last year's partner list to the General
        Department."""
        duties = []
        if today.month in NEXT_YEAR_CONTENT_MONTHS:
            duties.append(("next_year_content", today.year + 1))
        if today.month in PARTNER_LIST_MONTHS:
            duties.append(("partner_list", today.year - 1))
        planned = []
        for duty, year in duties:
            # One reminder per unit and recipient; the first partnership fills the template.
            recipients = combine(*(focal_point_recipients(p, Side.CUSTOMS) for p in partnerships))
            planned.extend(
                self._planned(
                    "yearly_duty",
                    f"yearly:{duty}:{unit}:{year}",
                    partnerships[0],
                    recipients,
                    {"duty": duty, "year": year},
                )
            )
        return planned
