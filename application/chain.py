"""The per-stream hash chain that makes changes to stored events evident.

Each stored event of a stream (one aggregate) carries the SHA-256 of its stream id,
version, topic and stored content, followed by the previous event's hash (32 zero bytes
for version 1). The hash rides at the end of the stored JSON object as the key
``_chain``, so the state stays valid JSON; the mapper strips it before decoding, and
readers that load events through the application never see it.

A chain alone shows that a stream was edited, unless the editor also recomputed every
later hash. Comparing a stream's head hash with one published earlier (the
digest of a partner list edition or of an audit export) catches that case too.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    AggregateRecorder,
    EventStore,
    Mapper,
    Notification,
    Recording,
    StoredEvent,
)

logger = logging.getLogger(__name__)

GENESIS = bytes(32)
CHAIN_ATTRIBUTE = "_chain"
CHAIN_KEY = b'"_chain":"'
# The suffix is CHAIN_KEY, 64 hex digits and '"}', preceded by ',' or '{'.
SUFFIX_LENGTH = len(CHAIN_KEY) + 64 + 2
HEAD_CACHE_SIZE = 10_000


def link_hash(
    previous: bytes, originator_id: uuid.UUID, version: int, topic: str, content: bytes
) -> bytes:
    """Return the chain hash of one stored event, given the previous event's hash."""
    digest = hashlib.sha256()
    digest.update(originator_id.bytes)
    digest.update(version.to_bytes(8, "big"))
    digest.update(topic.encode("utf-8"))
    digest.update(b"\x00")
    digest.update(content)
    digest.update(previous)
    return digest.digest()


def attach_hash(content: bytes, chain_hash: bytes) -> bytes:
    """Return the stored state: the JSON object ``content`` with the ``_chain`` key added."""
    if not (content.startswith(b"{") and content.endswith(b"}")):
        raise ValueError("chained event state must be a JSON object")
    tail = CHAIN_KEY + chain_hash.hex().encode("ascii") + b'"}'
    if content == b"{}":
        return b"{" + tail
    return content[:-1] + b"," + tail


def split_state(state: bytes) -> tuple[bytes, bytes | None]:
    """Split a stored state into the content that was hashed and its chain hash.

    Returns the state unchanged and None when it carries no chain hash, as snapshots
    and events stored before the chain was introduced do."""
    if len(state) <= SUFFIX_LENGTH or not state.endswith(b'"}'):
        return state, None
    start = len(state) - SUFFIX_LENGTH
    if state[start : start + len(CHAIN_KEY)] != CHAIN_KEY:
        return state, None
    try:
        chain_hash = bytes.fromhex(state[start + len(CHAIN_KEY) : -2].decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        return state, None
    separator = state[start - 1 : start]
    if separator == b",":
        return state[: start - 1] + b"}", chain_hash
    if separator == b"{" and start == 1:
        return b"{}", chain_hash
    return state, None


class ChainedEventStore(EventStore[uuid.UUID]):
    """An event store that adds the chain hash to every event it stores.

    The hash of a stream's last event is remembered when the stream is read or written,
    so a command that loads its aggregate and then saves costs no extra query. On a miss
    (for example after loading from a snapshot) one indexed query fetches that event."""

    def __init__(self, mapper: Mapper[uuid.UUID], recorder: AggregateRecorder) -> None:
        super().__init__(mapper, recorder)
        self._heads: OrderedDict[uuid.UUID, tuple[int, bytes]] = OrderedDict()
        self._lock = threading.Lock()

    def put(
        self, domain_events: Sequence[DomainEventProtocol[uuid.UUID]], **kwargs: Any
    ) -> list[Recording[uuid.UUID]]:
        stored_events, heads = self._chain([self.mapper.to_stored_event(e) for e in domain_events])
        notification_ids = self.recorder.insert_events(stored_events, **kwargs)
        self._remember(heads)
        if not notification_ids:
            return []
        return [
            Recording(
                domain_event,
                Notification(
                    originator_id=stored.originator_id,
                    originator_version=stored.originator_version,
                    topic=stored.topic,
                    state=stored.state,
                    id=notification_id,
                ),
            )
            for domain_event, stored, notification_id in zip(
                domain_events, stored_events, notification_ids, strict=True
            )
        ]

    def get(
        self,
        originator_id: uuid.UUID,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Iterator[DomainEventProtocol[uuid.UUID]]:
        stored_events = self.recorder.select_events(
            originator_id=originator_id, gt=gt, lte=lte, desc=desc, limit=limit
        )
        if stored_events:
            last = stored_events[0] if desc else stored_events[-1]
            _, chain_hash = split_state(last.state)
            if chain_hash is not None:
                self._remember(
                    {_as_uuid(last.originator_id): (last.originator_version, chain_hash)}
                )
        return map(self.mapper.to_domain_event, stored_events)

    def _chain(
        self, stored_events: list[StoredEvent]
    ) -> tuple[list[StoredEvent], dict[uuid.UUID, tuple[int, bytes]]]:
        batch_heads: dict[uuid.UUID, tuple[int, bytes]] = {}
        chained = []
        for stored in stored_events:
            originator_id = _as_uuid(stored.originator_id)
            version = stored.originator_version
            previous = self._previous_hash(originator_id, version, batch_heads)
            chain_hash = link_hash(previous, originator_id, version, stored.topic, stored.state)
            batch_heads[originator_id] = (version, chain_hash)
            chained.append(
                StoredEvent(
                    originator_id=stored.originator_id,
                    originator_version=version,
                    topic=stored.topic,
                    state=attach_hash(stored.state, chain_hash),
                )
            )
        return chained, batch_heads

    def _previous_hash(
        self,
        originator_id: uuid.UUID,
        version: int,
        batch_heads: dict[uuid.UUID, tuple[int, bytes]],
    ) -> bytes:
        if version == 1:
            return GENESIS
        for heads in (batch_heads, self._heads):
            head = heads.get(originator_id)
            if head is not None and head[0] == version - 1:
                return head[1]
        previous = self.recorder.select_events(originator_id, lte=version - 1, desc=True, limit=1)
        if not previous:
            # The insert fails on the missing version; this value is never stored.
            return GENESIS
        _, chain_hash = split_state(previous[0].state)
        return chain_hash or GENESIS

    def _remember(self, heads: dict[uuid.UUID, tuple[int, bytes]]) -> None:
        with self._lock:
            for originator_id, head in heads.items():
                self._heads[originator_id] = head
                self._heads.move_to_end(originator_id)
            while len(self._heads) > HEAD_CACHE_SIZE:
                self._heads.popitem(last=False)


def _as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


@dataclass(frozen=True)
class ChainBreak:
    """The first broken link of one stream."""

    originator_id: uuid.UUID
    version: int
    reason: str
    message: str


@dataclass(frozen=True)
class StreamCheck:
    """The result of checking one stream: its length, head hash and first break."""

    originator_id: uuid.UUID
    events: int
    last_version: int
    head: bytes
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def check_stream(originator_id: uuid.UUID, stored_events: Iterable[StoredEvent]) -> StreamCheck:
    """Recompute a stream's chain from its stored events, in the order given (by version),
    and return where it first breaks. Reasons: ``missing`` (a version is absent),
    ``unchained`` (no hash stored) and ``mismatch`` (content, position or hash changed)."""
    previous = GENESIS
    expected_version = 1
    count = 0
    last_version = 0
    broken: ChainBreak | None = None
    for stored in stored_events:
        count += 1
        version = stored.originator_version
        last_version = version
        content, stored_hash = split_state(stored.state)
        if broken is not None:
            continue
        if version != expected_version:
            broken = ChainBreak(
                originator_id,
                expected_version,
                "missing",
                f"thiếu sự kiện phiên bản {expected_version} (sự kiện kế tiếp là phiên bản "
                f"{version}): sự kiện đã bị xoá hoặc đánh số lại",
            )
            continue
        if stored_hash is None:
            broken = ChainBreak(
                originator_id,
                version,
                "unchained",
                f"sự kiện phiên bản {version} không có mã băm chuỗi",
            )
            continue
        computed = link_hash(previous, originator_id, version, stored.topic, content)
        if computed != stored_hash:
            broken = ChainBreak(
                originator_id,
                version,
                "mismatch",
                f"mã băm của sự kiện phiên bản {version} không khớp: nội dung, loại hoặc vị "
                "trí của sự kiện đã bị thay đổi, hoặc một sự kiện đã bị chèn vào",
            )
            continue
        previous = stored_hash
        expected_version += 1
    return StreamCheck(originator_id, count, last_version, previous, broken)


def check_tail(check: StreamCheck, recorded_version: int) -> StreamCheck:
    """Add a break when the command records name a later version than the stream has,
    which happens when events at the end of the stream were deleted."""
    if check.broken is not None or recorded_version <= check.last_version:
        return check
    broken = ChainBreak(
        check.originator_id,
        check.last_version + 1,
        "missing",
        f"bản ghi lệnh cho biết luồng có đến phiên bản {recorded_version}, nhưng chỉ còn "
        f"đến phiên bản {check.last_version}: các sự kiện cuối đã bị xoá",
    )
    return StreamCheck(check.originator_id, check.events, check.last_version, check.head, broken)


def streams_digest(heads: Iterable[tuple[uuid.UUID, int, bytes]]) -> str:
    """Return one SHA-256 over the (stream id, version, head hash) triples, in id order,
    so a document can state exactly which recorded history it was built from."""
    digest = hashlib.sha256()
    for originator_id, version, head in sorted(heads, key=lambda item: item[0].bytes):
        digest.update(originator_id.bytes)
        digest.update(version.to_bytes(8, "big"))
        digest.update(head)
    return digest.hexdigest()
