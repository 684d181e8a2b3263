"""The objects the views share (the application, the API's tables and the limits),
kept on the Flask app so that each request finds them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import cast

from flask import current_app, g

from api.access import Access
from api.storage import IdempotencyStore, SqlTables, TokenStore
from application.service import PartnershipApplication

EXTENSION_NAME = "doitac"

# Limits documented in the README's HTTP API section.
MAX_BODY_BYTES = 256 * 1024
IDEMPOTENCY_KEY_TTL_SECONDS = 24 * 3600
CONFLICT_RETRIES = 5
TOKEN_CACHE_SECONDS = 2.0


@dataclass
class ApiContext:
    application: PartnershipApplication
    tables: SqlTables
    tokens: TokenStore
    keys: IdempotencyStore
    max_body_bytes: int = MAX_BODY_BYTES
    conflict_retries: int = CONFLICT_RETRIES
    # A partnership's lead unit never changes, so it is kept once read.
    lead_units: dict[uuid.UUID, str] = field(default_factory=dict)


def api_context() -> ApiContext:
    return cast(ApiContext, current_app.extensions[EXTENSION_NAME])


def current_access() -> Access:
    return cast(Access, g.access)
