"""Value types of the partnership domain: enumerations, their Vietnamese labels,
and normalisers for names, tax numbers, phone numbers and e-mail addresses."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from stdnum.exceptions import ValidationError as StdnumValidationError
from stdnum.vn import mst

from domain.errors import (
    InvalidEmailError,
    InvalidPhoneNumberError,
    InvalidTaxNumberError,
    InvalidValueError,
)


class UnitLevel(StrEnum):
    CENTRAL = "central"
    PROVINCIAL = "provincial"
    BRANCH = "branch"


class PartnerType(StrEnum):
    IMPORT_EXPORT_ENTERPRISE = "import_export_enterprise"
    SERVICE_ENTERPRISE = "service_enterprise"
    BUSINESS_ASSOCIATION = "business_association"


class ServiceKind(StrEnum):
    SUPPLIER = "supplier"
    FREIGHT_FORWARDER = "freight_forwarder"
    CARRIER = "carrier"
    BANK = "bank"
    WAREHOUSE_OPERATOR = "warehouse_operator"
    PORT_OPERATOR = "port_operator"
    CUSTOMS_BROKER = "customs_broker"


class PartnershipKind(StrEnum):
    REGULAR = "regular"
    CONDITIONAL = "conditional"


class PartnershipForm(StrEnum):
    THEMATIC_PROGRAMME = "thematic_programme"
    ACTION_PROGRAMME = "action_programme"
    WORKING_GROUP = "working_group"
    ADVISORY_TEAM = "advisory_team"
    PRIORITY_ENTERPRISE_PROGRAMME = "priority_enterprise_programme"


class ContentArea(StrEnum):
    POLICY_AND_LAW = "i"
    REVENUE_FORECASTING = "ii"
    VIOLATION_PREVENTION = "iii"
    INTEGRITY = "iv"
    REFORM_AND_MODERNISATION = "v"
    COMPLIANCE_SUPPORT = "vi"


class Scope(StrEnum):
    NATIONWIDE = "nationwide"
    PROVINCIAL = "provincial"


class ApprovingAuthority(StrEnum):
    GENERAL_DEPARTMENT = "general_department"
    PROVINCIAL_DEPARTMENT = "provincial_department"
    MINISTRY_OF_FINANCE = "ministry_of_finance"


class SignatoryRole(StrEnum):
    DIRECTOR_GENERAL = "director_general"
    PROVINCIAL_DIRECTOR = "provincial_director"


class InformChannel(StrEnum):
    OFFICIAL_LETTER = "official_letter"
    EMAIL = "email"


class ViolationKind(StrEnum):
    LAW_VIOLATION = "law_violation"
    TAX_EVASION = "tax_evasion"
    TAX_FRAUD = "tax_fraud"
    SMUGGLING = "smuggling"
    CONDITION_UNMET = "condition_unmet"


class MeetingPeriod(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class Side(StrEnum):
    CUSTOMS = "customs"
    PARTNER = "partner"


class State(StrEnum):
    PROPOSED = "proposed"
    SCOPED = "scoped"
    PREPARING = "preparing"
    NEGOTIATING = "negotiating"
    MEMORANDUM_SIGNED = "memorandum_signed"
    UNDER_APPROVAL = "under_approval"
    REJECTED = "rejected"
    APPROVED = "approved"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    ENDED = "ended"


LABELS_VI: dict[str, str] = {
    UnitLevel.CENTRAL: "Tổng cục",
    UnitLevel.PROVINCIAL: "Cục Hải quan tỉnh, thành phố",
    UnitLevel.BRANCH: "Chi cục Hải quan",
    PartnerType.IMPORT_EXPORT_ENTERPRISE: "Doanh nghiệp xuất nhập khẩu",
    PartnerType.SERVICE_ENTERPRISE: "Doanh nghiệp dịch vụ xuất nhập khẩu",
    PartnerType.BUSINESS_ASSOCIATION: "Hiệp hội doanh nghiệp",
    ServiceKind.SUPPLIER: "công ty cung ứng",
    ServiceKind.FREIGHT_FORWARDER: "công ty giao nhận",
    ServiceKind.CARRIER: "hãng vận tải",
    ServiceKind.BANK: "ngân hàng",
    ServiceKind.WAREHOUSE_OPERATOR: "doanh nghiệp kinh doanh kho bãi",
    ServiceKind.PORT_OPERATOR: "cầu cảng",
    ServiceKind.CUSTOMS_BROKER: "đại lý làm thủ tục hải quan",
    PartnershipKind.REGULAR: "Đối tác thường xuyên",
    PartnershipKind.CONDITIONAL: "Đối tác có điều kiện",
    PartnershipForm.THEMATIC_PROGRAMME: "Chương trình đối tác chuyên đề",
    PartnershipForm.ACTION_PROGRAMME: "Chương trình hành động",
    PartnershipForm.WORKING_GROUP: "Nhóm công tác hải quan - doanh nghiệp",
    PartnershipForm.ADVISORY_TEAM: "Tổ tư vấn hải quan - doanh nghiệp",
    PartnershipForm.PRIORITY_ENTERPRISE_PROGRAMME: "Chương trình doanh nghiệp ưu tiên",
    Scope.NATIONWIDE: "toàn ngành",
    Scope.PROVINCIAL: "địa bàn một Cục Hải quan tỉnh, thành phố",
    ApprovingAuthority.GENERAL_DEPARTMENT: "Tổng cục Hải quan",
    ApprovingAuthority.PROVINCIAL_DEPARTMENT: "Cục Hải quan tỉnh, thành phố",
    ApprovingAuthority.MINISTRY_OF_FINANCE: "Bộ Tài chính",
    SignatoryRole.DIRECTOR_GENERAL: "Tổng cục trưởng",
    SignatoryRole.PROVINCIAL_DIRECTOR: "Cục trưởng",
    InformChannel.OFFICIAL_LETTER: "công văn",
    InformChannel.EMAIL: "thư điện tử",
    ViolationKind.LAW_VIOLATION: "vi phạm pháp luật",
    ViolationKind.TAX_EVASION: "trốn thuế",
    ViolationKind.TAX_FRAUD: "gian lận thuế",
    ViolationKind.SMUGGLING: "buôn lậu",
    ViolationKind.CONDITION_UNMET: "không đáp ứng điều kiện",
    MeetingPeriod.MONTHLY: "họp giao ban tháng",
    MeetingPeriod.QUARTERLY: "họp giao ban quý",
    MeetingPeriod.YEARLY: "họp giao ban năm",
    Side.CUSTOMS: "cơ quan hải quan",
    Side.PARTNER: "đối tác",
    State.PROPOSED: "đã xác định nội dung",
    State.SCOPED: "đã lựa chọn loại, đối tượng, hình thức",
    State.PREPARING: "đang chuẩn bị tài liệu làm việc",
    State.NEGOTIATING: "đang làm việc với đối tác",
    State.MEMORANDUM_SIGNED: "đã ký biên bản ghi nhớ",
    State.UNDER_APPROVAL: "đang trình phê duyệt",
    State.REJECTED: "không được phê duyệt",
    State.APPROVED: "đã được phê duyệt",
    State.ACTIVE: "đang thực hiện",
    State.SUSPENDED: "bị đình chỉ",
    State.ENDED: "đã chấm dứt",
    ContentArea.POLICY_AND_LAW: (
        "(i) xây dựng và hoàn thiện chính sách, pháp luật, quy chế, quy trình thủ tục hải quan"
    ),
    ContentArea.REVENUE_FORECASTING: "(ii) dự báo thu ngân sách nhà nước",
    ContentArea.VIOLATION_PREVENTION: "(iii) phòng chống vi phạm pháp luật hải quan",
    ContentArea.INTEGRITY: (
        "(iv) nâng cao tính liêm chính, đạo đức nghề nghiệp của công chức hải quan"
    ),
    ContentArea.REFORM_AND_MODERNISATION: (
        "(v) thực hiện các chương trình cải cách, hiện đại hoá hải quan"
    ),
    ContentArea.COMPLIANCE_SUPPORT: (
        "(vi) tạo thuận lợi cho doanh nghiệp thực hiện chính sách pháp luật và nghĩa vụ thuế"
    ),
}


def label(value: str) -> str:
    """Return the Vietnamese label of an enumeration value, or the value itself."""
    return LABELS_VI.get(value, value)


def parse_enum(enum_type: type[StrEnum], value: str, field: str) -> str:
    """Check that ``value`` is a member of ``enum_type`` and return it as a plain string."""
    try:
        return str(enum_type(value))
    except ValueError:
        allowed = ", ".join(member.value for member in enum_type)
        raise InvalidValueError(
            f"Giá trị «{value}» không hợp lệ; chọn một trong: {allowed}.", field=field
        ) from None


def normalise_text(value: str, field: str, *, required: bool = True) -> str:
    """Normalise text to Unicode NFC with surrounding white space removed."""
    text = unicodedata.normalize("NFC", value).strip()
    if required and not text:
        raise InvalidValueError("Trường này không được để trống.", field=field)
    return text


def normalise_tax_number(value: str, field: str = "tax_number") -> str:
    """Validate a Vietnamese tax identification number and return its compact form.

    Accepts 10 digits, or 10 digits, a hyphen and a 3-digit branch code. The
    check digit is verified by python-stdnum, which also rejects branch code 000.
    """
    try:
        return str(mst.validate(value))
    except StdnumValidationError:
        raise InvalidTaxNumberError(
            f"Mã số thuế «{value}» không hợp lệ: cần 10 chữ số đúng chữ số kiểm tra, "
            "hoặc 10 chữ số, dấu gạch ngang và mã chi nhánh 3 chữ số khác 000.",
            field=field,
        ) from None


def normalise_phone(value: str, field: str = "phone") -> str:
    """Parse a Vietnamese phone number and return it in E.164 form (+84...)."""
    try:
        number = phonenumbers.parse(value, "VN")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumberError(f"Số điện thoại «{value}» không hợp lệ.", field=field)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(value: str, field: str = "email") -> str:
    """Check the syntax of an e-mail address and return its normalised form."""
    try:
        result = validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise InvalidEmailError(
            f"Địa chỉ thư điện tử «{value}» không hợp lệ.", field=field
        ) from None
    return str(result.normalized)


@dataclass(frozen=True)
class LegalBasis:
    """The document that a step produces or rests on: its number and date."""

    number: str
    issued_on: date

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "issued_on": self.issued_on}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LegalBasis:
        return cls(number=data["number"], issued_on=data["issued_on"])

    def describe(self) -> str:
        return f"{self.number} ngày {self.issued_on:%d/%m/%Y}"


@dataclass(frozen=True)
class Actor:
    """The officer or service that performs a step, and the customs unit it acts for."""

    name: str
    unit: str
