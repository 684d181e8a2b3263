"""The Flask app factory. The composition root builds the ``ApiContext`` and passes it
here; this module only wires Flask, flask-smorest and the blueprints."""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import Flask, g, request
from flask.json.provider import DefaultJSONProvider
from flask_smorest import Api
from werkzeug.exceptions import RequestEntityTooLarge

from api import audit, partners, partnerships, units
from api.access import Access, authenticate
from api.context import EXTENSION_NAME, ApiContext, api_context
from api.errors import ApiError, ErrorSchema, register_error_handlers

# Requests to these blueprints need no token: the health checks and the OpenAPI docs.
PUBLIC_BLUEPRINTS = frozenset({"health", "api-docs"})

DESCRIPTION = """\
HTTP API of doitac for upstream services, officers, auditors and the central board.

Every request except /healthz, /readyz and the docs carries `Authorization: Bearer <token>`
(create one with `doitac tokens create`). Every write carries an `Idempotency-Key` header:
the same key with the same body returns the first response without writing again, and the
same key with another body is rejected (422, `idempotency_key_reused`). A write may carry
`If-Match` with the version from an `ETag`; a stale version is rejected with 409 and the
current version. Every error body is `{code, status, message, errors}` with a Vietnamese
message and per-field messages under dotted paths.
"""


class IsoJSONProvider(DefaultJSONProvider):
    """JSON with ISO 8601 dates and times (Flask's default writes HTTP dates)."""

    ensure_ascii = False
    sort_keys = False

    @staticmethod
    def default(o: Any) -> Any:
        if isinstance(o, datetime | date):
            return o.isoformat()
        if isinstance(o, Decimal | uuid.UUID):
            return str(o)
        return DefaultJSONProvider.default(o)


class DoitacApi(Api):
    ERROR_SCHEMA = ErrorSchema


def create_app(context: ApiContext, *, testing: bool = False) -> Flask:
    """Build the Flask app over an application and the API's tables."""
    app = Flask(__name__)
    app.json = IsoJSONProvider(app)
    app.config.update(
        TESTING=testing,
        MAX_CONTENT_LENGTH=context.max_body_bytes,
        API_TITLE="doitac",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        # NOTE: the docs page loads Swagger UI from this CDN in the reader's browser;
        # /openapi.json itself is served locally.
        OPENAPI_SWAGGER_UI_URL="https://cdn.jsdelivr.net/npm/swagger-ui-dist/",
        API_SPEC_OPTIONS={
            "info": {"description": DESCRIPTION},
            "security": [{"bearerAuth": []}],
        },
    )
    app.extensions[EXTENSION_NAME] = context

    api = DoitacApi(app)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})
    blueprints = (
        units.health,
        units.blueprint,
        partners.blueprint,
        partnerships.blueprint,
        audit.blueprint,
    )
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    register_error_handlers(app)
    app.before_request(_check_request)
    return app


def _check_request() -> None:
    """Authenticate, then check the body of a write: JSON, within the size limit."""
    if request.routing_exception is not None or request.blueprint in PUBLIC_BLUEPRINTS:
        return
    context = api_context()
    length = request.content_length
    if length is not None and length > context.max_body_bytes:
        raise _too_large(context.max_body_bytes)

    token = authenticate(context.tokens)
    g.access = Access(token, context.application.units)
    if request.method != "POST":
        return

    if request.mimetype != "application/json":
        raise ApiError(
            415,
            "unsupported_media_type",
            "Nội dung lệnh phải là JSON, với tiêu đề Content-Type: application/json.",
        )
    try:
        json.loads(request.get_data(cache=True))
    except RequestEntityTooLarge:
        raise _too_large(context.max_body_bytes) from None
    except ValueError:
        raise ApiError(
            400, "invalid_json", "Nội dung yêu cầu không phải JSON hợp lệ (UTF-8)."
        ) from None


def _too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        "payload_too_large",
        f"Nội dung yêu cầu vượt quá giới hạn {limit // 1024} KiB.",
    )
