"""Subcommands for the main job: demo, import, show and history."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from application.audit import end_of_day, filtered_history
from application.importer import ImportReport, import_lines
from application.partner_list import build_partner_list
from application.service import PartnershipApplication
from doitac import render
from doitac.cli_audit import add_history_filters, parse_vietnamese_time
from doitac.context import CliContext

EXIT_OK = 0
EXIT_FAILED = 1


def parse_vietnamese_date(text: str) -> date:
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ngày «{text}» không hợp lệ; dùng dạng dd/mm/yyyy, ví dụ 31/12/2025"
        ) from None


def add_commands(commands: Any) -> None:
    """Register this module's subcommands on the ``doitac`` parser."""
    demo = commands.add_parser(
        "demo", help="nạp bộ dữ liệu mẫu (chạy lại không thêm gì), in tóm tắt và danh sách đối tác"
    )
    demo.set_defaults(handler=run_demo)

    importer = commands.add_parser("import", help="nạp các lệnh từ tệp JSON Lines")
    importer.add_argument(
        "file", metavar="TỆP", type=Path, help="tệp JSON Lines, mỗi dòng một lệnh"
    )
    importer.set_defaults(handler=run_import)

    show = commands.add_parser("show", help="xem trạng thái hiện tại của một quan hệ đối tác")
    show.add_argument(
        "id", metavar="MÃ", help="mã tham chiếu hoặc mã định danh (UUID) của quan hệ đối tác"
    )
    show.set_defaults(handler=run_show)

    history = commands.add_parser("history", help="xem toàn bộ lịch sử của một quan hệ đối tác")
    history.add_argument(
        "id", metavar="MÃ", help="mã tham chiếu hoặc mã định danh (UUID) của quan hệ đối tác"
    )
    as_of = history.add_mutually_exclusive_group()
    as_of.add_argument(
        "--as-of",
        type=parse_vietnamese_date,
        metavar="dd/mm/yyyy",
        help="trạng thái theo ngày nghiệp vụ: các bước diễn ra đến hết ngày này",
    )
    as_of.add_argument("--version", type=int, metavar="N", help="trạng thái tại phiên bản N")
    as_of.add_argument(
        "--known-at",
        type=parse_vietnamese_time,
        metavar="'dd/mm/yyyy HH:MM'",
        help="trạng thái theo thời điểm ghi nhận: các bước đã được ghi nhận đến lúc này "
        "(giờ Việt Nam)",
    )
    add_history_filters(history)
    history.set_defaults(handler=run_history)


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


def run_import(context: CliContext, args: argparse.Namespace) -> int:
    report = _import_file(context.app, args.file)
    _print_report(report)
    return EXIT_FAILED if report.errors else EXIT_OK


def dataset_path() -> Path:
    """Return the path of the bundled data set, shipped inside the application package."""
    return Path(str(resources.files("application").joinpath("data/dataset.jsonl")))


def run_demo(context: CliContext, args: argparse.Namespace) -> int:
    app = context.app
    print("Nạp bộ dữ liệu mẫu (có chủ ý chứa một số dòng sai để minh hoạ việc kiểm tra):")
    _print_report(_import_file(app, dataset_path()))
    partnerships = app.partnerships()
    print(f"\nTổng số quan hệ đối tác: {len(partnerships)}; theo trạng thái:")
    print(render.render_state_counts(partnerships))
    print()
    _print_partner_list(app, None)
    return EXIT_OK


def run_show(context: CliContext, args: argparse.Namespace) -> int:
    print(render.render_partnership(context.app.get_partnership(args.id)))
    return EXIT_OK


def run_history(context: CliContext, args: argparse.Namespace) -> int:
    app = context.app
    reference: str = args.id
    events = app.partnership_events(reference)
    if args.as_of is not None:
        as_of: date = args.as_of
        state = app.partnership_as_of(reference, as_of)
        if state is None:
            print(f"Đến ngày {as_of:%d/%m/%Y} quan hệ đối tác chưa được xác định nội dung.")
            return EXIT_OK
        print(f"Trạng thái theo ngày nghiệp vụ {as_of:%d/%m/%Y}:")
        print(render.render_partnership(state))
        known_until = end_of_day(as_of)
        known = app.partnership_known_at(reference, known_until)
        print(f"\nTrạng thái theo thời điểm ghi nhận {render.format_time(known_until)}:")
        print(render.render_partnership(known) if known else "  chưa có bước nào được ghi nhận")
        events = [e for e in events if e.occurred_on <= as_of]
    elif args.known_at is not None:
        known_at: datetime = args.known_at
        print(f"Trạng thái theo thời điểm ghi nhận {render.format_time(known_at)}:")
        known = app.partnership_known_at(reference, known_at)
        print(render.render_partnership(known) if known else "  chưa có bước nào được ghi nhận")
        events = [e for e in events if e.timestamp <= known_at]
    elif args.version is not None:
        version: int = args.version
        at_version = app.get_partnership(reference, version=version)
        print(f"Trạng thái tại phiên bản {version}:")
        print(render.render_partnership(at_version))
        events = [e for e in events if e.originator_version <= version]
    versions = {e.originator_version for e in events}
    entries = filtered_history(
        app,
        reference,
        kinds=args.kind,
        actor=args.actor,
        occurred_from=args.occurred_from,
        occurred_to=args.occurred_to,
    )
    print("\nLịch sử:")
    print(render.render_history([entry for entry in entries if entry.version in versions]))
    return EXIT_OK


def _print_partner_list(app: PartnershipApplication, unit: str | None) -> None:
    rows = build_partner_list(app.partners(), app.partnerships(), app.units, unit)
    heading = "Toàn ngành" if unit is None else app.units.get(unit, "unit").name
    print(render.render_partner_list(rows, heading))
