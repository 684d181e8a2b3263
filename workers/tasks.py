"""Celery tasks. Each task takes ids or names, loads what it needs through the worker
services and calls one method. Every task may run twice: the second run changes nothing."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from eventsourcing.persistence import PersistenceError
from kombu.exceptions import OperationalError as BrokerError

from workers.delivery import RETRY
from workers.services import WorkerServices

logger = logging.getLogger(__name__)

PROCESS_EVENTS = "doitac.process_events"
DELIVER_NOTIFICATIONS = "doitac.deliver_notifications"
DISPATCH_NOTIFICATIONS = "doitac.dispatch_notifications"
SCAN_REMINDERS = "doitac.scan_reminders"
PRODUCE_REPORTS = "doitac.produce_reports"

# Publishing gives up quickly when the broker is down: the notifications stay stored
# as pending and the periodic dispatch sends their tasks later.
# Keys per delivery task: one claim transaction and one SMTP connection serve them all.
BATCH_SIZE = 10

PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0.2, "interval_step": 0.5}


@dataclass(frozen=True)
class WorkerTasks:
    process_events: Any
    deliver_notifications: Any
    dispatch_notifications: Any
    scan_reminders: Any
    produce_reports: Any
    enqueue: Callable[[Sequence[str]], int]


def register_tasks(celery: Any, services: Callable[[], WorkerServices]) -> WorkerTasks:
    """Register the tasks on ``celery``; ``services`` returns this process's services."""

    def enqueue(keys: Sequence[str]) -> int:
        """Send delivery tasks for ``keys``, up to BATCH_SIZE keys per task. Returns how
        many keys were sent before the broker failed, if it did; the rest are left to
        the periodic dispatch."""
        sent: list[str] = []
        for start in range(0, len(keys), BATCH_SIZE):
            batch = list(keys[start : start + BATCH_SIZE])
            try:
                deliver_notifications.apply_async(
                    (batch,), retry=True, retry_policy=PUBLISH_RETRY_POLICY
                )
            except BrokerError as error:
                logger.warning(
                    "broker unavailable, delivery left to dispatch pending=%s error=%s",
                    len(keys) - len(sent),
                    error,
                )
                break
            sent.extend(batch)
        if sent:
            services().store.mark_enqueued(sent, time.time())
        return len(sent)

    @celery.task(name=PROCESS_EVENTS, ignore_result=True)  # type: ignore[untyped-decorator]
    def process_events() -> int:
        keys = services().processor.process_all()
        return enqueue(keys)

    @celery.task(  # type: ignore[untyped-decorator]
        name=DELIVER_NOTIFICATIONS,
        acks_late=True,
        reject_on_worker_lost=True,
        ignore_result=True,
        # A database that is briefly unreachable should not leave the batch to the
        # dispatch's slower requeue; claimed rows stay claimed until their lease ends.
        autoretry_for=(PersistenceError,),
        retry_backoff=1,
        retry_backoff_max=30,
        max_retries=5,
    )
    def deliver_notifications(keys: list[str]) -> dict[str, str]:
        outcomes = services().deliverer.deliver(keys)
        retries: dict[int, list[str]] = {}
        for key, outcome in outcomes.items():
            if outcome.status == RETRY:
                retries.setdefault(outcome.countdown, []).append(key)
        if celery.conf.task_always_eager:
            # In-process runs leave retries to the dispatch of the next run.
            retries = {}
        for countdown, retry_keys in retries.items():
            # A retry is its own task, due after its backoff. The rows stay pending with
            # that due time, so the dispatch also finds them if publishing fails.
            try:
                deliver_notifications.apply_async((retry_keys,), countdown=countdown)
            except BrokerError as error:
                logger.warning("broker unavailable, retry left to dispatch error=%s", error)
        return {key: outcome.status for key, outcome in outcomes.items()}

    @celery.task(name=DISPATCH_NOTIFICATIONS, ignore_result=True)  # type: ignore[untyped-decorator]
    def dispatch_notifications() -> int:
        current = services()
        keys = current.store.keys_to_enqueue(time.time(), current.settings.workers.requeue_after)
        if keys:
            logger.info("dispatching stored notifications count=%s", len(keys))
        return enqueue(keys)

    @celery.task(name=SCAN_REMINDERS, ignore_result=True)  # type: ignore[untyped-decorator]
    def scan_reminders(at: str | None = None) -> int:
        current = services()
        moment = datetime.fromisoformat(at) if at else None
        keys = current.reminders.scan(moment)
        return enqueue(keys)

    @celery.task(name=PRODUCE_REPORTS, ignore_result=True)  # type: ignore[untyped-decorator]
    def produce_reports(kind: str, at: str | None = None) -> int:
        moment = datetime.fromisoformat(at) if at else None
        return len(services().reports.produce(kind, moment))

    return WorkerTasks(
        process_events=process_events,
        deliver_notifications=deliver_notifications,
        dispatch_notifications=dispatch_notifications,
        scan_reminders=scan_reminders,
        produce_reports=produce_reports,
        enqueue=enqueue,
    )
