"""Golden tests of every document in every format: the text extracted from each output is
compared with the checked-in text under tests/golden/. After an intended change, rewrite
the expected files with DOITAC_UPDATE_GOLDEN=1 and review the diff."""

from __future__ import annotations

import csv
import html
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from openpyxl import load_workbook

from application.service import PartnershipApplication
from projections.documents import render_agreement, render_partner_list, render_report
from projections.runner import AggregateStatesProjection
from tests.projections_fixture import SPECIAL_NAME, build_dataset, build_projection
from tests.scenario import REFERENCE

GOLDEN_DIR = Path(__file__).parent / "golden"
DIGEST = re.compile(r"[0-9a-f]{64}")


def docx_text(document: bytes) -> str:
    """Return the paragraphs and table rows of a .docx in document order."""
    opened = Document(io.BytesIO(document))
    lines: list[str] = []
    for child in opened.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, opened).text)
        elif tag == "tbl":
            for row in Table(child, opened).rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(line for line in lines if line.strip()) + "\n"


def xlsx_text(document: bytes) -> str:
    sheet = load_workbook(io.BytesIO(document)).active
    assert sheet is not None
    lines = [
        " | ".join("" if value is None else str(value) for value in row)
        for row in sheet.iter_rows(values_only=True)
    ]
    return "\n".join(line.rstrip(" |") for line in lines) + "\n"


def extract_text(document: bytes, format_name: str) -> str:
    if format_name == "docx":
        text = docx_text(document)
    elif format_name == "xlsx":
        text = xlsx_text(document)
    else:
        text = document.decode("utf-8-sig").replace("\r\n", "\n")
    # The digest covers the recorded times of the events, which change on every run.
    return DIGEST.sub("<SHA-256>", text)


@pytest.fixture(scope="module")
def projection(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AggregateStatesProjection]:
    from application.settings import Settings
    from doitac.bootstrap import build_application

    tmp_path = tmp_path_factory.mktemp("golden")
    url = f"sqlite:///{tmp_path / 'doitac.sqlite3'}"
    app: PartnershipApplication = build_application(
        Settings(database_url=url, var_dir=tmp_path / "var")
    )
    build_dataset(app)
    built = build_projection(app, url, tmp_path)
    try:
        yield built
    finally:
        built.close()
        app.close()


DOCUMENTS = [
    *(
        (f"partner_list_2025.{fmt}", ("partners", 2025, None, fmt))
        for fmt in ("table", "csv", "xlsx", "docx", "html")
    ),
    ("partner_list_2025_unit_01.xlsx", ("partners", 2025, "01", "xlsx")),
    *(
        (f"{kind}_00_2025-Q2.{fmt}", ("report", kind, "00", "2025-Q2", fmt))
        for kind in ("appendix-2", "appendix-3")
        for fmt in ("html", "docx")
    ),
    *((f"agreement.{fmt}", ("agreement", REFERENCE, fmt)) for fmt in ("html", "docx")),
]


def render(projection: AggregateStatesProjection, spec: tuple[object, ...]) -> bytes:
    kind, *args = spec
    if kind == "partners":
        year, unit, fmt = args
        return render_partner_list(projection, year, unit, str(fmt))  # type: ignore[arg-type]
    if kind == "report":
        report_kind, unit, period, fmt = (str(a) for a in args)
        return render_report(projection, report_kind, unit, period, fmt)
    reference, fmt = (str(a) for a in args)
    return render_agreement(projection, reference, fmt)


@pytest.mark.parametrize(("name", "spec"), DOCUMENTS, ids=[name for name, _ in DOCUMENTS])
def test_document_matches_golden(
    projection: AggregateStatesProjection, name: str, spec: tuple[object, ...]
) -> None:
    text = extract_text(render(projection, spec), name.rsplit(".", 1)[1])
    golden = GOLDEN_DIR / f"{name}.txt"
    if os.environ.get("DOITAC_UPDATE_GOLDEN") == "1":
        golden.write_text(text, encoding="utf-8")

    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["table", "csv", "xlsx", "docx", "html"])
def test_special_name_in_partner_list(projection: AggregateStatesProjection, fmt: str) -> None:
    document = render_partner_list(projection, 2025, None, fmt)
    text = extract_text(document, fmt)

    # The name was typed decomposed; every format shows it composed (NFC) and unaltered.
    if fmt in ("table", "xlsx", "docx"):
        assert SPECIAL_NAME in text
    if fmt == "html":
        assert SPECIAL_NAME in html.unescape(text)
        assert "Công ty &#34;Ánh Dương&#34; &amp; Đối tác &lt;Hải Phòng&gt; &#39;Ăn Uống&#39;" in (
            document.decode("utf-8")
        )
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(document.decode("utf-8-sig"))))
        assert any(row[1].startswith(SPECIAL_NAME) for row in rows[1:])


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_special_name_in_reports_and_agreement(
    projection: AggregateStatesProjection, fmt: str
) -> None:
    for document in (
        render_report(projection, "appendix-2", "00", "2025", fmt),
        render_agreement(projection, REFERENCE, fmt),
    ):
        text = extract_text(document, fmt)
        if fmt == "html":
            assert '"Ánh Dương" &amp; Đối tác' not in text
            assert "Công ty &#34;Ánh Dương&#34; &amp; Đối tác &lt;Hải Phòng&gt;" in text
        else:
            assert SPECIAL_NAME in text
