"""Command sequences for tests: a full procedure for one partnership, step by step."""

from __future__ import annotations

import uuid
from typing import Any

from application.commands import Command, CommandResult
from application.schemas import CommandEnvelopeSchema
from application.service import PartnershipApplication


def command_line(
    name: str,
    data: dict[str, Any],
    *,
    command_id: str | None = None,
    occurred_on: str = "2025-03-03",
    legal_basis: dict[str, str] | None = None,
    unit: str = "00",
    submitted_at: str = "2025-12-01T09:00:00+07:00",
) -> dict[str, Any]:
    """Build one command as an upstream service sends it."""
    return {
        "id": command_id or f"test-{uuid.uuid4().hex}",
        "command": name,
        "submitted_at": submitted_at,
        "actor": {"name": "Nguyễn Văn An", "unit": unit},
        "occurred_on": occurred_on,
        "legal_basis": legal_basis,
        "data": data,
    }


ENTERPRISE_TAX_NUMBER = "0100109106"
SERVICE_TAX_NUMBER = "0302004459"
ASSOCIATION_TAX_NUMBER = "0101234565"
REFERENCE = "TEST-2025-001"

ASSESSMENT = {
    "legality": "Phù hợp Luật Hải quan",
    "benefits": "Giảm thời gian thông quan",
    "impact": "Tác động tích cực tới doanh nghiệp",
    "resources": "Cán bộ phòng nghiệp vụ",
    "costs": "Kinh phí thường xuyên",
    "risks": "Rủi ro thấp",
}

SUMMARY = {
    name: f"Nội dung {name}"
    for name in (
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
}


def basis(number: str, issued_on: str) -> dict[str, str]:
    return {"number": number, "issued_on": issued_on}


def submit(app: PartnershipApplication, line: dict[str, Any]) -> CommandResult:
    return app.execute(Command.from_loaded(CommandEnvelopeSchema().load(line)))


def register_partners(app: PartnershipApplication) -> None:
    submit(
        app,
        command_line(
            "register_partner",
            {
                "tax_number": ENTERPRISE_TAX_NUMBER,
                "name": "Công ty TNHH Thương mại Đông Á",
                "partner_type": "import_export_enterprise",
                "address": "12 Tràng Tiền, Hà Nội",
                "phone": "024 3826 1234",
                "email": "lienhe@example.com",
            },
            occurred_on="2024-12-02",
        ),
    )
    for year in (2023, 2024):
        submit(
            app,
            command_line(
                "declare_compliance",
                {
                    "tax_number": ENTERPRISE_TAX_NUMBER,
                    "year": year,
                    "tax_duties_met": True,
                    "no_violation": True,
                    "no_smuggling": True,
                    "evidence": f"Xác nhận của cơ quan thuế năm {year}",
                },
                occurred_on="2025-01-15",
            ),
        )


def procedure_lines(until: str = "sign_agreement") -> list[dict[str, Any]]:
    """Return the commands from content determination up to and including ``until``."""
    ref = {"partnership": REFERENCE}
    steps: list[tuple[str, dict[str, Any], str, dict[str, str] | None]] = [
        (
            "determine_content",
            {
                **ref,
                "title": "Chương trình hỗ trợ thủ tục tại cảng",
                "planning_year": 2025,
                "lead_unit": "00",
                "content_areas": ["i", "v"],
                "assessment": ASSESSMENT,
            },
            "2025-01-06",
            None,
        ),
        (
            "select_scope",
            {
                **ref,
                "kind": "regular",
                "form": "thematic_programme",
                "scope": "nationwide",
                "partners": [ENTERPRISE_TAX_NUMBER],
            },
            "2025-01-10",
            None,
        ),
        (
            "draft_working_document",
            {**ref, "document_title": "Tài liệu làm việc", "summary": SUMMARY},
            "2025-01-20",
            None,
        ),
        (
            "approve_working_document",
            {**ref, "approved_by": "Phó Tổng cục trưởng"},
            "2025-02-03",
            basis("15/QĐ-TCHQ", "2025-02-03"),
        ),
        (
            "inform_partners",
            {**ref, "channel": "official_letter", "signed_by": "Phó Tổng cục trưởng"},
            "2025-02-05",
            basis("120/TCHQ-CCHĐH", "2025-02-05"),
        ),
        (
            "hold_working_session",
            {
                **ref,
                "chaired_by": "Phó Tổng cục trưởng",
                "location": "Trụ sở Tổng cục Hải quan",
                "participants": ["Ban Cải cách hiện đại hoá", "Công ty Đông Á"],
                "outcome": "Thống nhất nội dung hợp tác",
            },
            "2025-02-20",
            None,
        ),
        (
            "sign_memorandum",
            {**ref, "summary": "Ghi nhớ nội dung đề xuất hợp tác"},
            "2025-03-03",
            basis("01/BBGN-TCHQ", "2025-03-03"),
        ),
        (
            "submit_feasibility_report",
            {**ref, "submitted_to": "general_department", "summary": "Báo cáo khả thi"},
            "2025-03-10",
            basis("45/BC-CCHĐH", "2025-03-10"),
        ),
        (
            "approve_proposal",
            {**ref, "authority": "general_department"},
            "2025-03-24",
            basis("300/QĐ-TCHQ", "2025-03-24"),
        ),
        (
            "sign_agreement",
            {
                **ref,
                "signatory_name": "Nguyễn Văn Cẩn",
                "signatory_role": "director_general",
                "partner_signatories": [
                    {
                        "tax_number": ENTERPRISE_TAX_NUMBER,
                        "name": "Trần Thị Bình",
                        "title": "Giám đốc",
                    }
                ],
                "effective_from": "2025-04-01",
                "purpose": "Hỗ trợ thủ tục hải quan tại cảng",
            },
            "2025-04-01",
            basis("01/TTHT-TCHQ", "2025-04-01"),
        ),
    ]
    lines = []
    for name, data, occurred_on, legal_basis in steps:
        lines.append(command_line(name, data, occurred_on=occurred_on, legal_basis=legal_basis))
        if name == until:
            return lines
    raise ValueError(until)


def run_procedure(app: PartnershipApplication, until: str = "sign_agreement") -> None:
    for line in procedure_lines(until):
        submit(app, line)
