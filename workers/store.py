"""Notification and report-run tables, kept in the event store's database.

The recorders extend eventsourcing's tracking recorders, so that the notifications
derived from one stored event and the tracking position of that event commit in one
transaction: an event is either fully turned into notifications or not at all.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from eventsourcing.persistence import IntegrityError, Tracking
from eventsourcing.postgres import PostgresDatastore, PostgresRecorder, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteDatastore, SQLiteRecorder, SQLiteTrackingRecorder
from psycopg.sql import SQL, Composed

TRACKING_TABLE = "notifier_tracking"

PENDING = "pending"
SENDING = "sending"
SENT = "sent"
FAILED = "failed"


def notification_key(source: str, recipient: str) -> str:
    """Return the key of the notification of ``source`` to ``recipient``. The address
    enters as a digest, so keys can be logged without personal data."""
    digest = hashlib.sha256(recipient.strip().lower().encode("utf-8")).hexdigest()[:20]
    return f"{source}:{digest}"


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: str

    def to_dict(self) -> dict[str, str]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "content": self.content,
        }


@dataclass(frozen=True)
class PlannedNotification:
    """A rendered message for one recipient, identified by ``key`` (its source and the
    recipient), so that the same notification is never stored or sent twice."""

    key: str
    kind: str
    partnership_id: str
    recipient: str
    subject: str
    body_text: str
    body_html: str
    attachments: tuple[Attachment, ...] = ()


@dataclass(frozen=True)
class NotificationRow:
    key: str
    kind: str
    partnership_id: str
    recipient: str
    subject: str
    body_text: str
    body_html: str
    attachments: list[dict[str, str]]
    state: str
    attempts: int
    created_at: float
    sent_at: float | None
    last_error: str


def _row(values: Mapping[str, Any]) -> NotificationRow:
    return NotificationRow(
        key=values["key"],
        kind=values["kind"],
        partnership_id=values["partnership_id"],
        recipient=values["recipient"],
        subject=values["subject"],
        body_text=values["body_text"],
        body_html=values["body_html"],
        attachments=json.loads(values["attachments"]),
        state=values["state"],
        attempts=values["attempts"],
        created_at=values["created_at"],
        sent_at=values["sent_at"],
        last_error=values["last_error"] or "",
    )


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def execute(self, query: Any, params: Any = ..., /) -> Any: ...

    def fetchall(self) -> Any: ...


class NotificationStore:
    """SQL shared by both databases. Statements use psycopg's ``%(name)s`` parameters;
    the SQLite recorder rewrites them to ``:name``."""

    notifications_table: str
    reports_table: str

    def _transaction(self, *, commit: bool) -> AbstractContextManager[Cursor]:
        raise NotImplementedError

    def _sql(self, statement: str) -> Any:
        return statement

    def _insert_tracking_in(self, cursor: Cursor, tracking: Tracking) -> None:
        raise NotImplementedError

    def _execute_one(self, statement: str, params: dict[str, Any]) -> list[Any]:
        """Run one statement in its own transaction; return the rows it returns."""
        with self._transaction(commit=True) as cursor:
            cursor.execute(self._sql(statement), params)
            return list(cursor.fetchall()) if "RETURNING" in statement else []

    # -- creating notifications --------------------------------------------

    def _insert_notifications(
        self, cursor: Cursor, planned: Sequence[PlannedNotification], now: float
    ) -> list[str]:
        inserted = []
        statement = self._sql(
            f"INSERT INTO {self.notifications_table} (key, kind, partnership_id, recipient, "
            "subject, body_text, body_html, attachments, state, attempts, created_at, "
            "next_attempt_at, last_error) VALUES (%(key)s, %(kind)s, %(partnership_id)s, "
            "%(recipient)s, %(subject)s, %(body_text)s, %(body_html)s, %(attachments)s, "
            "'pending', 0, %(now)s, %(now)s, '') ON CONFLICT (key) DO NOTHING"
        )
        for notification in planned:
            cursor.execute(
                statement,
                {
                    "key": notification.key,
                    "kind": notification.kind,
                    "partnership_id": notification.partnership_id,
                    "recipient": notification.recipient,
                    "subject": notification.subject,
                    "body_text": notification.body_text,
                    "body_html": notification.body_html,
                    "attachments": json.dumps(
                        [a.to_dict() for a in notification.attachments], ensure_ascii=False
                    ),
                    "now": now,
                },
            )
            if cursor.rowcount == 1:
                inserted.append(notification.key)
        return inserted

    def record_processed(
        self, planned: Sequence[PlannedNotification], tracking: Tracking, now: float
    ) -> list[str] | None:
        """Store the notifications derived from one event together with its tracking
        position. Returns the keys inserted, or None when another processor has
        already recorded this position (then nothing is written)."""
        try:
            with self._transaction(commit=True) as cursor:
                self._insert_tracking_in(cursor, tracking)
                return self._insert_notifications(cursor, planned, now)
        except IntegrityError:
            return None

    def insert_notifications(self, planned: Sequence[PlannedNotification], now: float) -> list[str]:
        """Store notifications that come from a scan rather than from one event; keys
        already stored are skipped. Returns the keys inserted."""
        with self._transaction(commit=True) as cursor:
            return self._insert_notifications(cursor, planned, now)

    # -- delivery -----------------------------------------------------------

    def claim(self, keys: Sequence[str], now: float, lease: float) -> list[NotificationRow]:
        """Take the notifications among ``keys`` that are pending and due (or whose
        previous claim has expired) for delivery until ``now + lease``, in one
        transaction. Returns those taken; the others are sent, failed, held by another
        worker or not yet due."""
        if not keys:
            return []
        names = {f"k{index}": key for index, key in enumerate(keys)}
        placeholders = ", ".join(f"%({name})s" for name in names)
        rows = self._execute_one(
            f"UPDATE {self.notifications_table} SET state = 'sending', "
            "attempts = attempts + 1, lease_until = %(lease_until)s "
            f"WHERE key IN ({placeholders}) AND "
            "((state = 'pending' AND next_attempt_at <= %(now)s) "
            "OR (state = 'sending' AND lease_until < %(now)s)) RETURNING *",
            {**names, "now": now, "lease_until": now + lease},
        )
        claimed = {row["key"]: _row(row) for row in rows}
        return [claimed[key] for key in keys if key in claimed]

    def release(self, keys: Sequence[str], next_attempt_at: float) -> None:
        """Return claimed notifications that were not tried to pending, due at
        ``next_attempt_at``, without counting the claim as an attempt."""
        with self._transaction(commit=True) as cursor:
            for key in keys:
                cursor.execute(
                    self._sql(
                        f"UPDATE {self.notifications_table} SET state = 'pending', "
                        "attempts = attempts - 1, lease_until = NULL, next_attempt_at = %(next)s "
                        "WHERE key = %(key)s AND state = 'sending'"
                    ),
                    {"key": key, "next": next_attempt_at},
                )

    def mark_sent(self, key: str, now: float) -> None:
        self._update(key, "state = 'sent', sent_at = %(now)s, lease_until = NULL", now=now)

    def mark_retry(self, key: str, next_attempt_at: float, error: str) -> None:
        self._update(
            key,
            "state = 'pending', next_attempt_at = %(next)s, lease_until = NULL, "
            "last_error = %(error)s",
            next=next_attempt_at,
            error=error,
        )

    def mark_failed(self, key: str, now: float, error: str) -> None:
        self._update(
            key,
            "state = 'failed', failed_at = %(now)s, lease_until = NULL, last_error = %(error)s",
            now=now,
            error=error,
        )

    def mark_enqueued(self, keys: Sequence[str], now: float) -> None:
        with self._transaction(commit=True) as cursor:
            for key in keys:
                cursor.execute(
                    self._sql(
                        f"UPDATE {self.notifications_table} SET enqueued_at = %(now)s "
                        "WHERE key = %(key)s"
                    ),
                    {"key": key, "now": now},
                )

    def _update(self, key: str, assignments: str, **params: Any) -> None:
        self._execute_one(
            f"UPDATE {self.notifications_table} SET {assignments} WHERE key = %(key)s",
            {"key": key, **params},
        )

    def keys_to_enqueue(self, now: float, requeue_after: float, limit: int = 500) -> list[str]:
        """Keys that no queued task is known to cover: pending and due but never
        enqueued or enqueued more than ``requeue_after`` seconds ago, or claimed by a
        worker whose lease has expired (the worker stopped mid-delivery)."""
        with self._transaction(commit=False) as cursor:
            cursor.execute(
                self._sql(
                    f"SELECT key FROM {self.notifications_table} WHERE "
                    "(state = 'pending' AND next_attempt_at <= %(now)s AND "
                    "(enqueued_at IS NULL OR enqueued_at < %(stale)s)) "
                    "OR (state = 'sending' AND lease_until < %(now)s) "
                    "ORDER BY created_at LIMIT %(limit)s"
                ),
                {"now": now, "stale": now - requeue_after, "limit": limit},
            )
            return [row["key"] for row in cursor.fetchall()]

    # -- queries ------------------------------------------------------------

    def get(self, key: str) -> NotificationRow | None:
        rows = self._select("WHERE key = %(key)s", key=key)
        return rows[0] if rows else None

    def list_by_state(self, state: str) -> list[NotificationRow]:
        return self._select("WHERE state = %(state)s ORDER BY created_at", state=state)

    def list_all(self) -> list[NotificationRow]:
        return self._select("ORDER BY created_at")

    def _select(self, where: str, **params: Any) -> list[NotificationRow]:
        with self._transaction(commit=False) as cursor:
            cursor.execute(self._sql(f"SELECT * FROM {self.notifications_table} {where}"), params)
            return [_row(row) for row in cursor.fetchall()]

    # -- scheduled reports --------------------------------------------------

    def claim_report(self, kind: str, unit: str, period: str, now: float) -> bool:
        """Record that the report (kind, unit, period) is being produced. Returns False
        when it was claimed before, by this or any other beat or worker."""
        with self._transaction(commit=True) as cursor:
            cursor.execute(
                self._sql(
                    f"INSERT INTO {self.reports_table} (kind, unit, period, claimed_at, path) "
                    "VALUES (%(kind)s, %(unit)s, %(period)s, %(now)s, '') "
                    "ON CONFLICT (kind, unit, period) DO NOTHING"
                ),
                {"kind": kind, "unit": unit, "period": period, "now": now},
            )
            return cursor.rowcount == 1

    def record_report_output(self, kind: str, unit: str, period: str, path: str) -> None:
        with self._transaction(commit=True) as cursor:
            cursor.execute(
                self._sql(
                    f"UPDATE {self.reports_table} SET path = %(path)s WHERE kind = %(kind)s "
                    "AND unit = %(unit)s AND period = %(period)s"
                ),
                {"kind": kind, "unit": unit, "period": period, "path": path},
            )

    def release_report(self, kind: str, unit: str, period: str) -> None:
        with self._transaction(commit=True) as cursor:
            cursor.execute(
                self._sql(
                    f"DELETE FROM {self.reports_table} WHERE kind = %(kind)s "
                    "AND unit = %(unit)s AND period = %(period)s AND path = ''"
                ),
                {"kind": kind, "unit": unit, "period": period},
            )

    def list_reports(self) -> list[dict[str, Any]]:
        with self._transaction(commit=False) as cursor:
            cursor.execute(
                self._sql(f"SELECT * FROM {self.reports_table} ORDER BY kind, unit, period")
            )
            return [dict(row) for row in cursor.fetchall()]


NOTIFICATION_COLUMNS = (
    "key TEXT PRIMARY KEY, kind TEXT NOT NULL, partnership_id TEXT NOT NULL, "
    "recipient TEXT NOT NULL, subject TEXT NOT NULL, body_text TEXT NOT NULL, "
    "body_html TEXT NOT NULL, attachments TEXT NOT NULL, state TEXT NOT NULL, "
    "attempts INTEGER NOT NULL, created_at {real} NOT NULL, next_attempt_at {real} NOT NULL, "
    "enqueued_at {real}, lease_until {real}, sent_at {real}, failed_at {real}, "
    "last_error TEXT"
)
REPORT_COLUMNS = (
    "kind TEXT NOT NULL, unit TEXT NOT NULL, period TEXT NOT NULL, claimed_at {real} NOT NULL, "
    "path TEXT NOT NULL, PRIMARY KEY (kind, unit, period)"
)
NAMED_PARAMETER = re.compile(r"%\((\w+)\)s")


class SQLiteNotificationRecorder(SQLiteTrackingRecorder, NotificationStore):
    """Tracking, notifications and report runs in the SQLite event store file.

    The library's SQLite tracking table has a fixed name and one row per upstream
    application, which a read-model projection of the same file may also use, so
    this recorder keeps its position in a table of its own."""

    notifications_table = "notifications"
    reports_table = "report_runs"

    def __init__(self, datastore: SQLiteDatastore) -> None:
        super().__init__(datastore)
        self.insert_tracking_statement = (
            f"INSERT INTO {TRACKING_TABLE} VALUES (:application_name, :notification_id) "
            "ON CONFLICT (application_name) DO UPDATE SET notification_id = :notification_id "
            f"WHERE {TRACKING_TABLE}.notification_id < :notification_id "
            "RETURNING notification_id"
        )
        self.select_max_tracking_id_statement = (
            f"SELECT MAX(notification_id) FROM {TRACKING_TABLE} WHERE application_name=?"
        )

    def construct_create_table_statements(self) -> list[str]:
        statements = SQLiteRecorder.construct_create_table_statements(self)
        return [
            *statements,
            f"CREATE TABLE IF NOT EXISTS {TRACKING_TABLE} (application_name TEXT, "
            "notification_id INTEGER, PRIMARY KEY (application_name)) WITHOUT ROWID",
            "CREATE TABLE IF NOT EXISTS notifications "
            f"({NOTIFICATION_COLUMNS.format(real='REAL')})",
            "CREATE INDEX IF NOT EXISTS notifications_state ON notifications (state)",
            f"CREATE TABLE IF NOT EXISTS report_runs ({REPORT_COLUMNS.format(real='REAL')})",
        ]

    @contextmanager
    def _transaction(self, *, commit: bool) -> Iterator[Cursor]:
        # The library's cursor wrapper hides ``rowcount``, so use the sqlite3 cursor.
        with self.datastore.transaction(commit=commit) as cursor:
            yield cursor.sqlite_cursor

    def _sql(self, statement: str) -> Any:
        return NAMED_PARAMETER.sub(r":\1", statement)

    def _insert_tracking_in(self, cursor: Cursor, tracking: Tracking) -> None:
        self._insert_tracking(cursor, tracking)  # type: ignore[arg-type]


class PostgresNotificationRecorder(PostgresTrackingRecorder, NotificationStore):
    """Tracking, notifications and report runs in the PostgreSQL event store schema."""

    def __init__(self, datastore: PostgresDatastore) -> None:
        super().__init__(datastore, tracking_table_name=TRACKING_TABLE)
        schema = datastore.schema.replace('"', '""')
        self.notifications_table = f'"{schema}".notifications'
        self.reports_table = f'"{schema}".report_runs'
        self.sql_create_statements.extend(
            [
                _composed(
                    f"CREATE TABLE IF NOT EXISTS {self.notifications_table} "
                    f"({NOTIFICATION_COLUMNS.format(real='DOUBLE PRECISION')})"
                ),
                _composed(
                    "CREATE INDEX IF NOT EXISTS notifications_state "
                    f"ON {self.notifications_table} (state)"
                ),
                _composed(
                    f"CREATE TABLE IF NOT EXISTS {self.reports_table} "
                    f"({REPORT_COLUMNS.format(real='DOUBLE PRECISION')})"
                ),
            ]
        )

    def _transaction(self, *, commit: bool) -> AbstractContextManager[Any]:
        return self.datastore.transaction(commit=commit)

    def _insert_tracking_in(self, cursor: Cursor, tracking: Tracking) -> None:
        self._insert_tracking(cursor, tracking)  # type: ignore[arg-type]

    def _execute_one(self, statement: str, params: dict[str, Any]) -> list[Any]:
        # The library's pool hands out autocommit connections: one statement is one
        # round trip, without BEGIN and COMMIT.
        with self.datastore.get_connection() as connection:
            cursor = connection.execute(statement, params)
            return list(cursor.fetchall()) if "RETURNING" in statement else []


def _composed(statement: str) -> Composed:
    return SQL(statement).format()


def build_recorder(
    application_recorder: object,
) -> SQLiteNotificationRecorder | PostgresNotificationRecorder:
    """Build the recorder on the datastore of the application's event store and create
    its tables."""
    recorder: SQLiteNotificationRecorder | PostgresNotificationRecorder
    if isinstance(application_recorder, SQLiteRecorder):
        recorder = SQLiteNotificationRecorder(application_recorder.datastore)
    elif isinstance(application_recorder, PostgresRecorder):
        recorder = PostgresNotificationRecorder(application_recorder.datastore)
    else:
        raise TypeError(f"unsupported event store {type(application_recorder).__name__}")
    recorder.create_table()
    return recorder
