"""The aggregate-states read model: for every partner and partnership, its state as of the
end of each calendar year in which one of its steps happened.

A state as of 31/12/Y folds the aggregate's events in version order, keeping those whose
business date (``occurred_on``) is on or before that day, the same rule as
``PartnershipApplication.partnership_as_of``. Because events arrive in version order, a new
event of year y changes exactly the year rows from y onwards: it is the last event of each.
The latest row is the current state. Each row also lists the (version, SHA-256) of the
events folded into it, so a document built from rows can state a digest of its events."""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from eventsourcing.domain import Aggregate, Snapshot
from eventsourcing.persistence import Mapper, Notification, StoredEvent
from eventsourcing.utils import get_topic

from domain.partner import Partner
from domain.partnership import Partnership

PARTNER_KIND = "partner"
PARTNERSHIP_KIND = "partnership"


def _event_topics(aggregate_class: type[Aggregate]) -> list[str]:
    return [
        get_topic(value)
        for value in vars(aggregate_class).values()
        if isinstance(value, type) and issubclass(value, Aggregate.Event)
    ]


# Only partner and partnership events: the applied-command records are skipped.
EVENT_TOPICS: tuple[str, ...] = (*_event_topics(Partner), *_event_topics(Partnership))


@dataclass
class StateRow:
    """An aggregate's state as of 31/12/``year`` and the events folded into it."""

    aggregate_id: uuid.UUID
    year: int
    kind: str
    aggregate: Aggregate
    events: list[tuple[int, str]] = field(default_factory=list)
    # The business date of the aggregate's first step.
    first_on: date | None = None


def event_digest(notification: StoredEvent) -> str:
    """Return the SHA-256 of a stored event's recorded state, in hexadecimal."""
    return hashlib.sha256(notification.state).hexdigest()


def digest_of_rows(rows: Iterable[StateRow]) -> tuple[int, str]:
    """Return how many events the rows were built from and a SHA-256 over them, one
    ``aggregate_id:version:event_sha256`` line per event, sorted."""
    lines = sorted(
        f"{row.aggregate_id}:{version}:{digest}" for row in rows for version, digest in row.events
    )
    combined = hashlib.sha256("\n".join(lines).encode("ascii")).hexdigest()
    return len(lines), combined


def encode_state(mapper: Mapper[uuid.UUID], aggregate: Aggregate) -> tuple[str, bytes]:
    """Encode an aggregate with the application's mapper, as the library stores snapshots."""
    stored = mapper.to_stored_event(Snapshot.take(aggregate))
    return stored.topic, stored.state


def decode_state(
    mapper: Mapper[uuid.UUID], aggregate_id: uuid.UUID, version: int, topic: str, state: bytes
) -> Aggregate:
    snapshot = mapper.to_domain_event(
        StoredEvent(
            originator_id=aggregate_id, originator_version=version, topic=topic, state=state
        )
    )
    return cast(Aggregate, cast(Snapshot, snapshot).mutate(None))


def _kind_of(event: Aggregate.Event) -> str:
    return PARTNER_KIND if isinstance(event, Partner.Event) else PARTNERSHIP_KIND


def _fold(aggregate: Aggregate, event: Aggregate.Event) -> None:
    # The version check of ``event.mutate`` does not hold for a year row that skipped later
    # events, so the event is applied directly, as ``partnership_as_of`` does.
    event.apply(aggregate)
    aggregate.version = event.originator_version
    aggregate.modified_on = event.timestamp


def apply_event(rows: dict[int, StateRow], event: Aggregate.Event, digest: str) -> list[StateRow]:
    """Fold one event into an aggregate's year rows (changed in place) and return the
    rows it changed."""
    year: int = cast(Any, event).occurred_on.year
    if not rows:
        aggregate = cast(Aggregate, event.mutate(None))
        row = StateRow(
            aggregate.id,
            year,
            _kind_of(event),
            aggregate,
            [(event.originator_version, digest)],
            first_on=cast(Any, event).occurred_on,
        )
        rows[year] = row
        return [row]

    first_year = min(rows)
    # An event dated before the aggregate's first year (a declaration for an earlier year,
    # for example) counts from that first year, because the aggregate did not exist before.
    year = max(year, first_year)
    if year not in rows:
        previous = rows[max(y for y in rows if y < year)]
        # NOTE: a shallow copy is enough only because every ``apply`` of the domain's
        # events rebinds attributes to new containers instead of changing shared ones in
        # place. An event that changed a list or dict in place would also change the
        # earlier year's row, so a test folds each year row from scratch to check this.
        rows[year] = StateRow(
            previous.aggregate_id,
            year,
            previous.kind,
            copy.copy(previous.aggregate),
            list(previous.events),
            first_on=previous.first_on,
        )
    changed = []
    for row_year in sorted(y for y in rows if y >= year):
        row = rows[row_year]
        _fold(row.aggregate, event)
        row.events.append((event.originator_version, digest))
        changed.append(row)
    return changed


def apply_notifications(
    mapper: Mapper[uuid.UUID],
    notifications: Sequence[Notification],
    rows_by_aggregate: dict[uuid.UUID, dict[int, StateRow]],
) -> dict[tuple[uuid.UUID, int], StateRow]:
    """Fold notifications, in order, into the loaded rows; return the changed rows by key."""
    changed: dict[tuple[uuid.UUID, int], StateRow] = {}
    for notification in notifications:
        event = cast(Aggregate.Event, mapper.to_domain_event(notification))
        rows = rows_by_aggregate.setdefault(as_uuid(notification.originator_id), {})
        for row in apply_event(rows, event, event_digest(notification)):
            changed[(row.aggregate_id, row.year)] = row
    return changed


def as_uuid(value: uuid.UUID | str) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(value)


def rows_as_of(rows: dict[int, StateRow], year: int | None) -> StateRow | None:
    """Return the row in force at the end of ``year`` (the latest when None), or None when
    the aggregate had no step by then."""
    years = [y for y in rows if year is None or y <= year]
    return rows[max(years)] if years else None


class InMemoryStates:
    """The read model held in memory: the same folding, without a database, for replaying
    events up to a chosen position."""

    def __init__(self) -> None:
        self.rows: dict[uuid.UUID, dict[int, StateRow]] = {}
        self.position = 0

    def apply(self, mapper: Mapper[uuid.UUID], notifications: Sequence[Notification]) -> None:
        apply_notifications(mapper, notifications, self.rows)
        if notifications:
            self.position = notifications[-1].id

    def select(self, kind: str, year: int | None) -> list[StateRow]:
        selected = []
        for rows in self.rows.values():
            row = rows_as_of(rows, year)
            if row is not None and row.kind == kind:
                selected.append(row)
        return selected
