"""Access rules. Each API token has a role and a customs unit, and its scope is that unit
and every unit below it."""

from __future__ import annotations

from enum import StrEnum

from flask import g, request

from api.errors import ApiError
from api.storage import ApiToken, TokenStore
from domain.errors import UnknownUnitError
from domain.units import UnitDirectory


class Role(StrEnum):
    SERVICE = "service"
    OFFICER = "officer"
    AUDITOR = "auditor"
    CENTRAL_BOARD = "central_board"


ROLE_LABELS = {
    Role.SERVICE: "hệ thống nghiệp vụ",
    Role.OFFICER: "cán bộ hải quan",
    Role.AUDITOR: "kiểm toán viên",
    Role.CENTRAL_BOARD: "lãnh đạo Tổng cục",
}

WRITING_ROLES = frozenset({Role.SERVICE, Role.OFFICER})


def unauthenticated(message: str) -> ApiError:
    return ApiError(
        401, "unauthenticated", message, headers={"WWW-Authenticate": 'Bearer realm="doitac"'}
    )


def authenticate(tokens: TokenStore) -> ApiToken:
    """Return the token of the current request, or raise 401."""
    header = request.headers.get("Authorization", "")
    scheme, _, bearer = header.partition(" ")
    if not header:
        raise unauthenticated("Thiếu mã truy cập; gửi tiêu đề Authorization: Bearer <mã truy cập>.")
    if scheme.lower() != "bearer" or not bearer.strip():
        raise unauthenticated("Tiêu đề Authorization phải có dạng Bearer <mã truy cập>.")
    token = tokens.authenticate(bearer.strip())
    if token is None:
        raise unauthenticated("Mã truy cập không hợp lệ hoặc đã bị thu hồi.")
    g.token = token
    return token


def forbidden(message: str) -> ApiError:
    return ApiError(403, "forbidden", message)


class Access:
    """The checks a view makes for the authenticated token."""

    def __init__(self, token: ApiToken, units: UnitDirectory) -> None:
        self.token = token
        self.units = units

    @property
    def role(self) -> Role:
        return Role(self.token.role)

    def covers(self, unit: str) -> bool:
        """Return whether ``unit`` is the token's unit or one below it."""
        if self.role == Role.CENTRAL_BOARD:
            return True
        try:
            return self.units.is_within(unit, self.token.unit)
        except UnknownUnitError:
            return False

    def require_writer(self) -> None:
        if self.role not in WRITING_ROLES:
            raise forbidden(
                f"Mã truy cập của {ROLE_LABELS[self.role]} chỉ được đọc, không được gửi lệnh."
            )

    def require_unit(self, unit: str, what: str, field: str | None = None) -> None:
        """Reject a request about ``what`` (a Vietnamese noun phrase) of a unit out of scope.
        With ``field``, an unknown unit raises ``UnknownUnitError`` naming that field."""
        if field is not None:
            self.units.get(unit, field)
        if not self.covers(unit):
            raise forbidden(
                f"Mã truy cập của đơn vị «{self.token.unit}» không có quyền với {what} "
                f"của đơn vị «{unit}»."
            )

    def require_actor_unit(self, unit: str) -> None:
        """Reject a command sent on behalf of a unit outside the token's scope."""
        self.units.get(unit, "actor.unit")
        if not self.covers(unit):
            raise forbidden(
                f"Mã truy cập của đơn vị «{self.token.unit}» không được gửi lệnh nhân danh "
                f"đơn vị «{unit}»."
            )
