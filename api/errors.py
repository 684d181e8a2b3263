"""The one error handler: every error becomes ``{code, status, message, errors}`` with a
stable code, a Vietnamese message and per-field messages under dotted paths."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, g, jsonify, request
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException

from application.errors import (
    AlreadyExistsError,
    ConcurrencyConflictError,
    PartnerNotFoundError,
    PartnershipNotFoundError,
    VersionNotFoundError,
)
from application.schemas import command_field_path, flatten_errors
from domain.errors import DomainError

logger = logging.getLogger(__name__)

INVALID_REQUEST_MESSAGE = "Dữ liệu gửi lên không hợp lệ: kiểm tra các trường được liệt kê."


class ErrorSchema(Schema):
    """The body of every error response."""

    code = fields.String(required=True, metadata={"description": "stable error code"})
    status = fields.Integer(required=True)
    message = fields.String(required=True, metadata={"description": "Vietnamese message"})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        metadata={"description": "messages per field; nested fields as dotted paths"},
    )
    current_version = fields.Integer(
        allow_none=True, metadata={"description": "on 409: the aggregate's current version"}
    )


class ApiError(Exception):
    """An error response: views raise it and the handler renders it."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        *,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
        **extra: Any,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors or {}
        self.headers = headers or {}
        self.extra = extra


HTTP_MESSAGES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    404: ("not_found", "Không tìm thấy đường dẫn này."),
    405: ("method_not_allowed", "Phương thức HTTP này không được hỗ trợ tại đường dẫn này."),
    406: ("not_acceptable", "Máy chủ chỉ trả về JSON."),
    413: ("payload_too_large", "Nội dung yêu cầu vượt quá giới hạn cho phép."),
    415: (
        "unsupported_media_type",
        "Nội dung yêu cầu phải là JSON, với tiêu đề Content-Type: application/json.",
    ),
    422: ("invalid_request", INVALID_REQUEST_MESSAGE),
}

INTERNAL_ERROR_MESSAGE = (
    "Lỗi hệ thống không mong đợi; hãy thử lại sau hoặc báo cho quản trị viên hệ thống."
)


def domain_status(error: DomainError) -> int:
    if isinstance(error, PartnershipNotFoundError | PartnerNotFoundError | VersionNotFoundError):
        return 404
    if isinstance(error, AlreadyExistsError | ConcurrencyConflictError):
        return 409
    return 422


def error_response(error: ApiError) -> Response:
    body: dict[str, Any] = {
        "code": error.code,
        "status": error.status,
        "message": error.message,
        "errors": error.errors,
        **error.extra,
    }
    response = jsonify(body)
    response.status_code = error.status
    for name, value in error.headers.items():
        response.headers[name] = value
    return response


def from_domain_error(error: DomainError) -> ApiError:
    """Translate a domain or application error; inside a command, field names become
    paths within the request body (``data.partners``, ``actor.unit``)."""
    path = command_field_path(error.field) if g.get("in_command") else error.field
    errors = {path: [error.message]} if path else {}
    extra: dict[str, Any] = {}
    headers: dict[str, str] = {}
    if isinstance(error, ConcurrencyConflictError):
        extra["current_version"] = error.current_version
        if error.current_version is not None:
            headers["ETag"] = f'"{error.current_version}"'
    return ApiError(
        domain_status(error), error.code, error.message, errors=errors, headers=headers, **extra
    )


def from_http_exception(error: HTTPException) -> ApiError:
    status = error.code or 500
    code, message = HTTP_MESSAGES.get(status, ("http_error", "Yêu cầu không thực hiện được."))
    errors: dict[str, list[str]] = {}
    # flask-smorest puts webargs' validation messages under data["messages"], keyed by
    # request location ("json", "query", "headers").
    data = getattr(error, "data", None)
    if isinstance(data, dict) and isinstance(data.get("messages"), dict):
        for location_errors in data["messages"].values():
            errors.update(flatten_errors(location_errors))
    headers = {}
    if status == 405 and error.get_headers():
        headers = {k: v for k, v in error.get_headers() if k.lower() == "allow"}
    return ApiError(status, code, message, errors=errors, headers=headers)


def register_error_handlers(app: Flask) -> None:
    """Register the handler for every error, replacing flask-smorest's own."""

    def handle_api_error(error: ApiError) -> Response:
        return _logged(error_response(error), error.code)

    def handle_domain_error(error: DomainError) -> Response:
        return _logged(error_response(from_domain_error(error)), error.code)

    def handle_http_exception(error: HTTPException) -> Response:
        api_error = from_http_exception(error)
        return _logged(error_response(api_error), api_error.code)

    def handle_unexpected(error: Exception) -> Response:
        logger.exception(
            "unexpected error method=%s path=%s error=%s",
            request.method,
            request.path,
            type(error).__name__,
        )
        return error_response(ApiError(500, "internal_error", INTERNAL_ERROR_MESSAGE))

    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)


def _logged(response: Response, code: str) -> Response:
    level = logging.ERROR if response.status_code >= 500 else logging.INFO
    logger.log(
        level,
        "request rejected status=%s code=%s method=%s path=%s",
        response.status_code,
        code,
        request.method,
        request.path,
    )
    return response
