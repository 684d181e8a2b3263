"""Turn one stored event into the notifications the procedure calls for.

Each notification's key is the event (aggregate id and version) and the recipient's
address, so processing the same event again yields the same keys."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, cast

from application.service import VIETNAM_TZ, PartnershipApplication
from domain.errors import DomainError
from domain.partner import Partner
from domain.partnership import Partnership
from domain.rules import WORKING_DOCUMENT_FIELDS
from domain.values import Side, label
from workers.recipients import Recipient, combine, focal_point_recipients, partner_recipients
from workers.rendering import NotificationRenderer
from workers.store import Attachment, PlannedNotification, notification_key

logger = logging.getLogger(__name__)

WORKING_DOCUMENT_HEADINGS_VI = {
    "purpose": "Mục đích",
    "content": "Nội dung",
    "form": "Hình thức",
    "benefits": "Lợi ích",
    "costs": "Chi phí",
    "risks": "Rủi ro",
    "activities": "Các hoạt động",
    "outputs": "Kết quả đầu ra",
    "resources": "Nguồn lực",
    "roles": "Vai trò, trách nhiệm các bên",
    "methods": "Phương thức thực hiện",
}


def event_key(event: Partnership.Event, recipient: Recipient) -> str:
    return notification_key(
        f"event:{event.originator_id}:{event.originator_version}", recipient.email
    )


class NotificationPlanner:
    """Build the rendered notifications of partnership events."""

    def __init__(
        self,
        app: PartnershipApplication,
        renderer: NotificationRenderer,
        max_age_days: int = 0,
        today: Callable[[], date] = lambda: datetime.now(VIETNAM_TZ).date(),
    ) -> None:
        """Keep what planning needs. With ``max_age_days`` above 0, steps whose business
        date is older than that many days get no notification, so importing history
        sends no mail."""
        self.app = app
        self.renderer = renderer
        self.max_age_days = max_age_days
        self.today = today
        self.handlers: dict[type[Any], Callable[[Any, Partnership], list[PlannedNotification]]]
        self.handlers = {
            Partnership.PartnersInformed: self._partners_informed,
            Partnership.AdHocMeetingNoticeGiven: self._ad_hoc_notice,
            Partnership.ConclusionReported: self._conclusion_report,
            Partnership.Suspended: self._suspension,
        }
        self.start_batch()

    def start_batch(self) -> None:
        """Forget the aggregates kept from the previous batch."""
        self._partnerships: dict[uuid.UUID, Partnership] = {}
        self._partners: dict[uuid.UUID, Partner | None] = {}

    def plan(self, event: object) -> list[PlannedNotification]:
        """Return the notifications of ``event``. Events must come in log order within a
        batch: the partnership each one needs is rolled forward from the previous one
        instead of being loaded again."""
        if isinstance(event, Partner.Event):
            self._partners.pop(event.originator_id, None)
            return []
        if not isinstance(event, Partnership.Event):
            return []
        handler = self.handlers.get(type(event))
        partnership = self._partnership_at(event, load=handler is not None)
        if handler is None or partnership is None:
            return []
        if self.max_age_days and event.occurred_on < self.today() - timedelta(self.max_age_days):
            logger.info(
                "notification skipped as too old event=%s partnership_id=%s occurred_on=%s",
                type(event).__name__,
                event.originator_id,
                event.occurred_on.isoformat(),
            )
            return []
        return handler(event, partnership)

    def _partnership_at(self, event: Partnership.Event, *, load: bool) -> Partnership | None:
        """Return the partnership as of ``event``. The event is applied to the cached
        state when that is one version behind; otherwise the partnership is loaded if
        ``load`` is set."""
        cached = self._partnerships.pop(event.originator_id, None)
        if cached is not None and cached.version == event.originator_version - 1:
            partnership = cast(Partnership, event.mutate(cached))
        elif load:
            partnership = self.app.get_partnership(
                event.originator_id, version=event.originator_version
            )
        else:
            return None
        self._partnerships[event.originator_id] = partnership
        return partnership

    # -- helpers -------------------------------------------------------------

    def unit_name(self, code: str) -> str:
        try:
            return self.app.units.get(code).name
        except DomainError:
            return code

    def partner(self, partner_id: str) -> Partner | None:
        key = uuid.UUID(partner_id)
        if key not in self._partners:
            try:
                self._partners[key] = self.app.get_partner_by_id(key)
            except DomainError:
                logger.warning("partner not found partner_id=%s", partner_id)
                self._partners[key] = None
        return self._partners[key]

    def partners_of(self, partnership: Partnership) -> list[Partner]:
        found = [self.partner(partner_id) for partner_id in partnership.partners]
        return [partner for partner in found if partner is not None]

    def _build(
        self,
        kind: str,
        event: Partnership.Event,
        partnership: Partnership,
        recipients: list[Recipient],
        context: dict[str, Any],
        attachments: tuple[Attachment, ...] = (),
    ) -> list[PlannedNotification]:
        planned = []
        for recipient in recipients:
            key = event_key(event, recipient)
            message = self.renderer.render(
                kind,
                {
                    **context,
                    "key": key,
                    "recipient_name": recipient.name,
                    "partnership": partnership,
                    "unit_name": self.unit_name(partnership.lead_unit),
                    "legal_basis": event.legal_basis,
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
                    attachments=attachments,
                )
            )
        return planned

    # -- one method per event ------------------------------------------------

    def _partners_informed(
        self, event: Partnership.PartnersInformed, partnership: Partnership
    ) -> list[PlannedNotification]:
        """Inform each partner, attaching the approved working document and inviting
        comments and a working session."""
        document = partnership.working_document or {}
        approval = document.get("approval") or {}
        summary = document.get("summary") or {}
        working_document = {
            "title": document.get("title", ""),
            "approved_by": approval.get("approved_by", ""),
            "legal_basis": approval.get("legal_basis"),
            "sections": [
                (WORKING_DOCUMENT_HEADINGS_VI[name], summary.get(name, ""))
                for name in WORKING_DOCUMENT_FIELDS
            ],
        }
        html = self.renderer.render_document(
            "working_document.html",
            {
                "key": f"event:{event.originator_id}:{event.originator_version}",
                "working_document": working_document,
                "partnership": partnership,
                "unit_name": self.unit_name(partnership.lead_unit),
            },
        )
        attachment = Attachment("tai-lieu-lam-viec.html", "text/html", html)
        recipients = combine(*(partner_recipients(p) for p in self.partners_of(partnership)))
        return self._build(
            "partners_informed",
            event,
            partnership,
            recipients,
            {"working_document": working_document, "signed_by": event.signed_by},
            (attachment,),
        )

    def _ad_hoc_notice(
        self, event: Partnership.AdHocMeetingNoticeGiven, partnership: Partnership
    ) -> list[PlannedNotification]:
        """Notify the side that did not request the ad hoc meeting."""
        if event.requested_by == Side.CUSTOMS:
            recipients = combine(
                focal_point_recipients(partnership, Side.PARTNER),
                *(partner_recipients(p) for p in self.partners_of(partnership)),
            )
            requested_by = self.unit_name(partnership.lead_unit)
        else:
            recipients = focal_point_recipients(partnership, Side.CUSTOMS)
            requested_by = "Phía đối tác"
        return self._build(
            "ad_hoc_meeting_notice",
            event,
            partnership,
            recipients,
            {
                "requested_by": requested_by,
                "meeting_on": event.meeting_on,
                "subject": event.subject,
                "form_of_notice": event.form_of_notice,
            },
        )

    def _conclusion_report(
        self, event: Partnership.ConclusionReported, partnership: Partnership
    ) -> list[PlannedNotification]:
        """Send the conclusion report to both sides' leadership through their focal points."""
        meeting = next(m for m in partnership.meetings if m["no"] == event.meeting_no)
        # "họp giao ban tháng" becomes "giao ban tháng", to follow "cuộc họp" in the text.
        meeting_label = (
            "đột xuất"
            if meeting["type"] == "ad_hoc"
            else label(meeting["type"]).removeprefix("họp ")
        )
        return self._build(
            "conclusion_report",
            event,
            partnership,
            focal_point_recipients(partnership),
            {
                "meeting": meeting,
                "meeting_label": meeting_label,
                "summary": event.summary,
            },
        )

    def _suspension(
        self, event: Partnership.Suspended, partnership: Partnership
    ) -> list[PlannedNotification]:
        """Notify the enterprise whose violation suspended the partnership and the lead unit."""
        partner = self.partner(event.partner_id)
        recipients = combine(
            partner_recipients(partner) if partner is not None else [],
            focal_point_recipients(partnership, Side.PARTNER, event.partner_id),
            focal_point_recipients(partnership, Side.CUSTOMS),
        )
        return self._build(
            "suspension_notice",
            event,
            partnership,
            recipients,
            {
                "suspended_on": event.occurred_on,
                "violation_kind": label(event.violation_kind),
                "partner_name": partner.name if partner is not None else event.partner_id,
            },
        )
