"""Import of the bundled data set, as `doitac demo` runs it."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from application.importer import ImportReport, import_lines
from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application
from doitac.cli_core import dataset_path
from domain.values import PartnershipForm, PartnershipKind, PartnerType, ServiceKind, State

EXPECTED_INVALID = {
    "INVALID-TAX-CHECK-DIGIT": ("invalid_tax_number", "data.tax_number"),
    "INVALID-UNKNOWN-FIELD": ("invalid_command", "data.url"),
    "INVALID-NO-UTC-OFFSET": ("invalid_command", "submitted_at"),
    "INVALID-STEP-ORDER": ("step_out_of_order", None),
}


def load_dataset(app: PartnershipApplication) -> ImportReport:
    lines = dataset_path().read_text(encoding="utf-8").splitlines()
    return import_lines(app, lines)


@pytest.fixture(scope="module")
def loaded(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[PartnershipApplication, ImportReport]]:
    """The data set loaded once into SQLite, shared by the tests that only read it."""
    folder: Path = tmp_path_factory.mktemp("dataset")
    app = build_application(
        Settings(database_url=f"sqlite:///{folder / 'dataset.sqlite3'}", var_dir=folder / "var")
    )
    try:
        yield app, load_dataset(app)
    finally:
        app.close()


def test_dataset_invalid_lines_reported(
    loaded: tuple[PartnershipApplication, ImportReport],
) -> None:
    _, report = loaded

    found = {error.command_id: (error.code, error.field) for error in report.errors}
    assert found == EXPECTED_INVALID
    assert report.duplicates == 1
    assert all(error.line_no > 0 for error in report.errors)


def test_dataset_covers_every_kind_form_state(
    loaded: tuple[PartnershipApplication, ImportReport],
) -> None:
    app, _ = loaded

    partnerships = app.partnerships()
    partners = app.partners()

    assert len(partnerships) >= 40
    assert len(partners) >= 60
    assert {p.state for p in partnerships} == set(State)
    assert {p.kind for p in partnerships if p.kind} == set(PartnershipKind)
    assert {p.form for p in partnerships if p.form} == set(PartnershipForm)
    assert {p.partner_type for p in partners} == set(PartnerType)
    assert {p.service_kind for p in partners if p.service_kind} == set(ServiceKind)


def test_dataset_names_stored_in_nfc(loaded: tuple[PartnershipApplication, ImportReport]) -> None:
    app, _ = loaded
    raw = dataset_path().read_text(encoding="utf-8")
    assert raw != unicodedata.normalize("NFC", raw), "the data set must contain NFD text"

    for partner in app.partners():
        assert partner.name == unicodedata.normalize("NFC", partner.name)


def test_dataset_violation_suspends_active(
    loaded: tuple[PartnershipApplication, ImportReport],
) -> None:
    app, _ = loaded

    suspended = [p for p in app.partnerships() if p.state == State.SUSPENDED]

    assert suspended
    for partnership in suspended:
        names = [type(e).__name__ for e in app.partnership_events(partnership.id)]
        assert names[-2:] == ["ViolationRecorded", "Suspended"]
        assert "AgreementSigned" in names


def test_dataset_second_import_changes_nothing(app: PartnershipApplication) -> None:
    first = load_dataset(app)
    count = app.recorder.max_notification_id()

    second = load_dataset(app)

    assert second.applied == 0
    assert second.duplicates == first.applied + first.duplicates
    assert sorted(str(e.command_id) for e in second.errors) == sorted(EXPECTED_INVALID)
    assert app.recorder.max_notification_id() == count
