"""The per-stream hash chain: intact stores verify, and each kind of direct edit of the
stored rows (change, delete, reorder, insert) is reported at the right version, on
SQLite and on PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from application.audit import edition_digest, verify_partnership, verify_store
from application.chain import split_state
from application.service import PartnershipApplication
from doitac.cli import main
from domain.partner import Partner
from domain.partnership import Partnership
from tests.audit_store import StoreEditor
from tests.scenario import ENTERPRISE_TAX_NUMBER, REFERENCE, register_partners, run_procedure

PARTNERSHIP_ID = Partnership.id_for(REFERENCE)


@pytest.fixture
def editor(app: PartnershipApplication, database_url: str) -> StoreEditor:
    register_partners(app)
    run_procedure(app)
    return StoreEditor(database_url)


def test_intact_store_verifies(app: PartnershipApplication, editor: StoreEditor) -> None:
    check = verify_partnership(app, REFERENCE)
    result = verify_store(app)

    assert check.ok
    assert check.events == len(editor.rows(PARTNERSHIP_ID))
    assert result.ok
    assert result.events == app.count_events()
    assert PARTNERSHIP_ID in {c.originator_id for c in result.checks}


def test_stored_state_is_json_with_hash(app: PartnershipApplication, editor: StoreEditor) -> None:
    rows = editor.rows(PARTNERSHIP_ID)
    stored = json.loads(rows[0][2])
    content, chain_hash = split_state(rows[0][2])

    assert len(stored["_chain"]) == 64
    assert chain_hash is not None and chain_hash.hex() == stored["_chain"]
    assert "_chain" not in json.loads(content)
    events = app.partnership_events(REFERENCE)
    assert all("_chain" not in vars(event) for event in events)
    assert events[0].reference == REFERENCE


def _change(editor: StoreEditor) -> None:
    _, _, state = editor.rows(PARTNERSHIP_ID)[2]
    assert "Nội dung".encode() in state
    editor.set_state(PARTNERSHIP_ID, 3, state.replace("Nội dung".encode(), "Nội dunG".encode(), 1))


def _delete(editor: StoreEditor) -> None:
    editor.delete(PARTNERSHIP_ID, 3)


def _reorder(editor: StoreEditor) -> None:
    editor.swap(PARTNERSHIP_ID, 3, 4)


def _insert(editor: StoreEditor) -> None:
    editor.insert_between(PARTNERSHIP_ID, 3)


def _append(editor: StoreEditor) -> None:
    rows = editor.rows(PARTNERSHIP_ID)
    last_version, topic, state = rows[-1]
    editor.insert(PARTNERSHIP_ID, last_version + 1, topic, state)


TAMPERING: dict[str, tuple[Callable[[StoreEditor], None], int, str]] = {
    "change": (_change, 3, "mismatch"),
    "delete": (_delete, 3, "missing"),
    "reorder": (_reorder, 3, "mismatch"),
    "insert": (_insert, 4, "mismatch"),
    "append": (_append, 0, "mismatch"),
}


@pytest.mark.parametrize("case", sorted(TAMPERING))
def test_tampering_detected(app: PartnershipApplication, editor: StoreEditor, case: str) -> None:
    tamper, version, reason = TAMPERING[case]
    last_version = len(editor.rows(PARTNERSHIP_ID))
    tamper(editor)
    expected_version = version or last_version + 1

    check = verify_partnership(app, REFERENCE)
    result = verify_store(app)

    assert check.broken is not None
    assert check.broken.version == expected_version
    assert check.broken.reason == reason
    assert not result.ok
    broken = {c.originator_id: c.broken for c in result.broken}
    assert list(broken) == [PARTNERSHIP_ID]
    assert broken[PARTNERSHIP_ID] == check.broken
    assert REFERENCE in result.labels[PARTNERSHIP_ID]


def test_deleted_last_event_found_by_store_check(
    app: PartnershipApplication, editor: StoreEditor
) -> None:
    last_version = len(editor.rows(PARTNERSHIP_ID))
    editor.delete(PARTNERSHIP_ID, last_version)

    result = verify_store(app)

    assert verify_partnership(app, REFERENCE).ok  # one stream alone cannot show it
    broken = {c.originator_id: c.broken for c in result.broken}
    assert list(broken) == [PARTNERSHIP_ID]
    found = broken[PARTNERSHIP_ID]
    assert found is not None
    assert found.version == last_version
    assert found.reason == "missing"


def test_partner_stream_change_detected(app: PartnershipApplication, editor: StoreEditor) -> None:
    partner_id = Partner.id_for(ENTERPRISE_TAX_NUMBER)
    _, _, state = editor.rows(partner_id)[0]
    editor.set_state(partner_id, 1, state.replace(b"example.com", b"example.org"))

    result = verify_store(app)

    broken = {c.originator_id: c.broken for c in result.broken}
    assert list(broken) == [partner_id]
    assert ENTERPRISE_TAX_NUMBER in result.labels[partner_id]


def test_saving_after_restart_continues_chain(
    app: PartnershipApplication, database_url: str, tmp_path: Path
) -> None:
    """A new process has no remembered head hash and must fetch it from the store."""
    from application.settings import Settings
    from doitac.bootstrap import build_application
    from tests.scenario import command_line, submit

    register_partners(app)
    run_procedure(app, until="approve_working_document")
    other = build_application(Settings(database_url=database_url, var_dir=tmp_path / "var"))
    try:
        line = command_line(
            "inform_partners",
            {"partnership": REFERENCE, "channel": "official_letter", "signed_by": "Lê Văn C"},
            occurred_on="2025-02-10",
            legal_basis={"number": "12/HQ-TCHQ", "issued_on": "2025-02-10"},
        )
        submit(other, line)
    finally:
        other.close()

    assert verify_store(app).ok


def test_edition_digest_changes_with_stream(
    app: PartnershipApplication, editor: StoreEditor
) -> None:
    ids = [PARTNERSHIP_ID, Partner.id_for(ENTERPRISE_TAX_NUMBER)]
    before = edition_digest(app, ids)
    _change(editor)

    assert edition_digest(app, ids) == before  # the head is unchanged by an edit at v3
    _append(editor)
    assert edition_digest(app, ids) != before


def test_verify_command_exit_status(
    app: PartnershipApplication,
    editor: StoreEditor,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DOITAC_DATABASE_URL", database_url)
    monkeypatch.setenv("DOITAC_VAR_DIR", str(tmp_path / "var"))

    assert main(["verify"]) == 0
    assert "Toàn bộ kho nguyên vẹn" in capsys.readouterr().out
    assert main(["verify", REFERENCE]) == 0
    assert "nguyên vẹn" in capsys.readouterr().out

    _delete(editor)

    assert main(["verify", REFERENCE]) == 1
    one = capsys.readouterr().out
    assert main(["verify"]) == 1
    every = capsys.readouterr().out
    assert "CHUỖI BỊ PHÁ VỠ tại phiên bản 3 [missing]" in one
    assert f"Quan hệ đối tác {REFERENCE}" in every
    assert "Có 1 luồng bị phá vỡ chuỗi băm." in every
