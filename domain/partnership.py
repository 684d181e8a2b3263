"""The Partnership aggregate: one customs–business relation set up through the
procedure, from the content chosen for a planning year to the agreement's end."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from domain.errors import (
    AdHocNoticeRequiredError,
    ConclusionAlreadyReportedError,
    DateBeforePreviousStepError,
    InvalidValueError,
    LegalBasisRequiredError,
    MinistryDecisionRequiredError,
    PartnerNotInPartnershipError,
    PartnershipEndedError,
    PartnershipSuspendedError,
    PlanActivityAlreadyCompletedError,
    ProposalNotApprovedError,
    StepOutOfOrderError,
    UnknownMeetingError,
    UnknownPlanActivityError,
    WorkingDocumentNotApprovedError,
    WorkingSessionRequiredError,
)
from domain.partner import PartnerProfile
from domain.rules import (
    ASSESSMENT_FIELDS,
    WORKING_DOCUMENT_FIELDS,
    check_approving_authority,
    check_eligibility,
    check_scope,
    check_signatory,
    document_type_for,
    normalise_activities,
    normalise_person,
)
from domain.units import CustomsUnit
from domain.values import (
    Actor,
    ApprovingAuthority,
    ContentArea,
    InformChannel,
    LegalBasis,
    MeetingPeriod,
    PartnershipForm,
    PartnershipKind,
    Scope,
    Side,
    SignatoryRole,
    State,
    ViolationKind,
    label,
    normalise_text,
    parse_enum,
)

PARTNERSHIP_NAMESPACE = uuid.UUID("0b8f3d52-7c1e-5a96-8e21-4f6a9d3c7b05")


STEP_NAMES_VI: dict[str, str] = {
    "select_scope": "lựa chọn loại, đối tượng và hình thức đối tác",
    "draft_working_document": "chuẩn bị tài liệu làm việc",
    "approve_working_document": "phê duyệt tài liệu làm việc",
    "inform_partners": "thông tin đến đối tác",
    "hold_working_session": "tổ chức buổi làm việc",
    "sign_memorandum": "ký biên bản ghi nhớ",
    "submit_feasibility_report": "trình báo cáo nghiên cứu khả thi",
    "approve_proposal": "phê duyệt đề xuất",
    "reject_proposal": "không phê duyệt đề xuất",
    "sign_agreement": "ký văn bản thoả thuận hoặc cam kết",
    "activity": "hoạt động trong thời gian thực hiện đối tác",
    "record_violation": "ghi nhận vi phạm",
    "reinstate": "khôi phục quan hệ đối tác",
    "end": "chấm dứt quan hệ đối tác",
}


def _basis(legal_basis: LegalBasis | None) -> dict[str, Any] | None:
    return legal_basis.to_dict() if legal_basis is not None else None


class Partnership(Aggregate):
    """One partnership: owned by a lead customs unit, with one or more partners as party B."""

    class Event(Aggregate.Event):
        actor: str
        actor_unit: str
        occurred_on: date
        legal_basis: dict[str, Any] | None

        def apply(self, aggregate: Partnership) -> None:
            aggregate.last_step_on = max(aggregate.last_step_on, self.occurred_on)
            self.apply_step(aggregate)

        def apply_step(self, aggregate: Partnership) -> None:
            """Change the aggregate's state for this step."""

    class ContentDetermined(Event, Aggregate.Created):
        reference: str
        title: str
        planning_year: int
        lead_unit: str
        lead_unit_level: str
        content_areas: list[str]
        assessment: dict[str, str]

        def apply(self, aggregate: Partnership) -> None:
            aggregate.reference = self.reference
            aggregate.title = self.title
            aggregate.planning_year = self.planning_year
            aggregate.lead_unit = self.lead_unit
            aggregate.lead_unit_level = self.lead_unit_level
            aggregate.content_areas = list(self.content_areas)
            aggregate.assessment = dict(self.assessment)
            aggregate.state = State.PROPOSED
            aggregate.last_step_on = self.occurred_on
            aggregate.kind = None
            aggregate.form = None
            aggregate.scope = None
            aggregate.beyond_customs_authority = False
            aggregate.partners = {}
            aggregate.working_document = None
            aggregate.informed = None
            aggregate.working_sessions = []
            aggregate.memorandum = None
            aggregate.feasibility_report = None
            aggregate.decision = None
            aggregate.agreement = None
            aggregate.plan = None
            aggregate.focal_points = []
            aggregate.meetings = []
            aggregate.ad_hoc_notices = []
            aggregate.publicity = []
            aggregate.evaluations = []
            aggregate.violations = []
            aggregate.suspension = None
            aggregate.ending = None

    class ScopeSelected(Event):
        kind: str
        form: str
        scope: str
        beyond_customs_authority: bool
        partners: list[dict[str, Any]]
        rationale: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.kind = self.kind
            aggregate.form = self.form
            aggregate.scope = self.scope
            aggregate.beyond_customs_authority = self.beyond_customs_authority
            aggregate.partners = {p["partner_id"]: dict(p) for p in self.partners}
            aggregate.state = State.SCOPED

    class WorkingDocumentDrafted(Event):
        document_title: str
        summary: dict[str, str]

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.working_document = {
                "title": self.document_title,
                "summary": dict(self.summary),
                "approved": False,
                "approval": None,
            }
            aggregate.state = State.PREPARING

    class WorkingDocumentApproved(Event):
        approved_by: str

        def apply_step(self, aggregate: Partnership) -> None:
            assert aggregate.working_document is not None
            aggregate.working_document = {
                **aggregate.working_document,
                "approved": True,
                "approval": {"approved_by": self.approved_by, "legal_basis": self.legal_basis},
            }

    class PartnersInformed(Event):
        channel: str
        signed_by: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.informed = {
                "channel": self.channel,
                "signed_by": self.signed_by,
                "on": self.occurred_on,
                "legal_basis": self.legal_basis,
            }
            aggregate.state = State.NEGOTIATING

    class WorkingSessionHeld(Event):
        chaired_by: str
        location: str
        participants: list[str]
        outcome: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.working_sessions = [
                *aggregate.working_sessions,
                {
                    "no": len(aggregate.working_sessions) + 1,
                    "held_on": self.occurred_on,
                    "chaired_by": self.chaired_by,
                    "location": self.location,
                    "participants": list(self.participants),
                    "outcome": self.outcome,
                },
            ]

    class MemorandumSigned(Event):
        summary: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.memorandum = {
                "signed_on": self.occurred_on,
                "summary": self.summary,
                "legal_basis": self.legal_basis,
            }
            aggregate.state = State.MEMORANDUM_SIGNED

    class FeasibilityReportSubmitted(Event):
        submitted_to: str
        summary: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.feasibility_report = {
                "submitted_on": self.occurred_on,
                "submitted_to": self.submitted_to,
                "summary": self.summary,
                "legal_basis": self.legal_basis,
            }
            aggregate.decision = None
            aggregate.state = State.UNDER_APPROVAL

    class ProposalApproved(Event):
        authority: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.decision = {
                "approved": True,
                "authority": self.authority,
                "on": self.occurred_on,
                "reason": "",
                "legal_basis": self.legal_basis,
            }
            aggregate.state = State.APPROVED

    class ProposalRejected(Event):
        authority: str
        reason: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.decision = {
                "approved": False,
                "authority": self.authority,
                "on": self.occurred_on,
                "reason": self.reason,
                "legal_basis": self.legal_basis,
            }
            aggregate.state = State.REJECTED

    class AgreementSigned(Event):
        document_type: str
        signatory_name: str
        signatory_role: str
        partner_signatories: list[dict[str, Any]]
        effective_from: date
        purpose: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.agreement = {
                "document_type": self.document_type,
                "signed_on": self.occurred_on,
                "signatory_name": self.signatory_name,
                "signatory_role": self.signatory_role,
                "partner_signatories": list(self.partner_signatories),
                "effective_from": self.effective_from,
                "purpose": self.purpose,
                "legal_basis": self.legal_basis,
            }
            aggregate.state = State.ACTIVE

    class PlanAdopted(Event):
        activities: list[dict[str, Any]]

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.plan = {
                "revision": 1,
                "adopted_on": self.occurred_on,
                "legal_basis": self.legal_basis,
                "activities": {a["code"]: dict(a) for a in self.activities},
            }

    class PlanRevised(Event):
        activities: list[dict[str, Any]]
        reason: str

        def apply_step(self, aggregate: Partnership) -> None:
            assert aggregate.plan is not None
            previous = aggregate.plan["activities"]
            activities = {}
            for activity in self.activities:
                earlier = previous.get(activity["code"], {})
                activities[activity["code"]] = {
                    **activity,
                    "completed_on": earlier.get("completed_on"),
                    "result": earlier.get("result", ""),
                }
            aggregate.plan = {
                "revision": aggregate.plan["revision"] + 1,
                "adopted_on": self.occurred_on,
                "legal_basis": self.legal_basis,
                "activities": activities,
            }

    class FocalPointDesignated(Event):
        side: str
        partner_id: str | None
        person: dict[str, Any]

        def apply_step(self, aggregate: Partnership) -> None:
            others = [
                fp
                for fp in aggregate.focal_points
                if (fp["side"], fp["partner_id"]) != (self.side, self.partner_id)
            ]
            aggregate.focal_points = [
                *others,
                {
                    "side": self.side,
                    "partner_id": self.partner_id,
                    "person": dict(self.person),
                    "since": self.occurred_on,
                },
            ]

    class ReviewMeetingHeld(Event):
        period: str
        period_label: str
        agenda: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.meetings = [
                *aggregate.meetings,
                {
                    "no": len(aggregate.meetings) + 1,
                    "type": self.period,
                    "period_label": self.period_label,
                    "held_on": self.occurred_on,
                    "agenda": self.agenda,
                    "notice_no": None,
                    "conclusion": None,
                },
            ]

    class AdHocMeetingNoticeGiven(Event):
        requested_by: str
        meeting_on: date
        form_of_notice: str
        subject: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.ad_hoc_notices = [
                *aggregate.ad_hoc_notices,
                {
                    "no": len(aggregate.ad_hoc_notices) + 1,
                    "given_on": self.occurred_on,
                    "requested_by": self.requested_by,
                    "meeting_on": self.meeting_on,
                    "form_of_notice": self.form_of_notice,
                    "subject": self.subject,
                    "legal_basis": self.legal_basis,
                    "held": False,
                },
            ]

    class AdHocMeetingHeld(Event):
        notice_no: int
        agenda: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.ad_hoc_notices = [
                {**n, "held": True} if n["no"] == self.notice_no else n
                for n in aggregate.ad_hoc_notices
            ]
            aggregate.meetings = [
                *aggregate.meetings,
                {
                    "no": len(aggregate.meetings) + 1,
                    "type": "ad_hoc",
                    "period_label": "",
                    "held_on": self.occurred_on,
                    "agenda": self.agenda,
                    "notice_no": self.notice_no,
                    "conclusion": None,
                },
            ]

    class ConclusionReported(Event):
        meeting_no: int
        summary: str
        sent_to: list[str]

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.meetings = [
                {
                    **m,
                    "conclusion": {
                        "reported_on": self.occurred_on,
                        "summary": self.summary,
                        "sent_to": list(self.sent_to),
                        "legal_basis": self.legal_basis,
                    },
                }
                if m["no"] == self.meeting_no
                else m
                for m in aggregate.meetings
            ]

    class PublicityRecorded(Event):
        channel: str
        description: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.publicity = [
                *aggregate.publicity,
                {"on": self.occurred_on, "channel": self.channel, "description": self.description},
            ]

    class EvaluationRecorded(Event):
        period_label: str
        result: str
        satisfaction: int
        effectiveness: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.evaluations = [
                *aggregate.evaluations,
                {
                    "on": self.occurred_on,
                    "period_label": self.period_label,
                    "result": self.result,
                    "satisfaction": self.satisfaction,
                    "effectiveness": self.effectiveness,
                },
            ]

    class PlanActivityCompleted(Event):
        code: str
        result: str

        def apply_step(self, aggregate: Partnership) -> None:
            assert aggregate.plan is not None
            activities = dict(aggregate.plan["activities"])
            activities[self.code] = {
                **activities[self.code],
                "completed_on": self.occurred_on,
                "result": self.result,
            }
            aggregate.plan = {**aggregate.plan, "activities": activities}

    class ViolationRecorded(Event):
        partner_id: str
        kind: str
        description: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.violations = [
                *aggregate.violations,
                {
                    "partner_id": self.partner_id,
                    "kind": self.kind,
                    "description": self.description,
                    "found_on": self.occurred_on,
                    "legal_basis": self.legal_basis,
                },
            ]

    class Suspended(Event):
        partner_id: str
        violation_kind: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.suspension = {
                "on": self.occurred_on,
                "partner_id": self.partner_id,
                "violation_kind": self.violation_kind,
                "legal_basis": self.legal_basis,
            }
            aggregate.state = State.SUSPENDED

    class Reinstated(Event):
        reason: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.suspension = None
            aggregate.state = State.ACTIVE

    class Ended(Event):
        reason: str

        def apply_step(self, aggregate: Partnership) -> None:
            aggregate.ending = {
                "on": self.occurred_on,
                "reason": self.reason,
                "previous_state": aggregate.state,
                "legal_basis": self.legal_basis,
            }
            aggregate.state = State.ENDED

    # Declared for type checkers only: the Aggregate base class would turn class-level
    # annotations into constructor parameters, and the created event sets these instead.
    if TYPE_CHECKING:
        reference: str
        title: str
        planning_year: int
        lead_unit: str
        lead_unit_level: str
        content_areas: list[str]
        assessment: dict[str, str]
        state: str
        last_step_on: date
        kind: str | None
        form: str | None
        scope: str | None
        beyond_customs_authority: bool
        partners: dict[str, dict[str, Any]]
        working_document: dict[str, Any] | None
        informed: dict[str, Any] | None
        working_sessions: list[dict[str, Any]]
        memorandum: dict[str, Any] | None
        feasibility_report: dict[str, Any] | None
        decision: dict[str, Any] | None
        agreement: dict[str, Any] | None
        plan: dict[str, Any] | None
        focal_points: list[dict[str, Any]]
        meetings: list[dict[str, Any]]
        ad_hoc_notices: list[dict[str, Any]]
        publicity: list[dict[str, Any]]
        evaluations: list[dict[str, Any]]
        violations: list[dict[str, Any]]
        suspension: dict[str, Any] | None
        ending: dict[str, Any] | None

    @staticmethod
    def id_for(reference: str) -> uuid.UUID:
        """Return the partnership id derived from its reference, unique across the sector."""
        return uuid.uuid5(PARTNERSHIP_NAMESPACE, reference.strip().upper())

    # -- creation -------------------------------------------------------------

    @classmethod
    def determine_content(
        cls,
        *,
        actor: Actor,
        occurred_on: date,
        reference: str,
        title: str,
        planning_year: int,
        lead_unit: CustomsUnit,
        content_areas: Iterable[str],
        assessment: Mapping[str, str],
    ) -> Partnership:
        """Open a partnership with the content chosen for a planning year and the
        assessment of its legality, benefits, impact, resources, costs and risks."""
        areas = sorted({parse_enum(ContentArea, a, "content_areas") for a in content_areas})
        if not areas:
            raise InvalidValueError(
                "Cần chọn ít nhất một nội dung đối tác, từ (i) đến (vi).", field="content_areas"
            )
        if planning_year < occurred_on.year:
            raise InvalidValueError(
                f"Năm kế hoạch {planning_year} đã qua so với ngày xác định nội dung "
                f"{occurred_on:%d/%m/%Y}.",
                field="planning_year",
            )
        missing = [name for name in ASSESSMENT_FIELDS if not str(assessment.get(name, "")).strip()]
        if missing:
            raise InvalidValueError(
                "Thiếu đánh giá về: " + ", ".join(missing) + ".", field="assessment." + missing[0]
            )
        reference = normalise_text(reference, "reference").upper()
        return cls._create(
            cls.ContentDetermined,
            id=cls.id_for(reference),
            actor=actor.name,
            actor_unit=actor.unit,
            occurred_on=occurred_on,
            legal_basis=None,
            reference=reference,
            title=normalise_text(title, "title"),
            planning_year=planning_year,
            lead_unit=lead_unit.code,
            lead_unit_level=str(lead_unit.level),
            content_areas=areas,
            assessment={
                name: normalise_text(str(assessment[name]), f"assessment.{name}")
                for name in ASSESSMENT_FIELDS
            },
        )

    # -- guards ---------------------------------------------------------------

    def _require_state(self, step: str, *allowed: str) -> None:
        if self.state in allowed:
            return
        if self.state == State.SUSPENDED:
            raise PartnershipSuspendedError(
                "Quan hệ đối tác đang bị đình chỉ: không thực hiện được bước "
                f"«{STEP_NAMES_VI[step]}». Hãy khôi phục hoặc chấm dứt quan hệ đối tác trước."
            )
        if self.state == State.ENDED:
            raise PartnershipEndedError(
                f"Quan hệ đối tác đã chấm dứt: không thực hiện được bước «{STEP_NAMES_VI[step]}»."
            )
        raise StepOutOfOrderError(
            f"Bước «{STEP_NAMES_VI[step]}» không thực hiện được khi quan hệ đối tác "
            f"đang ở trạng thái «{label(self.state)}».",
            state=self.state,
        )

    def _require_date(self, occurred_on: date, legal_basis: LegalBasis | None) -> None:
        if occurred_on < self.last_step_on:
            raise DateBeforePreviousStepError(
                f"Ngày thực hiện {occurred_on:%d/%m/%Y} sớm hơn bước trước "
                f"({self.last_step_on:%d/%m/%Y}).",
                field="occurred_on",
            )
        if legal_basis is not None and legal_basis.issued_on > occurred_on:
            raise InvalidValueError(
                f"Văn bản {legal_basis.number} ghi ngày {legal_basis.issued_on:%d/%m/%Y}, "
                f"sau ngày thực hiện {occurred_on:%d/%m/%Y}.",
                field="legal_basis.issued_on",
            )

    def _require_activity_date(self, occurred_on: date, legal_basis: LegalBasis | None) -> None:
        assert self.agreement is not None
        signed_on: date = self.agreement["signed_on"]
        if occurred_on < signed_on:
            raise DateBeforePreviousStepError(
                f"Ngày thực hiện {occurred_on:%d/%m/%Y} sớm hơn ngày ký văn bản "
                f"({signed_on:%d/%m/%Y}).",
                field="occurred_on",
            )
        if legal_basis is not None and legal_basis.issued_on > occurred_on:
            raise InvalidValueError(
                f"Văn bản {legal_basis.number} ghi ngày {legal_basis.issued_on:%d/%m/%Y}, "
                f"sau ngày thực hiện {occurred_on:%d/%m/%Y}.",
                field="legal_basis.issued_on",
            )

    @staticmethod
    def _require_basis(legal_basis: LegalBasis | None, document: str) -> LegalBasis:
        if legal_basis is None:
            raise LegalBasisRequiredError(
                f"Bước này phải ghi số và ngày của {document}.", field="legal_basis"
            )
        return legal_basis

    def _require_partner(self, partner_id: str, field: str = "partner_id") -> None:
        if partner_id not in self.partners:
            raise PartnerNotInPartnershipError(
                f"Đối tác «{partner_id}» không tham gia quan hệ đối tác này.", field=field
            )

    def _trigger(
        self,
        event_class: type[Partnership.Event],
        actor: Actor,
        occurred_on: date,
        legal_basis: LegalBasis | None,
        **fields: Any,
    ) -> None:
        self.trigger_event(
            event_class,
            actor=actor.name,
            actor_unit=actor.unit,
            occurred_on=occurred_on,
            legal_basis=_basis(legal_basis),
            **fields,
        )

    # -- the procedure --------------------------------------------------------

    def select_scope(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        kind: str,
        form: str,
        scope: str,
        beyond_customs_authority: bool,
        partners: list[PartnerProfile],
        rationale: str,
    ) -> None:
        """Choose the kind, form and scope, and the partners that will be party B."""
        self._require_state("select_scope", State.PROPOSED)
        self._require_date(occurred_on, None)
        kind = parse_enum(PartnershipKind, kind, "kind")
        form = parse_enum(PartnershipForm, form, "form")
        scope = parse_enum(Scope, scope, "scope")
        check_scope(kind, form, scope, self.lead_unit_level, partners)
        self._trigger(
            self.ScopeSelected,
            actor,
            occurred_on,
            None,
            kind=kind,
            form=form,
            scope=scope,
            beyond_customs_authority=beyond_customs_authority,
            partners=[
                {"partner_id": str(p.partner_id), "name": p.name, "partner_type": p.partner_type}
                for p in partners
            ],
            rationale=normalise_text(rationale, "rationale", required=False),
        )

    def draft_working_document(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        document_title: str,
        summary: Mapping[str, str],
    ) -> None:
        """Record the working document: purpose, content, form, benefits, costs, risks,
        activities, outputs, resources, roles and methods."""
        self._require_state("draft_working_document", State.SCOPED)
        self._require_date(occurred_on, None)
        missing = [
            name for name in WORKING_DOCUMENT_FIELDS if not str(summary.get(name, "")).strip()
        ]
        if missing:
            raise InvalidValueError(
                "Tài liệu làm việc thiếu: " + ", ".join(missing) + ".",
                field="summary." + missing[0],
            )
        self._trigger(
            self.WorkingDocumentDrafted,
            actor,
            occurred_on,
            None,
            document_title=normalise_text(document_title, "document_title"),
            summary={
                name: normalise_text(str(summary[name]), f"summary.{name}")
                for name in WORKING_DOCUMENT_FIELDS
            },
        )

    def approve_working_document(
        self, *, actor: Actor, occurred_on: date, approved_by: str, legal_basis: LegalBasis | None
    ) -> None:
        self._require_state("approve_working_document", State.PREPARING)
        assert self.working_document is not None
        if self.working_document["approved"]:
            raise StepOutOfOrderError("Tài liệu làm việc đã được phê duyệt trước đó.")
        basis = self._require_basis(legal_basis, "văn bản phê duyệt tài liệu làm việc")
        self._require_date(occurred_on, basis)
        self._trigger(
            self.WorkingDocumentApproved,
            actor,
            occurred_on,
            basis,
            approved_by=normalise_text(approved_by, "approved_by"),
        )

    def inform_partners(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        channel: str,
        signed_by: str,
        legal_basis: LegalBasis | None,
    ) -> None:
        """Send the approved working document to the partners by official letter or e-mail."""
        self._require_state("inform_partners", State.PREPARING)
        assert self.working_document is not None
        if not self.working_document["approved"]:
            raise WorkingDocumentNotApprovedError(
                "Chỉ thông tin đến đối tác sau khi tài liệu làm việc được cấp có thẩm quyền "
                "phê duyệt."
            )
        channel = parse_enum(InformChannel, channel, "channel")
        if channel == InformChannel.OFFICIAL_LETTER:
            legal_basis = self._require_basis(legal_basis, "công văn gửi đối tác")
        self._require_date(occurred_on, legal_basis)
        self._trigger(
            self.PartnersInformed,
            actor,
            occurred_on,
            legal_basis,
            channel=channel,
            signed_by=normalise_text(signed_by, "signed_by"),
        )

    def hold_working_session(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        chaired_by: str,
        location: str,
        participants: list[str],
        outcome: str,
    ) -> None:
        """Record a working session at the customs office, chaired by the unit's leadership."""
        self._require_state("hold_working_session", State.NEGOTIATING)
        self._require_date(occurred_on, None)
        self._trigger(
            self.WorkingSessionHeld,
            actor,
            occurred_on,
            None,
            chaired_by=normalise_text(chaired_by, "chaired_by"),
            location=normalise_text(location, "location"),
            participants=[normalise_text(p, "participants") for p in participants],
            outcome=normalise_text(outcome, "outcome"),
        )

    def sign_memorandum(
        self, *, actor: Actor, occurred_on: date, summary: str, legal_basis: LegalBasis | None
    ) -> None:
        self._require_state("sign_memorandum", State.NEGOTIATING)
        if not self.working_sessions:
            raise WorkingSessionRequiredError(
                "Phải tổ chức ít nhất một buổi làm việc với đối tác trước khi ký biên bản ghi nhớ."
            )
        basis = self._require_basis(legal_basis, "biên bản ghi nhớ")
        self._require_date(occurred_on, basis)
        self._trigger(
            self.MemorandumSigned,
            actor,
            occurred_on,
            basis,
            summary=normalise_text(summary, "summary"),
        )

    def submit_feasibility_report(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        submitted_to: str,
        summary: str,
        legal_basis: LegalBasis | None,
    ) -> None:
        """Submit the feasibility report, built on the working document and the memorandum,
        for approval; a rejected proposal may be submitted again."""
        self._require_state("submit_feasibility_report", State.MEMORANDUM_SIGNED, State.REJECTED)
        basis = self._require_basis(legal_basis, "báo cáo nghiên cứu khả thi")
        self._require_date(occurred_on, basis)
        self._trigger(
            self.FeasibilityReportSubmitted,
            actor,
            occurred_on,
            basis,
            submitted_to=parse_enum(ApprovingAuthority, submitted_to, "submitted_to"),
            summary=normalise_text(summary, "summary"),
        )

    def approve_proposal(
        self, *, actor: Actor, occurred_on: date, authority: str, legal_basis: LegalBasis | None
    ) -> None:
        """Record the competent authority's approval. A partnership whose impact exceeds
        customs' authority is approved only by a Ministry of Finance decision."""
        self._require_state("approve_proposal", State.UNDER_APPROVAL)
        authority = parse_enum(ApprovingAuthority, authority, "authority")
        assert self.scope is not None
        check_approving_authority(self.scope, self.beyond_customs_authority, authority)
        basis = self._require_basis(legal_basis, "quyết định phê duyệt")
        self._require_date(occurred_on, basis)
        self._trigger(self.ProposalApproved, actor, occurred_on, basis, authority=authority)

    def reject_proposal(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        authority: str,
        reason: str,
        legal_basis: LegalBasis | None,
    ) -> None:
        self._require_state("reject_proposal", State.UNDER_APPROVAL)
        authority = parse_enum(ApprovingAuthority, authority, "authority")
        assert self.scope is not None
        check_approving_authority(self.scope, self.beyond_customs_authority, authority)
        basis = self._require_basis(legal_basis, "văn bản không phê duyệt")
        self._require_date(occurred_on, basis)
        self._trigger(
            self.ProposalRejected,
            actor,
            occurred_on,
            basis,
            authority=authority,
            reason=normalise_text(reason, "reason"),
        )

    def sign_agreement(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        signatory_name: str,
        signatory_role: str,
        partner_signatories: list[dict[str, Any]],
        partners: list[PartnerProfile],
        effective_from: date,
        purpose: str,
        legal_basis: LegalBasis | None,
    ) -> None:
        """Sign the cooperation agreement (or, for conditional partnerships and action
        programmes, the commitment) after approval, checking each partner's eligibility
        on the signing date."""
        if self.state == State.UNDER_APPROVAL or self.state == State.REJECTED:
            raise ProposalNotApprovedError(
                "Chỉ ký văn bản thoả thuận sau khi cấp có thẩm quyền phê duyệt đề xuất."
            )
        self._require_state("sign_agreement", State.APPROVED)

        basis = self._require_basis(legal_basis, "văn bản thoả thuận hoặc cam kết")
        self._require_date(occurred_on, basis)
        signatory_role = parse_enum(SignatoryRole, signatory_role, "signatory_role")
        assert self.scope is not None
        assert self.kind is not None
        assert self.decision is not None

        if self.beyond_customs_authority and (
            self.decision["authority"] != ApprovingAuthority.MINISTRY_OF_FINANCE
        ):
            raise MinistryDecisionRequiredError(
                "Nội dung đối tác vượt thẩm quyền cơ quan hải quan: "
                "cần quyết định của Bộ Tài chính."
            )
        check_signatory(self.scope, signatory_role)

        by_id = {str(p.partner_id): p for p in partners}
        for partner_id in self.partners:
            if partner_id not in by_id:
                raise InvalidValueError(
                    f"Thiếu thông tin đối tác «{partner_id}» để kiểm tra điều kiện ký.",
                    field="partners",
                )
            check_eligibility(by_id[partner_id], occurred_on)

        signatories = []
        for index, signatory in enumerate(partner_signatories):
            partner_id = str(signatory["partner_id"])
            self._require_partner(partner_id, f"partner_signatories.{index}.partner_id")
            signatories.append(
                {
                    "partner_id": partner_id,
                    "name": normalise_text(signatory["name"], f"partner_signatories.{index}.name"),
                    "title": normalise_text(
                        signatory["title"], f"partner_signatories.{index}.title"
                    ),
                }
            )
        if effective_from < occurred_on:
            raise InvalidValueError(
                "Ngày bắt đầu thực hiện không được trước ngày ký.", field="effective_from"
            )

        self._trigger(
            self.AgreementSigned,
            actor,
            occurred_on,
            basis,
            document_type=document_type_for(self.kind, self.form),
            signatory_name=normalise_text(signatory_name, "signatory_name"),
            signatory_role=signatory_role,
            partner_signatories=signatories,
            effective_from=effective_from,
            purpose=normalise_text(purpose, "purpose"),
        )

    # -- while active ---------------------------------------------------------

    def _require_active(self, occurred_on: date, legal_basis: LegalBasis | None) -> None:
        self._require_state("activity", State.ACTIVE)
        self._require_activity_date(occurred_on, legal_basis)

    def adopt_plan(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        activities: list[dict[str, Any]],
        legal_basis: LegalBasis | None,
    ) -> None:
        """Adopt the implementation plan: tasks, responsibilities, resources, costs,
        outputs and deadlines. A plan already adopted is changed by ``revise_plan``."""
        self._require_active(occurred_on, legal_basis)
        if self.plan is not None:
            raise StepOutOfOrderError(
                "Kế hoạch triển khai đã được ban hành; hãy dùng bước điều chỉnh kế hoạch."
            )
        basis = self._require_basis(legal_basis, "kế hoạch triển khai")
        self._trigger(
            self.PlanAdopted,
            actor,
            occurred_on,
            basis,
            activities=normalise_activities(activities),
        )

    def revise_plan(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        activities: list[dict[str, Any]],
        reason: str,
        legal_basis: LegalBasis | None,
    ) -> None:
        self._require_active(occurred_on, legal_basis)
        if self.plan is None:
            raise StepOutOfOrderError("Chưa có kế hoạch triển khai để điều chỉnh.")
        basis = self._require_basis(legal_basis, "kế hoạch điều chỉnh")
        self._trigger(
            self.PlanRevised,
            actor,
            occurred_on,
            basis,
            activities=normalise_activities(activities),
            reason=normalise_text(reason, "reason"),
        )

    def designate_focal_point(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        side: str,
        person: dict[str, Any],
        partner_id: str | None = None,
    ) -> None:
        """Designate the contact and coordination person of one side; a later designation
        for the same side (and partner) replaces the earlier one."""
        self._require_active(occurred_on, None)
        side = parse_enum(Side, side, "side")
        if side == Side.PARTNER:
            if partner_id is None:
                raise InvalidValueError(
                    "Đầu mối phía đối tác phải ghi rõ đối tác.", field="partner_id"
                )
            self._require_partner(partner_id)
        elif partner_id is not None:
            raise InvalidValueError(
                "Đầu mối phía cơ quan hải quan không gắn với đối tác.", field="partner_id"
            )
        self._trigger(
            self.FocalPointDesignated,
            actor,
            occurred_on,
            None,
            side=side,
            partner_id=partner_id,
            person=normalise_person(person, "person"),
        )

    def hold_review_meeting(
        self, *, actor: Actor, occurred_on: date, period: str, period_label: str, agenda: str
    ) -> None:
        """Record a monthly, quarterly or yearly review meeting of progress and results."""
        self._require_active(occurred_on, None)
        self._trigger(
            self.ReviewMeetingHeld,
            actor,
            occurred_on,
            None,
            period=parse_enum(MeetingPeriod, period, "period"),
            period_label=normalise_text(period_label, "period_label"),
            agenda=normalise_text(agenda, "agenda"),
        )

    def give_ad_hoc_notice(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        requested_by: str,
        meeting_on: date,
        form_of_notice: str,
        subject: str,
        legal_basis: LegalBasis | None,
    ) -> None:
        """Record the prior written notice (or notice in the agreed form) that the side
        requesting an ad hoc meeting gives the other side."""
        self._require_active(occurred_on, legal_basis)
        if meeting_on < occurred_on:
            raise AdHocNoticeRequiredError(
                "Thông báo họp đột xuất phải gửi trước ngày họp.", field="meeting_on"
            )
        self._trigger(
            self.AdHocMeetingNoticeGiven,
            actor,
            occurred_on,
            legal_basis,
            requested_by=parse_enum(Side, requested_by, "requested_by"),
            meeting_on=meeting_on,
            form_of_notice=normalise_text(form_of_notice, "form_of_notice"),
            subject=normalise_text(subject, "subject"),
        )

    def hold_ad_hoc_meeting(
        self, *, actor: Actor, occurred_on: date, notice_no: int | None, agenda: str
    ) -> None:
        self._require_active(occurred_on, None)
        notice = next((n for n in self.ad_hoc_notices if n["no"] == notice_no), None)
        if notice is None or notice["held"] or notice["given_on"] > occurred_on:
            raise AdHocNoticeRequiredError(
                "Họp đột xuất phải có thông báo trước bằng văn bản hoặc hình thức đã thống nhất "
                "mà chưa được dùng cho cuộc họp khác.",
                field="notice_no",
            )
        self._trigger(
            self.AdHocMeetingHeld,
            actor,
            occurred_on,
            None,
            notice_no=notice["no"],
            agenda=normalise_text(agenda, "agenda"),
        )

    def report_conclusion(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        meeting_no: int,
        summary: str,
        sent_to: list[str],
        legal_basis: LegalBasis | None,
    ) -> None:
        """Record the conclusion report of a meeting, sent to both sides' leadership."""
        self._require_active(occurred_on, legal_basis)
        meeting = next((m for m in self.meetings if m["no"] == meeting_no), None)
        if meeting is None:
            raise UnknownMeetingError(
                f"Không có cuộc họp số {meeting_no} trong quan hệ đối tác này.", field="meeting_no"
            )
        if meeting["conclusion"] is not None:
            raise ConclusionAlreadyReportedError(
                f"Cuộc họp số {meeting_no} đã có báo cáo kết luận.", field="meeting_no"
            )
        if occurred_on < meeting["held_on"]:
            raise DateBeforePreviousStepError(
                "Báo cáo kết luận không được trước ngày họp.", field="occurred_on"
            )
        recipients = {parse_enum(Side, s, "sent_to") for s in sent_to}
        if recipients != set(Side):
            raise InvalidValueError(
                "Báo cáo kết luận phải gửi lãnh đạo của cả hai bên: customs và partner.",
                field="sent_to",
            )
        basis = self._require_basis(legal_basis, "báo cáo kết luận cuộc họp")
        self._trigger(
            self.ConclusionReported,
            actor,
            occurred_on,
            basis,
            meeting_no=meeting_no,
            summary=normalise_text(summary, "summary"),
            sent_to=sorted(recipients),
        )

    def record_publicity(
        self, *, actor: Actor, occurred_on: date, channel: str, description: str
    ) -> None:
        self._require_active(occurred_on, None)
        self._trigger(
            self.PublicityRecorded,
            actor,
            occurred_on,
            None,
            channel=normalise_text(channel, "channel"),
            description=normalise_text(description, "description"),
        )

    def record_evaluation(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        period_label: str,
        result: str,
        satisfaction: int,
        effectiveness: str,
    ) -> None:
        """Record the supervision findings: results, participants' satisfaction (1 to 5)
        and the effectiveness of the partnership model."""
        self._require_active(occurred_on, None)
        if not 1 <= satisfaction <= 5:
            raise InvalidValueError("Mức độ hài lòng phải từ 1 đến 5.", field="satisfaction")
        self._trigger(
            self.EvaluationRecorded,
            actor,
            occurred_on,
            None,
            period_label=normalise_text(period_label, "period_label"),
            result=normalise_text(result, "result"),
            satisfaction=satisfaction,
            effectiveness=normalise_text(effectiveness, "effectiveness"),
        )

    def complete_plan_activity(
        self, *, actor: Actor, occurred_on: date, code: str, result: str
    ) -> None:
        self._require_active(occurred_on, None)
        if self.plan is None or code not in self.plan["activities"]:
            raise UnknownPlanActivityError(
                f"Kế hoạch triển khai không có hoạt động «{code}».", field="code"
            )
        if self.plan["activities"][code].get("completed_on") is not None:
            raise PlanActivityAlreadyCompletedError(
                f"Hoạt động «{code}» đã hoàn thành trước đó.", field="code"
            )
        self._trigger(
            self.PlanActivityCompleted,
            actor,
            occurred_on,
            None,
            code=code,
            result=normalise_text(result, "result"),
        )

    # -- violations, suspension and ending -----------------------------------

    def record_violation(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        partner_id: str,
        kind: str,
        description: str,
        legal_basis: LegalBasis | None,
    ) -> None:
        """Record a violation by a partner. Customs suspends an active partnership
        unilaterally when a partner violates the law, evades or defrauds tax, smuggles,
        or is found not to meet the conditions."""
        if self.state == State.ENDED:
            self._require_state("record_violation")
        self._require_partner(partner_id)
        basis = self._require_basis(legal_basis, "văn bản xác định vi phạm")
        if basis.issued_on > occurred_on:
            raise InvalidValueError(
                f"Văn bản {basis.number} ghi ngày {basis.issued_on:%d/%m/%Y}, "
                f"sau ngày phát hiện {occurred_on:%d/%m/%Y}.",
                field="legal_basis.issued_on",
            )
        kind = parse_enum(ViolationKind, kind, "kind")
        self._trigger(
            self.ViolationRecorded,
            actor,
            occurred_on,
            basis,
            partner_id=partner_id,
            kind=kind,
            description=normalise_text(description, "description"),
        )
        if self.state == State.ACTIVE:
            self._trigger(
                self.Suspended,
                actor,
                occurred_on,
                basis,
                partner_id=partner_id,
                violation_kind=kind,
            )

    def reinstate(
        self, *, actor: Actor, occurred_on: date, reason: str, legal_basis: LegalBasis | None
    ) -> None:
        """Lift a suspension by a documented decision, for example when the finding that
        caused it is annulled."""
        self._require_state("reinstate", State.SUSPENDED)
        basis = self._require_basis(legal_basis, "quyết định khôi phục quan hệ đối tác")
        self._require_date(occurred_on, basis)
        self._trigger(
            self.Reinstated, actor, occurred_on, basis, reason=normalise_text(reason, "reason")
        )

    def end(
        self, *, actor: Actor, occurred_on: date, reason: str, legal_basis: LegalBasis | None
    ) -> None:
        """End the partnership. Once an agreement is signed, ending it needs a document."""
        if self.state == State.ENDED:
            self._require_state("end")
        basis = legal_basis
        if self.state in (State.ACTIVE, State.SUSPENDED):
            basis = self._require_basis(legal_basis, "văn bản chấm dứt quan hệ đối tác")
        self._require_date(occurred_on, basis)
        self._trigger(
            self.Ended, actor, occurred_on, basis, reason=normalise_text(reason, "reason")
        )
