"""Import of JSON Lines commands: each line is validated and applied on its own, so one
invalid line is reported and skipped while the others are applied."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from marshmallow import ValidationError

from application.commands import Command
from application.schemas import CommandEnvelopeSchema, command_field_path, flatten_errors
from application.service import PartnershipApplication
from domain.errors import DomainError

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineError:
    line_no: int
    command_id: str | None
    code: str
    field: str | None
    message: str


@dataclass
class ImportReport:
    applied: int = 0
    duplicates: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.applied + self.duplicates + len(self.errors)


def import_lines(
    app: PartnershipApplication,
    lines: Iterable[str],
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Validate and apply each non-blank line; ``progress`` is called with the line number."""
    report = ImportReport()
    schema = CommandEnvelopeSchema()
    for line_no, line in enumerate(lines, start=1):
        if progress is not None:
            progress(line_no)
        if not line.strip():
            continue
        report.errors.extend(_apply_line(app, schema, line_no, line, report))
    logger.info(
        "import finished applied=%s duplicates=%s failed=%s",
        report.applied,
        report.duplicates,
        len(report.errors),
    )
    return report


def _apply_line(
    app: PartnershipApplication,
    schema: CommandEnvelopeSchema,
    line_no: int,
    line: str,
    report: ImportReport,
) -> list[LineError]:
    try:
        raw = json.loads(line)
    except json.JSONDecodeError as error:
        return [
            LineError(
                line_no,
                None,
                "invalid_json",
                None,
                f"Dòng không phải JSON hợp lệ: lỗi cú pháp ở cột {error.colno}.",
            )
        ]
    if not isinstance(raw, dict):
        return [
            LineError(line_no, None, "invalid_json", None, "Mỗi dòng phải là một đối tượng JSON.")
        ]
    command_id = raw.get("id") if isinstance(raw.get("id"), str) else None

    try:
        command = Command.from_loaded(schema.load(raw))
    except ValidationError as error:
        return [
            LineError(line_no, command_id, "invalid_command", path, message)
            for path, messages in flatten_errors(error.messages).items()
            for message in messages
        ]

    try:
        result = app.execute(command)
    except DomainError as error:
        field_path = command_field_path(error.field)
        return [LineError(line_no, command_id, error.code, field_path, error.message)]
    if result.duplicate:
        report.duplicates += 1
    else:
        report.applied += 1
    return []
