"""Benchmark: load partnerships of 100, 1,000 and 10,000 events, with and without
snapshots, and compare with the bare eventsourcing library's repository get of an
aggregate with as many events. Each partnership is loaded four ways: current state,
full history, state as of a business date, and state as of a recorded time. The run
starts with commands per second with and without the audit hooks (SQLite) and ends
with the hash chain verification speed in events per second.

Run: .venv/bin/python bench/replay.py [--sizes 100,1000,10000] [--commands 150]
[--skip-postgres]. PostgreSQL is the server at 127.0.0.1:5432, database ``test``, user
``postgres``. Each run uses a fresh schema and drops it afterwards. Each load figure is
the median of ``--repeat`` runs (5 by default).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

# The scenario builders of the test suite set up the partnerships measured here.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import EventStore, Mapper
from stores import postgres_url, sqlite_url

from application.audit import verify_partnership, verify_store
from application.commands import Command
from application.crypto import Keyring, load_master_key
from application.service import PartnershipApplication
from application.settings import Settings
from application.units import load_units
from doitac.bootstrap import build_application
from domain.partnership import Partnership
from domain.values import Actor
from tests.scenario import procedure_lines, register_partners, submit

ACTOR = Actor("Nguyễn Văn An", "00")
BATCH = 500


class Counter(Aggregate):
    """The bare library's aggregate: events about as large as a publicity step."""

    class Started(Aggregate.Created):
        pass

    class Noted(Aggregate.Event):
        channel: str
        description: str

        def apply(self, aggregate: Counter) -> None:
            aggregate.notes = [*aggregate.notes, self.description]

    def __init__(self) -> None:
        self.notes: list[str] = []

    def note(self, channel: str, description: str) -> None:
        self.trigger_event(self.Noted, channel=channel, description=description)


class BareApplication(Application[uuid.UUID]):
    name = "bare"


class WithoutAuditApplication(PartnershipApplication):
    """doitac's application with the library's own mapper and event store and no
    snapshots: what each command cost before the chain and the encryption hooks."""

    snapshotting_intervals = {}

    def construct_mapper(self) -> Mapper[uuid.UUID]:
        return Mapper(self.construct_transcoder())

    def construct_event_store(self) -> EventStore[uuid.UUID]:
        return EventStore(self.mapper, self.recorder)


class UnsnapshottedApplication(PartnershipApplication):
    """doitac's application without snapshots, reading the same store (and, on
    PostgreSQL, the same tables, which are named after the application)."""

    name = "doitac"
    snapshotting_intervals = {}


def build_partnership(app: PartnershipApplication, reference: str, size: int) -> datetime:
    """Run the procedure for ``reference``, then add publicity steps up to ``size``
    events, saved in batches. Returns a recorded time halfway through."""
    for line in procedure_lines():
        line["data"]["partnership"] = reference
        submit(app, line)
    partnership = app.get_partnership(reference)
    halfway = datetime.now(UTC)
    number = 0
    while partnership.version < size:
        for _ in range(min(BATCH, size - partnership.version)):
            partnership.record_publicity(
                actor=ACTOR,
                occurred_on=date(2025, 5, 5),
                channel="Báo Hải quan",
                description=f"Tin số {number}",
            )
            number += 1
            if partnership.version == size // 2:
                app.save(partnership)
                halfway = datetime.now(UTC)
        app.save(partnership)
    return halfway


def build_counter(bare: BareApplication, size: int) -> uuid.UUID:
    counter = Counter()
    for number in range(size - 1):
        counter.note("Báo Hải quan", f"Tin số {number}")
    events = counter.collect_events()
    for start in range(0, len(events), BATCH):
        bare.save(*events[start : start + BATCH])
    return counter.id


def median_time(action: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_size(
    app: PartnershipApplication,
    plain: PartnershipApplication,
    bare: BareApplication,
    size: int,
    repeat: int,
) -> dict[str, float]:
    """Build a partnership and a bare aggregate of ``size`` events and time their loads."""
    reference = f"BENCH-{size}"
    halfway = build_partnership(app, reference, size)
    counter_id = build_counter(bare, size)
    partnership_id = Partnership.id_for(reference)
    return {
        "bare": median_time(lambda: bare.repository.get(counter_id), repeat),
        "snapshot": median_time(lambda: app.get_partnership(partnership_id), repeat),
        "replay": median_time(lambda: plain.get_partnership(partnership_id), repeat),
        "history": median_time(lambda: app.partnership_events(reference), repeat),
        "as_of": median_time(lambda: app.partnership_as_of(reference, date(2025, 5, 5)), repeat),
        "known_at": median_time(lambda: app.partnership_known_at(reference, halfway), repeat),
    }


def measure_store(label: str, url: str, sizes: list[int], repeat: int) -> None:
    var_dir = Path(tempfile.mkdtemp())
    settings = Settings(database_url=url, var_dir=var_dir)
    app = build_application(settings)
    plain = UnsnapshottedApplication(
        units=load_units(None),
        env=settings.eventsourcing_env(),
        keyring=Keyring(load_master_key(None, settings.key_file_path)),
    )
    # On SQLite every application shares one events table, so the bare library gets a
    # file of its own and the store check reads doitac's streams only.
    bare_url = url.replace("bench.sqlite3", "bare.sqlite3")
    bare = BareApplication(env=Settings(database_url=bare_url).eventsourcing_env())
    register_partners(app)

    print(f"[{label}] median of {repeat} runs, milliseconds")
    print(
        f"{'events':>7} {'bare get':>9} {'get+snap':>9} {'get':>9} {'history':>9} "
        f"{'as-of day':>10} {'known-at':>9} {'ratio':>6}"
    )
    for size in sizes:
        figures = measure_size(app, plain, bare, size, repeat)
        print(
            f"{size:>7} {figures['bare'] * 1000:9.1f} {figures['snapshot'] * 1000:9.1f} "
            f"{figures['replay'] * 1000:9.1f} {figures['history'] * 1000:9.1f} "
            f"{figures['as_of'] * 1000:10.1f} {figures['known_at'] * 1000:9.1f} "
            f"{figures['bare'] / figures['snapshot']:6.2f}"
        )

    largest = f"BENCH-{sizes[-1]}"
    stream_seconds = median_time(lambda: verify_partnership(app, largest), repeat)
    store = verify_store(app)
    print(f"  verify one stream of {sizes[-1]} events: {sizes[-1] / stream_seconds:,.0f} events/s")
    print(
        f"  verify whole store ({store.events} events, {store.streams} streams): "
        f"{store.events / store.seconds:,.0f} events/s, intact: {store.ok}"
    )
    app.close()
    plain.close()
    bare.close()


def publicity_command(reference: str, number: int) -> Command:
    return Command(
        id=f"bench-{uuid.uuid4().hex}",
        name="record_publicity",
        submitted_at=datetime.now(UTC),
        actor=ACTOR,
        occurred_on=date(2025, 5, 5),
        legal_basis=None,
        data={"partnership": reference, "channel": "Báo Hải quan", "description": f"Tin {number}"},
    )


def measure_commands(per_round: int, rounds: int) -> None:
    """Compare commands per second with and without the audit hooks and with the bare
    library, in alternating rounds on SQLite files of their own."""
    folder = Path(tempfile.mkdtemp())
    rates: dict[str, list[float]] = {"doitac": [], "without audit": [], "bare": []}
    cpu: dict[str, list[float]] = {name: [] for name in rates}
    apps: dict[str, tuple[PartnershipApplication, list[str]]] = {}
    for name, app_class in (
        ("doitac", PartnershipApplication),
        ("without audit", WithoutAuditApplication),
    ):
        settings = Settings(database_url=f"sqlite:///{folder / name}.sqlite3", var_dir=folder)
        app = app_class(
            units=load_units(None),
            env=settings.eventsourcing_env(),
            keyring=Keyring(load_master_key(None, settings.key_file_path)),
        )
        register_partners(app)
        references = [f"CMD-{index:02d}" for index in range(20)]
        for reference in references:
            for line in procedure_lines():
                line["data"]["partnership"] = reference
                submit(app, line)
        apps[name] = (app, references)

    bare = BareApplication(
        env=Settings(database_url=f"sqlite:///{folder / 'bare'}.sqlite3").eventsourcing_env()
    )
    counter_ids = [build_counter(bare, 10) for _ in range(20)]
    count = 0

    for _ in range(rounds):
        for name, (app, references) in apps.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            for _ in range(per_round):
                count += 1
                app.execute(publicity_command(references[count % len(references)], count))
            rates[name].append(per_round / (time.perf_counter() - started))
            cpu[name].append((time.process_time() - cpu_started) / per_round)
        started, cpu_started = time.perf_counter(), time.process_time()
        for number in range(per_round):
            counter: Counter = bare.repository.get(counter_ids[number % len(counter_ids)])
            assert isinstance(counter, Counter)
            counter.note("Báo Hải quan", f"Tin {number}")
            bare.save(counter)
        rates["bare"].append(per_round / (time.perf_counter() - started))
        cpu["bare"].append((time.process_time() - cpu_started) / per_round)

    medians = {name: statistics.median(values) for name, values in rates.items()}
    print(f"[SQLite] commands/s and CPU ms per command, median of {rounds} rounds of {per_round}")
    for name, value in medians.items():
        print(f"  {name:>14}: {value:8.1f}/s  {statistics.median(cpu[name]) * 1000:6.3f} ms CPU")
    print(
        f"  doitac / without audit: {medians['doitac'] / medians['without audit']:.2f}; "
        f"doitac / bare: {medians['doitac'] / medians['bare']:.2f}"
    )
    for app, _ in apps.values():
        app.close()
    bare.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", default="100,1000,10000", help="comma-separated event counts per partnership"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure")
    parser.add_argument("--skip-postgres", action="store_true", help="measure SQLite only")
    parser.add_argument(
        "--commands",
        type=int,
        default=150,
        help="commands per round in the per-command cost comparison; 0 skips it",
    )
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    if args.commands > 0:
        measure_commands(args.commands, rounds=7)
    with sqlite_url() as url:
        measure_store("SQLite", url, sizes, args.repeat)
    if not args.skip_postgres:
        with postgres_url() as url:
            measure_store("PostgreSQL", url, sizes, args.repeat)


if __name__ == "__main__":
    main()
