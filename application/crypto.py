"""Personal data at rest: one data key per partner, wrapped by a master key, so that
erasing a partner's keys (crypto-shredding) makes its people's data unreadable while
the stored events, and so the hash chain, stay unchanged.

The names, phone numbers and e-mail addresses of contact persons and focal points, and
the names of partners' signatories, are sealed with AES-GCM (eventsourcing's
``AESCipher``). Data keys live in the table ``doitac_personal_data_keys`` beside the
events, encrypted with the master key, which comes from settings (an environment
variable or a key file), never from the code.
"""

from __future__ import annotations

import base64
import json
import logging
import os
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventsourcing.cryptography import AESCipher
from eventsourcing.persistence import Transcoding
from eventsourcing.utils import Environment

logger = logging.getLogger(__name__)

ERASED_TEXT = "[đã xoá]"
SEALED_FIELDS = ("name", "phone", "email")
KEY_TABLE = "doitac_personal_data_keys"
KEY_BYTES = 32
# A process stops using a key erased by another process within this many seconds,
# because it drops the keys it cached after that long.
KEY_CACHE_SECONDS = 60.0


class MasterKeyError(ValueError):
    """The master key is missing, malformed, or not the one the data keys were wrapped with."""


def _cipher(key: bytes) -> AESCipher:
    return AESCipher(Environment(env={AESCipher.CIPHER_KEY: base64.b64encode(key).decode()}))


def load_master_key(key_text: str | None, key_file: Path) -> bytes:
    """Return the master key from ``key_text`` (base64 of 32 bytes) or else from
    ``key_file``. A key file that does not exist yet is created with a new random key,
    readable by its owner only."""
    if key_text:
        return _decode_master_key(key_text, "DOITAC_MASTER_KEY")
    if not key_file.exists():
        _create_key_file(key_file)
    return _decode_master_key(key_file.read_text(encoding="ascii").strip(), str(key_file))


def _create_key_file(key_file: Path) -> None:
    """Write a new random key to ``key_file`` unless another process got there first.

    The key is written to a private temporary file and then hard-linked into place, so
    processes starting together never read a half-written key file."""
    key_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary_name = tempfile.mkstemp(prefix=f".{key_file.name}.", dir=key_file.parent)
    temporary = Path(temporary_name)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(AESCipher.create_key(KEY_BYTES) + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    try:
        os.link(temporary, key_file)
    except FileExistsError:
        return
    finally:
        temporary.unlink()
    logger.warning("master key file created path=%s", key_file)


def _decode_master_key(text: str, source: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except ValueError:
        raise MasterKeyError(f"{source}: khoá chủ không phải chuỗi base64 hợp lệ.") from None
    if len(key) != KEY_BYTES:
        raise MasterKeyError(f"{source}: khoá chủ phải dài {KEY_BYTES} byte, có {len(key)}.")
    return key


@dataclass(frozen=True)
class SealedPerson:
    """A person's record with its name, phone and e-mail (those of them it has)
    encrypted under one data key, and its other fields, such as the title, in clear."""

    key_id: str
    clear_fields: dict[str, Any]
    box: bytes
    sealed_names: tuple[str, ...] = SEALED_FIELDS


class KeyTable:
    """SQL access to the data key table, on the event store's own SQLite or PostgreSQL
    datastore."""

    def __init__(self, datastore: Any) -> None:
        self.datastore = datastore
        module = type(datastore).__module__
        self.postgres = module == "eventsourcing.postgres"
        if self.postgres:
            schema = str(datastore.schema).replace('"', '""')
            self.table = f'"{schema}".{KEY_TABLE}'
        else:
            self.table = KEY_TABLE

    @contextmanager
    def cursor(self, *, commit: bool) -> Iterator[Any]:
        with self.datastore.transaction(commit=commit) as cursor:
            yield cursor

    def sql(self, statement: str) -> str:
        statement = statement.replace("{table}", self.table)
        return statement.replace("?", "%s") if self.postgres else statement

    def create(self) -> None:
        blob = "BYTEA" if self.postgres else "BLOB"
        with self.cursor(commit=True) as cursor:
            cursor.execute(
                self.sql(
                    "CREATE TABLE IF NOT EXISTS {table} (key_id TEXT PRIMARY KEY, "
                    f"owner TEXT NOT NULL, wrapped_key {blob}, created_at TEXT NOT NULL, "
                    "erased_at TEXT)"
                )
            )
            cursor.execute(
                self.sql(f"CREATE INDEX IF NOT EXISTS {KEY_TABLE}_owner ON {{table}} (owner)")
            )

    def insert(self, key_id: str, owner: str, wrapped: bytes) -> None:
        with self.cursor(commit=True) as cursor:
            cursor.execute(
                self.sql(
                    "INSERT INTO {table} (key_id, owner, wrapped_key, created_at) "
                    "VALUES (?, ?, ?, ?)"
                ),
                (key_id, owner, wrapped, datetime.now(UTC).isoformat()),
            )

    def select(self, key_id: str) -> tuple[bytes | None, bool] | None:
        """Return (wrapped key, erased) for a key id, or None when no such key exists."""
        with self.cursor(commit=False) as cursor:
            cursor.execute(
                self.sql("SELECT wrapped_key, erased_at FROM {table} WHERE key_id = ?"),
                (key_id,),
            )
            row = cursor.fetchone()
        if row is None:
            return None
        wrapped = row["wrapped_key"]
        return (bytes(wrapped) if wrapped is not None else None), row["erased_at"] is not None

    def select_active(self, owner: str) -> tuple[str, bytes] | None:
        with self.cursor(commit=False) as cursor:
            cursor.execute(
                self.sql(
                    "SELECT key_id, wrapped_key FROM {table} WHERE owner = ? "
                    "AND erased_at IS NULL ORDER BY created_at DESC, key_id LIMIT 1"
                ),
                (owner,),
            )
            row = cursor.fetchone()
        if row is None:
            return None
        return str(row["key_id"]), bytes(row["wrapped_key"])

    def erase(self, owner: str) -> int:
        with self.cursor(commit=True) as cursor:
            # The library's SQLite cursor has no rowcount, so count in the same transaction.
            cursor.execute(
                self.sql(
                    "SELECT COUNT(*) AS keys FROM {table} WHERE owner = ? AND erased_at IS NULL"
                ),
                (owner,),
            )
            count = int(cursor.fetchone()["keys"])
            cursor.execute(
                self.sql(
                    "UPDATE {table} SET wrapped_key = NULL, erased_at = ? "
                    "WHERE owner = ? AND erased_at IS NULL"
                ),
                (datetime.now(UTC).isoformat(), owner),
            )
            return count


class Keyring:
    """Creates, finds and erases the data keys of owners (a partner's id, or a
    partnership's id for the customs side's focal points), and seals and opens
    personal data with them."""

    def __init__(self, master_key: bytes) -> None:
        self._master = _cipher(master_key)
        self._table: KeyTable | None = None
        self._keys: dict[str, tuple[bytes | None, float]] = {}
        self._active: dict[str, tuple[str, bytes, float]] = {}
        self._lock = threading.Lock()

    def attach(self, datastore: Any) -> None:
        """Use the key table in ``datastore``, creating it when missing."""
        self._table = KeyTable(datastore)
        self._table.create()

    @property
    def table(self) -> KeyTable:
        if self._table is None:
            raise RuntimeError("keyring used before attach()")
        return self._table

    def seal(self, owner: str, person: dict[str, Any]) -> SealedPerson | dict[str, Any]:
        """Encrypt a person's name, phone and e-mail under the owner's current data key.
        A record whose data was already erased is returned as it is."""
        if person.get("erased"):
            return person
        key_id, key = self._active_key(owner)
        secret = {name: person[name] for name in SEALED_FIELDS if name in person}
        clear_fields = {name: value for name, value in person.items() if name not in SEALED_FIELDS}
        plaintext = json.dumps(secret, ensure_ascii=False).encode("utf-8")
        return SealedPerson(key_id, clear_fields, _cipher(key).encrypt(plaintext), tuple(secret))

    def open(self, sealed: SealedPerson) -> dict[str, Any]:
        """Decrypt a sealed record. When its key was erased (or is missing), return the
        record with the name shown as erased, no phone or e-mail, and ``erased`` set."""
        key = self._key(sealed.key_id)
        if key is None:
            erased = {name: ERASED_TEXT if name == "name" else None for name in sealed.sealed_names}
            return {**sealed.clear_fields, **erased, "erased": True}
        secret = json.loads(_cipher(key).decrypt(sealed.box))
        return {**sealed.clear_fields, **secret}

    def erase(self, owner: str) -> int:
        """Erase every data key of ``owner`` and return how many keys were erased."""
        count = self.table.erase(owner)
        with self._lock:
            self._active.pop(owner, None)
            self._keys.clear()
        logger.info("personal data keys erased owner=%s keys=%s", owner, count)
        return count

    def _active_key(self, owner: str) -> tuple[str, bytes]:
        now = time.monotonic()
        with self._lock:
            cached = self._active.get(owner)
        if cached is not None and now - cached[2] < KEY_CACHE_SECONDS:
            return cached[0], cached[1]
        found = self.table.select_active(owner)
        if found is not None:
            key_id, key = found[0], self._unwrap(found[0], found[1])
        else:
            key_id = uuid.uuid4().hex
            key = os.urandom(KEY_BYTES)
            self.table.insert(key_id, owner, self._master.encrypt(key))
            logger.info("personal data key created owner=%s key_id=%s", owner, key_id)
        with self._lock:
            self._active[owner] = (key_id, key, now)
            self._keys[key_id] = (key, now)
        return key_id, key

    def _key(self, key_id: str) -> bytes | None:
        now = time.monotonic()
        with self._lock:
            cached = self._keys.get(key_id)
        if cached is not None and now - cached[1] < KEY_CACHE_SECONDS:
            return cached[0]
        found = self.table.select(key_id)
        key: bytes | None = None
        if found is None:
            logger.warning("personal data key not found key_id=%s", key_id)
        elif found[0] is not None and not found[1]:
            key = self._unwrap(key_id, found[0])
        with self._lock:
            self._keys[key_id] = (key, now)
        return key

    def _unwrap(self, key_id: str, wrapped: bytes) -> bytes:
        try:
            return self._master.decrypt(wrapped)
        except ValueError:
            logger.error("data key cannot be unwrapped with the master key key_id=%s", key_id)
            raise MasterKeyError(
                "Khoá chủ không mở được khoá dữ liệu cá nhân đã lưu: hãy đặt đúng "
                "DOITAC_MASTER_KEY hoặc DOITAC_KEY_FILE đã dùng khi ghi dữ liệu."
            ) from None


class SealedPersonAsDict(Transcoding):
    """Stores a ``SealedPerson`` as {key, clear, box}. Loading opens it with the keyring,
    so readers receive the person's record (or its erased form)."""

    type = SealedPerson
    name = "doitac_sealed_person"

    def __init__(self, keyring: Keyring) -> None:
        self.keyring = keyring

    def encode(self, obj: SealedPerson) -> dict[str, Any]:
        return {
            "key": obj.key_id,
            "clear": obj.clear_fields,
            "names": list(obj.sealed_names),
            "box": base64.b64encode(obj.box).decode(),
        }

    def decode(self, data: dict[str, Any]) -> dict[str, Any]:
        sealed = SealedPerson(
            str(data["key"]),
            dict(data["clear"]),
            base64.b64decode(data["box"]),
            tuple(data["names"]),
        )
        return self.keyring.open(sealed)
