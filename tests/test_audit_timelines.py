"""Both timelines around a back-dated step, the version diff and the history filters,
on SQLite and on PostgreSQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from application.audit import MISSING, diff_versions, filtered_history, timelines
from application.errors import VersionNotFoundError
from application.service import PartnershipApplication
from doitac.cli import main
from domain.values import State
from tests.scenario import (
    ENTERPRISE_TAX_NUMBER,
    REFERENCE,
    command_line,
    register_partners,
    run_procedure,
    submit,
)


@dataclass(frozen=True)
class BackDated:
    """A partnership where a violation of 20/04/2025 was recorded after ``known_at``,
    later than a publicity step of 10/05/2025."""

    started_at: datetime
    known_at: datetime
    active_version: int
    publicity_version: int
    suspended_version: int


def record_back_dated_violation(app: PartnershipApplication) -> BackDated:
    started_at = datetime.now(UTC)
    register_partners(app)
    run_procedure(app)
    active_version = app.get_partnership(REFERENCE).version
    publicity = submit(
        app,
        command_line(
            "record_publicity",
            {"partnership": REFERENCE, "channel": "Báo Hải quan", "description": "Tin bài"},
            occurred_on="2025-05-10",
        ),
    )
    known_at = datetime.now(UTC)
    violation = submit(
        app,
        command_line(
            "record_violation",
            {
                "partnership": REFERENCE,
                "tax_number": ENTERPRISE_TAX_NUMBER,
                "kind": "law_violation",
                "description": "Khai sai mã số hàng hoá",
            },
            occurred_on="2025-04-20",
            legal_basis={"number": "33/QĐ-XPVPHC", "issued_on": "2025-04-20"},
        ),
    )
    return BackDated(started_at, known_at, active_version, publicity.version, violation.version)


@pytest.fixture
def back_dated(app: PartnershipApplication) -> BackDated:
    return record_back_dated_violation(app)


def test_business_date_counts_back_dated_step(
    app: PartnershipApplication, back_dated: BackDated
) -> None:
    in_effect = app.partnership_as_of(REFERENCE, date(2025, 5, 1))
    before = app.partnership_as_of(REFERENCE, date(2025, 4, 19))

    assert in_effect is not None and before is not None
    assert in_effect.state == State.SUSPENDED
    assert [v["found_on"] for v in in_effect.violations] == [date(2025, 4, 20)]
    assert in_effect.publicity == []
    assert before.state == State.ACTIVE
    assert before.violations == []


def test_recorded_time_ignores_later_record(
    app: PartnershipApplication, back_dated: BackDated
) -> None:
    known = app.partnership_known_at(REFERENCE, back_dated.known_at)

    assert known is not None
    assert known.version == back_dated.publicity_version
    assert known.state == State.ACTIVE
    assert known.violations == []
    assert len(known.publicity) == 1
    assert app.partnership_known_at(REFERENCE, back_dated.started_at) is None


def test_timelines_show_both_and_late_steps(
    app: PartnershipApplication, back_dated: BackDated
) -> None:
    result = timelines(app, REFERENCE, date(2025, 5, 1), known_at=back_dated.known_at)

    assert result.in_effect is not None and result.known is not None
    assert result.in_effect.state == State.SUSPENDED
    assert result.known.state == State.ACTIVE
    assert [e.event for e in result.recorded_later] == ["ViolationRecorded", "Suspended"]
    assert all(e.occurred_on == date(2025, 4, 20) for e in result.recorded_later)
    assert result.differ


def test_timelines_agree_before_step(app: PartnershipApplication, back_dated: BackDated) -> None:
    result = timelines(app, REFERENCE, date(2025, 4, 10), known_at=back_dated.known_at)

    assert result.in_effect is not None and result.known is not None
    assert result.recorded_later == []
    assert result.in_effect.state == State.ACTIVE


def test_diff_shows_suspension(app: PartnershipApplication, back_dated: BackDated) -> None:
    changes = {
        change.path: change
        for change in diff_versions(
            app, REFERENCE, back_dated.publicity_version, back_dated.suspended_version
        )
    }

    assert changes["state"].before == State.ACTIVE
    assert changes["state"].after == State.SUSPENDED
    assert changes["violations[0]"].before is MISSING
    assert changes["violations[0]"].after["kind"] == "law_violation"
    assert changes["suspension"].before is None
    assert changes["suspension"].after["on"] == date(2025, 4, 20)
    assert "publicity[0]" not in changes
    assert "reference" not in changes


def test_diff_unknown_version_rejected(app: PartnershipApplication, back_dated: BackDated) -> None:
    with pytest.raises(VersionNotFoundError) as raised:
        diff_versions(app, REFERENCE, 1, back_dated.suspended_version + 5)

    assert raised.value.code == VersionNotFoundError.code


def test_history_filters(app: PartnershipApplication, back_dated: BackDated) -> None:
    everything = filtered_history(app, REFERENCE)
    violations = filtered_history(app, REFERENCE, kinds=["ViolationRecorded", "Suspended"])
    in_april = filtered_history(
        app, REFERENCE, occurred_from=date(2025, 4, 1), occurred_to=date(2025, 4, 30)
    )
    by_name = filtered_history(app, REFERENCE, actor="nguyễn văn")
    by_other = filtered_history(app, REFERENCE, actor="Trần")

    assert len(everything) == back_dated.suspended_version
    assert [e.event for e in violations] == ["ViolationRecorded", "Suspended"]
    assert [e.event for e in in_april] == ["AgreementSigned", "ViolationRecorded", "Suspended"]
    assert len(by_name) == len(everything)
    assert by_other == []


def test_history_command_both_timelines(
    app: PartnershipApplication,
    back_dated: BackDated,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("DOITAC_DATABASE_URL", database_url)
    monkeypatch.setenv("DOITAC_VAR_DIR", str(tmp_path / "var"))

    assert main(["history", REFERENCE, "--kind", "Suspended"]) == 0
    only_suspension = capsys.readouterr().out
    assert main(["history", REFERENCE, "--as-of", "01/05/2025"]) == 0
    as_of = capsys.readouterr().out
    assert main(["timelines", REFERENCE, "01/05/2025"]) == 0
    both = capsys.readouterr().out
    assert main(["diff", REFERENCE, "1", "2"]) == 0
    diff = capsys.readouterr().out

    assert "Đình chỉ quan hệ đối tác" in only_suspension
    assert "Thông tin, tuyên truyền" not in only_suspension
    assert "Trạng thái: bị đình chỉ" in as_of
    assert "Trạng thái theo thời điểm ghi nhận" in as_of
    assert "được ghi nhận sau đó" in both
    assert "~ trạng thái: đã xác định nội dung → đã lựa chọn loại, đối tượng, hình thức" in diff
