"""Generate the Word templates in ``templates/`` (docxtpl syntax) with python-docx, so that
the checked-in .docx files can be rebuilt and reviewed as code:

    .venv/bin/python -m projections.docx_templates

``{%tr ... %}`` tags repeat a table row and ``{%p ... %}`` tags repeat paragraphs; the
values come from the same contexts as the HTML templates."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from projections.layout import (
    APPENDIX_2_COLUMNS,
    APPENDIX_3_COLUMNS,
    PARTNER_LIST_COLUMNS,
    TEMPLATES_DIR,
)


def _new_document(landscape: bool) -> DocumentObject:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = Mm(25)
    section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(20)
    return document


def _centered(document: DocumentObject, text: str, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold


def _loop_table(document: DocumentObject, columns: tuple[str, ...], cells: list[str]) -> None:
    table = document.add_table(rows=4, cols=len(columns))
    table.style = "Table Grid"
    for index, column in enumerate(columns):
        table.rows[0].cells[index].paragraphs[0].add_run(column).bold = True
    table.rows[1].cells[0].text = "{%tr for row in rows %}"
    for index, cell in enumerate(cells):
        table.rows[2].cells[index].text = cell
    table.rows[3].cells[0].text = "{%tr endfor %}"


def build_partner_list() -> DocumentObject:
    document = _new_document(landscape=True)
    _centered(document, "{{ title }}", bold=True)
    _centered(document, "{{ unit }}", bold=True)
    _centered(document, "{{ as_of }}")
    document.add_paragraph("{{ provenance }}")
    _loop_table(
        document,
        PARTNER_LIST_COLUMNS,
        [
            "{{ row.no }}",
            "{{ row.name }}{% if row.priority %} (*){% endif %} - MST: {{ row.tax_number }}",
            "{{ row.contact }}",
            "{{ row.focal_point }}",
            "{{ row.classification }}",
            '{{ row.programmes|join("; ") }}',
            '{{ row.activities|join("; ") }}',
            '{{ row.notes|join("; ") }}',
        ],
    )
    document.add_paragraph("{{ footnote }}")
    return document


def _report_heading(document: DocumentObject) -> None:
    _centered(document, "{{ title }}", bold=True)
    _centered(document, "{{ subtitle }}", bold=True)
    _centered(document, "Đơn vị: {{ unit }} — Kỳ báo cáo: {{ period }}")


def build_appendix_2() -> DocumentObject:
    document = _new_document(landscape=True)
    _report_heading(document)
    _loop_table(
        document,
        APPENDIX_2_COLUMNS,
        [
            "{{ row.no }}",
            "{{ row.purpose }}",
            "{{ row.content }}",
            "{{ row.partner }}",
            "{{ row.form }}",
            "{{ row.focal_point }}",
            "{{ row.result }}",
        ],
    )
    document.add_paragraph("{%p for item in questions %}")
    document.add_paragraph("- {{ item.question }}")
    document.add_paragraph("{{ item.answer }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("Ghi chú:")
    document.add_paragraph("{%p for line in notes %}")
    document.add_paragraph("{{ line }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ provenance }}")
    return document


def build_appendix_3() -> DocumentObject:
    document = _new_document(landscape=True)
    _report_heading(document)
    _loop_table(
        document,
        APPENDIX_3_COLUMNS,
        [
            "{{ row.no }}",
            "{{ row.activity }}",
            "{{ row.time }}",
            "{{ row.resources }}",
            "{{ row.obstacles }}",
            "{{ row.solutions }}",
        ],
    )
    document.add_paragraph("{%p for line in notes %}")
    document.add_paragraph("{{ line }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{{ provenance }}")
    return document


def build_agreement() -> DocumentObject:
    document = _new_document(landscape=False)
    _centered(document, "{{ national_heading }}", bold=True)
    _centered(document, "{{ national_motto }}", bold=True)
    _centered(document, "________________________")
    _centered(document, "{{ title }}", bold=True)
    _centered(document, "{{ between }}", bold=True)
    _centered(document, "V/v {{ subject }}")
    for text in (
        "{%p for basis in legal_bases %}",
        "Căn cứ {{ basis }};",
        "{%p endfor %}",
        "{{ strategy }}",
        "Thực hiện Kế hoạch phát triển quan hệ đối tác {{ plan_basis }};",
        "Nhận thấy {{ recognising }};",
        "Nhằm {{ aiming }};",
        "Căn cứ nhu cầu và khả năng của hai bên,",
        "Hôm nay, {{ signed_on_long }}, chúng tôi gồm có:",
    ):
        document.add_paragraph(text)
    document.add_paragraph().add_run("BÊN A: {{ party_a.name }}").bold = True
    for text in (
        "Do Ông/Bà: {{ party_a.signatory }} - Chức vụ: {{ party_a.title }}",
        "Địa chỉ: {{ blank }}",
        "Điện thoại: {{ blank }} - Fax: {{ blank }}",
        "Tài khoản số: {{ blank }} Tại: {{ blank }}",
        "Mã số thuế: {{ blank }}",
        "{%p for party in party_b %}",
    ):
        document.add_paragraph(text)
    document.add_paragraph().add_run(
        "BÊN B{% if party_b|length > 1 %} ({{ loop.index }}){% endif %}: {{ party.name }}"
    ).bold = True
    for text in (
        "Do Ông/Bà: {{ party.representative }} - Chức vụ: {{ party.title }}",
        "Địa chỉ: {{ party.address }}",
        "Điện thoại: {{ party.phone }} - Fax: {{ blank }}",
        "Tài khoản số: {{ blank }} Tại: {{ blank }}",
        "Mã số thuế: {{ party.tax_number }}",
        "{%p endfor %}",
        "Hai bên cùng thống nhất ký Thoả thuận hợp tác trong việc {{ subject }}, bắt đầu thực "
        "hiện kể từ {{ effective_from_long }}, bao gồm những điều, khoản sau:",
        "{%p for article in articles %}",
    ):
        document.add_paragraph(text)
    document.add_paragraph().add_run("{{ article.heading }}").bold = True
    for text in (
        "{%p for line in article.lines %}",
        "{{ line }}",
        "{%p endfor %}",
        "{%p endfor %}",
    ):
        document.add_paragraph(text)
    _centered(document, "{{ place_and_date }}")
    table = document.add_table(rows=2, cols=2)
    for index, text in enumerate(("{{ party_b_heading }}", "{{ party_a_heading }}")):
        paragraph = table.rows[0].cells[index].paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(text).bold = True
    for index, text in enumerate(("{{ party_b_signatories }}", "{{ party_a.signatory }}")):
        paragraph = table.rows[1].cells[index].paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run("\n\n\n" + text).bold = True
    return document


BUILDERS = {
    "partner_list.docx": build_partner_list,
    "appendix_2.docx": build_appendix_2,
    "appendix_3.docx": build_appendix_3,
    "agreement.docx": build_agreement,
}


def main(target: Path = TEMPLATES_DIR) -> None:
    for name, build in BUILDERS.items():
        build().save(str(target / name))
        print(f"Đã tạo {target / name}")


if __name__ == "__main__":
    main()
