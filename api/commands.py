"""Running one command from an HTTP request: the Idempotency-Key, the expected version
from If-Match, and bounded retries of a conflicting write."""

from __future__ import annotations

import hashlib
import json
import logging
import random
import re
import time
from typing import Any

from flask import Response, g, jsonify, request
from marshmallow import ValidationError

from api.context import ApiContext, api_context, current_access
from api.errors import ApiError
from api.schemas import IF_MATCH_PATTERN, CommandResultSchema
from application.commands import Command, CommandResult
from application.errors import ConcurrencyConflictError, PartnershipNotFoundError
from application.schemas import COMMAND_SCHEMAS, flatten_errors
from domain.errors import DomainError
from domain.partnership import Partnership

logger = logging.getLogger(__name__)

IDEMPOTENCY_HEADER = "Idempotency-Key"
REPLAY_HEADER = "Idempotent-Replayed"
CONFLICT_BACKOFF_SECONDS = 0.01


def expected_version(if_match: str | None) -> int | None:
    """Return the version that an If-Match header (``"5"`` or ``5``) names."""
    if if_match is None:
        return None
    match = re.match(IF_MATCH_PATTERN, if_match.strip())
    return int(match.group(1)) if match else None


def request_fingerprint() -> str:
    """Return a digest of the method, path and JSON body, ignoring key order and spacing."""
    body = json.dumps(request.get_json(silent=True), sort_keys=True, ensure_ascii=False)
    content = f"{request.method} {request.path}\n{body}"
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def url_value(command: str, field_name: str, value: str) -> str:
    """Validate a URL segment with the command's own field, as if it were in ``data``."""
    try:
        loaded: str = COMMAND_SCHEMAS[command]().fields[field_name].deserialize(value)
    except ValidationError as error:
        raise ApiError(
            422,
            "invalid_request",
            "Đường dẫn chứa giá trị không hợp lệ.",
            errors=flatten_errors(error.messages, field_name),
        ) from None
    return loaded


def lead_unit_of(context: ApiContext, reference: str) -> str:
    """Return the lead unit of a partnership, read from its first event only."""
    partnership_id = context.application.partnership_id(reference)
    cached = context.lead_units.get(partnership_id)
    if cached is not None:
        return cached
    app = context.application
    stored = app.recorder.select_events(partnership_id, lte=1, limit=1)
    event = app.mapper.to_domain_event(stored[0]) if stored else None
    if not isinstance(event, Partnership.ContentDetermined):
        raise PartnershipNotFoundError(
            f"Không tìm thấy quan hệ đối tác «{reference}».", field="partnership"
        )
    context.lead_units[partnership_id] = event.lead_unit
    return event.lead_unit


def result_body(result: CommandResult) -> dict[str, Any]:
    body: dict[str, Any] = CommandResultSchema().dump(result)
    return body


def run_command(
    command: str,
    body: dict[str, Any],
    headers: dict[str, str],
    *,
    url_field: tuple[str, str] | None = None,
    created: bool = False,
) -> Response:
    """Check access and the Idempotency-Key, then execute ``command`` with ``body`` and
    ``headers`` (both loaded by their schemas) and, when the URL names the target,
    ``url_field`` (name, value)."""
    context = api_context()
    access = current_access()
    access.require_writer()
    access.require_actor_unit(body["actor"]["unit"])
    key = headers["idempotency_key"]
    version = expected_version(headers.get("if_match"))

    data = dict(body["data"])
    if url_field is not None:
        data[url_field[0]] = url_field[1]
    if command == "determine_content":
        access.require_unit(data["lead_unit"], "quan hệ đối tác", "data.lead_unit")
    elif command == "record_yearly_tax":
        access.require_unit(
            data["provincial_unit"], "số thuế xuất nhập khẩu", "data.provincial_unit"
        )
    elif "partnership" in data:
        access.require_unit(lead_unit_of(context, data["partnership"]), "quan hệ đối tác")

    token_id = access.token.token_id
    fingerprint = request_fingerprint()
    record, claimed = context.keys.claim(token_id, key, fingerprint)
    if not claimed and record.fingerprint != fingerprint:
        raise ApiError(
            422,
            "idempotency_key_reused",
            "Idempotency-Key này đã được dùng cho một yêu cầu khác; hãy dùng một khoá mới.",
            errors={IDEMPOTENCY_HEADER: ["Khoá đã dùng cho nội dung khác."]},
        )
    if record.status is not None and record.body is not None:
        replay = Response(record.body, status=record.status, mimetype="application/json")
        replay.headers[REPLAY_HEADER] = "true"
        return _with_version(replay, json.loads(record.body).get("version"))

    # NOTE: if an earlier request with this key applied the command but stopped before
    # storing its response, ``execute`` returns the recorded result without the event
    # names, so this response lists no events.
    loaded = {"id": record.command_id, "command": command, **body, "data": data}
    g.in_command = True
    try:
        result = _execute(context, Command.from_loaded(loaded), version)
    except DomainError:
        context.keys.release(token_id, key, record.command_id)
        raise
    status = 201 if created else 200
    payload = result_body(result)
    context.keys.complete(token_id, key, status, json.dumps(payload, ensure_ascii=False))
    response = jsonify(payload)
    response.status_code = status
    return _with_version(response, result.version)


def _execute(context: ApiContext, command: Command, version: int | None) -> CommandResult:
    """Execute; without an expected version, retry a conflicting write a bounded number
    of times after a random pause, each time on the newly loaded aggregate."""
    app = context.application
    for attempt in range(context.conflict_retries + 1):
        try:
            return app.execute(command, expected_version=version)
        except ConcurrencyConflictError as error:
            if version is not None or attempt == context.conflict_retries:
                raise
            logger.info(
                "command conflict retried command_id=%s attempt=%s current_version=%s",
                command.id,
                attempt + 1,
                error.current_version,
            )
            # A random pause spreads out writers that collided, so they do not collide again.
            time.sleep(random.uniform(0, CONFLICT_BACKOFF_SECONDS * 2**attempt))
    raise AssertionError("unreachable")


def _with_version(response: Response, version: Any) -> Response:
    if isinstance(version, int):
        response.headers["ETag"] = f'"{version}"'
    return response
