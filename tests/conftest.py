"""Shared fixtures: the application on SQLite and on PostgreSQL, and command builders.

PostgreSQL tests use the server at 127.0.0.1:5432 (database ``test``). Without a
server they are skipped locally, but under CI=true they fail instead."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application

POSTGRES_HOST = os.environ.get("DOITAC_TEST_POSTGRES_HOST", "127.0.0.1")
POSTGRES_PORT = int(os.environ.get("DOITAC_TEST_POSTGRES_PORT", "5432"))
POSTGRES_DB = os.environ.get("DOITAC_TEST_POSTGRES_DB", "test")
POSTGRES_USER = os.environ.get("DOITAC_TEST_POSTGRES_USER", "postgres")


def _postgres_conninfo() -> str:
    return f"host={POSTGRES_HOST} port={POSTGRES_PORT} dbname={POSTGRES_DB} user={POSTGRES_USER}"


def require_postgres() -> None:
    """Skip the test when PostgreSQL is unreachable, or fail under CI=true."""
    try:
        with psycopg.connect(_postgres_conninfo(), connect_timeout=3):
            pass
    except psycopg.OperationalError as error:
        message = f"PostgreSQL at {POSTGRES_HOST}:{POSTGRES_PORT} is unreachable: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database URL naming a fresh PostgreSQL schema, dropped after the test."""
    require_postgres()
    schema = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_postgres_conninfo(), autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield (
            f"postgresql://{POSTGRES_USER}@{POSTGRES_HOST}:{POSTGRES_PORT}/{POSTGRES_DB}"
            f"?schema={schema}"
        )
    finally:
        with psycopg.connect(_postgres_conninfo(), autocommit=True) as connection:
            connection.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'doitac.sqlite3'}"


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest) -> str:
    """The same test body runs once on SQLite and once on PostgreSQL."""
    fixture_name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(fixture_name)
    return url


@pytest.fixture
def app(database_url: str, tmp_path: Path) -> Iterator[PartnershipApplication]:
    application = build_application(Settings(database_url=database_url, var_dir=tmp_path / "var"))
    try:
        yield application
    finally:
        application.close()


@pytest.fixture
def sqlite_app(sqlite_url: str, tmp_path: Path) -> Iterator[PartnershipApplication]:
    application = build_application(Settings(database_url=sqlite_url, var_dir=tmp_path / "var"))
    try:
        yield application
    finally:
        application.close()
