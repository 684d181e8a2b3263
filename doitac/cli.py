"""The ``doitac`` command. Messages are Vietnamese; errors print a message and an exit
status, never a stack trace (details go to the log file under DOITAC_VAR_DIR)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from types import ModuleType

from eventsourcing.persistence import PersistenceError

from application.settings import Settings
from doitac import cli_api, cli_audit, cli_core, cli_documents, cli_workers
from doitac.bootstrap import configure_logging
from doitac.context import CliContext
from domain.errors import DomainError

logger = logging.getLogger(__name__)

# Each module here registers its subcommands through ``add_commands(subparsers)``;
# every subcommand sets ``handler(context, args) -> exit status``.
COMMAND_MODULES: list[ModuleType] = [cli_core, cli_api, cli_workers, cli_audit, cli_documents]

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_SYSTEM = 2
EXIT_INTERRUPTED = 130

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
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "expected one argument": "cần một giá trị",
}
argparse._ = lambda message: ARGPARSE_MESSAGES_VI.get(message, message)  # type: ignore[attr-defined]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="doitac",
        description="Quản lý quan hệ đối tác hải quan – doanh nghiệp (Quyết định 1005/QĐ-TCHQ).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")
    for module in COMMAND_MODULES:
        module.add_commands(commands)
    return parser


def describe_os_error(error: OSError) -> str:
    """Return a Vietnamese message for a file or pipe error, naming the file."""
    name = f" «{error.filename}»" if error.filename else ""
    if isinstance(error, FileNotFoundError):
        return f"không tìm thấy tệp hoặc thư mục{name}."
    if isinstance(error, PermissionError):
        return f"không có quyền truy cập{name}."
    if isinstance(error, IsADirectoryError):
        return f"{name.strip()} là thư mục, không phải tệp.".strip()
    if isinstance(error, NotADirectoryError):
        return f"đường dẫn{name} có thành phần không phải thư mục."
    return f"thao tác với tệp{name} thất bại ({error.strerror or type(error).__name__})."


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as error:
        print(f"Lỗi cấu hình: {error}", file=sys.stderr)
        return EXIT_SYSTEM
    context = CliContext(settings)
    try:
        configure_logging(settings)
        status: int = args.handler(context, args)
        sys.stdout.flush()
        return status
    except BrokenPipeError:
        # The reader (for example `head`) closed the pipe: stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except UnicodeDecodeError as error:
        print(
            f"Lỗi: tệp không phải văn bản UTF-8 (byte lỗi ở vị trí {error.start}).",
            file=sys.stderr,
        )
        return EXIT_FAILED
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
    except OSError as error:
        logger.exception("command failed")
        print(f"Lỗi: {describe_os_error(error)}", file=sys.stderr)
        return EXIT_SYSTEM
    except ValueError as error:
        logger.exception("command failed")
        print(f"Lỗi: {error}", file=sys.stderr)
        return EXIT_SYSTEM
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        logger.exception("unexpected error")
        print(
            f"Lỗi hệ thống không mong đợi; chi tiết đã ghi vào {settings.var_dir / 'doitac.log'}.",
            file=sys.stderr,
        )
        return EXIT_SYSTEM
    finally:
        context.close()


if __name__ == "__main__":
    sys.exit(main())
