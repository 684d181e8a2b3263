"""Subcommands for the read side: the projections, the partner list, the periodic reports
and the cooperation agreement."""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from doitac.bootstrap import build_states_projection
from doitac.context import CliContext
from projections.documents import (
    REPORT_KINDS,
    refresh,
    render_agreement,
    render_partner_list,
    render_report,
)
from projections.rendering import DOCUMENT_FORMATS, PARTNER_LIST_FORMATS
from projections.runner import AggregateStatesProjection

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1

PROJECTION_NAMES = (AggregateStatesProjection.name,)
# Formats that are text and may go to standard output; the others need -o.
TEXT_FORMATS = ("table", "csv", "html")


def add_commands(commands: Any) -> None:
    """Register this module's subcommands on the ``doitac`` parser."""
    projections = commands.add_parser("projections", help="các bảng đọc dựng từ sổ sự kiện")
    actions = projections.add_subparsers(dest="action", required=True, metavar="VIỆC")
    run = actions.add_parser("run", help="chạy liên tục, cập nhật các bảng đọc khi có sự kiện mới")
    run.add_argument(
        "--poll",
        type=float,
        default=None,
        metavar="GIÂY",
        help="khoảng thời gian giữa hai lần đọc sự kiện mới, tính bằng giây "
        "(mặc định: DOITAC_PROJECTION_POLL_SECONDS)",
    )
    run.set_defaults(handler=run_projections)
    status = actions.add_parser("status", help="vị trí và độ trễ của từng bảng đọc")
    status.set_defaults(handler=run_status)
    rebuild = actions.add_parser("rebuild", help="xoá và dựng lại một bảng đọc từ đầu sổ sự kiện")
    rebuild.add_argument("name", choices=PROJECTION_NAMES, help="tên bảng đọc")
    rebuild.set_defaults(handler=run_rebuild)

    partners = commands.add_parser(
        "partners",
        help="danh sách đối tác, các trường (i) đến (vii), theo thứ tự chữ cái tiếng Việt",
    )
    partners.add_argument(
        "--unit", metavar="MÃ", help="chỉ đối tác của đơn vị chủ trì này và các đơn vị cấp dưới"
    )
    partners.add_argument(
        "--year",
        type=int,
        metavar="NĂM",
        help="danh sách năm: theo các bước có ngày nghiệp vụ đến hết 31/12 của năm này",
    )
    partners.add_argument(
        "--up-to-event",
        type=int,
        metavar="SỐ",
        help="dựng lại đúng bản danh sách đã lập khi sổ sự kiện dừng ở sự kiện số này",
    )
    partners.add_argument("--format", choices=PARTNER_LIST_FORMATS, default=None)
    partners.add_argument("-o", "--output", type=Path, metavar="TỆP", help="tệp kết quả")
    partners.set_defaults(handler=run_partners)

    report = commands.add_parser("report", help="báo cáo theo mẫu Phụ lục II hoặc Phụ lục III")
    report.add_argument("kind", choices=REPORT_KINDS, help="appendix-2 hoặc appendix-3")
    report.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị báo cáo")
    report.add_argument(
        "--period",
        required=True,
        metavar="KỲ",
        help="năm (2025), quý (2025-Q1) hoặc tháng (2025-03)",
    )
    report.add_argument("--format", choices=DOCUMENT_FORMATS, default=None)
    report.add_argument("-o", "--output", type=Path, metavar="TỆP", help="tệp kết quả")
    report.set_defaults(handler=run_report)

    agreement = commands.add_parser(
        "agreement", help="văn bản thoả thuận hợp tác theo mẫu Phụ lục I"
    )
    agreement.add_argument(
        "id", metavar="MÃ", help="mã tham chiếu hoặc mã định danh (UUID) của quan hệ đối tác"
    )
    agreement.add_argument("--format", choices=DOCUMENT_FORMATS, default=None)
    agreement.add_argument("-o", "--output", type=Path, metavar="TỆP", help="tệp kết quả")
    agreement.set_defaults(handler=run_agreement)


@contextmanager
def _projection(context: CliContext) -> Iterator[AggregateStatesProjection]:
    projection = build_states_projection(context.app, context.settings)
    try:
        yield projection
    finally:
        projection.close()


def _choose_format(requested: str | None, output: Path | None, default: str) -> str:
    if requested is not None:
        return requested
    if output is not None and output.suffix:
        return output.suffix.lstrip(".").lower()
    return default


def _write(document: bytes, format_name: str, output: Path | None) -> int:
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(document)
        print(f"Đã ghi {output} ({len(document)} byte).")
        return EXIT_OK
    if format_name not in TEXT_FORMATS:
        print(
            f"Lỗi: định dạng {format_name} là tệp nhị phân; hãy chỉ định tệp kết quả bằng -o TỆP.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    sys.stdout.buffer.write(document)
    sys.stdout.flush()
    return EXIT_OK


def run_partners(context: CliContext, args: argparse.Namespace) -> int:
    format_name = _choose_format(args.format, args.output, "table")
    with _projection(context) as projection:
        document = render_partner_list(
            projection, args.year, args.unit, format_name, up_to=args.up_to_event
        )
    return _write(document, format_name, args.output)


def run_report(context: CliContext, args: argparse.Namespace) -> int:
    format_name = _choose_format(args.format, args.output, "html")
    with _projection(context) as projection:
        document = render_report(projection, args.kind, args.unit, args.period, format_name)
    return _write(document, format_name, args.output)


def run_agreement(context: CliContext, args: argparse.Namespace) -> int:
    format_name = _choose_format(args.format, args.output, "html")
    with _projection(context) as projection:
        document = render_agreement(projection, args.id, format_name)
    return _write(document, format_name, args.output)


def run_status(context: CliContext, args: argparse.Namespace) -> int:
    with _projection(context) as projection:
        status = projection.status()
    print("Bảng đọc | Vị trí | Sự kiện cuối của sổ | Chưa xử lý | Đã áp dụng từ lần dựng lại")
    print(
        f"{status.name} | {status.position} | {status.head} | {status.pending} | "
        f"{status.events_applied}"
    )
    return EXIT_OK


def run_rebuild(context: CliContext, args: argparse.Namespace) -> int:
    with _projection(context) as projection:
        applied = projection.rebuild()
    print(f"Đã dựng lại bảng đọc {args.name} từ {applied} sự kiện.")
    return EXIT_OK


def run_projections(context: CliContext, args: argparse.Namespace) -> int:
    poll: float = args.poll if args.poll is not None else context.settings.projection_poll_seconds
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, request_stop)
    with _projection(context) as projection:
        print(
            f"Đang cập nhật bảng đọc {projection.name}; đọc sự kiện mới mỗi {poll:g} giây. "
            "Nhấn Ctrl+C để dừng.",
            flush=True,
        )
        try:
            refresh(projection)
            projection.run_forever(stop, poll_seconds=poll)
        except KeyboardInterrupt:
            stop.set()
        finally:
            signal.signal(signal.SIGTERM, previous)
        status = projection.status()
    print(f"Đã dừng; vị trí {status.position}, còn {status.pending} sự kiện chưa xử lý.")
    return EXIT_OK
