"""The tracked notification processor: reads committed events after its tracking
position and stores the notifications they call for, in the same transaction as the
new position. Delivery tasks are sent only after that commit, so a broker that is down
loses nothing: the stored notifications wait for the periodic dispatch."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from eventsourcing.persistence import Tracking

from application.service import PartnershipApplication
from workers.planning import NotificationPlanner
from workers.store import NotificationStore, PlannedNotification

logger = logging.getLogger(__name__)

BATCH_SIZE = 100


class NotificationProcessor:
    def __init__(
        self,
        app: PartnershipApplication,
        store: NotificationStore,
        position_of: Callable[[str], int | None],
        planner: NotificationPlanner,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.store = store
        self.position_of = position_of
        self.planner = planner
        self.clock = clock

    def process_batch(self, limit: int = BATCH_SIZE) -> tuple[int, list[str]]:
        """Process up to ``limit`` events after the tracking position. Returns the number
        of events processed and the keys of the notifications stored. Another processor
        that recorded the same position first makes this batch a no-op."""
        position = self.position_of(self.app.name) or 0
        notifications = self.app.recorder.select_notifications(position + 1, limit)
        if not notifications:
            return 0, []

        planned: list[PlannedNotification] = []
        self.planner.start_batch()
        for notification in notifications:
            event = self.app.mapper.to_domain_event(notification)
            planned.extend(self.planner.plan(event))

        last = notifications[-1].id
        keys = self.store.record_processed(planned, Tracking(self.app.name, last), self.clock())
        if keys is None:
            logger.info("batch already processed position=%s last=%s", position, last)
            return 0, []
        logger.info(
            "events processed first=%s last=%s notifications=%s",
            notifications[0].id,
            last,
            len(keys),
        )
        return len(notifications), keys

    def process_all(self, max_batches: int = 100) -> list[str]:
        """Process batches until the log is read to its end (at most ``max_batches``)."""
        keys: list[str] = []
        for _ in range(max_batches):
            count, new_keys = self.process_batch()
            keys.extend(new_keys)
            if count == 0:
                break
        return keys
