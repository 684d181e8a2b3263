"""Tamper evidence over HTTP: recompute the hash chain of one partnership, or of every
stream in the store, and report the first broken link."""

from __future__ import annotations

from typing import Any

from flask_smorest import Blueprint
from marshmallow import Schema, fields

from api.access import Role, forbidden
from api.commands import lead_unit_of
from api.context import api_context, current_access
from application.audit import verify_partnership, verify_store
from application.chain import StreamCheck

blueprint = Blueprint(
    "audit",
    __name__,
    url_prefix="/verify",
    description="Kiểm tra tính toàn vẹn của chuỗi băm các sự kiện đã lưu.",
)


class ChainBreakSchema(Schema):
    version = fields.Integer(required=True)
    reason = fields.String(required=True)
    message = fields.String(required=True)


class StreamCheckSchema(Schema):
    originator_id = fields.UUID(required=True)
    ok = fields.Boolean(required=True)
    events = fields.Integer(required=True)
    last_version = fields.Integer(required=True)
    head = fields.String(required=True)
    broken = fields.Nested(ChainBreakSchema, allow_none=True, required=True)


class StoreCheckSchema(Schema):
    ok = fields.Boolean(required=True)
    streams = fields.Integer(required=True)
    events = fields.Integer(required=True)
    digest = fields.String(required=True)
    broken = fields.List(fields.Nested(StreamCheckSchema), required=True)


def _stream(check: StreamCheck) -> dict[str, Any]:
    broken = check.broken
    return {
        "originator_id": check.originator_id,
        "ok": check.ok,
        "events": check.events,
        "last_version": check.last_version,
        "head": check.head.hex(),
        "broken": None
        if broken is None
        else {"version": broken.version, "reason": broken.reason, "message": broken.message},
    }


@blueprint.route("", methods=["GET"])
@blueprint.response(200, StoreCheckSchema)
def verify_everything() -> dict[str, Any]:
    """Check every stream of the store (central board only); ``ok`` is false on any break."""
    if current_access().role != Role.CENTRAL_BOARD:
        raise forbidden("Chỉ Ban Cải cách hiện đại hoá được kiểm tra toàn bộ kho sự kiện.")
    result = verify_store(api_context().application)
    return {
        "ok": result.ok,
        "streams": result.streams,
        "events": result.events,
        "digest": result.digest,
        "broken": [_stream(check) for check in result.broken],
    }


@blueprint.route("/partnerships/<reference>", methods=["GET"])
@blueprint.response(200, StreamCheckSchema)
def verify_one(reference: str) -> dict[str, Any]:
    """Check one partnership's hash chain; ``broken`` names its first broken link."""
    access = current_access()
    access.require_unit(lead_unit_of(api_context(), reference), "quan hệ đối tác")
    return _stream(verify_partnership(api_context().application, reference))
