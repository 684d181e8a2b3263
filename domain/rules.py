"""The regulation's eligibility and authority rules, as tables and checks that the
Partnership aggregate applies."""

from __future__ import annotations

from datetime import date
from typing import Any

from domain.errors import (
    AssociationNotLegalEntityError,
    ComplianceNotShownError,
    DuplicatePartnerError,
    DuplicatePlanActivityError,
    FormNotAllowedForKindError,
    InvalidValueError,
    MinistryDecisionRequiredError,
    PartnerTypeNotAllowedError,
    ScopeNotAllowedForUnitError,
    SignatoryNotAuthorisedError,
    UnitLevelNotAllowedError,
)
from domain.partner import PartnerProfile, contact_from_input
from domain.values import (
    ApprovingAuthority,
    PartnershipForm,
    PartnershipKind,
    PartnerType,
    Scope,
    SignatoryRole,
    UnitLevel,
    label,
    normalise_text,
)

ASSESSMENT_FIELDS = ("legality", "benefits", "impact", "resources", "costs", "risks")

WORKING_DOCUMENT_FIELDS = (
    "purpose",
    "content",
    "form",
    "benefits",
    "costs",
    "risks",
    "activities",
    "outputs",
    "resources",
    "roles",
    "methods",
)

# The unit levels that may lead each form. Working groups are set up by the General
# Department, and advisory teams sit in provincial departments and their branches.
# Thematic and action programmes run at central or provincial level. The conditional
# programmes are decided by the General Department.
FORM_LEVELS: dict[str, frozenset[str]] = {
    PartnershipForm.THEMATIC_PROGRAMME: frozenset({UnitLevel.CENTRAL, UnitLevel.PROVINCIAL}),
    PartnershipForm.ACTION_PROGRAMME: frozenset({UnitLevel.CENTRAL, UnitLevel.PROVINCIAL}),
    PartnershipForm.WORKING_GROUP: frozenset({UnitLevel.CENTRAL}),
    PartnershipForm.ADVISORY_TEAM: frozenset({UnitLevel.PROVINCIAL, UnitLevel.BRANCH}),
    PartnershipForm.PRIORITY_ENTERPRISE_PROGRAMME: frozenset({UnitLevel.CENTRAL}),
}

KIND_FORMS: dict[str, frozenset[str]] = {
    PartnershipKind.REGULAR: frozenset(
        {
            PartnershipForm.THEMATIC_PROGRAMME,
            PartnershipForm.ACTION_PROGRAMME,
            PartnershipForm.WORKING_GROUP,
            PartnershipForm.ADVISORY_TEAM,
        }
    ),
    PartnershipKind.CONDITIONAL: frozenset({PartnershipForm.PRIORITY_ENTERPRISE_PROGRAMME}),
}

# Business associations may join regular partnerships only.
KIND_PARTNER_TYPES: dict[str, frozenset[str]] = {
    PartnershipKind.REGULAR: frozenset(PartnerType),
    PartnershipKind.CONDITIONAL: frozenset(
        {PartnerType.IMPORT_EXPORT_ENTERPRISE, PartnerType.SERVICE_ENTERPRISE}
    ),
}

# A nationwide agreement is the General Department's; a provincial one is led by a
# provincial department or one of its branches.
SCOPE_LEVELS: dict[str, frozenset[str]] = {
    Scope.NATIONWIDE: frozenset({UnitLevel.CENTRAL}),
    Scope.PROVINCIAL: frozenset({UnitLevel.PROVINCIAL, UnitLevel.BRANCH}),
}

SCOPE_SIGNATORY: dict[str, str] = {
    Scope.NATIONWIDE: SignatoryRole.DIRECTOR_GENERAL,
    Scope.PROVINCIAL: SignatoryRole.PROVINCIAL_DIRECTOR,
}

SCOPE_AUTHORITIES: dict[str, frozenset[str]] = {
    Scope.NATIONWIDE: frozenset(
        {ApprovingAuthority.GENERAL_DEPARTMENT, ApprovingAuthority.MINISTRY_OF_FINANCE}
    ),
    Scope.PROVINCIAL: frozenset(ApprovingAuthority),
}

# An enterprise proves full tax compliance, no violation and no smuggling for at
# least this many consecutive calendar years before the year it signs.
COMPLIANCE_YEARS_REQUIRED = 2

ENTERPRISE_TYPES = frozenset({PartnerType.IMPORT_EXPORT_ENTERPRISE, PartnerType.SERVICE_ENTERPRISE})


def check_scope(
    kind: str, form: str, scope: str, lead_unit_level: str, partners: list[PartnerProfile]
) -> None:
    """Check that the kind, form and scope fit each other, the lead unit and the partners."""
    if form not in KIND_FORMS[kind]:
        raise FormNotAllowedForKindError(
            f"Hình thức «{label(form)}» không thuộc loại «{label(kind)}».", field="form"
        )
    if lead_unit_level not in FORM_LEVELS[form]:
        allowed = ", ".join(label(level) for level in sorted(FORM_LEVELS[form]))
        raise UnitLevelNotAllowedError(
            f"Hình thức «{label(form)}» chỉ do cấp {allowed} chủ trì, "
            f"không do cấp «{label(lead_unit_level)}».",
            field="form",
        )
    if lead_unit_level not in SCOPE_LEVELS[scope]:
        raise ScopeNotAllowedForUnitError(
            f"Đơn vị cấp «{label(lead_unit_level)}» không chủ trì được thoả thuận có phạm vi "
            f"«{label(scope)}».",
            field="scope",
        )
    if not partners:
        raise InvalidValueError("Cần ít nhất một đối tác (bên B).", field="partners")
    seen: set[str] = set()
    for index, partner in enumerate(partners):
        partner_id = str(partner.partner_id)
        if partner_id in seen:
            raise DuplicatePartnerError(
                f"Đối tác «{partner.name}» được chọn hai lần.", field=f"partners.{index}"
            )
        seen.add(partner_id)
        if partner.partner_type not in KIND_PARTNER_TYPES[kind]:
            raise PartnerTypeNotAllowedError(
                f"{label(partner.partner_type)} «{partner.name}» không được tham gia "
                f"«{label(kind)}».",
                field=f"partners.{index}",
            )
        check_legal_entity(partner, f"partners.{index}")


def check_legal_entity(partner: PartnerProfile, field: str) -> None:
    if partner.partner_type == PartnerType.BUSINESS_ASSOCIATION and not partner.legal_entity:
        raise AssociationNotLegalEntityError(
            f"Hiệp hội «{partner.name}» phải có tư cách pháp nhân, thành lập theo pháp luật "
            "Việt Nam.",
            field=field,
        )


def check_approving_authority(scope: str, beyond_customs_authority: bool, authority: str) -> None:
    if beyond_customs_authority and authority != ApprovingAuthority.MINISTRY_OF_FINANCE:
        raise MinistryDecisionRequiredError(
            "Nội dung đối tác có tác động vượt thẩm quyền cơ quan hải quan: "
            "cần quyết định của Bộ Tài chính.",
            field="authority",
        )
    if authority not in SCOPE_AUTHORITIES[scope]:
        raise SignatoryNotAuthorisedError(
            f"«{label(authority)}» không có thẩm quyền phê duyệt thoả thuận phạm vi "
            f"«{label(scope)}».",
            field="authority",
        )


def check_signatory(scope: str, signatory_role: str) -> None:
    expected = SCOPE_SIGNATORY[scope]
    if signatory_role != expected:
        raise SignatoryNotAuthorisedError(
            f"Thoả thuận phạm vi «{label(scope)}» do {label(expected)} ký, "
            f"không do {label(signatory_role)}.",
            field="signatory_role",
        )


def check_eligibility(partner: PartnerProfile, signed_on: date) -> None:
    """Check a partner's conditions on the signing date. An association must be a legal
    entity. An enterprise must have declared full compliance for the two calendar years
    before the signing year, and have no violation found in the two years up to that date."""
    check_legal_entity(partner, "partners")
    if partner.partner_type not in ENTERPRISE_TYPES:
        return
    for year in range(signed_on.year - COMPLIANCE_YEARS_REQUIRED, signed_on.year):
        declared = partner.compliance.get(year)
        if declared is None or not declared.compliant:
            raise ComplianceNotShownError(
                f"Doanh nghiệp «{partner.name}» chưa chứng minh năm {year} thực hiện đầy đủ "
                "nghĩa vụ thuế, không vi phạm pháp luật, không buôn lậu.",
                field="partners",
                partner_id=str(partner.partner_id),
            )
    window_start = signed_on.replace(year=signed_on.year - COMPLIANCE_YEARS_REQUIRED)
    for found_on in partner.violation_dates:
        if window_start < found_on <= signed_on:
            raise ComplianceNotShownError(
                f"Doanh nghiệp «{partner.name}» có vi phạm được phát hiện ngày "
                f"{found_on:%d/%m/%Y}, trong hai năm trước ngày ký.",
                field="partners",
                partner_id=str(partner.partner_id),
            )


def document_type_for(kind: str, form: str | None) -> str:
    """Return 'commitment' for conditional partnerships and action programmes, whose
    enterprises sign a commitment, and 'agreement' for the other regular forms."""
    if kind == PartnershipKind.CONDITIONAL or form == PartnershipForm.ACTION_PROGRAMME:
        return "commitment"
    return "agreement"


def normalise_person(data: dict[str, Any], field: str) -> dict[str, Any]:
    return contact_from_input(data, field)


def normalise_activities(activities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validate the activities of an implementation plan; each has a unique code."""
    if not activities:
        raise InvalidValueError(
            "Kế hoạch triển khai phải có ít nhất một hoạt động.", field="activities"
        )
    result: list[dict[str, Any]] = []
    codes: set[str] = set()
    for index, activity in enumerate(activities):
        prefix = f"activities.{index}"
        code = normalise_text(str(activity["code"]), f"{prefix}.code")
        if code in codes:
            raise DuplicatePlanActivityError(
                f"Mã hoạt động «{code}» bị trùng.", field=f"{prefix}.code"
            )
        codes.add(code)
        due_on: date = activity["due_on"]
        result.append(
            {
                "code": code,
                "title": normalise_text(activity["title"], f"{prefix}.title"),
                "responsible": normalise_text(activity["responsible"], f"{prefix}.responsible"),
                "resources": normalise_text(
                    activity.get("resources") or "", f"{prefix}.resources", required=False
                ),
                "cost": normalise_text(
                    activity.get("cost") or "", f"{prefix}.cost", required=False
                ),
                "output": normalise_text(activity["output"], f"{prefix}.output"),
                "due_on": due_on,
                "completed_on": None,
                "result": "",
            }
        )
    return result
