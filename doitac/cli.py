"""The ``doitac`` command. Messages are Vietnamese; errors print a message and an exit
status, never a stack trace (details go to the log file)."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date, datetime
from importlib import resources
from pathlib import Path

from eventsourcing.persistence import PersistenceError

from application.errors import ApplicationError
from application.history import history_entries
from application.importer import ImportReport, import_lines
from application.partner_list import build_partner_list
from application.service import PartnershipApplication
from application.settings import Settings
from doitac import render
from doitac.bootstrap import build_application, configure_logging
from domain.errors import DomainError

logger = logging.getLogger(__name__)

# argparse looks up its own messages through the module-level gettext function ``_``
# when it formats help and errors, so mapping them here makes them Vietnamese.
ARGPARSE_MESSAGES_VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số",
    "options": "tuỳ chọn",
    "show this help message and exit": "hiện trợ giúp này rồi thoát",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "lựa chọn không hợp lệ: %(value)r (chọn một trong %(choices)s)"
    ),
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "tham số không nhận ra: %s",
    "not allowed with argument %s": "không dùng cùng tham số %s",
    "invalid %(type)s value: %(value)r": "giá trị %(type)s không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
}
argparse._ = lambda message: ARGPARSE_MESSAGES_VI.get(message, message)  # type: ignore[attr-defined]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_SYSTEM = 2


def parse_vietnamese_date(text: str) -> date:
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày «{text}» không hợp lệ; dùng dạng dd/mm/yyyy, ví dụ 31/12/2025"
        ) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="doitac",
        add_help=True,
        description="Quản lý quan hệ đối tác hải quan – doanh nghiệp (Quyết định 1005/QĐ-TCHQ).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    commands.add_parser(
        "demo", help="nạp bộ dữ liệu mẫu (chạy lại không thêm gì), in tóm tắt và danh sách đối tác"
    )

    importer = commands.add_parser("import", help="nạp các lệnh từ tệp JSON Lines")
    importer.add_argument("file", type=Path, help="tệp JSON Lines, mỗi dòng một lệnh")

    show = commands.add_parser("show", help="xem trạng thái hiện tại của một quan hệ đối tác")
    show.add_argument("id", help="mã tham chiếu hoặc mã định danh (UUID) của quan hệ đối tác")

    history = commands.add_parser("history", help="xem toàn bộ lịch sử của một quan hệ đối tác")
    history.add_argument("id", help="mã tham chiếu hoặc mã định danh (UUID) của quan hệ đối tác")
    as_of = history.add_mutually_exclusive_group()
    as_of.add_argument(
        "--as-of",
        type=parse_vietnamese_date,
        metavar="dd/mm/yyyy",
        help="trạng thái theo ngày nghiệp vụ: các bước diễn ra đến hết ngày này",
    )
    as_of.add_argument("--version", type=int, metavar="N", help="trạng thái tại phiên bản N")

    partners = commands.add_parser(
        "partners",
        help="danh sách đối tác, các trường (i) đến (vii), theo thứ tự chữ cái tiếng Việt",
    )
    partners.add_argument(
        "--unit", metavar="MÃ", help="chỉ đối tác của đơn vị chủ trì này và các đơn vị cấp dưới"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings.from_env()
    try:
        configure_logging(settings)
        app = build_application(settings)
        return run(app, args)
    except DomainError as error:
        where = f" (trường {error.field})" if error.field else ""
        print(f"Lỗi: {error.message}{where} [{error.code}]", file=sys.stderr)
        return EXIT_FAILED
    except PersistenceError as error:
        logger.exception("database error")
        print(
            f"Lỗi: không truy cập được cơ sở dữ liệu ({type(error).__name__}). "
            "Kiểm tra DOITAC_DATABASE_URL và máy chủ cơ sở dữ liệu.",
            file=sys.stderr,
        )
        return EXIT_SYSTEM
    except (OSError, ValueError) as error:
        logger.exception("command failed")
        print(f"Lỗi: {error}", file=sys.stderr)
        return EXIT_SYSTEM
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130
    except Exception:
        logger.exception("unexpected error")
        print(
            f"Lỗi hệ thống không mong đợi; chi tiết đã ghi vào {settings.var_dir / 'doitac.log'}.",
            file=sys.stderr,
        )
        return EXIT_SYSTEM


def run(app: PartnershipApplication, args: argparse.Namespace) -> int:
    if args.command == "demo":
        return run_demo(app)
    if args.command == "import":
        return run_import(app, args.file)
    if args.command == "show":
        print(render.render_partnership(app.get_partnership(args.id)))
        return EXIT_OK
    if args.command == "history":
        return run_history(app, args.id, args.as_of, args.version)
    if args.command == "partners":
        return run_partners(app, args.unit)
    raise AssertionError(args.command)


def _import_file(app: PartnershipApplication, path: Path) -> ImportReport:
    lines = path.read_text(encoding="utf-8").splitlines()
    total = len(lines)
    interactive = sys.stderr.isatty()

    def progress(line_no: int) -> None:
        if line_no % 100 == 0 or line_no == total:
            end = "\r" if interactive and line_no < total else "\n"
            print(f"Đang nạp: {line_no}/{total} dòng", end=end, file=sys.stderr, flush=True)

    return import_lines(app, lines, progress=progress if total >= 100 else None)


def _print_report(report: ImportReport) -> None:
    print(
        f"Đã áp dụng {report.applied} lệnh; {report.duplicates} lệnh đã có từ trước "
        f"(không ghi thêm); {len(report.errors)} lỗi."
    )
    for error in report.errors:
        ident = f" (mã lệnh {error.command_id})" if error.command_id else ""
        where = f" trường {error.field}:" if error.field else ""
        print(f"  Dòng {error.line_no}{ident}:{where} {error.message} [{error.code}]")


def run_import(app: PartnershipApplication, path: Path) -> int:
    report = _import_file(app, path)
    _print_report(report)
    return EXIT_FAILED if report.errors else EXIT_OK


def dataset_path() -> Path:
    return Path(str(resources.files("application").joinpath("data/dataset.jsonl")))


def run_demo(app: PartnershipApplication) -> int:
    print("Nạp bộ dữ liệu mẫu (có chủ ý chứa một số dòng sai để minh hoạ việc kiểm tra):")
    _print_report(_import_file(app, dataset_path()))
    partnerships = app.partnerships()
    print(f"\nTổng số quan hệ đối tác: {len(partnerships)}; theo trạng thái:")
    print(render.render_state_counts(partnerships))
    print()
    return run_partners(app, None)


def run_history(
    app: PartnershipApplication, reference: str, as_of: date | None, version: int | None
) -> int:
    events = app.partnership_events(reference)
    if as_of is not None:
        state = app.partnership_as_of(reference, as_of)
        if state is None:
            print(f"Đến ngày {as_of:%d/%m/%Y} quan hệ đối tác chưa được xác định nội dung.")
            return EXIT_OK
        print(f"Trạng thái theo ngày nghiệp vụ {as_of:%d/%m/%Y}:")
        print(render.render_partnership(state))
        events = [e for e in events if e.occurred_on <= as_of]
    elif version is not None:
        state_at = app.get_partnership(reference, version=version)
        print(f"Trạng thái tại phiên bản {version}:")
        print(render.render_partnership(state_at))
        events = [e for e in events if e.originator_version <= version]
    print("\nLịch sử:")
    print(render.render_history(history_entries(events)))
    return EXIT_OK


def run_partners(app: PartnershipApplication, unit: str | None) -> int:
    rows = build_partner_list(app.partners(), app.partnerships(), app.units, unit)
    heading = "Toàn ngành" if unit is None else app.units.get(unit, "unit").name
    print(render.render_partner_list(rows, heading))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
