"""Domain errors: each broken rule has its own class, a stable code and a Vietnamese message."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the regulation or of the data model that a command breaks.

    ``code`` is stable and meant for programs; ``message`` is Vietnamese and meant
    for people. ``field`` names the input field at fault, where there is one.
    """

    code = "domain_error"

    def __init__(self, message: str, *, field: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class InvalidValueError(DomainError):
    code = "invalid_value"


class InvalidTaxNumberError(DomainError):
    code = "invalid_tax_number"


class InvalidPhoneNumberError(DomainError):
    code = "invalid_phone_number"


class InvalidEmailError(DomainError):
    code = "invalid_email"


class UnknownUnitError(DomainError):
    code = "unknown_unit"


class StepOutOfOrderError(DomainError):
    code = "step_out_of_order"


class DateBeforePreviousStepError(DomainError):
    code = "date_before_previous_step"


class LegalBasisRequiredError(DomainError):
    code = "legal_basis_required"


class PartnerTypeNotAllowedError(DomainError):
    code = "partner_type_not_allowed"


class FormNotAllowedForKindError(DomainError):
    code = "form_not_allowed_for_kind"


class UnitLevelNotAllowedError(DomainError):
    code = "unit_level_not_allowed"


class ScopeNotAllowedForUnitError(DomainError):
    code = "scope_not_allowed_for_unit"


class WorkingDocumentNotApprovedError(DomainError):
    code = "working_document_not_approved"


class WorkingSessionRequiredError(DomainError):
    code = "working_session_required"


class ProposalNotApprovedError(DomainError):
    code = "proposal_not_approved"


class MinistryDecisionRequiredError(DomainError):
    code = "ministry_decision_required"


class SignatoryNotAuthorisedError(DomainError):
    code = "signatory_not_authorised"


class ComplianceNotShownError(DomainError):
    code = "compliance_not_shown"


class AssociationNotLegalEntityError(DomainError):
    code = "association_not_legal_entity"


class PartnerNotInPartnershipError(DomainError):
    code = "partner_not_in_partnership"


class DuplicatePartnerError(DomainError):
    code = "duplicate_partner"


class PartnershipSuspendedError(DomainError):
    code = "partnership_suspended"


class PartnershipEndedError(DomainError):
    code = "partnership_ended"


class UnknownPlanActivityError(DomainError):
    code = "unknown_plan_activity"


class PlanActivityAlreadyCompletedError(DomainError):
    code = "plan_activity_already_completed"


class DuplicatePlanActivityError(DomainError):
    code = "duplicate_plan_activity"


class AdHocNoticeRequiredError(DomainError):
    code = "ad_hoc_notice_required"


class UnknownMeetingError(DomainError):
    code = "unknown_meeting"


class ConclusionAlreadyReportedError(DomainError):
    code = "conclusion_already_reported"
