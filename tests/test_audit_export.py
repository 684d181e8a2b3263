"""The audit export of a partnership's history as HTML and .docx."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from application.audit import verify_partnership
from application.export import export_history
from application.service import PartnershipApplication
from doitac.cli import main
from tests.audit_store import StoreEditor
from tests.scenario import REFERENCE, command_line, register_partners, run_procedure, submit


@pytest.fixture
def exported(sqlite_app: PartnershipApplication) -> PartnershipApplication:
    register_partners(sqlite_app)
    run_procedure(sqlite_app)
    return sqlite_app


def test_html_export_lists_every_step(exported: PartnershipApplication, tmp_path: Path) -> None:
    path = tmp_path / "audit.html"

    export_history(exported, REFERENCE, path)

    html = path.read_text(encoding="utf-8")
    head = verify_partnership(exported, REFERENCE).head.hex()
    assert html.count("<tr>") == 1 + exported.get_partnership(REFERENCE).version
    assert "Ký biên bản ghi nhớ" in html
    assert "01/BBGN-TCHQ ngày 03/03/2025" in html
    assert "Chuỗi băm nguyên vẹn: 10 sự kiện." in html
    assert head in html


def test_docx_export_has_table(exported: PartnershipApplication, tmp_path: Path) -> None:
    path = tmp_path / "audit.docx"

    export_history(exported, REFERENCE, path)

    document = Document(str(path))
    table = document.tables[0]
    text = "\n".join(p.text for p in document.paragraphs)
    assert len(table.rows) == 1 + exported.get_partnership(REFERENCE).version
    assert table.rows[1].cells[0].text == "1"
    assert "Ký biên bản ghi nhớ" in [row.cells[5].text for row in table.rows]
    assert f"Quan hệ đối tác {REFERENCE}" in text
    assert "Chuỗi băm nguyên vẹn" in text


def test_export_escapes_markup(exported: PartnershipApplication, tmp_path: Path) -> None:
    submit(
        exported,
        command_line(
            "record_publicity",
            {"partnership": REFERENCE, "channel": "Báo <Hải quan> & Đời sống", "description": "x"},
            occurred_on="2025-05-05",
        ),
    )

    export_history(exported, REFERENCE, tmp_path / "audit.docx")
    export_history(exported, REFERENCE, tmp_path / "audit.html")

    cells = [row.cells[5].text for row in Document(str(tmp_path / "audit.docx")).tables[0].rows]
    html = (tmp_path / "audit.html").read_text(encoding="utf-8")
    assert "Thông tin, tuyên truyền qua Báo <Hải quan> & Đời sống" in cells
    assert "Báo &lt;Hải quan&gt; &amp; Đời sống" in html


def test_export_reports_broken_chain(
    exported: PartnershipApplication, sqlite_url: str, tmp_path: Path
) -> None:
    editor = StoreEditor(sqlite_url)
    editor.delete(exported.partnership_id(REFERENCE), 4)
    path = tmp_path / "audit.html"

    export_history(exported, REFERENCE, path)

    assert "Chuỗi băm bị phá vỡ tại phiên bản 4" in path.read_text(encoding="utf-8")


def test_export_command_rejects_other_format(
    exported: PartnershipApplication,
    sqlite_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DOITAC_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("DOITAC_VAR_DIR", str(tmp_path / "var"))
    target = tmp_path / "audit.pdf"

    assert main(["export", REFERENCE, str(target)]) == 2
    assert "không được hỗ trợ" in capsys.readouterr().err
    assert not target.exists()
    assert main(["export", REFERENCE, str(tmp_path / "audit.docx")]) == 0
    assert (tmp_path / "audit.docx").stat().st_size > 0
