"""Plain-text rendering of partnerships, histories and the partner list for the terminal."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from application.history import HistoryEntry
from application.partner_list import PartnerListRow
from application.service import VIETNAM_TZ
from domain.partnership import Partnership
from domain.values import label


def format_time(moment: datetime) -> str:
    """Show a stored UTC time in Vietnam time."""
    return moment.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M:%S")


def render_partnership(p: Partnership) -> str:
    lines = [
        f"Quan hệ đối tác {p.reference}: {p.title}",
        f"  Mã định danh: {p.id}",
        f"  Phiên bản: {p.version}",
        f"  Trạng thái: {label(p.state)}",
        f"  Đơn vị chủ trì: {p.lead_unit}",
        f"  Năm kế hoạch: {p.planning_year}",
        f"  Nội dung đối tác: {', '.join(p.content_areas)}",
    ]
    if p.kind:
        lines.append(f"  Loại: {label(p.kind)}; hình thức: {label(p.form or '')}")
        lines.append(f"  Phạm vi: {label(p.scope or '')}")
    for partner in p.partners.values():
        lines.append(f"  Đối tác: {partner['name']} ({label(partner['partner_type'])})")
    if p.agreement:
        lines.append(
            f"  Ký ngày {p.agreement['signed_on']:%d/%m/%Y} bởi {p.agreement['signatory_name']} "
            f"({label(p.agreement['signatory_role'])})"
        )
    if p.plan:
        activities = p.plan["activities"].values()
        done = sum(1 for a in activities if a.get("completed_on"))
        lines.append(f"  Kế hoạch triển khai: {done}/{len(activities)} hoạt động hoàn thành")
    if p.meetings:
        lines.append(f"  Cuộc họp đã tổ chức: {len(p.meetings)}")
    for violation in p.violations:
        lines.append(f"  Vi phạm ngày {violation['found_on']:%d/%m/%Y}: {label(violation['kind'])}")
    if p.suspension:
        lines.append(f"  Bị đình chỉ từ ngày {p.suspension['on']:%d/%m/%Y}")
    if p.ending:
        lines.append(f"  Chấm dứt ngày {p.ending['on']:%d/%m/%Y}: {p.ending['reason']}")
    return "\n".join(lines)


def render_history(entries: list[HistoryEntry]) -> str:
    lines = []
    for entry in entries:
        basis = f" — căn cứ: {entry.legal_basis.describe()}" if entry.legal_basis else ""
        lines.append(
            f"{entry.version:>3}. {entry.occurred_on:%d/%m/%Y} | ghi nhận "
            f"{format_time(entry.recorded_at)} | {entry.actor} ({entry.actor_unit})\n"
            f"     {entry.description}{basis}"
        )
    return "\n".join(lines)


def render_partner_list(rows: list[PartnerListRow], heading: str) -> str:
    lines = [f"DANH SÁCH ĐỐI TÁC — {heading} ({len(rows)} đối tác)", ""]
    for number, row in enumerate(rows, start=1):
        lines.extend(
            [
                f"{number}. {row.name} (MST {row.tax_number})",
                f"   (ii) Địa chỉ liên hệ: {row.contact}",
                f"   (iii) Đầu mối liên lạc: {row.focal_point or '—'}",
                f"   (iv) Phân loại đối tác: {row.classification}",
                f"   (v) Chương trình đối tác tham gia: {'; '.join(row.programmes) or '—'}",
                f"   (vi) Hoạt động hợp tác: {'; '.join(row.activities) or '—'}",
                f"   (vii) Ghi chú khác: {'; '.join(row.notes) or '—'}",
            ]
        )
    return "\n".join(lines)


def render_state_counts(partnerships: list[Partnership]) -> str:
    counts = Counter(p.state for p in partnerships)
    return "\n".join(f"  {label(state)}: {count}" for state, count in sorted(counts.items()))
