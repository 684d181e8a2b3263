"""The services that the tasks of one worker process use: the application, the
notification store, the processor, the deliverer, the reminder scan and the report
producer."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass

from eventsourcing.persistence import PersistenceError

from application.service import PartnershipApplication
from application.settings import Settings
from workers.delivery import Deliverer
from workers.processor import NotificationProcessor
from workers.reminders import ReminderScanner
from workers.reports import ReportProducer
from workers.store import PostgresNotificationRecorder, SQLiteNotificationRecorder

logger = logging.getLogger(__name__)

BUILD_ATTEMPTS = 5


@dataclass
class WorkerServices:
    settings: Settings
    app: PartnershipApplication
    store: SQLiteNotificationRecorder | PostgresNotificationRecorder
    processor: NotificationProcessor
    deliverer: Deliverer
    reminders: ReminderScanner
    reports: ReportProducer

    def close(self) -> None:
        self.app.close()


class ServicesCache:
    """Build the services once per process on first use: a prefork worker's children
    each open their own database connections instead of sharing the parent's."""

    def __init__(self, build: Callable[[], WorkerServices]) -> None:
        self._build = build
        self._services: WorkerServices | None = None
        self._pid = 0

    def __call__(self) -> WorkerServices:
        if self._services is None or self._pid != os.getpid():
            self._services = self._build_with_retries()
            self._pid = os.getpid()
        return self._services

    def _build_with_retries(self) -> WorkerServices:
        # Worker children that start together all create the store's tables and
        # functions if missing, and PostgreSQL may fail the concurrent statements
        # ("tuple concurrently updated"), so a failed build is tried again.
        for attempt in range(1, BUILD_ATTEMPTS + 1):
            try:
                return self._build()
            except PersistenceError as error:
                if attempt == BUILD_ATTEMPTS:
                    raise
                logger.warning(
                    "building worker services failed attempt=%s error=%s", attempt, error
                )
                time.sleep(0.2 * attempt)
        raise AssertionError("unreachable")

    def close(self) -> None:
        if self._services is not None and self._pid == os.getpid():
            self._services.close()
        self._services = None
