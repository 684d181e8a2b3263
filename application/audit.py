"""Queries and actions for auditors. They check every stream's hash chain, rebuild a
partnership as in effect on a business date and as known at a recorded time, compare
two versions, filter a history, and erase a partner's personal data.

Each function takes the application and returns plain data, so the HTTP API and the
command line call the same code.
"""

from __future__ import annotations

import logging
import time
import unicodedata
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as day_time
from typing import Any

from eventsourcing.application import LRUCache
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from application.chain import (
    GENESIS,
    StreamCheck,
    check_stream,
    check_tail,
    link_hash,
    split_state,
    streams_digest,
)
from application.commands import ProcessedCommand
from application.errors import PartnershipNotFoundError
from application.history import HistoryEntry, history_entries
from application.service import VIETNAM_TZ, PartnershipApplication
from domain.partner import Partner
from domain.partnership import Partnership

logger = logging.getLogger(__name__)

PAGE_SIZE = 1000
MARKER_TOPIC = get_topic(ProcessedCommand.Recorded)
STREAM_KINDS_VI = {
    get_topic(Partnership.ContentDetermined): "quan hệ đối tác",
    get_topic(Partner.Registered): "đối tác",
    MARKER_TOPIC: "bản ghi lệnh",
}


# -- hash chain ---------------------------------------------------------------


@dataclass(frozen=True)
class StoreVerification:
    """The result of checking every stream of the store."""

    streams: int
    events: int
    seconds: float
    checks: list[StreamCheck]
    labels: dict[uuid.UUID, str]

    @property
    def broken(self) -> list[StreamCheck]:
        return [check for check in self.checks if not check.ok]

    @property
    def ok(self) -> bool:
        return not self.broken

    @property
    def digest(self) -> str:
        return streams_digest((c.originator_id, c.last_version, c.head) for c in self.checks)


def verify_partnership(app: PartnershipApplication, reference: str | uuid.UUID) -> StreamCheck:
    """Recompute one partnership's hash chain and return its first broken link, if any.

    NOTE: deleting the last events of one stream is found only by ``verify_store``,
    which compares each stream with the versions its command records name."""
    partnership_id = (
        reference if isinstance(reference, uuid.UUID) else app.partnership_id(reference)
    )
    stored_events = app.recorder.select_events(partnership_id)
    if not stored_events:
        raise PartnershipNotFoundError(
            f"Không tìm thấy quan hệ đối tác «{reference}».", field="partnership"
        )
    check = check_stream(partnership_id, stored_events)
    _log_break(check)
    return check


@dataclass
class _Progress:
    version: int = 0
    head: bytes = GENESIS
    events: int = 0
    suspect: bool = False
    first_topic: str = ""


def verify_store(app: PartnershipApplication) -> StoreVerification:
    """Check every stream of the store in one pass over the notification log, then
    re-check in version order each stream that looked wrong, and compare each stream's
    last version with the latest version its command records name."""
    started = time.perf_counter()
    progress: dict[uuid.UUID, _Progress] = {}
    recorded_versions: dict[uuid.UUID, int] = {}
    events = 0
    start = 1
    while True:
        notifications = app.recorder.select_notifications(start, PAGE_SIZE)
        for notification in notifications:
            events += 1
            originator_id = uuid.UUID(str(notification.originator_id))
            stream = progress.setdefault(originator_id, _Progress())
            stream.events += 1
            if stream.events == 1:
                stream.first_topic = notification.topic
            if notification.topic == MARKER_TOPIC:
                _note_recorded_version(app, notification, recorded_versions)
            if not stream.suspect:
                _advance(stream, originator_id, notification)
        if len(notifications) < PAGE_SIZE:
            break
        start = notifications[-1].id + 1

    checks = []
    for originator_id, stream in progress.items():
        if stream.suspect:
            check = check_stream(originator_id, app.recorder.select_events(originator_id))
        else:
            check = StreamCheck(originator_id, stream.events, stream.version, stream.head, None)
        checks.append(check_tail(check, recorded_versions.get(originator_id, 0)))
    for originator_id, version in recorded_versions.items():
        if originator_id not in progress:
            checks.append(check_tail(StreamCheck(originator_id, 0, 0, GENESIS, None), version))
    labels = {
        check.originator_id: _stream_label(app, check.originator_id, progress)
        for check in checks
        if not check.ok
    }
    seconds = time.perf_counter() - started
    result = StoreVerification(len(checks), events, seconds, checks, labels)
    logger.info(
        "store verified streams=%s events=%s broken=%s seconds=%.3f",
        result.streams,
        events,
        len(result.broken),
        seconds,
    )
    for check in result.broken:
        _log_break(check)
    return result


def _log_break(check: StreamCheck) -> None:
    if check.broken is not None:
        logger.warning(
            "hash chain broken stream=%s version=%s reason=%s",
            check.originator_id,
            check.broken.version,
            check.broken.reason,
        )


def _advance(stream: _Progress, originator_id: uuid.UUID, stored: StoredEvent) -> None:
    content, chain_hash = split_state(stored.state)
    version = stored.originator_version
    if version != stream.version + 1 or chain_hash is None:
        stream.suspect = True
        return
    if link_hash(stream.head, originator_id, version, stored.topic, content) != chain_hash:
        stream.suspect = True
        return
    stream.version = version
    stream.head = chain_hash


def _note_recorded_version(
    app: PartnershipApplication, stored: StoredEvent, recorded_versions: dict[uuid.UUID, int]
) -> None:
    try:
        marker = app.mapper.to_domain_event(stored)
    except Exception:  # a damaged record is reported by its own chain check
        return
    target_id = getattr(marker, "target_id", None)
    target_version = getattr(marker, "target_version", None)
    if isinstance(target_id, uuid.UUID) and isinstance(target_version, int):
        recorded_versions[target_id] = max(recorded_versions.get(target_id, 0), target_version)


def _stream_label(
    app: PartnershipApplication, originator_id: uuid.UUID, progress: dict[uuid.UUID, _Progress]
) -> str:
    stream = progress.get(originator_id)
    kind = STREAM_KINDS_VI.get(stream.first_topic, "luồng") if stream else "luồng"
    try:
        first = app.recorder.select_events(originator_id, limit=1)
        event = app.mapper.to_domain_event(first[0]) if first else None
    except Exception:  # the label is a courtesy, because the id is always shown
        event = None
    name = getattr(event, "reference", None) or getattr(event, "tax_number", None)
    return f"{kind} {name} ({originator_id})" if name else f"{kind} {originator_id}"


def stream_heads(
    app: PartnershipApplication, originator_ids: Iterable[uuid.UUID]
) -> list[tuple[uuid.UUID, int, bytes]]:
    """Return (id, last version, head hash) of each stream, for a document's digest."""
    heads = []
    for originator_id in originator_ids:
        last = app.recorder.select_events(originator_id, desc=True, limit=1)
        if not last:
            continue
        _, chain_hash = split_state(last[0].state)
        heads.append((originator_id, last[0].originator_version, chain_hash or GENESIS))
    return heads


def edition_digest(app: PartnershipApplication, originator_ids: Iterable[uuid.UUID]) -> str:
    """Return the digest of the streams a document (such as a yearly partner list
    edition) was built from: any later change to those streams changes it."""
    return streams_digest(stream_heads(app, originator_ids))


# -- timelines ----------------------------------------------------------------


@dataclass(frozen=True)
class Timelines:
    """A partnership on both timelines: the steps in effect on a business date, and the
    steps recorded by a moment (by default the end of that day, Vietnam time)."""

    on: date
    known_until: datetime
    in_effect: Partnership | None
    known: Partnership | None
    recorded_later: list[HistoryEntry] = field(default_factory=list)

    @property
    def differ(self) -> bool:
        in_effect = self.in_effect.state if self.in_effect else None
        known = self.known.state if self.known else None
        return bool(self.recorded_later) or in_effect != known


def end_of_day(on: date) -> datetime:
    """Return the last moment of ``on`` in Vietnam time."""
    return datetime.combine(on + timedelta(days=1), day_time(), VIETNAM_TZ) - timedelta(
        microseconds=1
    )


def timelines(
    app: PartnershipApplication, reference: str, on: date, known_at: datetime | None = None
) -> Timelines:
    """Return the partnership on ``on`` on both timelines, and the steps that happened
    by then but were recorded afterwards. The recorded-time timeline is cut at
    ``known_at``, by default the end of ``on`` in Vietnam time."""
    known_until = known_at or end_of_day(on)
    events = app.partnership_events(reference)
    later = [e for e in events if e.occurred_on <= on and e.timestamp > known_until]
    return Timelines(
        on=on,
        known_until=known_until,
        in_effect=app.partnership_as_of(reference, on),
        known=app.partnership_known_at(reference, known_until),
        recorded_later=history_entries(later),
    )


# -- history ------------------------------------------------------------------


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def filtered_history(
    app: PartnershipApplication,
    reference: str,
    *,
    kinds: Iterable[str] = (),
    actor: str | None = None,
    occurred_from: date | None = None,
    occurred_to: date | None = None,
) -> list[HistoryEntry]:
    """Return the history of a partnership, keeping the steps of the given kinds (event
    class names), whose actor name contains ``actor`` or whose unit code equals it, and
    whose business date lies within the range (both ends included)."""
    selected_kinds = set(kinds)
    entries = history_entries(app.partnership_events(reference))
    if selected_kinds:
        entries = [e for e in entries if e.event in selected_kinds]
    if actor:
        needle = _fold(actor)
        entries = [e for e in entries if needle in _fold(e.actor) or actor == e.actor_unit]
    if occurred_from is not None:
        entries = [e for e in entries if e.occurred_on >= occurred_from]
    if occurred_to is not None:
        entries = [e for e in entries if e.occurred_on <= occurred_to]
    return entries


def step_kinds() -> list[str]:
    """Return the names of the partnership's event classes, the step kinds to filter by."""
    return sorted(
        name
        for name, value in vars(Partnership).items()
        if isinstance(value, type)
        and issubclass(value, Partnership.Event)
        and value is not Partnership.Event
    )


# -- version diff -------------------------------------------------------------

BOOKKEEPING = {"_id", "_version", "_pending_events", "_created_on", "_modified_on"}


@dataclass(frozen=True)
class Change:
    """One difference between two versions: the attribute path, and the values before
    and after (``MISSING`` where the path did not exist)."""

    path: str
    before: Any
    after: Any


class _Missing:
    def __repr__(self) -> str:
        return "—"


MISSING: Any = _Missing()


def diff_versions(
    app: PartnershipApplication, reference: str, from_version: int, to_version: int
) -> list[Change]:
    """Return every attribute that differs between two versions of a partnership."""
    before = app.get_partnership(reference, version=from_version)
    after = app.get_partnership(reference, version=to_version)
    return _diff("", _public_state(before), _public_state(after))


def _public_state(partnership: Partnership) -> dict[str, Any]:
    return {k: v for k, v in vars(partnership).items() if k not in BOOKKEEPING}


def _diff(path: str, before: Any, after: Any) -> list[Change]:
    if isinstance(before, dict) and isinstance(after, dict):
        changes = []
        for key in [*before, *(k for k in after if k not in before)]:
            child = f"{path}.{key}" if path else str(key)
            changes.extend(_diff(child, before.get(key, MISSING), after.get(key, MISSING)))
        return changes
    if isinstance(before, list) and isinstance(after, list):
        changes = []
        for index in range(max(len(before), len(after))):
            changes.extend(
                _diff(
                    f"{path}[{index}]",
                    before[index] if index < len(before) else MISSING,
                    after[index] if index < len(after) else MISSING,
                )
            )
        return changes
    if before == after:
        return []
    return [Change(path, before, after)]


# -- personal data ------------------------------------------------------------


@dataclass(frozen=True)
class Erasure:
    partner_id: uuid.UUID
    tax_number: str
    keys_erased: int


def erase_partner_data(app: PartnershipApplication, tax_number: str) -> Erasure:
    """Erase the data keys of a partner, so the names, phones and e-mails of its contact
    persons, focal points and signatories can no longer be read. The events stay as they
    were, so the history still replays and the hash chain still verifies. This process's
    caches are cleared, and other processes stop reading the data within the keyring's
    cache period."""
    partner = app.get_partner(tax_number)
    count = app.keyring.erase(str(partner.id))
    cache = app.repository.cache
    if isinstance(cache, LRUCache):
        cache.clear()
    elif cache is not None:
        cache.cache.clear()
    return Erasure(partner.id, partner.tax_number, count)
