"""Direct edits of the stored event rows, as someone with database access could make
them, on SQLite and on PostgreSQL: the cases the hash chain must reveal."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import psycopg


class StoreEditor:
    """Runs SQL on the events table behind a ``DOITAC_DATABASE_URL``."""

    def __init__(self, database_url: str, app_name: str = "doitac") -> None:
        url = urlsplit(database_url)
        self.postgres = url.scheme.startswith("postgres")
        if self.postgres:
            schema = parse_qs(url.query)["schema"][0]
            self.conninfo = (
                f"host={url.hostname} port={url.port} dbname={url.path.lstrip('/')} "
                f"user={url.username}"
            )
            self.table = f'"{schema}".{app_name}_events'
            self.keys_table = f'"{schema}".doitac_personal_data_keys'
        else:
            self.path = unquote(url.path[1:])
            self.table = "stored_events"
            self.keys_table = "doitac_personal_data_keys"

    @contextmanager
    def _cursor(self) -> Iterator[Any]:
        if self.postgres:
            with psycopg.connect(self.conninfo, autocommit=False) as connection:
                with connection.cursor() as cursor:
                    yield cursor
                connection.commit()
        else:
            connection = sqlite3.connect(self.path, timeout=10)
            try:
                yield connection.cursor()
                connection.commit()
            finally:
                connection.close()

    def _sql(self, statement: str) -> str:
        statement = statement.replace("{table}", self.table).replace("{keys}", self.keys_table)
        return statement.replace("?", "%s") if self.postgres else statement

    def _id(self, originator_id: uuid.UUID) -> Any:
        return originator_id if self.postgres else originator_id.hex

    def rows(self, originator_id: uuid.UUID) -> list[tuple[int, str, bytes]]:
        with self._cursor() as cursor:
            cursor.execute(
                self._sql(
                    "SELECT originator_version, topic, state FROM {table} "
                    "WHERE originator_id = ? ORDER BY originator_version"
                ),
                (self._id(originator_id),),
            )
            return [(int(v), str(t), bytes(s)) for v, t, s in cursor.fetchall()]

    def set_state(self, originator_id: uuid.UUID, version: int, state: bytes) -> None:
        with self._cursor() as cursor:
            cursor.execute(
                self._sql(
                    "UPDATE {table} SET state = ? "
                    "WHERE originator_id = ? AND originator_version = ?"
                ),
                (state, self._id(originator_id), version),
            )
            assert cursor.rowcount == 1

    def delete(self, originator_id: uuid.UUID, version: int) -> None:
        with self._cursor() as cursor:
            cursor.execute(
                self._sql("DELETE FROM {table} WHERE originator_id = ? AND originator_version = ?"),
                (self._id(originator_id), version),
            )
            assert cursor.rowcount == 1

    def renumber(self, originator_id: uuid.UUID, old: int, new: int) -> None:
        with self._cursor() as cursor:
            cursor.execute(
                self._sql(
                    "UPDATE {table} SET originator_version = ? "
                    "WHERE originator_id = ? AND originator_version = ?"
                ),
                (new, self._id(originator_id), old),
            )
            assert cursor.rowcount == 1

    def swap(self, originator_id: uuid.UUID, first: int, second: int) -> None:
        """Exchange the positions of two events of a stream."""
        self.renumber(originator_id, first, -1)
        self.renumber(originator_id, second, first)
        self.renumber(originator_id, -1, second)

    def insert(self, originator_id: uuid.UUID, version: int, topic: str, state: bytes) -> None:
        with self._cursor() as cursor:
            cursor.execute(
                self._sql(
                    "INSERT INTO {table} (originator_id, originator_version, topic, state) "
                    "VALUES (?, ?, ?, ?)"
                ),
                (self._id(originator_id), version, topic, state),
            )

    def insert_between(self, originator_id: uuid.UUID, after: int) -> None:
        """Shift the events after ``after`` up by one and insert a copy of event ``after``
        in the gap, as a forged step would be slipped in."""
        rows = self.rows(originator_id)
        for version, _, _ in sorted(rows, reverse=True):
            if version > after:
                self.renumber(originator_id, version, version + 1)
        _, topic, state = next(row for row in rows if row[0] == after)
        self.insert(originator_id, after + 1, topic, state)

    def key_rows(self) -> list[tuple[str, str, bytes | None, str | None]]:
        with self._cursor() as cursor:
            cursor.execute(self._sql("SELECT key_id, owner, wrapped_key, erased_at FROM {keys}"))
            return [
                (str(k), str(o), bytes(w) if w is not None else None, e)
                for k, o, w, e in cursor.fetchall()
            ]

    def snapshot_rows(self) -> list[bytes]:
        table = self.table.replace("_events", "_snapshots") if self.postgres else "stored_snapshots"
        with self._cursor() as cursor:
            cursor.execute(f"SELECT state FROM {table}")
            return [bytes(state) for (state,) in cursor.fetchall()]
