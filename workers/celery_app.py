"""The Celery configuration and beat schedule, set in this one place."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from celery.schedules import crontab

from application.settings import Settings
from workers import tasks
from workers.periods import MONTHLY, QUARTERLY, YEARLY

# Reports run five minutes after midnight, Vietnam time, on the first day of the period
# that follows the one they report.
REPORT_SCHEDULES = {
    MONTHLY: crontab(minute=5, hour=0, day_of_month=1),
    QUARTERLY: crontab(minute=5, hour=0, day_of_month=1, month_of_year="1,4,7,10"),
    YEARLY: crontab(minute=5, hour=0, day_of_month=1, month_of_year=1),
}


def beat_schedule(settings: Settings) -> dict[str, dict[str, Any]]:
    workers = settings.workers
    schedule: dict[str, dict[str, Any]] = {
        "process-events": {
            "task": tasks.PROCESS_EVENTS,
            "schedule": timedelta(seconds=workers.process_interval),
        },
        "dispatch-notifications": {
            "task": tasks.DISPATCH_NOTIFICATIONS,
            "schedule": timedelta(seconds=workers.dispatch_interval),
        },
        "scan-reminders": {"task": tasks.SCAN_REMINDERS, "schedule": crontab(minute=15)},
    }
    for kind, when in REPORT_SCHEDULES.items():
        schedule[f"reports-{kind}"] = {
            "task": tasks.PRODUCE_REPORTS,
            "schedule": when,
            "args": (kind,),
        }
    return schedule


def configure(celery: Any, settings: Settings) -> None:
    """Configure ``celery``: the Redis broker named in the settings, or tasks run in the
    calling process when none is set (the embedded default)."""
    workers = settings.workers
    celery.conf.update(
        broker_url=workers.broker_url or "memory://localhost/",
        task_always_eager=workers.eager,
        task_default_queue=workers.queue,
        task_ignore_result=True,
        timezone="Asia/Ho_Chi_Minh",
        enable_utc=True,
        # A delivery is acknowledged after it ran, and put back if its worker dies.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_transport_options={"visibility_timeout": workers.broker_visibility_timeout},
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
        beat_schedule=beat_schedule(settings),
    )
