"""Rendering the official documents: HTML ready to print (Jinja2, autoescaped), Word .docx
(docxtpl on the templates in ``templates/``), and for the partner list also .xlsx
(openpyxl), CSV and a plain-text table. Every template runs with StrictUndefined, so a
variable missing from a context fails the rendering instead of printing nothing."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from typing import Any

import jinja2
from docxtpl import DocxTemplate
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from application.partner_list import PartnerListRow
from projections import layout
from projections.agreement import BLANK, AgreementDocument, vietnamese_long_date
from projections.errors import InvalidFormatError
from projections.partner_list import PartnerListEdition
from projections.reports import TO_BE_FILLED, DevelopmentReport, PlanReport

DOCUMENT_FORMATS = ("html", "docx")
PARTNER_LIST_FORMATS = ("table", "csv", "xlsx", "docx", "html")

_html_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(layout.TEMPLATES_DIR),
    undefined=jinja2.StrictUndefined,
    autoescape=True,
    keep_trailing_newline=True,
)


def _docx_environment() -> jinja2.Environment:
    # docxtpl escapes values for XML itself when asked to (autoescape=True below), which a
    # .docx needs to stay well-formed; the Jinja environment only brings StrictUndefined.
    return jinja2.Environment(undefined=jinja2.StrictUndefined)


def render_html(template_name: str, context: dict[str, Any]) -> bytes:
    return _html_environment.get_template(template_name).render(context).encode("utf-8")


def render_docx(template_name: str, context: dict[str, Any]) -> bytes:
    template = DocxTemplate(str(layout.TEMPLATES_DIR / template_name))
    template.render(context, jinja_env=_docx_environment(), autoescape=True)
    output = io.BytesIO()
    template.save(output)
    return output.getvalue()


def _check_format(format_name: str, allowed: tuple[str, ...]) -> None:
    if format_name not in allowed:
        raise InvalidFormatError(
            f"Định dạng «{format_name}» không được hỗ trợ; chọn một trong: {', '.join(allowed)}.",
            field="format",
        )


# -- partner list --------------------------------------------------------------------------


def _provenance(event_count: int, position: int, digest: str | None = None) -> str:
    text = f"Lập từ {event_count} sự kiện, đến sự kiện số {position} của sổ sự kiện"
    return f"{text}; mã kiểm SHA-256: {digest}." if digest else f"{text}."


def partner_list_context(edition: PartnerListEdition) -> dict[str, Any]:
    if edition.as_of is not None:
        as_of = f"Tính đến ngày {edition.as_of:%d/%m/%Y} (danh sách năm {edition.year})"
    else:
        as_of = "Danh sách hiện hành"
    return {
        "orientation": "landscape",
        "title": layout.PARTNER_LIST_TITLE,
        "unit": edition.heading,
        "as_of": as_of,
        "provenance": _provenance(edition.event_count, edition.position, edition.digest),
        "columns": layout.PARTNER_LIST_COLUMNS,
        "footnote": layout.PRIORITY_FOOTNOTE if edition.priority_tax_numbers else "",
        "rows": [
            _partner_row(number, row, row.tax_number in edition.priority_tax_numbers)
            for number, row in enumerate(edition.rows, start=1)
        ],
    }


def _partner_row(number: int, row: PartnerListRow, priority: bool) -> dict[str, Any]:
    return {
        "no": number,
        "name": row.name,
        "tax_number": row.tax_number,
        "contact": row.contact,
        "focal_point": row.focal_point or "—",
        "classification": row.classification,
        "programmes": row.programmes or ["—"],
        "activities": row.activities or ["—"],
        "notes": row.notes or ["—"],
        "priority": priority,
    }


def _flat_cells(row: dict[str, Any], separator: str) -> list[str | int]:
    name = row["name"] + (" (*)" if row["priority"] else "")
    return [
        row["no"],
        f"{name}{separator}MST: {row['tax_number']}",
        row["contact"],
        row["focal_point"],
        row["classification"],
        separator.join(row["programmes"]),
        separator.join(row["activities"]),
        separator.join(row["notes"]),
    ]


def _partner_list_xlsx(context: dict[str, Any]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Danh sách đối tác"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)

    for text in (context["title"], context["unit"], context["as_of"], context["provenance"]):
        sheet.append([text])
    sheet.append([])
    sheet.append(list(context["columns"]))
    # Rows are counted here: ``sheet.max_row`` scans every cell, so reading it once per
    # row makes a 10,000-row list quadratic.
    header_row = 6
    for column in range(1, len(context["columns"]) + 1):
        cell = sheet.cell(row=header_row, column=column)
        cell.font = bold
        cell.alignment = wrap

    row_number = header_row
    for row in context["rows"]:
        row_number += 1
        for column, value in enumerate(_flat_cells(row, "\n"), start=1):
            sheet.cell(row=row_number, column=column, value=value).alignment = wrap
    if context["footnote"]:
        sheet.cell(row=row_number + 2, column=1, value=context["footnote"])

    sheet["A1"].font = Font(bold=True, size=13)
    for letter, width in zip("ABCDEFGH", (6, 34, 34, 28, 24, 40, 40, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _partner_list_csv(context: dict[str, Any]) -> bytes:
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(context["columns"])
    for row in context["rows"]:
        writer.writerow(_flat_cells(row, "; "))
    # The byte order mark makes spreadsheet programs read the file as UTF-8.
    return output.getvalue().encode("utf-8-sig")


def _partner_list_table(context: dict[str, Any]) -> bytes:
    labels = context["columns"]
    lines = [context["title"], context["unit"], context["as_of"], context["provenance"], ""]
    for row in context["rows"]:
        cells = _flat_cells(row, "; ")
        lines.append(f"{cells[0]}. {cells[1]}")
        for label_text, value in zip(labels[2:], cells[2:], strict=True):
            lines.append(f"   {label_text}: {value}")
    if context["footnote"]:
        lines.extend(["", context["footnote"]])
    return ("\n".join(lines) + "\n").encode("utf-8")


def render_partner_list_edition(edition: PartnerListEdition, format_name: str) -> bytes:
    _check_format(format_name, PARTNER_LIST_FORMATS)
    context = partner_list_context(edition)
    if format_name == "html":
        return render_html("partner_list.html", context)
    if format_name == "docx":
        return render_docx("partner_list.docx", context)
    if format_name == "xlsx":
        return _partner_list_xlsx(context)
    if format_name == "csv":
        return _partner_list_csv(context)
    return _partner_list_table(context)


# -- reports ---------------------------------------------------------------------------------


def development_report_context(report: DevelopmentReport) -> dict[str, Any]:
    answers = (report.discussion, report.basis, report.impact)
    return {
        "orientation": "landscape",
        "title": layout.REPORT_TITLE,
        "subtitle": layout.APPENDIX_2_SUBTITLE,
        "unit": report.unit_name,
        "period": report.period.label,
        "columns": layout.APPENDIX_2_COLUMNS,
        "rows": [asdict(row) for row in report.rows],
        "questions": [
            {"question": question, "answer": answer}
            for question, answer in zip(layout.APPENDIX_2_QUESTIONS, answers, strict=True)
        ],
        "notes": layout.APPENDIX_2_NOTES,
        "provenance": _provenance_report(report.position),
    }


def plan_report_context(report: PlanReport) -> dict[str, Any]:
    return {
        "orientation": "landscape",
        "title": layout.REPORT_TITLE,
        "subtitle": layout.APPENDIX_3_SUBTITLE,
        "unit": report.unit_name,
        "period": report.period.label,
        "columns": layout.APPENDIX_3_COLUMNS,
        "rows": [asdict(row) for row in report.rows],
        "notes": layout.APPENDIX_3_NOTES,
        "provenance": _provenance_report(report.position),
    }


def _provenance_report(position: int) -> str:
    return (
        f"Số liệu lấy từ sổ sự kiện đến sự kiện số {position}. Các ô ghi «{TO_BE_FILLED}» "
        "chưa có dữ liệu ghi nhận, do cán bộ bổ sung."
    )


def render_development_report(report: DevelopmentReport, format_name: str) -> bytes:
    _check_format(format_name, DOCUMENT_FORMATS)
    context = development_report_context(report)
    if format_name == "html":
        return render_html("appendix_2.html", context)
    return render_docx("appendix_2.docx", context)


def render_plan_report(report: PlanReport, format_name: str) -> bytes:
    _check_format(format_name, DOCUMENT_FORMATS)
    context = plan_report_context(report)
    if format_name == "html":
        return render_html("appendix_3.html", context)
    return render_docx("appendix_3.docx", context)


# -- agreement -------------------------------------------------------------------------------


def agreement_context(document: AgreementDocument) -> dict[str, Any]:
    party_a_suffix = "" if document.party_a_is_central else ", Tổng cục Hải quan"
    party_a_name = f"{document.party_a_unit}{party_a_suffix}"
    party_b_names = ", ".join(party.name for party in document.party_b) or BLANK
    articles = [
        {
            "heading": "Điều 1. Giải thích các thuật ngữ và khái niệm (nếu có)",
            "lines": [
                "Trong văn bản này, các từ ngữ, thuật ngữ dưới đây được hiểu như sau:",
                document.articles["terms"],
            ],
        },
        {"heading": "Điều 2. Nội dung hợp tác", "lines": [document.articles["content"]]},
        {
            "heading": "Điều 3. Trách nhiệm của các bên",
            "lines": [document.articles["responsibilities"]],
        },
        {"heading": "Điều 4. Nguyên tắc thực hiện", "lines": [document.articles["principles"]]},
        {"heading": "Điều 5. Kinh phí thực hiện", "lines": [document.articles["funding"]]},
        {
            "heading": "Điều 6. Điều khoản chung",
            "lines": [
                "6.1. Bản thoả thuận này có hiệu lực từ ngày ký;",
                "6.2. Trong quá trình thực hiện, khi có vướng mắc nảy sinh, hai bên sẽ cùng nhau "
                "bàn bạc, trao đổi, thống nhất giải quyết;",
                "6.3. Thoả thuận hợp tác này được lập thành 06 bản có giá trị như nhau, mỗi bên "
                "giữ 02 bản, 01 bản gửi Bộ Tài chính và 01 bản gửi "
                f"{document.sixth_copy_to}.",
            ],
        },
    ]
    party_a_heading = (
        "ĐẠI DIỆN TỔNG CỤC HẢI QUAN"
        if document.party_a_is_central
        else f"ĐẠI DIỆN {document.party_a_unit.upper()}"
    )
    return {
        "orientation": "portrait",
        "national_heading": layout.NATIONAL_HEADING,
        "national_motto": layout.NATIONAL_MOTTO,
        "title": layout.AGREEMENT_TITLE,
        "reference": document.reference,
        "between": f"Giữa {party_a_name} và {party_b_names}",
        "subject": document.title,
        "legal_bases": document.legal_bases,
        "strategy": layout.AGREEMENT_STRATEGY,
        "plan_basis": document.plan_basis,
        "recognising": document.recognising,
        "aiming": document.aiming,
        "signed_on_long": vietnamese_long_date(document.signed_on),
        "effective_from_long": vietnamese_long_date(document.effective_from),
        "blank": BLANK,
        "party_a": {
            "name": party_a_name,
            "signatory": document.party_a_signatory,
            "title": document.party_a_title,
        },
        "party_b": [asdict(party) for party in document.party_b],
        "articles": articles,
        "place_and_date": f"{BLANK}, {vietnamese_long_date(document.signed_on)}",
        "party_a_heading": party_a_heading,
        "party_b_heading": "ĐẠI DIỆN DOANH NGHIỆP/ HIỆP HỘI DOANH NGHIỆP",
        "party_b_signatories": ", ".join(party.representative for party in document.party_b),
    }


def render_agreement_document(document: AgreementDocument, format_name: str) -> bytes:
    _check_format(format_name, DOCUMENT_FORMATS)
    context = agreement_context(document)
    if format_name == "html":
        return render_html("agreement.html", context)
    return render_docx("agreement.docx", context)
