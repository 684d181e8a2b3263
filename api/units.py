"""Customs units, and the health checks that need no token."""

from __future__ import annotations

from flask_smorest import Blueprint

from api.context import api_context
from api.errors import ApiError, ErrorSchema
from api.schemas import HealthSchema, UnitSchema
from domain.errors import UnknownUnitError
from domain.units import CustomsUnit

blueprint = Blueprint(
    "units", __name__, url_prefix="/units", description="Đơn vị hải quan và quan hệ cấp trên."
)

health = Blueprint("health", __name__, description="Kiểm tra tình trạng máy chủ.")


@blueprint.route("", methods=["GET"])
@blueprint.response(200, UnitSchema(many=True))
def list_units() -> list[CustomsUnit]:
    """List the customs units with their level and parent."""
    return list(api_context().application.units)


@blueprint.route("/<code>", methods=["GET"])
@blueprint.response(200, UnitSchema)
@blueprint.alt_response(404, schema=ErrorSchema, description="no such unit")
def get_unit(code: str) -> CustomsUnit:
    try:
        return api_context().application.units.get(code, "code")
    except UnknownUnitError as error:
        raise ApiError(404, error.code, error.message) from None


@health.route("/healthz", methods=["GET"])
@health.doc(security=[])
@health.response(200, HealthSchema)
def healthz() -> dict[str, str]:
    """Report that the process is alive; no token is needed."""
    return {"status": "ok"}


@health.route("/readyz", methods=["GET"])
@health.doc(security=[])
@health.response(200, HealthSchema)
@health.alt_response(503, schema=ErrorSchema, description="the database does not respond")
def readyz() -> dict[str, str]:
    """Report that the database responds to a query; no token is needed."""
    if not api_context().tables.ping():
        raise ApiError(
            503,
            "database_unavailable",
            "Cơ sở dữ liệu không trả lời; kiểm tra DOITAC_DATABASE_URL và máy chủ cơ sở dữ liệu.",
        )
    return {"status": "ready"}
