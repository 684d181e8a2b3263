"""Partnerships: create one, send each step of the procedure and each activity as a
command, and read the state (now, as of a business date, as of a version) and history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response
from flask_smorest import Blueprint
from marshmallow import RAISE

from api.commands import lead_unit_of, run_command, url_value
from api.context import api_context, current_access
from api.errors import ApiError, ErrorSchema
from api.schemas import (
    PARTNERSHIP_COMMANDS,
    URL_FIELDS,
    CommandHeadersSchema,
    CommandResultSchema,
    HistorySchema,
    PartnershipStateSchema,
    PartnershipSummarySchema,
    StateQuerySchema,
    request_schema,
)
from application.history import history_entries
from application.service import event_fields
from domain.partnership import Partnership

blueprint = Blueprint(
    "partnerships",
    __name__,
    url_prefix="/partnerships",
    description="Quan hệ đối tác: các bước của quy trình, hoạt động, vi phạm, trạng thái, lịch sử.",
)

ERROR_RESPONSES = {
    401: "missing, invalid or revoked token",
    403: "the token's role or unit does not allow this",
    404: "no such partnership",
}


def _document_errors(view: Callable[..., Any], *statuses: int) -> Callable[..., Any]:
    for status in statuses:
        view = blueprint.alt_response(
            status, schema=ErrorSchema, description=ERROR_RESPONSES.get(status, "")
        )(view)
    return view


@blueprint.route("", methods=["GET"])
@blueprint.response(200, PartnershipSummarySchema(many=True))
def list_partnerships() -> list[Partnership]:
    """List the partnerships led by the token's unit and the units below it."""
    access = current_access()
    return [p for p in api_context().application.partnerships() if access.covers(p.lead_unit)]


@blueprint.route("", methods=["POST"])
@blueprint.arguments(request_schema("determine_content", None))
@blueprint.arguments(CommandHeadersSchema, location="headers")
@blueprint.response(201, CommandResultSchema)
def determine_content(body: dict[str, Any], headers: dict[str, str]) -> Response:
    """Create a partnership by determining its content (command ``determine_content``)."""
    return run_command("determine_content", body, headers, created=True)


def _require_readable(reference: str) -> None:
    access = current_access()
    access.require_unit(lead_unit_of(api_context(), reference), "quan hệ đối tác")


def _select_state(reference: str, query: dict[str, Any]) -> Partnership:
    app = api_context().application
    if "as_of" in query:
        state = app.partnership_as_of(reference, query["as_of"])
        if state is None:
            raise ApiError(
                404,
                "not_determined_yet",
                f"Đến ngày {query['as_of']:%d/%m/%Y} quan hệ đối tác «{reference}» "
                "chưa được xác định nội dung.",
            )
        return state
    return app.get_partnership(reference, version=query.get("version"))


@blueprint.route("/<reference>", methods=["GET"])
@blueprint.arguments(StateQuerySchema, location="query", unknown=RAISE)
@blueprint.response(200, PartnershipStateSchema)
def get_partnership(query: dict[str, Any], reference: str) -> Any:
    """Read a partnership's state now, as of a business date (``as_of``: the steps that
    happened on or before it) or as of a version. The ETag header carries the version."""
    _require_readable(reference)
    state = _select_state(reference, query)
    headers = {"ETag": f'"{state.version}"'} if not query else {}
    return state, 200, headers


@blueprint.route("/<reference>/history", methods=["GET"])
@blueprint.arguments(StateQuerySchema, location="query", unknown=RAISE)
@blueprint.response(200, HistorySchema)
def get_history(query: dict[str, Any], reference: str) -> dict[str, Any]:
    """Read every recorded step with its business date, recorded time, actor, unit, legal
    basis and Vietnamese description. With ``as_of`` or ``version``, only the steps up to
    that date or version are listed."""
    _require_readable(reference)
    app = api_context().application
    partnership = app.get_partnership(reference)
    events = app.partnership_events(partnership.id)
    if "as_of" in query:
        events = [e for e in events if e.occurred_on <= query["as_of"]]
    if "version" in query:
        app.get_partnership(partnership.id, version=query["version"])
        events = [e for e in events if e.originator_version <= query["version"]]
    entries = []
    for event, entry in zip(events, history_entries(events), strict=True):
        entries.append({**vars(entry), "data": event_fields(event)})
    return {"reference": partnership.reference, "version": partnership.version, "entries": entries}


def _command_view(command: str) -> Callable[..., Response]:
    url_field = URL_FIELDS["partnership"]

    def view(body: dict[str, Any], headers: dict[str, str], reference: str) -> Response:
        value = url_value(command, url_field, reference)
        return run_command(command, body, headers, url_field=(url_field, value))

    view.__name__ = command
    view.__doc__ = f"Send the command ``{command}`` to the partnership."
    return view


for _command in PARTNERSHIP_COMMANDS:
    _view = _command_view(_command)
    _view = blueprint.response(200, CommandResultSchema)(_view)
    _view = blueprint.arguments(CommandHeadersSchema, location="headers")(_view)
    _view = blueprint.arguments(request_schema(_command, URL_FIELDS["partnership"]))(_view)
    _view = _document_errors(_view, 401, 403, 404, 409)
    blueprint.route(f"/<reference>/{_command}", methods=["POST"], endpoint=_command)(_view)
