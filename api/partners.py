"""Partners: register one, send commands about it, read it, and read the partner list."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Response
from flask_smorest import Blueprint
from marshmallow import RAISE

from api.access import Role
from api.commands import run_command, url_value
from api.context import api_context, current_access
from api.errors import ErrorSchema
from api.schemas import (
    PARTNER_COMMANDS,
    URL_FIELDS,
    CommandHeadersSchema,
    CommandResultSchema,
    PartnerListQuerySchema,
    PartnerListRowSchema,
    PartnerSchema,
    request_schema,
)
from application.partner_list import PartnerListRow, build_partner_list
from domain.partner import Partner

blueprint = Blueprint(
    "partners",
    __name__,
    url_prefix="/partners",
    description="Đối tác: đăng ký, cập nhật, tuân thủ, số thuế, và danh sách đối tác.",
)


@blueprint.route("", methods=["GET"])
@blueprint.arguments(PartnerListQuerySchema, location="query", unknown=RAISE)
@blueprint.response(200, PartnerListRowSchema(many=True))
def partner_list(query: dict[str, Any]) -> list[PartnerListRow]:
    """Read the partner list, fields (i) to (vii), in Vietnamese alphabetical order, for
    the partnerships led by ``unit`` and the units below it. Without ``unit`` the list
    covers the token's unit, or the whole sector for the central board."""
    access = current_access()
    app = api_context().application
    unit: str | None = query.get("unit")
    if unit is None and access.role != Role.CENTRAL_BOARD:
        unit = access.token.unit
    if unit is not None:
        access.require_unit(unit, "danh sách đối tác", "unit")
    return build_partner_list(app.partners(), app.partnerships(), app.units, unit)


@blueprint.route("", methods=["POST"])
@blueprint.arguments(request_schema("register_partner", None))
@blueprint.arguments(CommandHeadersSchema, location="headers")
@blueprint.response(201, CommandResultSchema)
@blueprint.alt_response(409, schema=ErrorSchema, description="already registered")
def register_partner(body: dict[str, Any], headers: dict[str, str]) -> Response:
    """Register a partner (command ``register_partner``)."""
    return run_command("register_partner", body, headers, created=True)


@blueprint.route("/<tax_number>", methods=["GET"])
@blueprint.response(200, PartnerSchema)
@blueprint.alt_response(404, schema=ErrorSchema, description="no such partner")
def get_partner(tax_number: str) -> Partner:
    """Read a partner. Partners belong to no unit, so every token may read them."""
    return api_context().application.get_partner(tax_number)


def _command_view(command: str) -> Callable[..., Response]:
    url_field = URL_FIELDS["partner"]

    def view(body: dict[str, Any], headers: dict[str, str], tax_number: str) -> Response:
        value = url_value(command, url_field, tax_number)
        return run_command(command, body, headers, url_field=(url_field, value))

    view.__name__ = command
    view.__doc__ = f"Send the command ``{command}`` about the partner."
    return view


for _command in PARTNER_COMMANDS:
    _view = _command_view(_command)
    _view = blueprint.response(200, CommandResultSchema)(_view)
    _view = blueprint.arguments(CommandHeadersSchema, location="headers")(_view)
    _view = blueprint.arguments(request_schema(_command, URL_FIELDS["partner"]))(_view)
    _view = blueprint.alt_response(404, schema=ErrorSchema, description="no such partner")(_view)
    blueprint.route(f"/<tax_number>/{_command}", methods=["POST"], endpoint=_command)(_view)
