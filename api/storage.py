"""The HTTP API's two tables, API tokens and idempotency keys, kept in the same database
as the events (SQLite or PostgreSQL) through the event store's own connection pool."""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from eventsourcing.persistence import PersistenceError

logger = logging.getLogger(__name__)

TOKEN_PREFIX = "doitac"


class Datastore(Protocol):
    """The part of eventsourcing's SQLite and PostgreSQL datastores that this module uses.
    The PostgreSQL one also has ``get_connection()``, whose connections autocommit."""

    def transaction(self, *, commit: bool) -> AbstractContextManager[Any]: ...


@dataclass(frozen=True)
class Dialect:
    """The differences between the two databases for these tables: the parameter marker,
    the schema prefix of table names and the floating-point column type."""

    name: str
    placeholder: str
    prefix: str
    float_type: str

    @classmethod
    def sqlite(cls) -> Dialect:
        return cls(name="sqlite", placeholder="?", prefix="", float_type="REAL")

    @classmethod
    def postgres(cls, schema: str) -> Dialect:
        return cls(
            name="postgres",
            placeholder="%s",
            prefix=f'"{schema}".',
            float_type="DOUBLE PRECISION",
        )


class SqlTables:
    """Runs the SQL of this module in the dialect of the database at hand."""

    def __init__(self, datastore: Datastore, dialect: Dialect) -> None:
        self.datastore = datastore
        self.dialect = dialect

    def sql(self, statement: str) -> str:
        """Fill ``{p}`` (the parameter marker) and ``{t}`` (the table prefix) into a statement."""
        return statement.format(p=self.dialect.placeholder, t=self.dialect.prefix)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        with self.datastore.transaction(commit=True) as cursor:
            yield cursor

    def run(
        self, statement: str, parameters: tuple[Any, ...] = (), *, wait_for_flush: bool = True
    ) -> list[Any]:
        """Run one statement in a transaction of its own and return its rows.

        On PostgreSQL, ``wait_for_flush=False`` commits without waiting for the write-ahead
        log to reach the disk (``synchronous_commit`` off for this transaction only). A
        crash of the database server can then lose that commit, unless a later waiting
        commit, such as the one that saves a command's events, has flushed the log."""
        sql = self.sql(statement)
        if self.dialect.name != "postgres":
            with self.transaction() as cursor:
                cursor.execute(sql, parameters)
                return list(cursor.fetchall())
        get_connection = self.datastore.get_connection  # type: ignore[attr-defined]
        with get_connection() as connection:
            if wait_for_flush:
                cursor = connection.execute(sql, parameters)
                return list(cursor.fetchall()) if cursor.description else []
            # Pipeline mode sends BEGIN, SET, the statement and COMMIT in one round trip.
            with connection.pipeline(), connection.transaction():
                connection.execute("SET LOCAL synchronous_commit TO OFF")
                cursor = connection.execute(sql, parameters)
            return list(cursor.fetchall()) if cursor.description else []

    def ping(self) -> bool:
        """Return whether the database responds to a trivial query."""
        try:
            with self.transaction() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except PersistenceError as error:
            logger.warning("database ping failed error=%s", type(error).__name__)
            return False
        return True

    def create_tables(self) -> None:
        statements = [
            f"""CREATE TABLE IF NOT EXISTS {{t}}doitac_api_tokens (
                token_id TEXT PRIMARY KEY,
                secret_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                unit TEXT NOT NULL,
                label TEXT NOT NULL,
                created_at {self.dialect.float_type} NOT NULL,
                revoked_at {self.dialect.float_type}
            )""",
            f"""CREATE TABLE IF NOT EXISTS {{t}}doitac_idempotency_keys (
                token_id TEXT NOT NULL,
                idempotency_key TEXT NOT NULL,
                fingerprint TEXT NOT NULL,
                command_id TEXT NOT NULL,
                status INTEGER,
                body TEXT,
                created_at {self.dialect.float_type} NOT NULL,
                PRIMARY KEY (token_id, idempotency_key)
            )""",
        ]
        # Several server processes may start at once; PostgreSQL can then reject a
        # concurrent CREATE TABLE IF NOT EXISTS, and the second attempt finds the table.
        for attempt in range(2):
            try:
                with self.transaction() as cursor:
                    for statement in statements:
                        cursor.execute(self.sql(statement))
                return
            except PersistenceError:
                if attempt == 1:
                    raise
                logger.info("api tables creation raced with another process, retrying")


# -- tokens -------------------------------------------------------------------------


@dataclass(frozen=True)
class ApiToken:
    token_id: str
    role: str
    unit: str
    label: str
    created_at: float
    revoked_at: float | None


def _hash_secret(secret: str) -> str:
    # The secret is 256 random bits, so a plain SHA-256 digest cannot be reversed by
    # guessing. A slow password hash would only cost time on every request.
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class TokenStore:
    """API tokens: only a SHA-256 digest of each secret is stored.

    An active token, once read, is kept in this process for ``cache_seconds``, so a
    revocation takes effect in other server processes within that time."""

    def __init__(self, tables: SqlTables, cache_seconds: float = 0.0) -> None:
        self.tables = tables
        self.cache_seconds = cache_seconds
        self._cache: dict[str, tuple[ApiToken, str, float]] = {}

    def create(self, role: str, unit: str, label: str) -> tuple[ApiToken, str]:
        """Store a new token and return it with the bearer string, which is shown only once."""
        token_id = secrets.token_hex(6)
        secret = secrets.token_urlsafe(32)
        token = ApiToken(token_id, role, unit, label, time.time(), None)
        with self.tables.transaction() as cursor:
            cursor.execute(
                self.tables.sql(
                    "INSERT INTO {t}doitac_api_tokens "
                    "(token_id, secret_hash, role, unit, label, created_at) "
                    "VALUES ({p}, {p}, {p}, {p}, {p}, {p})"
                ),
                (token_id, _hash_secret(secret), role, unit, label, token.created_at),
            )
        return token, f"{TOKEN_PREFIX}_{token_id}_{secret}"

    def authenticate(self, bearer: str) -> ApiToken | None:
        """Return the active token that ``bearer`` presents, or None."""
        parts = bearer.split("_", 2)
        if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
            return None
        _, token_id, secret = parts
        cached = self._cache.get(token_id)
        if cached is not None and cached[2] > time.monotonic():
            token, secret_hash = cached[0], cached[1]
        else:
            rows = self.tables.run(
                "SELECT token_id, secret_hash, role, unit, label, created_at, revoked_at "
                "FROM {t}doitac_api_tokens WHERE token_id = {p}",
                (token_id,),
            )
            if not rows or rows[0]["revoked_at"] is not None:
                self._cache.pop(token_id, None)
                return None
            token, secret_hash = _token_from_row(rows[0]), rows[0]["secret_hash"]
            if self.cache_seconds > 0:
                expires = time.monotonic() + self.cache_seconds
                self._cache[token_id] = (token, secret_hash, expires)
        if not hmac.compare_digest(secret_hash, _hash_secret(secret)):
            return None
        return token

    def list(self) -> list[ApiToken]:
        with self.tables.transaction() as cursor:
            cursor.execute(
                self.tables.sql(
                    "SELECT token_id, role, unit, label, created_at, revoked_at "
                    "FROM {t}doitac_api_tokens ORDER BY created_at, token_id"
                )
            )
            rows = cursor.fetchall()
        return [_token_from_row(row) for row in rows]

    def revoke(self, token_id: str) -> bool:
        """Revoke a token; return False when no active token has this id."""
        with self.tables.transaction() as cursor:
            cursor.execute(
                self.tables.sql("SELECT revoked_at FROM {t}doitac_api_tokens WHERE token_id = {p}"),
                (token_id,),
            )
            row = cursor.fetchone()
            if row is None or row["revoked_at"] is not None:
                return False
            self._cache.pop(token_id, None)
            cursor.execute(
                self.tables.sql(
                    "UPDATE {t}doitac_api_tokens SET revoked_at = {p} WHERE token_id = {p}"
                ),
                (time.time(), token_id),
            )
        return True


def _token_from_row(row: Any) -> ApiToken:
    return ApiToken(
        token_id=row["token_id"],
        role=row["role"],
        unit=row["unit"],
        label=row["label"],
        created_at=row["created_at"],
        revoked_at=row["revoked_at"],
    )


# -- idempotency keys ------------------------------------------------------------------


@dataclass(frozen=True)
class IdempotencyRecord:
    """One idempotency key of one token. ``status`` and ``body`` stay None until the
    first request with this key has finished."""

    command_id: str
    fingerprint: str
    status: int | None
    body: str | None
    created_at: float


class IdempotencyStore:
    """Idempotency keys per token, kept for ``ttl_seconds`` after their first use.

    Writes here do not wait for the log flush. A key claimed before a command is flushed
    with the command's events, and a lost response is rebuilt on retry from the record
    that the application saves with the events, so a database crash loses no effect."""

    def __init__(self, tables: SqlTables, ttl_seconds: float) -> None:
        self.tables = tables
        self.ttl_seconds = ttl_seconds

    def claim(self, token_id: str, key: str, fingerprint: str) -> tuple[IdempotencyRecord, bool]:
        """Return the live record of this key, creating it when there is none (or it has
        expired). The flag is True when this call created it."""
        now = time.time()
        # One statement inserts a new key or takes over an expired one. It returns no
        # row when a live record exists, so the second statement reads that record.
        claimed = self.tables.run(
            "INSERT INTO {t}doitac_idempotency_keys AS k "
            "(token_id, idempotency_key, fingerprint, command_id, created_at) "
            "VALUES ({p}, {p}, {p}, {p}, {p}) "
            "ON CONFLICT (token_id, idempotency_key) DO UPDATE SET "
            "fingerprint = excluded.fingerprint, command_id = excluded.command_id, "
            "status = NULL, body = NULL, created_at = excluded.created_at "
            "WHERE k.created_at < {p} "
            "RETURNING command_id, fingerprint, status, body, created_at",
            (
                token_id,
                key,
                fingerprint,
                f"http-{secrets.token_hex(16)}",
                now,
                now - self.ttl_seconds,
            ),
            wait_for_flush=False,
        )
        if claimed:
            return _record_from_row(claimed[0]), True
        existing = self.tables.run(
            "SELECT command_id, fingerprint, status, body, created_at "
            "FROM {t}doitac_idempotency_keys WHERE token_id = {p} AND idempotency_key = {p}",
            (token_id, key),
        )
        if not existing:
            # The live record was released between the two statements: claim again.
            return self.claim(token_id, key, fingerprint)
        return _record_from_row(existing[0]), False

    def complete(self, token_id: str, key: str, status: int, body: str) -> None:
        """Store the response that later requests with this key replay."""
        self.tables.run(
            "UPDATE {t}doitac_idempotency_keys SET status = {p}, body = {p} "
            "WHERE token_id = {p} AND idempotency_key = {p}",
            (status, body, token_id, key),
            wait_for_flush=False,
        )

    def release(self, token_id: str, key: str, command_id: str) -> None:
        """Forget an unfinished key whose command wrote nothing, so that it can be retried."""
        self.tables.run(
            "DELETE FROM {t}doitac_idempotency_keys WHERE token_id = {p} "
            "AND idempotency_key = {p} AND command_id = {p} AND status IS NULL",
            (token_id, key, command_id),
            wait_for_flush=False,
        )

    def purge_expired(self) -> None:
        """Delete every expired key; ``claim`` also ignores them, so this only saves space."""
        with self.tables.transaction() as cursor:
            cursor.execute(
                self.tables.sql("DELETE FROM {t}doitac_idempotency_keys WHERE created_at < {p}"),
                (time.time() - self.ttl_seconds,),
            )


def _record_from_row(row: Any) -> IdempotencyRecord:
    return IdempotencyRecord(
        command_id=row["command_id"],
        fingerprint=row["fingerprint"],
        status=row["status"],
        body=row["body"],
        created_at=row["created_at"],
    )
