"""The audit export of one partnership's whole history, as HTML and as .docx, both from
Jinja2 templates in ``templates/audit/``. The export states the chain check result and
the head hash, so a later copy of the store can be compared with it.

The Word template is generated with python-docx (docxtpl syntax) so it can be rebuilt
and reviewed as code:

    .venv/bin/python -m application.export
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from docx import Document
from docxtpl import DocxTemplate
from eventsourcing.domain import OriginatorVersionError
from jinja2 import Environment, FileSystemLoader, select_autoescape

from application.audit import verify_partnership
from application.history import HistoryEntry, history_entries
from application.service import VIETNAM_TZ, PartnershipApplication
from domain.partnership import Partnership
from domain.values import label

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "audit"
HTML_TEMPLATE = "history.html.j2"
DOCX_TEMPLATE = "history.docx"
HISTORY_COLUMNS = (
    "Phiên bản",
    "Ngày nghiệp vụ",
    "Thời điểm ghi nhận",
    "Người thực hiện",
    "Đơn vị",
    "Nội dung",
    "Căn cứ",
)


def _local_time(moment: datetime) -> str:
    return moment.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M:%S")


def _row(entry: HistoryEntry) -> dict[str, str]:
    return {
        "version": str(entry.version),
        "occurred_on": f"{entry.occurred_on:%d/%m/%Y}",
        "recorded_at": _local_time(entry.recorded_at),
        "actor": entry.actor,
        "unit": entry.actor_unit,
        "description": entry.description,
        "legal_basis": entry.legal_basis.describe() if entry.legal_basis else "",
    }


def export_context(app: PartnershipApplication, reference: str) -> dict[str, Any]:
    """Return the values both templates use: the partnership, every stored step, and the
    result of the hash chain check. A stream too damaged to replay is still exported,
    step by step, with its state marked as not rebuilt."""
    partnership_id = app.partnership_id(reference)
    check = verify_partnership(app, partnership_id)
    events = cast(list[Partnership.Event], list(app.events.get(partnership_id)))
    first = events[0]
    try:
        partnership = app.get_partnership(partnership_id)
        state, version = label(partnership.state), str(partnership.version)
    except OriginatorVersionError:
        state, version = "không dựng lại được vì chuỗi sự kiện bị phá vỡ", "—"
    if check.broken is None:
        chain = f"Chuỗi băm nguyên vẹn: {check.events} sự kiện."
    else:
        chain = f"Chuỗi băm bị phá vỡ tại phiên bản {check.broken.version}: {check.broken.message}."
    return {
        "reference": getattr(first, "reference", reference),
        "title": getattr(first, "title", ""),
        "partnership_id": str(partnership_id),
        "state": state,
        "lead_unit": getattr(first, "lead_unit", ""),
        "version": version,
        "columns": HISTORY_COLUMNS,
        "rows": [_row(entry) for entry in history_entries(events)],
        "chain_ok": check.ok,
        "chain": chain,
        "head_hash": check.head.hex(),
        "exported_at": _local_time(datetime.now(UTC)),
    }


def render_html(context: dict[str, Any]) -> str:
    environment = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=select_autoescape(["html", "j2"]),
    )
    return environment.get_template(HTML_TEMPLATE).render(**context)


def render_docx(context: dict[str, Any], path: Path) -> None:
    template = DocxTemplate(str(TEMPLATES_DIR / DOCX_TEMPLATE))
    # Escaping keeps "&" and "<" in names and descriptions from breaking the Word XML.
    template.render(context, autoescape=True)
    template.save(str(path))


def export_history(app: PartnershipApplication, reference: str, path: Path) -> None:
    """Write the audit export of a partnership to ``path``; its suffix (.html or .docx)
    selects the format."""
    suffix = path.suffix.lower()
    if suffix not in (".html", ".docx"):
        raise ValueError(f"Định dạng «{path.suffix}» không được hỗ trợ; dùng .html hoặc .docx.")
    context = export_context(app, reference)
    if suffix == ".html":
        path.write_text(render_html(context), encoding="utf-8")
    else:
        render_docx(context, path)


def build_docx_template(path: Path) -> None:
    """Write the Word template: a heading, the chain check, and one table row per step."""
    document = Document()
    document.add_heading("HỒ SƠ KIỂM TOÁN QUAN HỆ ĐỐI TÁC", level=1)
    document.add_paragraph("Quan hệ đối tác {{ reference }}: {{ title }}")
    document.add_paragraph("Mã định danh: {{ partnership_id }}")
    document.add_paragraph(
        "Trạng thái: {{ state }}; đơn vị chủ trì: {{ lead_unit }}; phiên bản: {{ version }}"
    )
    document.add_paragraph("{{ chain }}")
    document.add_paragraph("Mã băm cuối của chuỗi: {{ head_hash }}")
    document.add_paragraph("Thời điểm xuất: {{ exported_at }}")
    keys = ("version", "occurred_on", "recorded_at", "actor", "unit", "description", "legal_basis")
    table = document.add_table(rows=4, cols=len(HISTORY_COLUMNS))
    table.style = "Table Grid"
    for index, column in enumerate(HISTORY_COLUMNS):
        table.rows[0].cells[index].paragraphs[0].add_run(column).bold = True
    table.rows[1].cells[0].text = "{%tr for row in rows %}"
    for index, key in enumerate(keys):
        table.rows[2].cells[index].text = f"{{{{ row.{key} }}}}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


if __name__ == "__main__":
    build_docx_template(TEMPLATES_DIR / DOCX_TEMPLATE)
    print(TEMPLATES_DIR / DOCX_TEMPLATE)
