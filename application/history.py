"""A partnership's history as auditors read it: every step with its business date,
recorded time, actor, unit, legal basis and a Vietnamese description."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from domain.partnership import Partnership
from domain.values import LegalBasis, label


@dataclass(frozen=True)
class HistoryEntry:
    version: int
    event: str
    occurred_on: date
    recorded_at: datetime
    actor: str
    actor_unit: str
    legal_basis: LegalBasis | None
    description: str


def _join(values: list[str]) -> str:
    return ", ".join(label(v) for v in values)


DESCRIPTIONS: dict[str, Callable[[Any], str]] = {
    "ContentDetermined": lambda e: (
        f"Xác định nội dung đối tác «{e.title}» cho năm {e.planning_year}, "
        f"nội dung {', '.join(e.content_areas)}"
    ),
    "ScopeSelected": lambda e: (
        f"Lựa chọn {label(e.kind).lower()}, hình thức «{label(e.form)}», phạm vi "
        f"{label(e.scope)}; đối tác: {', '.join(p['name'] for p in e.partners)}"
    ),
    "WorkingDocumentDrafted": lambda e: f"Chuẩn bị tài liệu làm việc «{e.document_title}»",
    "WorkingDocumentApproved": lambda e: f"Phê duyệt tài liệu làm việc ({e.approved_by})",
    "PartnersInformed": lambda e: f"Thông tin đến đối tác bằng {label(e.channel)}",
    "WorkingSessionHeld": lambda e: (
        f"Tổ chức buổi làm việc tại {e.location}, chủ trì: {e.chaired_by}"
    ),
    "MemorandumSigned": lambda e: "Ký biên bản ghi nhớ",
    "FeasibilityReportSubmitted": lambda e: (
        f"Trình báo cáo nghiên cứu khả thi lên {label(e.submitted_to)}"
    ),
    "ProposalApproved": lambda e: (
        f"{label(e.authority)} phê duyệt đề xuất thiết lập quan hệ đối tác"
    ),
    "ProposalRejected": lambda e: f"{label(e.authority)} không phê duyệt đề xuất: {e.reason}",
    "AgreementSigned": lambda e: (
        f"Ký {'văn bản cam kết' if e.document_type == 'commitment' else 'văn bản thoả thuận'}"
        f"; đại diện hải quan: {e.signatory_name} ({label(e.signatory_role)})"
    ),
    "PlanAdopted": lambda e: f"Ban hành kế hoạch triển khai gồm {len(e.activities)} hoạt động",
    "PlanRevised": lambda e: f"Điều chỉnh kế hoạch triển khai: {e.reason}",
    "FocalPointDesignated": lambda e: (
        f"Chỉ định đầu mối phía {label(e.side)}: {e.person.get('name', '')}"
    ),
    "ReviewMeetingHeld": lambda e: f"Tổ chức {label(e.period)} {e.period_label}",
    "AdHocMeetingNoticeGiven": lambda e: (
        f"Thông báo trước họp đột xuất ngày {e.meeting_on:%d/%m/%Y} ({e.form_of_notice})"
    ),
    "AdHocMeetingHeld": lambda e: f"Tổ chức họp đột xuất theo thông báo số {e.notice_no}",
    "ConclusionReported": lambda e: (
        f"Báo cáo kết luận cuộc họp số {e.meeting_no} gửi lãnh đạo {_join(e.sent_to)}"
    ),
    "PublicityRecorded": lambda e: f"Thông tin, tuyên truyền qua {e.channel}",
    "EvaluationRecorded": lambda e: (
        f"Đánh giá kết quả {e.period_label}; mức độ hài lòng {e.satisfaction}/5"
    ),
    "PlanActivityCompleted": lambda e: f"Hoàn thành hoạt động {e.code}",
    "ViolationRecorded": lambda e: f"Ghi nhận vi phạm: {label(e.kind)} — {e.description}",
    "Suspended": lambda e: f"Đình chỉ quan hệ đối tác do {label(e.violation_kind)}",
    "Reinstated": lambda e: f"Khôi phục quan hệ đối tác: {e.reason}",
    "Ended": lambda e: f"Chấm dứt quan hệ đối tác: {e.reason}",
}


def describe(event: Partnership.Event) -> str:
    """Return the Vietnamese description of a partnership event."""
    name = type(event).__name__
    describer = DESCRIPTIONS.get(name)
    return describer(event) if describer else name


def history_entries(events: list[Partnership.Event]) -> list[HistoryEntry]:
    return [
        HistoryEntry(
            version=event.originator_version,
            event=type(event).__name__,
            occurred_on=event.occurred_on,
            recorded_at=event.timestamp,
            actor=event.actor,
            actor_unit=event.actor_unit,
            legal_basis=LegalBasis.from_dict(event.legal_basis) if event.legal_basis else None,
            description=describe(event),
        )
        for event in events
    ]
