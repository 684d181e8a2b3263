"""Personal data at rest: contact persons and focal points are sealed with one key per
partner, and erasing a partner's keys leaves the history replayable and the chain
intact, on SQLite and on PostgreSQL."""

from __future__ import annotations

import base64
import logging
from pathlib import Path

import pytest

from application.audit import erase_partner_data, verify_store
from application.crypto import ERASED_TEXT, Keyring, MasterKeyError
from application.errors import PartnerNotFoundError
from application.history import history_entries
from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application
from doitac.cli import main
from domain.partner import Partner
from domain.partnership import Partnership
from tests.audit_store import StoreEditor
from tests.scenario import (
    ENTERPRISE_TAX_NUMBER,
    REFERENCE,
    SERVICE_TAX_NUMBER,
    command_line,
    register_partners,
    run_procedure,
    submit,
)

PARTNER_ID = Partner.id_for(ENTERPRISE_TAX_NUMBER)
PARTNERSHIP_ID = Partnership.id_for(REFERENCE)
CONTACT = {
    "name": "Phạm Thị Duyên",
    "title": "Trưởng phòng xuất nhập khẩu",
    "phone": "0912 345 678",
    "email": "duyen.pham@example.com",
}
PARTNER_FOCAL = {
    "name": "Hoàng Văn Em",
    "title": "Phó giám đốc",
    "phone": "0987 654 321",
    "email": "em.hoang@example.com",
}
CUSTOMS_FOCAL = {"name": "Đỗ Thị Giang", "title": "Chuyên viên", "phone": "024 3944 0833"}
SIGNATORY = "Trần Thị Bình"  # the partner's signatory in tests.scenario
SECRETS = [
    SIGNATORY.encode(),
    b"Duy\xc3\xaan",
    b"912345678",
    b"duyen.pham",
    b"Ho\xc3\xa0ng V",
    b"987654321",
    b"em.hoang",
]


def add_people(app: PartnershipApplication) -> None:
    register_partners(app)
    submit(
        app,
        command_line(
            "add_partner_contact",
            {"tax_number": ENTERPRISE_TAX_NUMBER, "contact": CONTACT},
            occurred_on="2025-01-20",
        ),
    )
    run_procedure(app)
    for side, tax_number, person in (
        ("partner", ENTERPRISE_TAX_NUMBER, PARTNER_FOCAL),
        ("customs", None, CUSTOMS_FOCAL),
    ):
        submit(
            app,
            command_line(
                "designate_focal_point",
                {
                    "partnership": REFERENCE,
                    "side": side,
                    "tax_number": tax_number,
                    "person": person,
                },
                occurred_on="2025-04-02",
            ),
        )


@pytest.fixture
def editor(app: PartnershipApplication, database_url: str) -> StoreEditor:
    add_people(app)
    return StoreEditor(database_url)


def _all_states(editor: StoreEditor) -> bytes:
    return b"\n".join(
        state for stream in (PARTNER_ID, PARTNERSHIP_ID) for _, _, state in editor.rows(stream)
    )


def test_personal_data_sealed_at_rest(app: PartnershipApplication, editor: StoreEditor) -> None:
    stored = _all_states(editor)

    for secret in SECRETS:
        assert secret not in stored
    assert b"doitac_sealed_person" in stored
    assert "Trưởng phòng xuất nhập khẩu".encode() in stored  # titles stay readable
    owners = {owner for _, owner, _, _ in editor.key_rows()}
    assert owners == {str(PARTNER_ID), str(PARTNERSHIP_ID)}


def test_application_reads_plain_values(app: PartnershipApplication, editor: StoreEditor) -> None:
    partner = app.get_partner(ENTERPRISE_TAX_NUMBER)
    partnership = app.get_partnership(REFERENCE)

    assert partner.contacts == [{**CONTACT, "phone": "+84912345678"}]
    people = {fp["side"]: fp["person"] for fp in partnership.focal_points}
    assert people["partner"]["name"] == PARTNER_FOCAL["name"]
    assert people["partner"]["email"] == PARTNER_FOCAL["email"]
    assert people["customs"]["name"] == CUSTOMS_FOCAL["name"]
    assert partnership.agreement is not None
    assert partnership.agreement["partner_signatories"] == [
        {"partner_id": str(PARTNER_ID), "name": SIGNATORY, "title": "Giám đốc"}
    ]


def test_erasure_keeps_replay_and_chain(
    app: PartnershipApplication, editor: StoreEditor, database_url: str, tmp_path: Path
) -> None:
    stored_before = _all_states(editor)

    erasure = erase_partner_data(app, ENTERPRISE_TAX_NUMBER)

    assert erasure.keys_erased == 1
    assert _all_states(editor) == stored_before
    assert verify_store(app).ok
    erased_keys = [row for row in editor.key_rows() if row[1] == str(PARTNER_ID)]
    assert [(wrapped, erased is not None) for _, _, wrapped, erased in erased_keys] == [
        (None, True)
    ]
    # A fresh process, with no cached keys, replays the erased history.
    fresh = build_application(Settings(database_url=database_url, var_dir=tmp_path / "var"))
    try:
        contact = fresh.get_partner(ENTERPRISE_TAX_NUMBER).contacts[0]
        partnership = fresh.get_partnership(REFERENCE)
        entries = history_entries(fresh.partnership_events(REFERENCE))
    finally:
        fresh.close()
    assert contact == {
        "name": ERASED_TEXT,
        "title": CONTACT["title"],
        "phone": None,
        "email": None,
        "erased": True,
    }
    people = {fp["side"]: fp["person"] for fp in partnership.focal_points}
    assert people["partner"]["name"] == ERASED_TEXT
    assert people["partner"]["email"] is None
    assert partnership.agreement is not None
    assert partnership.agreement["partner_signatories"] == [
        {"partner_id": str(PARTNER_ID), "name": ERASED_TEXT, "title": "Giám đốc", "erased": True}
    ]
    assert people["customs"]["name"] == CUSTOMS_FOCAL["name"]
    assert entries[-2].description == f"Chỉ định đầu mối phía đối tác: {ERASED_TEXT}"
    assert entries[-1].description.endswith(CUSTOMS_FOCAL["name"])


def test_contact_after_erasure_uses_new_key(
    app: PartnershipApplication, editor: StoreEditor
) -> None:
    erase_partner_data(app, ENTERPRISE_TAX_NUMBER)
    newcomer = {"name": "Vũ Văn Hải", "title": "Nhân viên", "phone": "0903 111 222"}

    submit(
        app,
        command_line(
            "add_partner_contact",
            {"tax_number": ENTERPRISE_TAX_NUMBER, "contact": newcomer},
            occurred_on="2025-05-01",
        ),
    )

    contacts = app.get_partner(ENTERPRISE_TAX_NUMBER).contacts
    assert contacts[0]["name"] == ERASED_TEXT
    assert contacts[1]["name"] == newcomer["name"]
    partner_keys = [row for row in editor.key_rows() if row[1] == str(PARTNER_ID)]
    assert sorted(erased is None for _, _, _, erased in partner_keys) == [False, True]
    assert verify_store(app).ok


def test_erase_unknown_partner_rejected(app: PartnershipApplication, editor: StoreEditor) -> None:
    keys_before = editor.key_rows()

    with pytest.raises(PartnerNotFoundError) as raised:
        erase_partner_data(app, SERVICE_TAX_NUMBER)

    assert raised.value.code == PartnerNotFoundError.code
    assert editor.key_rows() == keys_before


def test_snapshot_seals_personal_data(
    app: PartnershipApplication, editor: StoreEditor, database_url: str
) -> None:
    app.take_snapshot(PARTNERSHIP_ID)
    app.take_snapshot(PARTNER_ID)
    snapshots = editor.snapshot_rows()

    assert len(snapshots) == 2
    for secret in SECRETS:
        assert all(secret not in state for state in snapshots)
    loaded = app.repository.get(PARTNERSHIP_ID)
    assert isinstance(loaded, Partnership)
    people = {fp["side"]: fp["person"]["name"] for fp in loaded.focal_points}
    assert people == {"partner": PARTNER_FOCAL["name"], "customs": CUSTOMS_FOCAL["name"]}


def test_no_personal_data_in_log(
    app: PartnershipApplication, database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        add_people(app)
        erase_partner_data(app, ENTERPRISE_TAX_NUMBER)
        verify_store(app)

    text = caplog.text
    assert "personal data keys erased" in text
    for value in (*CONTACT.values(), *PARTNER_FOCAL.values(), "912345678", "987654321"):
        if value != CONTACT["title"] and value != PARTNER_FOCAL["title"]:
            assert value not in text


def test_wrong_master_key_rejected(
    app: PartnershipApplication, editor: StoreEditor, database_url: str, tmp_path: Path
) -> None:
    other_key = base64.b64encode(bytes(range(32))).decode()
    other = build_application(
        Settings(database_url=database_url, var_dir=tmp_path / "other", master_key=other_key)
    )
    try:
        with pytest.raises(MasterKeyError):
            other.get_partner(ENTERPRISE_TAX_NUMBER)
    finally:
        other.close()


def test_malformed_master_key_rejected(tmp_path: Path) -> None:
    from application.crypto import load_master_key

    with pytest.raises(MasterKeyError, match="32 byte"):
        load_master_key(base64.b64encode(b"short").decode(), tmp_path / "unused.key")
    with pytest.raises(MasterKeyError, match="base64"):
        load_master_key("not base64!", tmp_path / "unused.key")
    assert not (tmp_path / "unused.key").exists()


def test_key_file_created_private(tmp_path: Path) -> None:
    from application.crypto import load_master_key

    path = tmp_path / "keys" / "doitac.key"
    key = load_master_key(None, path)

    assert len(key) == 32
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_master_key(None, path) == key
    assert isinstance(Keyring(key), Keyring)


def test_erase_command_needs_confirmation(
    app: PartnershipApplication,
    editor: StoreEditor,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DOITAC_DATABASE_URL", database_url)
    monkeypatch.setenv("DOITAC_VAR_DIR", str(tmp_path / "var"))
    keys_before = editor.key_rows()

    assert main(["erase-partner", ENTERPRISE_TAX_NUMBER]) == 1
    assert "--yes" in capsys.readouterr().err
    assert editor.key_rows() == keys_before

    assert main(["erase-partner", ENTERPRISE_TAX_NUMBER, "--yes"]) == 0
    assert "Đã huỷ 1 khoá" in capsys.readouterr().out
    assert main(["verify"]) == 0


def test_key_file_created_once_by_racing_processes(tmp_path: Path) -> None:
    """Processes that start together on an empty folder all read one complete key."""
    import concurrent.futures

    from application.crypto import load_master_key

    key_file = tmp_path / "keys" / "doitac.key"
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        keys = list(pool.map(lambda _: load_master_key(None, key_file), range(16)))

    assert len(set(keys)) == 1
    assert len(keys[0]) == 32
    assert [p.name for p in key_file.parent.iterdir()] == ["doitac.key"]
