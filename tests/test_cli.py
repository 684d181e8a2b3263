"""The ``doitac`` command as a user runs it: output, exit status, and no stack traces."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from doitac.cli import main
from tests.scenario import ENTERPRISE_TAX_NUMBER, command_line, procedure_lines

README = Path(__file__).resolve().parent.parent / "README.md"
ENTERPRISE_REGISTRATION = command_line(
    "register_partner",
    {
        "tax_number": ENTERPRISE_TAX_NUMBER,
        "name": "Công ty TNHH Thương mại Đông Á",
        "partner_type": "import_export_enterprise",
        "address": "12 Tràng Tiền, Hà Nội",
    },
    occurred_on="2024-12-02",
)


@pytest.fixture
def database(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("DOITAC_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    monkeypatch.setenv("DOITAC_VAR_DIR", str(tmp_path / "var"))
    return tmp_path


def write_lines(path: Path, lines: list[dict[str, object] | str]) -> Path:
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        )
        + "\n",
        encoding="utf-8",
    )
    return path


def readme_import_example() -> str:
    section = README.read_text("utf-8").split("## Import format", 1)[1]
    match = re.search(r"```json\n(.*?)\n```", section, re.S)
    assert match is not None
    return match.group(1)


def test_readme_import_example_applies(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_lines(database / "readme.jsonl", [readme_import_example()])

    status = main(["import", str(path)])

    output = capsys.readouterr().out
    assert status == 0
    assert "Đã áp dụng 1 lệnh" in output


def test_import_reports_invalid_lines(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    valid = json.loads(readme_import_example())
    unknown_field = {**valid, "id": "bad-1", "data": {**valid["data"], "fax": "024"}}
    no_offset = {**valid, "id": "bad-2", "submitted_at": "2025-01-06T08:30:00"}
    bad_tax = {**valid, "id": "bad-3", "data": {**valid["data"], "tax_number": "0312345674"}}
    path = write_lines(
        database / "mixed.jsonl", [valid, unknown_field, "{không phải json", no_offset, bad_tax]
    )

    status = main(["import", str(path)])

    output = capsys.readouterr().out
    assert status == 1
    assert "Đã áp dụng 1 lệnh" in output
    assert "Dòng 2 (mã lệnh bad-1): trường data.fax: Trường không được chấp nhận." in output
    assert "Dòng 3:" in output
    assert "[invalid_json]" in output
    assert "Dòng 4 (mã lệnh bad-2): trường submitted_at:" in output
    assert "Dòng 5 (mã lệnh bad-3): trường data.tax_number:" in output
    assert "[invalid_tax_number]" in output


def test_reimport_changes_nothing(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_lines(database / "readme.jsonl", [readme_import_example()])
    main(["import", str(path)])
    capsys.readouterr()

    status = main(["import", str(path)])

    assert status == 0
    assert "Đã áp dụng 0 lệnh; 1 lệnh đã có từ trước" in capsys.readouterr().out


def test_history_as_of_and_version(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines: list[dict[str, object] | str] = [ENTERPRISE_REGISTRATION]
    for year in (2023, 2024):
        lines.append(
            command_line(
                "declare_compliance",
                {
                    "tax_number": ENTERPRISE_TAX_NUMBER,
                    "year": year,
                    "tax_duties_met": True,
                    "no_violation": True,
                    "no_smuggling": True,
                    "evidence": "Xác nhận",
                },
                occurred_on="2025-01-15",
            )
        )
    lines.extend(procedure_lines())
    main(["import", str(write_lines(database / "all.jsonl", lines))])
    capsys.readouterr()

    assert main(["history", "test-2025-001", "--as-of", "04/02/2025"]) == 0
    as_of = capsys.readouterr().out
    assert main(["history", "TEST-2025-001", "--version", "7"]) == 0
    at_version = capsys.readouterr().out

    assert "Trạng thái: đang chuẩn bị tài liệu làm việc" in as_of
    assert "Phê duyệt tài liệu làm việc" in as_of
    assert "Ký biên bản ghi nhớ" not in as_of
    assert "Trạng thái: đã ký biên bản ghi nhớ" in at_version
    assert "căn cứ: 01/BBGN-TCHQ ngày 03/03/2025" in at_version


def test_missing_file_reports_without_traceback(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["import", str(database / "khong-co.jsonl")])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.startswith("Lỗi:")
    assert "Traceback" not in captured.err + captured.out


def test_unknown_partnership_reports_code(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = main(["show", "KHONG-CO"])

    captured = capsys.readouterr()
    assert status == 1
    assert "[partnership_not_found]" in captured.err


def test_bad_date_option_is_vietnamese(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["history", "X", "--as-of", "2025-01-01"])

    assert raised.value.code == 2
    assert "lỗi: tham số --as-of" in capsys.readouterr().err


def test_unreachable_database_reports_without_traceback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DOITAC_DATABASE_URL", "postgresql://postgres@127.0.0.1:1/test")
    monkeypatch.setenv("DOITAC_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("POSTGRES_CONNECT_TIMEOUT", "2")

    status = main(["partners"])

    captured = capsys.readouterr()
    assert status == 2
    assert "không truy cập được cơ sở dữ liệu" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_missing_file_message_is_vietnamese(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = database / "khong-co.jsonl"

    main(["import", str(missing)])

    assert capsys.readouterr().err == f"Lỗi: không tìm thấy tệp hoặc thư mục «{missing}».\n"


def test_non_utf8_file_reported(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = database / "latin1.jsonl"
    path.write_bytes(b"\xff\xfe{}\n")

    status = main(["import", str(path)])

    assert status == 1
    assert capsys.readouterr().err.startswith("Lỗi: tệp không phải văn bản UTF-8")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DOITAC_LOG_LEVEL", "LOUD"), ("DOITAC_SMTP_TIMEOUT", "abc"), ("DOITAC_DELIVERY_LEASE", "10")],
)
def test_invalid_setting_reported_without_traceback(
    database: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
) -> None:
    monkeypatch.setenv(variable, value)

    status = main(["partners"])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.err.startswith(f"Lỗi cấu hình: {variable}")
    assert "Traceback" not in captured.err


def test_history_unknown_version_prints_only_error(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines: list[dict[str, object] | str] = [ENTERPRISE_REGISTRATION]
    lines.extend(procedure_lines("select_scope"))
    main(["import", str(write_lines(database / "two.jsonl", lines))])
    capsys.readouterr()

    status = main(["history", "TEST-2025-001", "--version", "99"])

    captured = capsys.readouterr()
    assert status == 1
    assert captured.out == ""
    assert "[version_not_found]" in captured.err


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(24082, 0, "24.082"), (0.12, 2, "0,12"), (1234567.891, 2, "1.234.567,89"), (7, 0, "7")],
)
def test_numbers_in_vietnamese_format(value: float, decimals: int, expected: str) -> None:
    from doitac.cli_audit import vietnamese_number

    assert vietnamese_number(value, decimals) == expected


def test_serve_on_busy_port_reports(database: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]

        status = main(["serve", "--port", str(port)])

    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert captured.err.startswith(f"Lỗi: không mở được cổng {port}")


def test_erasing_without_keys_changes_nothing(
    database: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", str(write_lines(database / "readme.jsonl", [readme_import_example()]))])
    capsys.readouterr()

    status = main(["erase-partner", "0312345673", "--yes"])

    assert status == 0
    assert "không còn khoá dữ liệu cá nhân nào" in capsys.readouterr().out
