"""Every template against a complete context (a missing variable fails the rendering), the
rejected requests with their error codes, and the document commands end to end."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jinja2
import pytest
from docxtpl import DocxTemplate
from jinja2 import meta
from openpyxl import load_workbook

from application.errors import PartnershipNotFoundError
from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application
from doitac.cli import main
from projections import layout
from projections.agreement import build_agreement
from projections.documents import render_agreement, render_partner_list, render_report
from projections.errors import (
    AgreementNotAvailableError,
    InvalidFormatError,
    InvalidPeriodError,
    InvalidReportKindError,
)
from projections.partner_list import build_edition
from projections.rendering import (
    agreement_context,
    development_report_context,
    partner_list_context,
    plan_report_context,
    render_docx,
    render_html,
)
from projections.reports import build_development_report, build_plan_report, parse_period
from projections.runner import AggregateStatesProjection
from tests.projections_fixture import SPECIAL_NAME, build_dataset, build_projection
from tests.scenario import REFERENCE, procedure_lines, submit


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A SQLite database with the complete data set, and its folder."""
    tmp_path = tmp_path_factory.mktemp("templates")
    url = f"sqlite:///{tmp_path / 'doitac.sqlite3'}"
    app = build_application(Settings(database_url=url, var_dir=tmp_path / "var"))
    build_dataset(app)
    app.close()
    yield url, tmp_path


@pytest.fixture
def projection(dataset: tuple[str, Path]) -> Iterator[AggregateStatesProjection]:
    url, tmp_path = dataset
    app = build_application(Settings(database_url=url, var_dir=tmp_path / "var"))
    built = build_projection(app, url, tmp_path)
    built.catch_up()
    try:
        yield built
    finally:
        built.close()
        app.close()


def complete_contexts(projection: AggregateStatesProjection) -> dict[str, dict[str, Any]]:
    period = parse_period("2025-Q2")
    partner_list = partner_list_context(build_edition(projection, 2025, None))
    appendix_2 = development_report_context(build_development_report(projection, "00", period))
    appendix_3 = plan_report_context(build_plan_report(projection, "00", period))
    agreement = agreement_context(build_agreement(projection, REFERENCE))
    return {
        "partner_list.html": partner_list,
        "partner_list.docx": partner_list,
        "appendix_2.html": appendix_2,
        "appendix_2.docx": appendix_2,
        "appendix_3.html": appendix_3,
        "appendix_3.docx": appendix_3,
        "agreement.html": agreement,
        "agreement.docx": agreement,
    }


def template_variables(name: str) -> set[str]:
    """Return the top-level variables a template (with the base it extends) reads."""
    if name.endswith(".docx"):
        docx = DocxTemplate(str(layout.TEMPLATES_DIR / name))
        return set(docx.get_undeclared_template_variables(jinja2.Environment()))
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(layout.TEMPLATES_DIR))
    names = set()
    for template in (name, "base.html"):
        source = (layout.TEMPLATES_DIR / template).read_text(encoding="utf-8")
        names |= meta.find_undeclared_variables(environment.parse(source))
    return names


def render(name: str, context: dict[str, Any]) -> bytes:
    return render_html(name, context) if name.endswith(".html") else render_docx(name, context)


TEMPLATE_NAMES = [
    f"{base}.{ext}"
    for base in ("partner_list", "appendix_2", "appendix_3", "agreement")
    for ext in ("html", "docx")
]


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_template_needs_every_variable(projection: AggregateStatesProjection, name: str) -> None:
    context = complete_contexts(projection)[name]
    variables = template_variables(name)

    assert variables, name
    assert variables <= set(context), sorted(variables - set(context))
    assert render(name, context)
    for variable in sorted(variables):
        reduced = {key: value for key, value in context.items() if key != variable}
        with pytest.raises(jinja2.UndefinedError):
            render(name, reduced)


def test_missing_row_field_fails(projection: AggregateStatesProjection) -> None:
    context = complete_contexts(projection)["partner_list.html"]
    rows = [
        {key: value for key, value in row.items() if key != "contact"} for row in context["rows"]
    ]

    with pytest.raises(jinja2.UndefinedError):
        render_html("partner_list.html", {**context, "rows": rows})
    with pytest.raises(jinja2.UndefinedError):
        render_docx("partner_list.docx", {**context, "rows": rows})


@pytest.mark.parametrize("period", ["2025-Q5", "2025-13", "25", "2025-1", "Q1-2025", ""])
def test_invalid_period_rejected(projection: AggregateStatesProjection, period: str) -> None:
    with pytest.raises(InvalidPeriodError) as raised:
        render_report(projection, "appendix-2", "00", period, "html")

    assert raised.value.code == "invalid_period"
    assert raised.value.field == "period"


def test_periods_parsed() -> None:
    assert parse_period("2025").label == "Năm 2025"
    quarter = parse_period("2025-q4")
    assert (quarter.start.isoformat(), quarter.end.isoformat()) == ("2025-10-01", "2025-12-31")
    assert quarter.label == "Quý IV năm 2025"
    month = parse_period("2024-02")
    assert month.end.isoformat() == "2024-02-29"
    assert month.label == "Tháng 02 năm 2024"


def test_invalid_format_and_kind_rejected(projection: AggregateStatesProjection) -> None:
    with pytest.raises(InvalidFormatError) as format_error:
        render_partner_list(projection, 2025, None, "pdf")
    with pytest.raises(InvalidFormatError):
        render_report(projection, "appendix-3", "00", "2025", "xlsx")
    with pytest.raises(InvalidReportKindError) as kind_error:
        render_report(projection, "appendix-4", "00", "2025", "html")

    assert format_error.value.code == "invalid_format"
    assert kind_error.value.code == "invalid_report_kind"


def test_agreement_needs_approved_regular_partnership(
    sqlite_app: PartnershipApplication, sqlite_url: str, tmp_path: Path
) -> None:
    from tests.scenario import register_partners

    register_partners(sqlite_app)
    for line in procedure_lines("submit_feasibility_report"):
        submit(sqlite_app, line)
    projection = build_projection(sqlite_app, sqlite_url, tmp_path)
    try:
        with pytest.raises(AgreementNotAvailableError) as not_approved:
            render_agreement(projection, REFERENCE, "html")
        with pytest.raises(PartnershipNotFoundError) as not_found:
            render_agreement(projection, "KHONG-CO-2025", "html")
    finally:
        projection.close()

    assert not_approved.value.code == "agreement_not_available"
    assert not_found.value.code == "partnership_not_found"


def _run_cli(monkeypatch: pytest.MonkeyPatch, dataset: tuple[str, Path], *argv: str) -> int:
    url, tmp_path = dataset
    monkeypatch.setenv("DOITAC_DATABASE_URL", url)
    monkeypatch.setenv("DOITAC_VAR_DIR", str(tmp_path / "var"))
    return main(list(argv))


def test_cli_writes_every_document(
    monkeypatch: pytest.MonkeyPatch,
    dataset: tuple[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outputs = {
        "list.xlsx": ["partners", "--year", "2025", "-o"],
        "list.docx": ["partners", "--year", "2025", "--unit", "00", "-o"],
        "a2.docx": ["report", "appendix-2", "--unit", "00", "--period", "2025-Q2", "-o"],
        "a3.html": ["report", "appendix-3", "--unit", "00", "--period", "2025-Q2", "-o"],
        "agreement.docx": ["agreement", REFERENCE, "-o"],
    }
    for name, argv in outputs.items():
        assert _run_cli(monkeypatch, dataset, *argv, str(tmp_path / name)) == 0, name

    sheet = load_workbook(io.BytesIO((tmp_path / "list.xlsx").read_bytes())).active
    assert sheet is not None
    assert any(
        SPECIAL_NAME in str(value) for row in sheet.iter_rows(values_only=True) for value in row
    )
    assert "Về kế hoạch triển khai quan hệ đối tác" in (tmp_path / "a3.html").read_text("utf-8")
    assert "Đã ghi" in capsys.readouterr().out


def test_cli_rejects_without_writing(
    monkeypatch: pytest.MonkeyPatch,
    dataset: tuple[str, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    report = tmp_path / "report.html"
    status = _run_cli(
        monkeypatch,
        dataset,
        *("report", "appendix-2", "--unit", "00", "--period", "2025-13", "-o", str(report)),
    )
    assert status == 1
    assert not report.exists()
    assert "[invalid_period]" in capsys.readouterr().err

    assert _run_cli(monkeypatch, dataset, "partners", "--year", "2025", "--format", "docx") == 1
    assert "-o TỆP" in capsys.readouterr().err

    unit_list = tmp_path / "unit.xlsx"
    assert _run_cli(monkeypatch, dataset, "partners", "--unit", "XX", "-o", str(unit_list)) == 1
    assert not unit_list.exists()
    assert "[unknown_unit]" in capsys.readouterr().err


def test_cli_status_and_rebuild(
    monkeypatch: pytest.MonkeyPatch,
    dataset: tuple[str, Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert _run_cli(monkeypatch, dataset, "projections", "rebuild", "aggregate_states") == 0
    rebuilt = capsys.readouterr().out
    assert _run_cli(monkeypatch, dataset, "projections", "status") == 0
    status = capsys.readouterr().out.splitlines()[1].split(" | ")

    assert rebuilt.startswith("Đã dựng lại bảng đọc aggregate_states từ ")
    assert status[0] == "aggregate_states"
    assert status[3] == "0"
    assert int(status[4]) == int(rebuilt.split(" từ ")[1].split()[0])
