"""One marshmallow schema per command. The import lines and the HTTP API both load
commands through these schemas, so the two accept exactly the same input."""

from __future__ import annotations

from typing import Any, ClassVar

from marshmallow import Schema, ValidationError, validates_schema

from application import fields as f
from domain.rules import ASSESSMENT_FIELDS, WORKING_DOCUMENT_FIELDS
from domain.values import (
    ApprovingAuthority,
    ContentArea,
    InformChannel,
    MeetingPeriod,
    PartnershipForm,
    PartnershipKind,
    PartnerType,
    Scope,
    ServiceKind,
    Side,
    SignatoryRole,
    ViolationKind,
)


def _values(enum_type: Any) -> list[str]:
    return [member.value for member in enum_type]


class StrictSchema(Schema):
    """Base schema: unknown fields are rejected at every level, with Vietnamese messages."""

    error_messages: ClassVar[dict[str, str]] = {  # type: ignore[misc]
        "unknown": f.UNKNOWN_FIELD,
        "type": f.INVALID_OBJECT,
    }


def _text(maximum: int = 2000, **kwargs: Any) -> f.Text:
    return f.Text(validate=f.length(1, maximum), **kwargs)


def _optional_text(maximum: int = 2000) -> f.Text:
    return f.Text(validate=f.length(maximum=maximum), load_default=None, allow_none=True)


class ActorSchema(StrictSchema):
    name = _text(200, required=True)
    unit = _text(50, required=True)


class LegalBasisSchema(StrictSchema):
    number = _text(100, required=True)
    issued_on = f.Date(required=True)


class ContactSchema(StrictSchema):
    name = _text(200, required=True)
    title = _optional_text(200)
    phone = _optional_text(30)
    email = _optional_text(254)


# -- partners -----------------------------------------------------------------


class PartnerRefSchema(StrictSchema):
    tax_number = _text(14, required=True)


class RegisterPartnerSchema(PartnerRefSchema):
    name = _text(300, required=True)
    partner_type = f.Text(required=True, validate=f.one_of(_values(PartnerType)))
    service_kind = f.Text(
        load_default=None, allow_none=True, validate=f.one_of(_values(ServiceKind))
    )
    legal_entity = f.Boolean(load_default=True)
    address = _text(500, required=True)
    phone = _optional_text(30)
    email = _optional_text(254)


class UpdatePartnerSchema(PartnerRefSchema):
    name = _optional_text(300)
    address = _optional_text(500)
    phone = _optional_text(30)
    email = _optional_text(254)


class AddPartnerContactSchema(PartnerRefSchema):
    contact = f.Nested(ContactSchema, required=True)


class DeclareComplianceSchema(PartnerRefSchema):
    year = f.Integer(required=True, validate=f.year_range())
    tax_duties_met = f.Boolean(required=True)
    no_violation = f.Boolean(required=True)
    no_smuggling = f.Boolean(required=True)
    evidence = _text(500, required=True)


class RecordYearlyTaxSchema(PartnerRefSchema):
    year = f.Integer(required=True, validate=f.year_range())
    provincial_unit = _text(50, required=True)
    amount = f.Decimal(required=True, places=0)


# -- partnerships: the procedure -----------------------------------------------


class PartnershipRefSchema(StrictSchema):
    partnership = _text(60, required=True)


class AssessmentSchema(StrictSchema):
    legality = _text(required=True)
    benefits = _text(required=True)
    impact = _text(required=True)
    resources = _text(required=True)
    costs = _text(required=True)
    risks = _text(required=True)


assert tuple(AssessmentSchema().fields) == ASSESSMENT_FIELDS


class DetermineContentSchema(PartnershipRefSchema):
    title = _text(500, required=True)
    planning_year = f.Integer(required=True, validate=f.year_range())
    lead_unit = _text(50, required=True)
    content_areas = f.List(
        f.Text(validate=f.one_of(_values(ContentArea))), required=True, validate=f.length(1)
    )
    assessment = f.Nested(AssessmentSchema, required=True)


class SelectScopeSchema(PartnershipRefSchema):
    kind = f.Text(required=True, validate=f.one_of(_values(PartnershipKind)))
    form = f.Text(required=True, validate=f.one_of(_values(PartnershipForm)))
    scope = f.Text(required=True, validate=f.one_of(_values(Scope)))
    beyond_customs_authority = f.Boolean(load_default=False)
    partners = f.List(_text(14), required=True, validate=f.length(1))
    rationale = _optional_text()


class WorkingDocumentSummarySchema(StrictSchema):
    purpose = _text(required=True)
    content = _text(required=True)
    form = _text(required=True)
    benefits = _text(required=True)
    costs = _text(required=True)
    risks = _text(required=True)
    activities = _text(required=True)
    outputs = _text(required=True)
    resources = _text(required=True)
    roles = _text(required=True)
    methods = _text(required=True)


assert tuple(WorkingDocumentSummarySchema().fields) == WORKING_DOCUMENT_FIELDS


class DraftWorkingDocumentSchema(PartnershipRefSchema):
    document_title = _text(500, required=True)
    summary = f.Nested(WorkingDocumentSummarySchema, required=True)


class ApproveWorkingDocumentSchema(PartnershipRefSchema):
    approved_by = _text(200, required=True)


class InformPartnersSchema(PartnershipRefSchema):
    channel = f.Text(required=True, validate=f.one_of(_values(InformChannel)))
    signed_by = _text(200, required=True)


class HoldWorkingSessionSchema(PartnershipRefSchema):
    chaired_by = _text(200, required=True)
    location = _text(300, required=True)
    participants = f.List(_text(200), required=True, validate=f.length(1))
    outcome = _text(required=True)


class SignMemorandumSchema(PartnershipRefSchema):
    summary = _text(required=True)


class SubmitFeasibilityReportSchema(PartnershipRefSchema):
    submitted_to = f.Text(required=True, validate=f.one_of(_values(ApprovingAuthority)))
    summary = _text(required=True)


class ApproveProposalSchema(PartnershipRefSchema):
    authority = f.Text(required=True, validate=f.one_of(_values(ApprovingAuthority)))


class RejectProposalSchema(ApproveProposalSchema):
    reason = _text(required=True)


class PartnerSignatorySchema(StrictSchema):
    tax_number = _text(14, required=True)
    name = _text(200, required=True)
    title = _text(200, required=True)


class SignAgreementSchema(PartnershipRefSchema):
    signatory_name = _text(200, required=True)
    signatory_role = f.Text(required=True, validate=f.one_of(_values(SignatoryRole)))
    partner_signatories = f.List(
        f.Nested(PartnerSignatorySchema), required=True, validate=f.length(1)
    )
    effective_from = f.Date(required=True)
    purpose = _text(required=True)


# -- partnerships: while active --------------------------------------------------


class PlanActivitySchema(StrictSchema):
    code = _text(30, required=True)
    title = _text(500, required=True)
    responsible = _text(300, required=True)
    resources = _optional_text()
    cost = _optional_text(200)
    output = _text(required=True)
    due_on = f.Date(required=True)


class AdoptPlanSchema(PartnershipRefSchema):
    activities = f.List(f.Nested(PlanActivitySchema), required=True, validate=f.length(1))


class RevisePlanSchema(AdoptPlanSchema):
    reason = _text(required=True)


class DesignateFocalPointSchema(PartnershipRefSchema):
    side = f.Text(required=True, validate=f.one_of(_values(Side)))
    tax_number = f.Text(load_default=None, allow_none=True, validate=f.length(1, 14))
    person = f.Nested(ContactSchema, required=True)

    @validates_schema
    def check_partner_side(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("side") == Side.PARTNER and not data.get("tax_number"):
            raise ValidationError("Đầu mối phía đối tác phải ghi mã số thuế.", "tax_number")
        if data.get("side") == Side.CUSTOMS and data.get("tax_number"):
            raise ValidationError("Đầu mối phía hải quan không ghi mã số thuế.", "tax_number")


class HoldReviewMeetingSchema(PartnershipRefSchema):
    period = f.Text(required=True, validate=f.one_of(_values(MeetingPeriod)))
    period_label = _text(50, required=True)
    agenda = _text(required=True)


class GiveAdHocNoticeSchema(PartnershipRefSchema):
    requested_by = f.Text(required=True, validate=f.one_of(_values(Side)))
    meeting_on = f.Date(required=True)
    form_of_notice = _text(200, required=True)
    subject = _text(required=True)


class HoldAdHocMeetingSchema(PartnershipRefSchema):
    notice_no = f.Integer(required=True)
    agenda = _text(required=True)


class ReportConclusionSchema(PartnershipRefSchema):
    meeting_no = f.Integer(required=True)
    summary = _text(required=True)
    sent_to = f.List(f.Text(validate=f.one_of(_values(Side))), required=True, validate=f.length(1))


class RecordPublicitySchema(PartnershipRefSchema):
    channel = _text(200, required=True)
    description = _text(required=True)


class RecordEvaluationSchema(PartnershipRefSchema):
    period_label = _text(50, required=True)
    result = _text(required=True)
    satisfaction = f.Integer(required=True)
    effectiveness = _text(required=True)


class CompletePlanActivitySchema(PartnershipRefSchema):
    code = _text(30, required=True)
    result = _text(required=True)


class RecordViolationSchema(PartnershipRefSchema):
    tax_number = _text(14, required=True)
    kind = f.Text(required=True, validate=f.one_of(_values(ViolationKind)))
    description = _text(required=True)


class ReinstateSchema(PartnershipRefSchema):
    reason = _text(required=True)


class EndPartnershipSchema(PartnershipRefSchema):
    reason = _text(required=True)


COMMAND_SCHEMAS: dict[str, type[StrictSchema]] = {
    "register_partner": RegisterPartnerSchema,
    "update_partner": UpdatePartnerSchema,
    "add_partner_contact": AddPartnerContactSchema,
    "declare_compliance": DeclareComplianceSchema,
    "record_yearly_tax": RecordYearlyTaxSchema,
    "determine_content": DetermineContentSchema,
    "select_scope": SelectScopeSchema,
    "draft_working_document": DraftWorkingDocumentSchema,
    "approve_working_document": ApproveWorkingDocumentSchema,
    "inform_partners": InformPartnersSchema,
    "hold_working_session": HoldWorkingSessionSchema,
    "sign_memorandum": SignMemorandumSchema,
    "submit_feasibility_report": SubmitFeasibilityReportSchema,
    "approve_proposal": ApproveProposalSchema,
    "reject_proposal": RejectProposalSchema,
    "sign_agreement": SignAgreementSchema,
    "adopt_plan": AdoptPlanSchema,
    "revise_plan": RevisePlanSchema,
    "designate_focal_point": DesignateFocalPointSchema,
    "hold_review_meeting": HoldReviewMeetingSchema,
    "give_ad_hoc_notice": GiveAdHocNoticeSchema,
    "hold_ad_hoc_meeting": HoldAdHocMeetingSchema,
    "report_conclusion": ReportConclusionSchema,
    "record_publicity": RecordPublicitySchema,
    "record_evaluation": RecordEvaluationSchema,
    "complete_plan_activity": CompletePlanActivitySchema,
    "record_violation": RecordViolationSchema,
    "reinstate": ReinstateSchema,
    "end_partnership": EndPartnershipSchema,
}


class CommandEnvelopeSchema(StrictSchema):
    """The fields every command carries, with the command's own fields under ``data``."""

    id = _text(100, required=True)
    command = f.Text(required=True, validate=f.one_of(sorted(COMMAND_SCHEMAS)))
    submitted_at = f.AwareDateTime(required=True)
    actor = f.Nested(ActorSchema, required=True)
    occurred_on = f.Date(required=True)
    legal_basis = f.Nested(LegalBasisSchema, load_default=None, allow_none=True)
    data = f.Dict(required=True)

    @validates_schema(skip_on_field_errors=False)
    def check_data(self, data: dict[str, Any], **kwargs: Any) -> None:
        schema_class = COMMAND_SCHEMAS.get(data.get("command", ""))
        if schema_class is None or not isinstance(data.get("data"), dict):
            return
        try:
            data["data"] = schema_class().load(data["data"])
        except ValidationError as error:
            raise ValidationError(error.messages, "data") from None


def flatten_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Turn marshmallow's nested error dictionary into dotted field paths."""
    flat: dict[str, list[str]] = {}
    if isinstance(messages, dict):
        for key, value in messages.items():
            path = str(key) if not prefix else f"{prefix}.{key}"
            if key == "_schema":
                path = prefix or "_schema"
            for inner_path, inner in flatten_errors(value, path).items():
                flat.setdefault(inner_path, []).extend(inner)
    elif isinstance(messages, list) and all(isinstance(m, str) for m in messages):
        flat[prefix or "_schema"] = list(messages)
    elif isinstance(messages, list):
        for item in messages:
            for inner_path, inner in flatten_errors(item, prefix).items():
                flat.setdefault(inner_path, []).extend(inner)
    else:
        flat[prefix or "_schema"] = [str(messages)]
    return flat


ENVELOPE_FIELDS = frozenset(CommandEnvelopeSchema().fields)


def command_field_path(field: str | None) -> str | None:
    """Return the dotted path, within a whole command, of a field that a domain error names.

    Domain errors name the command's own fields, which sit under ``data``, or one of the
    envelope's fields (``actor.unit``, ``occurred_on``, ``legal_basis.issued_on``).
    """
    if field is None:
        return None
    if field.split(".", 1)[0] in ENVELOPE_FIELDS:
        return field
    return f"data.{field}"
