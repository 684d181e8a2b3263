"""The aggregate-states projection: rows per year, rebuild equal to the incremental run, a
crash in the middle of a batch, concurrent writers and competing runners."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any, cast

import pytest

from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application
from domain.partner import Partner
from projections.recorders import StatesRecorder, StoredRow
from projections.runner import AggregateStatesProjection
from projections.states import EVENT_TOPICS, PARTNER_KIND
from tests.projections_fixture import (
    build_dataset,
    build_projection,
    record_tax,
    register,
    valid_tax_numbers,
)
from tests.scenario import ENTERPRISE_TAX_NUMBER


def matching_event_count(app: PartnershipApplication) -> int:
    notifications = app.recorder.select_notifications(
        0, 1_000_000, topics=EVENT_TOPICS, inclusive_of_start=False
    )
    return len(notifications)


def decoded_rows(projection: AggregateStatesProjection) -> dict[tuple[uuid.UUID, int], Any]:
    """Every stored row, decoded, so that rows written with different ciphertexts compare."""
    recorder = projection.recorder
    ids = {row.aggregate_id for row in recorder.select_states(projection.app.name, None)[1]}
    rows: dict[tuple[uuid.UUID, int], Any] = {}
    for row in recorder.select_rows(ids):
        aggregate = projection._decode_row(row).aggregate
        rows[(row.aggregate_id, row.year)] = (row.kind, row.version, vars(aggregate), row.events)
    return rows


def test_rows_per_year(app: PartnershipApplication, database_url: str, tmp_path: Path) -> None:
    build_dataset(app)
    projection = build_projection(app, database_url, tmp_path)
    try:
        applied = projection.catch_up()

        assert applied == matching_event_count(app)
        enterprise = Partner.id_for(ENTERPRISE_TAX_NUMBER)
        rows = {row.year: row for row in projection.current_states([enterprise]).values()}
        assert set(rows) == {2025}
        _, as_of_2024 = projection.states(PARTNER_KIND, 2024)
        (row_2024,) = [row for row in as_of_2024 if row.aggregate_id == enterprise]
        assert row_2024.year == 2024
        assert cast(Partner, row_2024.aggregate).compliance == {}
        assert [version for version, _ in row_2024.events] == [1]
        _, as_of_2025 = projection.states(PARTNER_KIND, 2025)
        (row_2025,) = [row for row in as_of_2025 if row.aggregate_id == enterprise]
        assert set(cast(Partner, row_2025.aggregate).compliance) == {"2023", "2024"}
        assert [version for version, _ in row_2025.events] == [1, 2, 3]
        assert projection.status().pending == 0
        assert projection.status().events_applied == applied
    finally:
        projection.close()


def test_rebuild_equals_incremental(
    app: PartnershipApplication, database_url: str, tmp_path: Path
) -> None:
    projection = build_projection(app, database_url, tmp_path, batch_size=3)
    try:
        register(app, "0100000187", "Bến Thành", "2024-11-02")
        projection.catch_up()
        build_dataset(app)
        # Dated before the partner's first year: it counts from that first year on.
        record_tax(app, "0100000187", 2022, 70)
        projection.catch_up(max_batches=2)
        projection.catch_up()
        incremental = decoded_rows(projection)

        projection.rebuild()
        rebuilt = decoded_rows(projection)

        assert rebuilt == incremental
        assert projection.status().events_applied == matching_event_count(app)
    finally:
        projection.close()


def fold_from_scratch(app: PartnershipApplication, aggregate_id: uuid.UUID, year: int) -> Any:
    """Fold an aggregate's events dated up to 31/12/``year``, ignoring the read model."""
    aggregate: Any = None
    for event in app.repository.event_store.get(aggregate_id):
        if aggregate is None:
            aggregate = event.mutate(None)
        elif event.occurred_on.year <= year:
            event.apply(aggregate)
            aggregate.version = event.originator_version
            aggregate.modified_on = event.timestamp
    return aggregate


def test_year_rows_equal_fold_from_scratch(
    app: PartnershipApplication, database_url: str, tmp_path: Path
) -> None:
    build_dataset(app)
    # A 2024 row of this partner exists before the 2025 events copy it into a 2025 row.
    record_tax(app, "0100109106", 2024, 900)
    projection = build_projection(app, database_url, tmp_path, batch_size=4)
    try:
        projection.catch_up()
        rows = decoded_rows(projection)

        assert {year for _, year in rows} == {2024, 2025}
        for (aggregate_id, year), (_, _, state, _) in rows.items():
            expected = fold_from_scratch(app, aggregate_id, year)
            assert state == vars(expected), (aggregate_id, year)
    finally:
        projection.close()


def test_crash_mid_batch_resumes(
    app: PartnershipApplication, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_dataset(app)
    projection = build_projection(app, database_url, tmp_path, batch_size=7)
    try:
        projection.process_batch()
        position = projection.status().position
        before = decoded_rows(projection)
        recorder = cast(Any, projection.recorder)
        original = recorder._upsert

        def upsert_then_crash(cursor: Any, rows: list[StoredRow]) -> None:
            original(cursor, rows)
            raise RuntimeError("simulated crash after the rows were written")

        monkeypatch.setattr(recorder, "_upsert", upsert_then_crash)
        with pytest.raises(RuntimeError):
            projection.process_batch()

        assert projection.status().position == position
        assert projection.status().events_applied == 7
        assert decoded_rows(projection) == before

        monkeypatch.undo()
        projection.catch_up()
        resumed = decoded_rows(projection)
        assert projection.status().events_applied == matching_event_count(app)
        projection.rebuild()
        assert decoded_rows(projection) == resumed
    finally:
        projection.close()


def test_concurrent_writers_and_runners(database_url: str, tmp_path: Path) -> None:
    """Writers commit while two runners compete; each event is applied exactly once."""
    settings = Settings(database_url=database_url, var_dir=tmp_path / "var")
    app = build_application(settings)
    runners = [build_projection(app, database_url, tmp_path, batch_size=5) for _ in range(2)]
    stop = threading.Event()
    threads = [threading.Thread(target=runner.run_forever, args=(stop, 0.02)) for runner in runners]
    try:
        for thread in threads:
            thread.start()

        numbers = valid_tax_numbers(32)

        def write(offset: int) -> None:
            for index in range(8):
                register(
                    app, numbers[offset * 8 + index], f"Doanh nghiệp {offset}-{index}", "2025-02-01"
                )

        writers = [threading.Thread(target=write, args=(offset,)) for offset in range(4)]
        for writer in writers:
            writer.start()
        for writer in writers:
            writer.join(timeout=60)

        deadline = time.monotonic() + 30
        while runners[0].status().pending and time.monotonic() < deadline:
            time.sleep(0.05)
        stop.set()
        for thread in threads:
            thread.join(timeout=30)

        status = runners[0].status()
        assert status.pending == 0
        assert status.events_applied == matching_event_count(app) == 32
        _, partners = runners[0].states(PARTNER_KIND, None)
        assert len(partners) == 32
        assert all(len(row.events) == 1 for row in partners)
    finally:
        stop.set()
        for runner in runners:
            runner.close()
        app.close()


def test_killed_runner_resumes(sqlite_url: str, tmp_path: Path) -> None:
    """A ``doitac projections run`` process killed with SIGKILL leaves no half batch."""
    settings = Settings(database_url=sqlite_url, var_dir=tmp_path / "var")
    app = build_application(settings)
    build_dataset(app)
    for index, tax_number in enumerate(valid_tax_numbers(60)):
        register(app, tax_number, f"Doanh nghiệp {index}", "2025-02-01")
    env = {
        **os.environ,
        "DOITAC_DATABASE_URL": sqlite_url,
        "DOITAC_VAR_DIR": str(tmp_path / "var"),
        "DOITAC_PROJECTION_BATCH_SIZE": "1",
    }
    projection = build_projection(app, sqlite_url, tmp_path)
    process = subprocess.Popen(
        [sys.executable, "-m", "doitac.cli", "projections", "run", "--poll", "0.05"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while projection.status().position < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)

        killed_at = projection.status()
        assert 0 < killed_at.events_applied < matching_event_count(app)
        applied_notifications = app.recorder.select_notifications(
            0, 1_000_000, stop=killed_at.position, topics=EVENT_TOPICS, inclusive_of_start=False
        )
        assert killed_at.events_applied == len(applied_notifications)

        projection.catch_up()
        resumed = decoded_rows(projection)
        assert projection.status().events_applied == matching_event_count(app)
        projection.rebuild()
        assert decoded_rows(projection) == resumed
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
        projection.close()
        app.close()


def test_new_projection_has_no_position(
    sqlite_app: PartnershipApplication, sqlite_url: str, tmp_path: Path
) -> None:
    projection = build_projection(sqlite_app, sqlite_url, tmp_path)
    try:
        assert isinstance(projection.recorder, StatesRecorder)
        assert projection.recorder.max_tracking_id(sqlite_app.name) is None
    finally:
        projection.close()


def test_unordered_insert_path_rejected(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Inserting through the database function takes no table lock, so ids could become
    # visible out of commit order.
    monkeypatch.setenv("POSTGRES_ENABLE_DB_FUNCTIONS", "y")
    app = build_application(Settings(database_url=postgres_url, var_dir=tmp_path / "var"))
    try:
        with pytest.raises(ValueError, match="POSTGRES_ENABLE_DB_FUNCTIONS"):
            build_projection(app, postgres_url, tmp_path)
    finally:
        app.close()
