"""Deliver stored notifications.

A worker claims the notification rows for a lease before sending, so a task that is
redelivered, retried or queued twice by the dispatch finds them sent or claimed and does
nothing. One case repeats a message: a worker that dies after the SMTP server accepted
it but before marking it sent. After the lease the dispatch sends it again."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from celery.utils.time import get_exponential_backoff_interval

from application.settings import SMTP_OPERATIONS_PER_SEND, WorkerSettings
from workers.mail import DeliveryError, Mailer, build_message
from workers.store import NotificationRow, NotificationStore

logger = logging.getLogger(__name__)

SENT = "sent"
SKIPPED = "skipped"
RETRY = "retry"
FAILED = "failed"


@dataclass(frozen=True)
class DeliveryOutcome:
    status: str
    countdown: int = 0


class Deliverer:
    def __init__(
        self,
        store: NotificationStore,
        mailer: Mailer,
        settings: WorkerSettings,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.mailer = mailer
        self.settings = settings
        self.clock = clock

    def deliver(self, keys: Sequence[str]) -> dict[str, DeliveryOutcome]:
        """Send the notifications ``keys`` that are not sent, failed, or held by another
        worker, over one SMTP connection. Each message is marked sent as soon as the
        server accepts it, so a worker that dies mid-batch repeats nothing it sent."""
        claimed_at = self.clock()
        claimed = self.store.claim(keys, claimed_at, self.settings.delivery_lease)

        # Start no send that could outlast the claim, because after the lease another
        # worker may take the notification.
        deadline = (
            claimed_at
            + self.settings.delivery_lease
            - SMTP_OPERATIONS_PER_SEND * self.settings.smtp_timeout
        )
        outcomes = {key: DeliveryOutcome(SKIPPED) for key in keys}

        try:
            for index, notification in enumerate(claimed):
                if self.clock() > deadline:
                    unsent = [n.key for n in claimed[index:]]
                    self.store.release(unsent, self.clock())
                    outcomes.update({key: DeliveryOutcome(RETRY) for key in unsent})
                    logger.warning("lease running out, released count=%s", len(unsent))
                    break
                outcome = self._send(notification)
                outcomes[notification.key] = outcome
                if outcome.status == RETRY:
                    # The server is likely down for the whole batch: try the rest later.
                    rest = [n.key for n in claimed[index + 1 :]]
                    self.store.release(rest, self.clock() + outcome.countdown)
                    outcomes.update({key: outcome for key in rest})
                    break
        finally:
            self.mailer.close()

        skipped = len(keys) - len(claimed)
        if skipped:
            logger.debug("notifications not claimed count=%s", skipped)
        return outcomes

    def _send(self, notification: NotificationRow) -> DeliveryOutcome:
        """Retryable errors schedule another attempt with exponential backoff and full
        jitter, up to ``max_retries``; other errors mark the notification failed."""
        key = notification.key
        try:
            self.mailer.send(build_message(notification, self.settings.mail_from))
        except DeliveryError as error:
            retries_done = notification.attempts - 1
            if error.retryable and retries_done < self.settings.max_retries:
                countdown = get_exponential_backoff_interval(
                    factor=self.settings.retry_backoff,
                    retries=retries_done,
                    maximum=self.settings.retry_backoff_max,
                    full_jitter=True,
                )
                self.store.mark_retry(key, self.clock() + countdown, str(error))
                logger.warning(
                    "delivery failed, retrying key=%s attempt=%s countdown=%s error=%s",
                    key,
                    notification.attempts,
                    countdown,
                    error,
                )
                return DeliveryOutcome(RETRY, countdown)
            self.store.mark_failed(key, self.clock(), str(error))
            logger.error(
                "delivery failed permanently key=%s attempt=%s retryable=%s error=%s",
                key,
                notification.attempts,
                error.retryable,
                error,
            )
            return DeliveryOutcome(FAILED)

        self.store.mark_sent(key, self.clock())
        logger.info("notification sent key=%s kind=%s", key, notification.kind)
        return DeliveryOutcome(SENT)
