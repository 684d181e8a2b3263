"""Storage of the aggregate-states read model: the library's tracking recorders for SQLite
and PostgreSQL, extended with the rows table. The rows of a batch and its tracking
position are written in one transaction."""

from __future__ import annotations

import json
import uuid
import zlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from eventsourcing.persistence import Tracking, TrackingRecorder
from eventsourcing.postgres import PostgresDatastore, PostgresTrackingRecorder
from eventsourcing.sqlite import SQLiteCursor, SQLiteDatastore, SQLiteTrackingRecorder
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composed, Identifier

from application.errors import ApplicationError

STATES_TABLE = "aggregate_states"
PROGRESS_TABLE = "aggregate_states_progress"


class ProjectionConflictError(ApplicationError):
    """Another runner moved the projection's position while this batch was computed."""

    code = "projection_conflict"


@dataclass(frozen=True)
class StoredRow:
    """One row of the read model as stored: the encoded aggregate state of one year."""

    aggregate_id: uuid.UUID
    year: int
    kind: str
    version: int
    topic: str
    state: bytes
    events: list[tuple[int, str]]
    first_on: date | None = None


def _encode_events(events: list[tuple[int, str]]) -> str:
    # The same text as json.dumps(events, separators=(",", ":")), built directly because
    # every row of a batch needs it. Versions are ints and digests are SHA-256 hex, so no
    # character needs escaping.
    return "[" + ",".join(f'[{int(version)},"{digest}"]' for version, digest in events) + "]"


def _decode_events(text: str) -> list[tuple[int, str]]:
    return [(int(version), str(digest)) for version, digest in json.loads(text)]


def _check_position(expected: int | None, current: int | None) -> None:
    if (expected or 0) != (current or 0):
        raise ProjectionConflictError(
            f"Vị trí của bảng đọc đã đổi từ {expected or 0} thành {current or 0} trong khi "
            "đang xử lý; lô này được bỏ và sẽ xử lý lại.",
        )


# An advisory lock key, constant for this read model, that serialises batch writers.
_ADVISORY_LOCK_KEY = zlib.crc32(STATES_TABLE.encode("ascii"))
_CREATE_LOCK_KEY = zlib.crc32(f"{STATES_TABLE}:create".encode("ascii"))


class StatesRecorder(TrackingRecorder, ABC):
    """The read model's rows and its tracking position."""

    @abstractmethod
    def select_rows(self, aggregate_ids: Iterable[uuid.UUID]) -> list[StoredRow]:
        """Return every year row of the given aggregates."""

    @abstractmethod
    def select_states(self, application_name: str, year: int | None) -> tuple[int, list[StoredRow]]:
        """Return the tracking position and, for each aggregate, its row in force at the
        end of ``year`` (the latest row when None), read from one snapshot."""

    @abstractmethod
    def write_batch(
        self,
        rows: Sequence[StoredRow],
        expected_position: int | None,
        tracking: Tracking,
        events_applied: int,
    ) -> None:
        """Write changed rows and the new tracking position in one transaction. Raises
        ProjectionConflictError when the position is no longer ``expected_position``."""

    @abstractmethod
    def events_applied(self) -> int:
        """Return how many events have been folded in since the last rebuild."""

    @abstractmethod
    def clear(self, application_name: str) -> None:
        """Delete every row and the tracking position, in one transaction."""

    @abstractmethod
    def close(self) -> None:
        """Close the recorder's database connections."""


def _row_from_record(record: Any) -> StoredRow:
    return StoredRow(
        aggregate_id=uuid.UUID(str(record["aggregate_id"])),
        year=int(record["year"]),
        kind=str(record["kind"]),
        version=int(record["version"]),
        topic=str(record["topic"]),
        state=bytes(record["state"]),
        events=_decode_events(record["events"]),
        first_on=date.fromisoformat(record["first_on"]) if record["first_on"] else None,
    )


_LATEST_ROWS = (
    "SELECT s.* FROM {t} s JOIN ("
    "SELECT aggregate_id, MAX(year) AS year FROM {t} WHERE year <= {p} "
    "GROUP BY aggregate_id) m ON s.aggregate_id = m.aggregate_id AND s.year = m.year "
    "ORDER BY s.aggregate_id"
)

# A year beyond any business date, standing for "the latest row".
_NO_YEAR_LIMIT = 9999


class SQLiteStatesRecorder(SQLiteTrackingRecorder, StatesRecorder):
    def __init__(self, datastore: SQLiteDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)

    def construct_create_table_statements(self) -> list[str]:
        statements = super().construct_create_table_statements()
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {STATES_TABLE} ("
            "aggregate_id TEXT NOT NULL, year INTEGER NOT NULL, kind TEXT NOT NULL, "
            "version INTEGER NOT NULL, topic TEXT NOT NULL, state BLOB NOT NULL, "
            "events TEXT NOT NULL, first_on TEXT, PRIMARY KEY (aggregate_id, year))"
        )
        statements.append(
            f"CREATE INDEX IF NOT EXISTS {STATES_TABLE}_kind_year ON {STATES_TABLE} (kind, year)"
        )
        statements.append(
            f"CREATE TABLE IF NOT EXISTS {PROGRESS_TABLE} ("
            "name TEXT PRIMARY KEY, events_applied INTEGER NOT NULL) WITHOUT ROWID"
        )
        return statements

    def select_rows(self, aggregate_ids: Iterable[uuid.UUID]) -> list[StoredRow]:
        ids = [str(i) for i in aggregate_ids]
        rows: list[StoredRow] = []
        if not ids:
            return rows
        with self.datastore.transaction(commit=False) as c:
            # SQLite limits the number of bound parameters, so ids go in chunks.
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ",".join("?" * len(chunk))
                c.execute(f"SELECT * FROM {STATES_TABLE} WHERE aggregate_id IN ({marks})", chunk)
                rows.extend(_row_from_record(r) for r in c.fetchall())
        return rows

    def select_states(self, application_name: str, year: int | None) -> tuple[int, list[StoredRow]]:
        statement = _LATEST_ROWS.format(t=STATES_TABLE, p="?")
        with self.datastore.transaction(commit=False) as c:
            position = self._max_tracking_id(application_name, c) or 0
            c.execute(statement, (_NO_YEAR_LIMIT if year is None else year,))
            return position, [_row_from_record(r) for r in c.fetchall()]

    def write_batch(
        self,
        rows: Sequence[StoredRow],
        expected_position: int | None,
        tracking: Tracking,
        events_applied: int,
    ) -> None:
        with self.datastore.transaction(commit=True) as c:
            # SQLite lets one writer in at a time. In WAL mode it rejects the first write of
            # a transaction whose read is older than another writer's commit, so a batch
            # checked against a stale position cannot commit.
            _check_position(expected_position, self._max_tracking_id(tracking.application_name, c))
            self._insert_tracking(c, tracking)
            self._upsert(c, rows)
            c.execute(
                f"INSERT INTO {PROGRESS_TABLE} VALUES ('events', ?) ON CONFLICT (name) "
                "DO UPDATE SET events_applied = events_applied + excluded.events_applied",
                (events_applied,),
            )

    def _upsert(self, c: SQLiteCursor, rows: Sequence[StoredRow]) -> None:
        c.executemany(
            f"INSERT OR REPLACE INTO {STATES_TABLE} VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    str(r.aggregate_id),
                    r.year,
                    r.kind,
                    r.version,
                    r.topic,
                    r.state,
                    _encode_events(r.events),
                    r.first_on.isoformat() if r.first_on else None,
                )
                for r in rows
            ],
        )

    def events_applied(self) -> int:
        with self.datastore.transaction(commit=False) as c:
            c.execute(f"SELECT events_applied FROM {PROGRESS_TABLE} WHERE name = 'events'")
            record = c.fetchone()
            return int(record[0]) if record else 0

    def clear(self, application_name: str) -> None:
        with self.datastore.transaction(commit=True) as c:
            c.execute(f"DELETE FROM {STATES_TABLE}")
            c.execute(f"DELETE FROM {PROGRESS_TABLE}")
            c.execute("DELETE FROM tracking WHERE application_name = ?", (application_name,))

    def close(self) -> None:
        self.datastore.close()


class PostgresStatesRecorder(PostgresTrackingRecorder, StatesRecorder):
    def __init__(self, datastore: PostgresDatastore, **kwargs: Any) -> None:
        super().__init__(datastore, **kwargs)
        schema = Identifier(self.datastore.schema)
        self.states_table: Composed = SQL("{0}.{1}").format(schema, Identifier(STATES_TABLE))
        self.progress_table: Composed = SQL("{0}.{1}").format(schema, Identifier(PROGRESS_TABLE))
        self.tracking_table: Composed = SQL("{0}.{1}").format(
            schema, Identifier(self.tracking_table_name)
        )
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {0} ("
                "aggregate_id uuid NOT NULL, year integer NOT NULL, kind text NOT NULL, "
                "version bigint NOT NULL, topic text NOT NULL, state bytea NOT NULL, "
                "events text NOT NULL, first_on text, PRIMARY KEY (aggregate_id, year))"
            ).format(self.states_table)
        )
        self.sql_create_statements.append(
            SQL("CREATE INDEX IF NOT EXISTS {0} ON {1} (kind, year)").format(
                Identifier(f"{STATES_TABLE}_kind_year"), self.states_table
            )
        )
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {0} (name text PRIMARY KEY, events_applied bigint "
                "NOT NULL)"
            ).format(self.progress_table)
        )

    def _create_table(self, curs: Cursor[DictRow]) -> None:
        # Processes that start together (Celery workers, for example) would otherwise race
        # on CREATE TABLE IF NOT EXISTS, which PostgreSQL rejects with a duplicate type.
        curs.execute("SELECT pg_advisory_xact_lock(%s)", (_CREATE_LOCK_KEY,))
        curs.execute(
            "SELECT to_regclass(quote_ident(%s) || '.' || quote_ident(%s)) IS NOT NULL AS present",
            (self.datastore.schema, self.tracking_table_name),
        )
        record = curs.fetchone()
        if record is not None and record["present"]:
            # Created by another process after this one looked: skip the first-time setup.
            self.tracking_table_exists = True
            migration = self._max_tracking_id(self.table_migration_identifier, curs)
            self.tracking_migration_previous = self.tracking_migration_current = migration
        super()._create_table(curs)

    def select_rows(self, aggregate_ids: Iterable[uuid.UUID]) -> list[StoredRow]:
        ids = list(aggregate_ids)
        if not ids:
            return []
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                SQL("SELECT * FROM {0} WHERE aggregate_id = ANY(%s)").format(self.states_table),
                (ids,),
            )
            return [_row_from_record(r) for r in curs.fetchall()]

    def select_states(self, application_name: str, year: int | None) -> tuple[int, list[StoredRow]]:
        statement = SQL(_LATEST_ROWS.replace("{p}", "%s")).format(t=self.states_table)
        with self.datastore.transaction(commit=False) as curs:
            # One snapshot for both reads, so the rows match the position stated with them.
            curs.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            position = self._max_tracking_id(application_name, curs) or 0
            curs.execute(statement, (_NO_YEAR_LIMIT if year is None else year,))
            return position, [_row_from_record(r) for r in curs.fetchall()]

    def write_batch(
        self,
        rows: Sequence[StoredRow],
        expected_position: int | None,
        tracking: Tracking,
        events_applied: int,
    ) -> None:
        with self.datastore.transaction(commit=True) as curs:
            # The advisory lock lasts until commit, so two runners never interleave here.
            curs.execute("SELECT pg_advisory_xact_lock(%s)", (_ADVISORY_LOCK_KEY,))
            current = self._max_tracking_id(tracking.application_name, curs)
            _check_position(expected_position, current)
            self._insert_tracking(curs, tracking)
            self._upsert(curs, rows)
            curs.execute(
                SQL(
                    "INSERT INTO {0} VALUES ('events', %s) ON CONFLICT (name) DO UPDATE "
                    "SET events_applied = {0}.events_applied + EXCLUDED.events_applied"
                ).format(self.progress_table),
                (events_applied,),
            )

    def _upsert(self, curs: Cursor[DictRow], rows: Sequence[StoredRow]) -> None:
        # One statement over arrays, so a batch costs one round trip instead of one per row.
        # Binary parameters (%b) spare psycopg the quoting of every array element as text,
        # and the states their hexadecimal text form.
        curs.execute(
            SQL(
                "INSERT INTO {0} SELECT * FROM unnest("
                "%b::uuid[], %b::integer[], %b::text[], %b::bigint[], %b::text[], "
                "%b::bytea[], %b::text[], %b::text[]) "
                "ON CONFLICT (aggregate_id, year) DO UPDATE SET kind = EXCLUDED.kind, "
                "version = EXCLUDED.version, topic = EXCLUDED.topic, "
                "state = EXCLUDED.state, events = EXCLUDED.events, "
                "first_on = EXCLUDED.first_on"
            ).format(self.states_table),
            (
                [r.aggregate_id for r in rows],
                [r.year for r in rows],
                [r.kind for r in rows],
                [r.version for r in rows],
                [r.topic for r in rows],
                [r.state for r in rows],
                [_encode_events(r.events) for r in rows],
                [r.first_on.isoformat() if r.first_on else None for r in rows],
            ),
        )

    def events_applied(self) -> int:
        with self.datastore.transaction(commit=False) as curs:
            curs.execute(
                SQL("SELECT events_applied FROM {0} WHERE name = 'events'").format(
                    self.progress_table
                )
            )
            record = curs.fetchone()
            return int(record["events_applied"]) if record else 0

    def clear(self, application_name: str) -> None:
        with self.datastore.transaction(commit=True) as curs:
            curs.execute("SELECT pg_advisory_xact_lock(%s)", (_ADVISORY_LOCK_KEY,))
            curs.execute(SQL("DELETE FROM {0}").format(self.states_table))
            curs.execute(SQL("DELETE FROM {0}").format(self.progress_table))
            curs.execute(
                SQL("DELETE FROM {0} WHERE application_name = %s").format(self.tracking_table),
                (application_name,),
            )

    def close(self) -> None:
        self.datastore.close()
