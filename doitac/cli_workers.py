"""Subcommands for the background side: the Celery worker and beat, and the
notification processor with its list of failed notifications."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from doitac.bootstrap import CeleryRuntime, build_celery
from doitac.context import CliContext
from workers.periods import VIETNAM_TZ
from workers.store import FAILED

EXIT_OK = 0
EXIT_FAILED = 1
PING_TIMEOUT_SECONDS = 5.0

NO_BROKER_MESSAGE = (
    "Lỗi: chưa đặt DOITAC_BROKER_URL (ví dụ redis://127.0.0.1:6379/0). Khi không có "
    "máy chủ hàng đợi, dùng «doitac notifications process» để gửi thông báo ngay."
)


def add_commands(commands: Any) -> None:
    """Register this module's subcommands on the ``doitac`` parser."""
    worker = commands.add_parser("worker", help="chạy tiến trình Celery xử lý tác vụ nền")
    worker.add_argument(
        "--concurrency",
        type=int,
        default=None,
        metavar="N",
        help="số tiến trình con (mặc định: số lõi CPU)",
    )
    worker.add_argument(
        "--pool",
        choices=("prefork", "solo", "threads"),
        default="prefork",
        help="kiểu tiến trình con của Celery (mặc định: prefork)",
    )
    worker.add_argument(
        "--ping",
        action="store_true",
        help="chỉ kiểm tra: thoát với mã 0 nếu có tiến trình xử lý trả lời trong 5 giây",
    )
    worker.set_defaults(handler=run_worker)

    beat = commands.add_parser("beat", help="chạy bộ lập lịch Celery beat cho các tác vụ định kỳ")
    beat.add_argument(
        "--schedule-file",
        type=Path,
        default=None,
        metavar="TỆP",
        help=(
            "tệp lưu lần chạy gần nhất của từng tác vụ "
            "(mặc định: DOITAC_VAR_DIR/celerybeat-schedule)"
        ),
    )
    beat.set_defaults(handler=run_beat)

    notifications = commands.add_parser("notifications", help="thông báo gửi đến các bên")
    actions = notifications.add_subparsers(dest="action", required=True, metavar="VIỆC")
    failed = actions.add_parser("failed", help="liệt kê các thông báo gửi không thành công")
    failed.set_defaults(handler=run_failed)
    process = actions.add_parser(
        "process",
        help="tạo thông báo từ các sự kiện mới và gửi đi (không có hàng đợi: gửi ngay)",
    )
    process.add_argument(
        "--follow", action="store_true", help="chạy liên tục, đọc sự kiện mới theo chu kỳ"
    )
    process.add_argument(
        "--interval",
        type=float,
        default=1.0,
        metavar="GIÂY",
        help="khoảng nghỉ giữa hai lần đọc khi dùng --follow, tính bằng giây (mặc định: 1)",
    )
    process.set_defaults(handler=run_process)


def _runtime(context: CliContext) -> CeleryRuntime:
    return build_celery(context.settings)


def run_worker(context: CliContext, args: argparse.Namespace) -> int:
    settings = context.settings
    if settings.workers.eager:
        print(NO_BROKER_MESSAGE, file=sys.stderr)
        return EXIT_FAILED
    runtime = _runtime(context)
    if args.ping:
        replies = runtime.celery.control.ping(timeout=PING_TIMEOUT_SECONDS)
        print(f"{len(replies)} tiến trình xử lý trả lời.")
        return EXIT_OK if replies else EXIT_FAILED
    argv = [
        "worker",
        f"--loglevel={settings.log_level}",
        f"--pool={args.pool}",
        f"--queues={settings.workers.queue}",
        "--without-gossip",
        "--without-mingle",
    ]
    if args.concurrency:
        argv.append(f"--concurrency={args.concurrency}")
    print(
        f"Đang chạy tiến trình xử lý tác vụ nền, hàng đợi «{settings.workers.queue}».",
        file=sys.stderr,
    )
    try:
        runtime.celery.worker_main(argv)
    finally:
        runtime.close()
    return EXIT_OK


def run_beat(context: CliContext, args: argparse.Namespace) -> int:
    settings = context.settings
    if settings.workers.eager:
        print(NO_BROKER_MESSAGE, file=sys.stderr)
        return EXIT_FAILED
    runtime = _runtime(context)
    schedule_file = args.schedule_file or settings.var_dir / "celerybeat-schedule"
    schedule_file.parent.mkdir(parents=True, exist_ok=True)
    print("Đang chạy bộ lập lịch tác vụ định kỳ (múi giờ Asia/Ho_Chi_Minh).", file=sys.stderr)
    runtime.celery.Beat(loglevel=settings.log_level, schedule=str(schedule_file)).run()
    return EXIT_OK


def run_process(context: CliContext, args: argparse.Namespace) -> int:
    runtime = _runtime(context)
    dispatch_interval = context.settings.workers.dispatch_interval
    next_dispatch = 0.0
    try:
        while True:
            keys = runtime.services().processor.process_all()
            sent = runtime.tasks.enqueue(keys)
            waiting = 0
            if time.monotonic() >= next_dispatch:
                # Stored notifications that no queued task covers, such as those left
                # when the broker was down.
                waiting = runtime.tasks.dispatch_notifications.apply().get()
                next_dispatch = time.monotonic() + dispatch_interval
            if not args.follow:
                queued = sent + waiting
                print(f"Đã tạo {len(keys)} thông báo mới; đã đưa {queued} thông báo vào hàng gửi.")
                return EXIT_OK
            time.sleep(args.interval)
    finally:
        runtime.close()


def _local_time(timestamp: float | None) -> str:
    if timestamp is None:
        return ""
    moment = datetime.fromtimestamp(timestamp, UTC).astimezone(VIETNAM_TZ)
    return moment.strftime("%d/%m/%Y %H:%M")


def run_failed(context: CliContext, args: argparse.Namespace) -> int:
    runtime = _runtime(context)
    try:
        rows = runtime.services().store.list_by_state(FAILED)
    finally:
        runtime.close()
    if not rows:
        print("Không có thông báo nào gửi không thành công.")
        return EXIT_OK
    print(f"{len(rows)} thông báo gửi không thành công:")
    for row in rows:
        print(
            f"- {_local_time(row.created_at)} | {row.kind} | {row.recipient} | "
            f"{row.attempts} lần gửi | lỗi: {row.last_error} | mã: {row.key}"
        )
    return EXIT_OK
