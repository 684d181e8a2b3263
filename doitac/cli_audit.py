"""Subcommands for auditors: verify, timelines, diff, erase-partner and export."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

from application.audit import (
    MISSING,
    diff_versions,
    erase_partner_data,
    step_kinds,
    timelines,
    verify_partnership,
    verify_store,
)
from application.chain import StreamCheck
from application.export import export_history
from application.service import VIETNAM_TZ, PartnershipApplication
from doitac import render
from doitac.context import CliContext
from domain.values import label

EXIT_OK = 0
EXIT_FAILED = 1


def vietnamese_number(value: float, decimals: int = 0) -> str:
    """Format a number as Vietnamese writes it: "." between thousands, "," for decimals."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def parse_vietnamese_time(text: str) -> datetime:
    """Parse 'dd/mm/yyyy HH:MM' as a time in Vietnam."""
    try:
        moment = datetime.strptime(text, "%d/%m/%Y %H:%M")
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"thời điểm «{text}» không hợp lệ; dùng dạng 'dd/mm/yyyy HH:MM', "
            "ví dụ '31/12/2025 17:30'"
        ) from None
    return moment.replace(tzinfo=VIETNAM_TZ)


def add_commands(commands: Any) -> None:
    """Register this module's subcommands on the ``doitac`` parser."""
    # Imported here because cli_core imports this module for the history filters.
    from doitac.cli_core import parse_vietnamese_date

    verify = commands.add_parser(
        "verify",
        help="kiểm tra chuỗi băm của một quan hệ đối tác, hoặc của toàn bộ kho sự kiện",
    )
    verify.add_argument(
        "id", nargs="?", help="mã tham chiếu hoặc UUID; bỏ trống để kiểm tra toàn bộ kho"
    )
    verify.set_defaults(handler=run_verify)

    timeline = commands.add_parser(
        "timelines",
        help="trạng thái theo ngày nghiệp vụ và theo thời điểm ghi nhận, tại cùng một ngày",
    )
    timeline.add_argument("id", metavar="MÃ", help="mã tham chiếu hoặc UUID của quan hệ đối tác")
    timeline.add_argument(
        "on", type=parse_vietnamese_date, metavar="dd/mm/yyyy", help="ngày cần xem"
    )
    timeline.set_defaults(handler=run_timelines)

    diff = commands.add_parser("diff", help="khác biệt giữa hai phiên bản của quan hệ đối tác")
    diff.add_argument("id", metavar="MÃ", help="mã tham chiếu hoặc UUID của quan hệ đối tác")
    diff.add_argument("from_version", type=int, metavar="PHIÊN_BẢN_TRƯỚC")
    diff.add_argument("to_version", type=int, metavar="PHIÊN_BẢN_SAU")
    diff.set_defaults(handler=run_diff)

    erase = commands.add_parser(
        "erase-partner",
        help="xoá vĩnh viễn dữ liệu cá nhân (tên, điện thoại, thư điện tử) của người liên hệ, "
        "đầu mối và người ký của một đối tác, bằng cách huỷ khoá mã hoá",
    )
    erase.add_argument("tax_number", metavar="MÃ_SỐ_THUẾ", help="mã số thuế của đối tác")
    erase.add_argument("--yes", action="store_true", help="xác nhận; không có thì không xoá gì")
    erase.set_defaults(handler=run_erase_partner)

    export = commands.add_parser(
        "export", help="xuất hồ sơ kiểm toán của một quan hệ đối tác ra HTML hoặc .docx"
    )
    export.add_argument("id", metavar="MÃ", help="mã tham chiếu hoặc UUID của quan hệ đối tác")
    export.add_argument(
        "output", type=Path, help="tệp kết quả; phần mở rộng .html hoặc .docx chọn định dạng"
    )
    export.set_defaults(handler=run_export)


def add_history_filters(parser: argparse.ArgumentParser) -> None:
    """Add the options that narrow a history: step kind, actor and business date range."""
    from doitac.cli_core import parse_vietnamese_date

    parser.add_argument(
        "--kind",
        action="append",
        default=[],
        choices=step_kinds(),
        metavar="LOẠI",
        help="chỉ các bước loại này (tên sự kiện, ví dụ WorkingSessionHeld); lặp lại được",
    )
    parser.add_argument(
        "--actor",
        metavar="TÊN",
        help="chỉ các bước do người có tên chứa chuỗi này, hoặc đơn vị có mã này",
    )
    parser.add_argument(
        "--from",
        dest="occurred_from",
        type=parse_vietnamese_date,
        metavar="dd/mm/yyyy",
        help="từ ngày nghiệp vụ này",
    )
    parser.add_argument(
        "--to",
        dest="occurred_to",
        type=parse_vietnamese_date,
        metavar="dd/mm/yyyy",
        help="đến hết ngày nghiệp vụ này",
    )


def render_check(check: StreamCheck, label: str) -> str:
    if check.broken is None:
        return f"{label}: nguyên vẹn, {check.events} sự kiện, mã băm cuối {check.head.hex()}"
    return (
        f"{label}: CHUỖI BỊ PHÁ VỠ tại phiên bản {check.broken.version} "
        f"[{check.broken.reason}]: {check.broken.message}"
    )


def run_verify(context: CliContext, args: argparse.Namespace) -> int:
    app = context.app
    if args.id:
        check = verify_partnership(app, args.id)
        print(render_check(check, f"Quan hệ đối tác {args.id}"))
        return EXIT_OK if check.ok else EXIT_FAILED
    result = verify_store(app)
    rate = result.events / result.seconds if result.seconds > 0 else 0.0
    print(
        f"Đã kiểm tra {vietnamese_number(result.streams)} luồng, "
        f"{vietnamese_number(result.events)} sự kiện trong "
        f"{vietnamese_number(result.seconds, 2)} giây "
        f"({vietnamese_number(rate)} sự kiện/giây)."
    )
    for check in result.broken:
        label_text = result.labels.get(check.originator_id, str(check.originator_id))
        print(render_check(check, label_text[:1].upper() + label_text[1:]))
    if result.ok:
        print(f"Toàn bộ kho nguyên vẹn. Mã tổng hợp: {result.digest}")
        return EXIT_OK
    print(f"Có {len(result.broken)} luồng bị phá vỡ chuỗi băm.")
    return EXIT_FAILED


def run_timelines(context: CliContext, args: argparse.Namespace) -> int:
    print_timelines(context.app, args.id, args.on)
    return EXIT_OK


def print_timelines(app: PartnershipApplication, reference: str, on: date) -> None:
    """Print a partnership on ``on`` on both timelines, and the steps recorded late."""
    result = timelines(app, reference, on)
    print(f"Theo ngày nghiệp vụ {result.on:%d/%m/%Y} (những gì có hiệu lực khi đó):")
    print(render.render_partnership(result.in_effect) if result.in_effect else "  chưa có")
    print(
        f"\nTheo thời điểm ghi nhận {render.format_time(result.known_until)} "
        "(những gì đã được ghi nhận khi đó):"
    )
    print(render.render_partnership(result.known) if result.known else "  chưa có")
    if result.recorded_later:
        print("\nCác bước đã diễn ra đến ngày này nhưng được ghi nhận sau đó:")
        print(render.render_history(result.recorded_later))
    else:
        print("\nHai dòng thời gian trùng nhau tại ngày này.")


# Vietnamese names of the partnership's attributes and of the keys inside them, for
# the version diff; a name missing here is shown as stored.
FIELD_LABELS_VI = {
    "state": "trạng thái",
    "last_step_on": "ngày của bước gần nhất",
    "kind": "loại đối tác",
    "form": "hình thức",
    "scope": "phạm vi",
    "beyond_customs_authority": "vượt thẩm quyền cơ quan hải quan",
    "partners": "đối tác",
    "partner_type": "phân loại",
    "working_document": "tài liệu làm việc",
    "summary": "tóm tắt",
    "approval": "phê duyệt",
    "approved": "được phê duyệt",
    "approved_by": "người phê duyệt",
    "informed": "thông tin đến đối tác",
    "channel": "hình thức gửi",
    "signed_by": "người ký",
    "working_sessions": "buổi làm việc",
    "memorandum": "biên bản ghi nhớ",
    "feasibility_report": "báo cáo nghiên cứu khả thi",
    "submitted_on": "ngày trình",
    "submitted_to": "trình lên",
    "decision": "quyết định phê duyệt",
    "authority": "cấp có thẩm quyền",
    "agreement": "văn bản thoả thuận",
    "document_type": "loại văn bản",
    "signed_on": "ngày ký",
    "signatory_name": "người ký phía hải quan",
    "signatory_role": "chức vụ người ký",
    "partner_signatories": "người ký phía đối tác",
    "effective_from": "hiệu lực từ ngày",
    "purpose": "mục đích",
    "plan": "kế hoạch triển khai",
    "revision": "lần điều chỉnh",
    "adopted_on": "ngày ban hành",
    "activities": "hoạt động",
    "completed_on": "ngày hoàn thành",
    "due_on": "thời hạn",
    "focal_points": "đầu mối",
    "side": "phía",
    "person": "người",
    "since": "từ ngày",
    "meetings": "cuộc họp",
    "ad_hoc_notices": "thông báo họp đột xuất",
    "conclusion": "báo cáo kết luận",
    "publicity": "thông tin, tuyên truyền",
    "evaluations": "đánh giá",
    "violations": "vi phạm",
    "suspension": "đình chỉ",
    "ending": "chấm dứt",
    "partner_id": "đối tác",
    "name": "họ tên",
    "title": "chức vụ",
    "phone": "điện thoại",
    "email": "thư điện tử",
    "on": "ngày",
    "reason": "lý do",
    "result": "kết quả",
    "legal_basis": "căn cứ",
    "number": "số",
    "issued_on": "ngày ban hành",
}


def label_path(path: str) -> str:
    """Name each part of a diff path in Vietnamese, keeping list positions."""
    parts = []
    for part in path.split("."):
        key, bracket, rest = part.partition("[")
        parts.append(FIELD_LABELS_VI.get(key, key) + (bracket + rest if bracket else ""))
    return " › ".join(parts)


def format_value(value: Any) -> str:
    """Show a state value as a person reads it: Vietnamese labels, dd/mm/yyyy dates."""
    if value is MISSING or value is None:
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, datetime):
        return render.format_time(value)
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, str):
        return label(value)
    if isinstance(value, dict):
        return (
            "{"
            + "; ".join(
                f"{FIELD_LABELS_VI.get(key, key)}: {format_value(item)}"
                for key, item in value.items()
            )
            + "}"
        )
    if isinstance(value, list):
        return "[" + "; ".join(format_value(item) for item in value) + "]"
    return str(value)


def run_diff(context: CliContext, args: argparse.Namespace) -> int:
    changes = diff_versions(context.app, args.id, args.from_version, args.to_version)
    print(
        f"Khác biệt của quan hệ đối tác {args.id} từ phiên bản {args.from_version} "
        f"đến phiên bản {args.to_version}: {len(changes)} thay đổi"
    )
    for change in changes:
        path = label_path(change.path)
        if change.before is MISSING:
            print(f"  + {path}: {format_value(change.after)}")
        elif change.after is MISSING:
            print(f"  - {path}: {format_value(change.before)}")
        else:
            print(f"  ~ {path}: {format_value(change.before)} → {format_value(change.after)}")
    return EXIT_OK


def run_erase_partner(context: CliContext, args: argparse.Namespace) -> int:
    if not args.yes:
        print(
            "Việc xoá không thể hoàn tác. Chạy lại với --yes để xoá dữ liệu cá nhân của "
            f"đối tác {args.tax_number}.",
            file=sys.stderr,
        )
        return EXIT_FAILED
    erasure = erase_partner_data(context.app, args.tax_number)
    if erasure.keys_erased == 0:
        print(
            f"Đối tác {erasure.tax_number} không còn khoá dữ liệu cá nhân nào (đã xoá trước đó "
            "hoặc chưa có dữ liệu cá nhân được mã hoá); không có gì thay đổi."
        )
        return EXIT_OK
    print(
        f"Đã huỷ {erasure.keys_erased} khoá của đối tác {erasure.tax_number}: tên, điện "
        "thoại và thư điện tử của người liên hệ, đầu mối và người ký không còn đọc được. "
        "Lịch sử và chuỗi băm giữ nguyên."
    )
    return EXIT_OK


def run_export(context: CliContext, args: argparse.Namespace) -> int:
    path: Path = args.output
    export_history(context.app, args.id, path)
    print(f"Đã xuất hồ sơ kiểm toán ra {path}")
    return EXIT_OK
