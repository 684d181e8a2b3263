"""The auditor's walk-through in the README, on the bundled data set: history on both
timelines, a whole-store check, erasure of one partner's personal data, and the
README's own snippet that alters an event."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from doitac.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
REFERENCE = "TCHQ-TXNK-2023-002"
PARTNER_TAX_NUMBER = "0307509213"  # has a focal point in that partnership


def tamper_snippet() -> str:
    """Return the Python program of the README's audit section that alters one event."""
    audit = README.read_text(encoding="utf-8").split("## Audit", 1)[1]
    found = re.search(r"\.venv/bin/python - <<'EOF'\n(.*?)\nEOF\n", audit, re.DOTALL)
    assert found is not None, "README audit section lost its tamper snippet"
    return found.group(1)


def test_readme_audit_walkthrough(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("DOITAC_DATABASE_URL", "DOITAC_VAR_DIR", "DOITAC_MASTER_KEY", "DOITAC_KEY_FILE"):
        monkeypatch.delenv(name, raising=False)
    assert main(["demo"]) == 0
    capsys.readouterr()

    assert main(["history", REFERENCE, "--as-of", "15/08/2023"]) == 0
    as_of = capsys.readouterr().out
    assert main(["verify"]) == 0
    intact = capsys.readouterr().out
    assert main(["erase-partner", PARTNER_TAX_NUMBER, "--yes"]) == 0
    capsys.readouterr()
    assert main(["history", REFERENCE, "--kind", "FocalPointDesignated"]) == 0
    erased = capsys.readouterr().out
    assert main(["verify"]) == 0
    after_erasure = capsys.readouterr().out
    exec(compile(tamper_snippet(), "README.md", "exec"), {})
    assert main(["verify"]) == 1
    tampered = capsys.readouterr().out

    assert "Trạng thái theo ngày nghiệp vụ 15/08/2023" in as_of
    assert "Trạng thái theo thời điểm ghi nhận" in as_of
    assert "Toàn bộ kho nguyên vẹn" in intact
    assert "Chỉ định đầu mối phía đối tác: [đã xoá]" in erased
    assert "Toàn bộ kho nguyên vẹn" in after_erasure
    assert f"Quan hệ đối tác {REFERENCE}" in tampered
    assert "CHUỖI BỊ PHÁ VỠ tại phiên bản 9 [mismatch]" in tampered
    assert "Có 1 luồng bị phá vỡ chuỗi băm." in tampered
