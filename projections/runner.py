"""Keeping the aggregate-states read model up to date from the application's event log.

Each batch reads the next notifications after the tracking position, folds them into the
rows it touches and writes those rows with the new position in one transaction. A crash
before commit leaves both unchanged, and the batch is read again. On PostgreSQL the
library's application recorder takes an EXCLUSIVE lock on the events table for each
insert, so notification ids become visible in commit order. Reading "after position"
therefore never passes over a transaction that commits later with a lower id. A
rolled-back insert leaves a gap that is simply never filled. The library's optional insert through a
database function (POSTGRES_ENABLE_DB_FUNCTIONS) takes no such lock, so the projection
raises ValueError on a store that enables it."""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from eventsourcing.persistence import IntegrityError, Notification, OperationalError, Tracking

from application.service import PartnershipApplication
from projections.recorders import ProjectionConflictError, StatesRecorder, StoredRow
from projections.states import (
    EVENT_TOPICS,
    PARTNER_KIND,
    PARTNERSHIP_KIND,
    InMemoryStates,
    StateRow,
    apply_notifications,
    as_uuid,
    decode_state,
    encode_state,
)

logger = logging.getLogger(__name__)

# Pages used when counting the events a projection has not processed yet.
_COUNT_PAGE = 5000


@dataclass(frozen=True)
class ProjectionStatus:
    """A projection's position against the event log."""

    name: str
    position: int
    head: int
    pending: int
    events_applied: int


def _stored_aggregate_ids(notifications: Sequence[Notification]) -> set[uuid.UUID]:
    """Return the aggregates of a batch that may already have rows. An aggregate whose first
    event in the batch is version 1 has none, because rows are written only together with
    a position that covers their events, and the batch starts after the position."""
    seen: set[uuid.UUID] = set()
    stored: set[uuid.UUID] = set()
    for notification in notifications:
        aggregate_id = as_uuid(notification.originator_id)
        if aggregate_id not in seen:
            seen.add(aggregate_id)
            if notification.originator_version != 1:
                stored.add(aggregate_id)
    return stored


class AggregateStatesProjection:
    """The aggregate-states read model and the loop that keeps it up to date."""

    name = "aggregate_states"
    topics = EVENT_TOPICS

    def __init__(
        self,
        app: PartnershipApplication,
        recorder: StatesRecorder,
        batch_size: int = 500,
    ) -> None:
        datastore = getattr(app.recorder, "datastore", None)
        if getattr(datastore, "enable_db_functions", False):
            raise ValueError(
                "POSTGRES_ENABLE_DB_FUNCTIONS: bảng đọc cần sự kiện được ghi theo đúng thứ tự "
                "số hiệu; hãy tắt biến môi trường này."
            )
        self.app = app
        self.recorder = recorder
        self.batch_size = batch_size

    # -- processing -----------------------------------------------------------

    def process_batch(self) -> int:
        """Fold the next batch of events in; return how many were applied (0 when none)."""
        position = self.recorder.max_tracking_id(self.app.name)
        notifications = self.app.recorder.select_notifications(
            start=position or 0,
            limit=self.batch_size,
            topics=self.topics,
            inclusive_of_start=False,
        )
        if not notifications:
            return 0

        loaded = self._decode(self.recorder.select_rows(_stored_aggregate_ids(notifications)))
        changed = apply_notifications(self.app.mapper, notifications, loaded)
        rows = [self._encode(row) for row in changed.values()]
        tracking = Tracking(self.app.name, notifications[-1].id)
        self.recorder.write_batch(rows, position, tracking, len(notifications))
        logger.debug(
            "batch applied projection=%s events=%s rows=%s position=%s",
            self.name,
            len(notifications),
            len(rows),
            tracking.notification_id,
        )
        return len(notifications)

    def catch_up(self, max_batches: int | None = None) -> int:
        """Process batches until the log is exhausted (or ``max_batches`` ran); return the
        number of events applied."""
        total = 0
        batches = 0
        while max_batches is None or batches < max_batches:
            applied = self.process_batch()
            if applied == 0:
                break
            total += applied
            batches += 1
        return total

    def run_forever(self, stop: threading.Event, poll_seconds: float = 1.0) -> None:
        """Catch up, then poll for new events every ``poll_seconds`` until ``stop`` is set.
        A batch that loses a race with another runner, or meets a database error, is
        logged and read again after the poll interval."""
        logger.info("projection started projection=%s", self.name)
        failures = 0
        while not stop.is_set():
            try:
                applied = self.process_batch()
                failures = 0
            except (ProjectionConflictError, IntegrityError) as error:
                logger.warning("batch discarded projection=%s error=%s", self.name, error)
                applied = 0
            except OperationalError as error:
                failures += 1
                logger.error(
                    "batch failed projection=%s failures=%s error=%s", self.name, failures, error
                )
                applied = 0
            if applied == 0:
                # Back off up to ten poll intervals while the database keeps failing.
                stop.wait(poll_seconds * min(1 + failures, 10))
        logger.info("projection stopped projection=%s", self.name)

    def rebuild(self) -> int:
        """Delete the rows and the position, then fold in the whole log again.

        NOTE: the delete commits before the first batch, so readers see a partial read
        model until the rebuild ends. The document functions then catch up by themselves."""
        self.recorder.clear(self.app.name)
        logger.info("projection cleared projection=%s", self.name)
        return self.catch_up()

    def close(self) -> None:
        self.recorder.close()

    # -- reading --------------------------------------------------------------

    def status(self) -> ProjectionStatus:
        position = self.recorder.max_tracking_id(self.app.name) or 0
        head = self.app.recorder.max_notification_id() or 0
        pending = 0
        start = position
        while True:
            page = self.app.recorder.select_notifications(
                start=start, limit=_COUNT_PAGE, topics=self.topics, inclusive_of_start=False
            )
            pending += len(page)
            if len(page) < _COUNT_PAGE:
                break
            start = page[-1].id
        return ProjectionStatus(self.name, position, head, pending, self.recorder.events_applied())

    def states_at(self, year: int | None) -> tuple[int, list[StateRow], list[StateRow]]:
        """Return the position and the partner and partnership rows in force at the end
        of ``year`` (the latest rows when None), all read from one snapshot."""
        position, stored = self.recorder.select_states(self.app.name, year)
        rows = [self._decode_row(row) for row in stored]
        partners = [row for row in rows if row.kind == PARTNER_KIND]
        partnerships = [row for row in rows if row.kind == PARTNERSHIP_KIND]
        return position, partners, partnerships

    def states(self, kind: str, year: int | None) -> tuple[int, list[StateRow]]:
        """Return the position and the rows of one kind in force at the end of ``year``."""
        position, partners, partnerships = self.states_at(year)
        return position, partners if kind == PARTNER_KIND else partnerships

    def current_states(self, aggregate_ids: list[uuid.UUID]) -> dict[uuid.UUID, StateRow]:
        """Return the latest row of each given aggregate that the read model holds."""
        latest: dict[uuid.UUID, StoredRow] = {}
        for row in self.recorder.select_rows(aggregate_ids):
            latest_row = latest.get(row.aggregate_id)
            if latest_row is None or row.year > latest_row.year:
                latest[row.aggregate_id] = row
        return {key: self._decode_row(row) for key, row in latest.items()}

    def replay(self, up_to: int) -> InMemoryStates:
        """Fold the events up to notification ``up_to`` in memory, without the stored rows,
        to rebuild a document exactly as it was at that position."""
        states = InMemoryStates()
        start = 0
        while start < up_to:
            page = self.app.recorder.select_notifications(
                start=start,
                limit=self.batch_size,
                stop=up_to,
                topics=self.topics,
                inclusive_of_start=False,
            )
            if not page:
                break
            states.apply(self.app.mapper, page)
            start = page[-1].id
        states.position = up_to
        return states

    # -- encoding -------------------------------------------------------------

    def _encode(self, row: StateRow) -> StoredRow:
        topic, state = encode_state(self.app.mapper, row.aggregate)
        return StoredRow(
            row.aggregate_id,
            row.year,
            row.kind,
            row.aggregate.version,
            topic,
            state,
            row.events,
            row.first_on,
        )

    def _decode_row(self, row: StoredRow) -> StateRow:
        aggregate = decode_state(
            self.app.mapper, row.aggregate_id, row.version, row.topic, row.state
        )
        return StateRow(
            row.aggregate_id, row.year, row.kind, aggregate, list(row.events), row.first_on
        )

    def _decode(self, rows: list[StoredRow]) -> dict[uuid.UUID, dict[int, StateRow]]:
        decoded: dict[uuid.UUID, dict[int, StateRow]] = {}
        for row in rows:
            decoded.setdefault(row.aggregate_id, {})[row.year] = self._decode_row(row)
        return decoded
