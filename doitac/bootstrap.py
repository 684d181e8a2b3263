"""The composition root: the one place that builds the stores and the application
from settings. Entry points call these functions and build nothing themselves."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import psycopg
from celery import Celery
from eventsourcing.persistence import InfrastructureFactory, OperationalError
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteFactory
from eventsourcing.utils import Environment
from flask import Flask

from api.app import create_app
from api.context import IDEMPOTENCY_KEY_TTL_SECONDS, TOKEN_CACHE_SECONDS, ApiContext
from api.storage import Dialect, IdempotencyStore, SqlTables, TokenStore
from application.crypto import Keyring, load_master_key
from application.service import PartnershipApplication
from application.settings import Settings
from application.units import load_units
from projections.recorders import PostgresStatesRecorder, SQLiteStatesRecorder, StatesRecorder
from projections.runner import AggregateStatesProjection
from workers.celery_app import configure as configure_celery
from workers.delivery import Deliverer
from workers.mail import build_mailer
from workers.planning import NotificationPlanner
from workers.processor import NotificationProcessor
from workers.reminders import ReminderScanner
from workers.rendering import NotificationRenderer
from workers.reports import DocumentRenderer, ReportProducer
from workers.services import ServicesCache, WorkerServices
from workers.store import build_recorder
from workers.tasks import WorkerTasks, register_tasks


def configure_logging(settings: Settings) -> None:
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=settings.log_level,
        filename=str(settings.var_dir / "doitac.log"),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )


# Key of the PostgreSQL advisory lock held while a process creates its tables.
SCHEMA_LOCK_KEY = 0x646F6974  # "doit"


@contextmanager
def schema_lock(settings: Settings) -> Iterator[None]:
    """Hold a PostgreSQL advisory lock while tables are created, because processes that
    start together and run CREATE TABLE IF NOT EXISTS at once fail with "tuple
    concurrently updated". On SQLite the database's own locking is enough."""
    env = settings.eventsourcing_env()
    if env["PERSISTENCE_MODULE"] != "eventsourcing.postgres":
        yield
        return
    try:
        connection = psycopg.connect(
            host=env["POSTGRES_HOST"],
            port=int(env["POSTGRES_PORT"]),
            dbname=env["POSTGRES_DBNAME"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"] or None,
            connect_timeout=int(env.get("POSTGRES_CONNECT_TIMEOUT", "5")),
            autocommit=True,
        )
    except psycopg.OperationalError as error:
        # Report it as the event store would, so entry points handle one error type.
        raise OperationalError(str(error)) from error
    with connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (SCHEMA_LOCK_KEY,))
        try:
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (SCHEMA_LOCK_KEY,))


def build_application(settings: Settings | None = None) -> PartnershipApplication:
    """Build the application on the event store that ``settings.database_url`` names."""
    settings = settings or Settings.from_env()
    keyring = Keyring(load_master_key(settings.master_key, settings.key_file_path))
    env = settings.eventsourcing_env()
    if settings.aggregate_cache_size > 0:
        # The library's cache reads the events stored since the cached version on every
        # get, so processes sharing the database still see each other's writes.
        env["AGGREGATE_CACHE_MAXSIZE"] = str(settings.aggregate_cache_size)
    with schema_lock(settings):
        return PartnershipApplication(
            units=load_units(settings.units_file), env=env, keyring=keyring
        )


def build_states_projection(
    app: PartnershipApplication, settings: Settings | None = None
) -> AggregateStatesProjection:
    """Build the aggregate-states read model in the same database as the events. The
    library's factory names the PostgreSQL tracking table after the projection; on SQLite
    it keeps the position in the file's one ``tracking`` table."""
    settings = settings or Settings.from_env()
    env = Environment(AggregateStatesProjection.name.upper(), settings.eventsourcing_env())
    factory = InfrastructureFactory[StatesRecorder].construct(env=env)
    recorder_class: type[StatesRecorder] = (
        SQLiteStatesRecorder if isinstance(factory, SQLiteFactory) else PostgresStatesRecorder
    )
    with schema_lock(settings):
        recorder = factory.tracking_recorder(recorder_class)
    return AggregateStatesProjection(app, recorder, batch_size=settings.projection_batch_size)


def build_api_tables(app: PartnershipApplication) -> SqlTables:
    """Build the HTTP API's tables (tokens, idempotency keys) in the events' database,
    on the event store's own connection pool, and create them when missing."""
    recorder = app.recorder
    if isinstance(recorder, PostgresApplicationRecorder):
        datastore = recorder.datastore
        tables = SqlTables(datastore, Dialect.postgres(datastore.schema))
    elif isinstance(recorder, SQLiteApplicationRecorder):
        tables = SqlTables(recorder.datastore, Dialect.sqlite())
    else:
        raise ValueError(f"HTTP API: kho sự kiện {type(recorder).__name__} không được hỗ trợ.")
    tables.create_tables()
    return tables


def build_http_app(
    settings: Settings | None = None,
    *,
    application: PartnershipApplication | None = None,
    idempotency_key_ttl_seconds: float = IDEMPOTENCY_KEY_TTL_SECONDS,
    testing: bool = False,
) -> Flask:
    """Build the HTTP API's Flask app; it uses ``application`` when given, otherwise one
    built from ``settings``."""
    settings = settings or Settings.from_env()
    app = application or build_application(settings)
    with schema_lock(settings):
        tables = build_api_tables(app)
    keys = IdempotencyStore(tables, idempotency_key_ttl_seconds)
    keys.purge_expired()
    tokens = TokenStore(tables, cache_seconds=TOKEN_CACHE_SECONDS)
    context = ApiContext(application=app, tables=tables, tokens=tokens, keys=keys)
    return create_app(context, testing=testing)


def build_worker_services(settings: Settings) -> WorkerServices:
    """Build what the Celery tasks use: the application, the notification store in the
    event store's database, the processor, the mailer, reminders and reports."""
    app = build_application(settings)
    with schema_lock(settings):
        store = build_recorder(app.recorder)
    renderer = NotificationRenderer()
    return WorkerServices(
        settings=settings,
        app=app,
        store=store,
        processor=NotificationProcessor(
            app,
            store,
            store.max_tracking_id,
            NotificationPlanner(app, renderer, settings.workers.notify_max_age_days),
        ),
        deliverer=Deliverer(
            store, build_mailer(settings.workers, settings.var_dir), settings.workers
        ),
        reminders=ReminderScanner(app, store, renderer, settings.workers.reminder_days_ahead),
        reports=ReportProducer(
            app,
            store,
            DocumentRenderer(lambda: build_states_projection(app, settings)),
            settings.var_dir / "reports",
        ),
    )


@dataclass
class CeleryRuntime:
    celery: Celery
    tasks: WorkerTasks
    services: ServicesCache

    def close(self) -> None:
        self.services.close()


def build_celery(settings: Settings | None = None) -> CeleryRuntime:
    """Build the Celery app with its tasks and beat schedule. Services are built on the
    first task a process runs."""
    settings = settings or Settings.from_env()
    celery = Celery("doitac", set_as_current=False)
    configure_celery(celery, settings)
    services = ServicesCache(lambda: build_worker_services(settings))
    return CeleryRuntime(celery, register_tasks(celery, services), services)
