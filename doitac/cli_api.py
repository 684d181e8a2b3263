"""Subcommands for the HTTP API: ``serve`` and ``tokens create|list|revoke``."""

from __future__ import annotations

import argparse
import logging
import socket
import sys
from datetime import UTC, datetime
from typing import Any

from werkzeug.serving import run_simple

from api.access import ROLE_LABELS, Role
from api.storage import TokenStore
from doitac.bootstrap import build_api_tables, build_http_app
from doitac.context import CliContext
from doitac.render import format_time

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_SYSTEM = 2
DEFAULT_PORT = 8000


def add_commands(commands: Any) -> None:
    """Register this module's subcommands on the ``doitac`` parser."""
    serve = commands.add_parser(
        "serve",
        help="chạy HTTP API trên 127.0.0.1 (máy chủ nhúng; môi trường thật dùng gunicorn)",
    )
    serve.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1)")
    serve.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"cổng lắng nghe (mặc định {DEFAULT_PORT})"
    )
    serve.set_defaults(handler=run_serve)

    tokens = commands.add_parser("tokens", help="quản lý mã truy cập HTTP API")
    actions = tokens.add_subparsers(dest="action", required=True, metavar="THAO_TÁC")

    create = actions.add_parser("create", help="tạo mã truy cập mới (chỉ hiện một lần)")
    create.add_argument(
        "--role",
        required=True,
        choices=[role.value for role in Role],
        help="vai trò: service (hệ thống nghiệp vụ), officer (cán bộ), auditor (kiểm toán), "
        "central_board (lãnh đạo Tổng cục, chỉ đọc toàn ngành)",
    )
    create.add_argument("--unit", required=True, metavar="MÃ", help="mã đơn vị hải quan")
    create.add_argument("--label", default="", help="ghi chú: hệ thống hoặc người dùng mã này")
    create.set_defaults(handler=run_tokens_create)

    listing = actions.add_parser("list", help="liệt kê các mã truy cập (không hiện bí mật)")
    listing.set_defaults(handler=run_tokens_list)

    revoke = actions.add_parser("revoke", help="thu hồi một mã truy cập")
    revoke.add_argument("token_id", metavar="ID", help="mã định danh của mã truy cập")
    revoke.set_defaults(handler=run_tokens_revoke)


def run_serve(context: CliContext, args: argparse.Namespace) -> int:
    try:
        with socket.create_server((args.host, args.port)):
            pass
    except OSError as error:
        logger.error(
            "http server cannot bind host=%s port=%s error=%s", args.host, args.port, error
        )
        print(
            f"Lỗi: không mở được cổng {args.port} trên {args.host} (cổng đang được chương trình "
            "khác dùng hoặc địa chỉ không hợp lệ); chọn cổng khác bằng --port.",
            file=sys.stderr,
        )
        return EXIT_SYSTEM
    app = build_http_app(context.settings, application=context.app)
    logger.info("http server starting host=%s port=%s", args.host, args.port)
    print(f"HTTP API đang chạy tại http://{args.host}:{args.port} (Ctrl+C để dừng).", flush=True)
    run_simple(args.host, args.port, app, threaded=True)
    logger.info("http server stopped")
    return EXIT_OK


def _token_store(context: CliContext) -> TokenStore:
    return TokenStore(build_api_tables(context.app))


def run_tokens_create(context: CliContext, args: argparse.Namespace) -> int:
    unit = context.app.units.get(args.unit, "unit")
    token, bearer = _token_store(context).create(args.role, unit.code, args.label)
    logger.info(
        "api token created token_id=%s role=%s unit=%s", token.token_id, token.role, unit.code
    )
    print(f"Đã tạo mã truy cập {token.token_id} ({ROLE_LABELS[Role(token.role)]}, {unit.name}).")
    print("Mã truy cập chỉ hiện một lần; hãy lưu lại ngay:")
    print(bearer)
    return EXIT_OK


def run_tokens_list(context: CliContext, args: argparse.Namespace) -> int:
    tokens = _token_store(context).list()
    if not tokens:
        print("Chưa có mã truy cập nào.")
        return EXIT_OK
    for token in tokens:
        created = format_time(datetime.fromtimestamp(token.created_at, UTC))
        status = "đang dùng"
        if token.revoked_at is not None:
            revoked = format_time(datetime.fromtimestamp(token.revoked_at, UTC))
            status = f"đã thu hồi {revoked}"
        print(
            f"{token.token_id}  {token.role:<13}  đơn vị {token.unit:<18}  tạo {created}  "
            f"{status}  {token.label}"
        )
    return EXIT_OK


def run_tokens_revoke(context: CliContext, args: argparse.Namespace) -> int:
    if not _token_store(context).revoke(args.token_id):
        print(f"Không tìm thấy mã truy cập đang dùng có mã định danh «{args.token_id}».")
        return EXIT_FAILED
    logger.info("api token revoked token_id=%s", args.token_id)
    print(f"Đã thu hồi mã truy cập {args.token_id}.")
    return EXIT_OK
