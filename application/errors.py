"""Errors the application raises beside the domain's rule errors."""

from __future__ import annotations

from typing import Any

from domain.errors import DomainError


class ApplicationError(DomainError):
    code = "application_error"


class CommandInvalidError(ApplicationError):
    """A command failed schema validation; ``errors`` maps dotted field paths to messages."""

    code = "invalid_command"

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__("Lệnh không hợp lệ: kiểm tra các trường được liệt kê.")
        self.errors = errors


class PartnershipNotFoundError(ApplicationError):
    code = "partnership_not_found"


class PartnerNotFoundError(ApplicationError):
    code = "partner_not_found"


class AlreadyExistsError(ApplicationError):
    code = "already_exists"


class ConcurrencyConflictError(ApplicationError):
    """Another command changed the same aggregate first; reload and try again."""

    code = "conflict"

    def __init__(self, message: str, *, current_version: int | None = None, **details: Any) -> None:
        super().__init__(message, **details)
        self.current_version = current_version


class CommandIdReusedError(ApplicationError):
    code = "command_id_reused"


class VersionNotFoundError(ApplicationError):
    code = "version_not_found"
