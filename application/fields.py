"""Marshmallow fields with Vietnamese error messages and NFC normalisation of text."""

from __future__ import annotations

import unicodedata
from typing import Any

from marshmallow import fields, validate

REQUIRED = "Thiếu trường bắt buộc."
NULL = "Trường này không được để trống (null)."
VALIDATOR_FAILED = "Giá trị không hợp lệ."
UNKNOWN_FIELD = "Trường không được chấp nhận."
INVALID_OBJECT = "Dữ liệu phải là một đối tượng JSON."

_COMMON = {"required": REQUIRED, "null": NULL, "validator_failed": VALIDATOR_FAILED}


class Text(fields.String):
    """A string, normalised to Unicode NFC with surrounding white space removed."""

    default_error_messages = {**_COMMON, "invalid": "Phải là một chuỗi ký tự."}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        return unicodedata.normalize("NFC", text).strip()


class Integer(fields.Integer):
    default_error_messages = {
        **_COMMON,
        "invalid": "Phải là một số nguyên.",
        "too_large": "Số quá lớn.",
    }

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(strict=True, **kwargs)


class Decimal(fields.Decimal):
    default_error_messages = {
        **_COMMON,
        "invalid": "Phải là một số.",
        "special": "Không chấp nhận NaN hoặc vô cực.",
    }


class Boolean(fields.Boolean):
    default_error_messages = {**_COMMON, "invalid": "Phải là true hoặc false."}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(truthy={True}, falsy={False}, **kwargs)


class Date(fields.Date):
    default_error_messages = {
        **_COMMON,
        "invalid": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD.",
        "format": "Ngày không hợp lệ; dùng dạng YYYY-MM-DD.",
    }


class AwareDateTime(fields.AwareDateTime):
    default_error_messages = {
        **_COMMON,
        "invalid": "Thời điểm không hợp lệ; dùng dạng ISO 8601 có múi giờ, "
        "ví dụ 2025-01-06T08:30:00+07:00.",
        "invalid_awareness": "Thời điểm phải ghi rõ độ lệch múi giờ so với UTC, "
        "ví dụ 2025-01-06T08:30:00+07:00.",
        "format": "Thời điểm không hợp lệ.",
    }


class List(fields.List):  # type: ignore[type-arg]
    default_error_messages = {**_COMMON, "invalid": "Phải là một danh sách."}


class Nested(fields.Nested):
    default_error_messages = {**_COMMON, "type": INVALID_OBJECT}


class Dict(fields.Dict):
    default_error_messages = {**_COMMON, "invalid": INVALID_OBJECT}


def one_of(values: list[str]) -> validate.OneOf:
    return validate.OneOf(
        values, error="Giá trị «{input}» không hợp lệ; chọn một trong: {choices}."
    )


def length(minimum: int | None = None, maximum: int | None = None) -> validate.Length:
    if minimum is not None and maximum is not None:
        message = f"Độ dài phải từ {minimum} đến {maximum}."
    elif minimum is not None:
        message = "Không được để trống." if minimum == 1 else f"Cần ít nhất {minimum} phần tử."
    else:
        message = f"Độ dài tối đa là {maximum}."
    return validate.Length(min=minimum, max=maximum, error=message)


def year_range() -> validate.Range:
    return validate.Range(min=2000, max=2100, error="Năm phải từ 2000 đến 2100.")
