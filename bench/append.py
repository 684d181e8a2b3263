"""Benchmark: commands per second through doitac's application against the bare
eventsourcing library on the same store, and the load time of a 1,000-event
partnership, on SQLite and on PostgreSQL in one run.

Run: .venv/bin/python bench/append.py [--commands N] [--skip-postgres] [--cache N]

PostgreSQL is the server at 127.0.0.1:5432, database ``test``, user ``postgres``.
Each run uses a fresh schema and drops it afterwards.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

# The scenario builders of the test suite set up the partnerships measured here.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate
from eventsourcing.persistence import JSONTranscoder
from stores import postgres_url, sqlite_url

from application.commands import Command
from application.service import DateAsISO, PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application
from domain.values import Actor
from tests.scenario import REFERENCE, procedure_lines, register_partners, submit

PARTNERSHIP_COUNT = 20
CACHE_SIZE = 1000


class Counter(Aggregate):
    """The bare library's aggregate: one event per command, with the same fields as
    doitac's publicity event, so that both store and decode the same payload."""

    class Started(Aggregate.Created):
        pass

    class Noted(Aggregate.Event):
        actor: str
        actor_unit: str
        occurred_on: date
        legal_basis: dict[str, str] | None
        channel: str
        description: str

    @classmethod
    def start(cls) -> Counter:
        return cls._create(cls.Started, id=uuid.uuid4())

    def note(self, channel: str, description: str) -> None:
        self.trigger_event(
            self.Noted,
            actor="Nguyễn Văn An",
            actor_unit="00",
            occurred_on=date(2025, 5, 5),
            legal_basis=None,
            channel=channel,
            description=description,
        )


class BareApplication(Application[uuid.UUID]):
    name = "bare"

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())


def publicity_command(reference: str, number: int) -> Command:
    return Command(
        id=f"bench-{uuid.uuid4().hex}",
        name="record_publicity",
        submitted_at=datetime.now(UTC),
        actor=Actor("Nguyễn Văn An", "00"),
        occurred_on=date(2025, 5, 5),
        legal_basis=None,
        data={"partnership": reference, "channel": "Báo Hải quan", "description": f"Tin {number}"},
    )


def prepare_doitac(app: PartnershipApplication) -> list[str]:
    """Bring PARTNERSHIP_COUNT partnerships to the active state and return their references."""
    register_partners(app)
    references = []
    for index in range(PARTNERSHIP_COUNT):
        reference = f"BENCH-{index:03d}"
        for line in procedure_lines():
            line["data"]["partnership"] = reference
            submit(app, line)
        references.append(reference)
    return references


def rate(run: Callable[[int], None], count: int) -> float:
    started = time.perf_counter()
    for number in range(count):
        run(number)
    return count / (time.perf_counter() - started)


def measure_store(label: str, url: str, commands: int, cache_size: int) -> None:
    settings = Settings(
        database_url=url, var_dir=Path(tempfile.mkdtemp()), aggregate_cache_size=cache_size
    )
    app = build_application(settings)
    bare = BareApplication(env=settings.eventsourcing_env())
    # The same library with an aggregate cache, for comparison with doitac run with
    # DOITAC_AGGREGATE_CACHE_SIZE set.
    bare_cached = BareApplication(
        env={
            **settings.eventsourcing_env(),
            "AGGREGATE_CACHE_MAXSIZE": str(settings.aggregate_cache_size or CACHE_SIZE),
        }
    )

    references = prepare_doitac(app)
    # Each bare aggregate starts with as many events as a partnership has after its
    # procedure, so that both sides load streams of the same length.
    procedure_length = app.get_partnership(references[0]).version
    counters = [Counter.start() for _ in references]
    for counter in counters:
        for number in range(procedure_length - 1):
            counter.note("Báo Hải quan", f"Bước {number}")
    bare.save(*counters)
    counter_ids = [c.id for c in counters]

    def doitac_command(number: int) -> None:
        app.execute(publicity_command(references[number % len(references)], number))

    def bare_command(number: int) -> None:
        counter = bare.repository.get(counter_ids[number % len(counter_ids)])
        counter.note("Báo Hải quan", f"Tin {number}")
        bare.save(counter)

    def bare_cached_command(number: int) -> None:
        counter = bare_cached.repository.get(counter_ids[number % len(counter_ids)])
        counter.note("Báo Hải quan", f"Tin {number}")
        bare_cached.save(counter)

    # Alternate rounds so that both see the same growth of their aggregates.
    doitac_rates, bare_rates, bare_cached_rates = [], [], []
    per_round = max(commands // 5, 1)
    for _ in range(5):
        doitac_rates.append(rate(doitac_command, per_round))
        bare_rates.append(rate(bare_command, per_round))
        bare_cached_rates.append(rate(bare_cached_command, per_round))
    doitac_rate = statistics.median(doitac_rates)
    bare_rate = statistics.median(bare_rates)
    bare_cached_rate = statistics.median(bare_cached_rates)

    # A 1,000-event partnership and a 1,000-event bare aggregate.
    # Loads are measured without the aggregate cache, from the store, with doitac's
    # default snapshots.
    app_long = build_application(dataclasses.replace(settings, aggregate_cache_size=0))
    long_reference = REFERENCE
    for line in procedure_lines():
        submit(app_long, line)
    for number in range(1000 - 10):
        app_long.execute(publicity_command(long_reference, number))
    long_counter = Counter.start()
    for number in range(999):
        long_counter.note("Báo Hải quan", f"Tin {number}")
    bare.save(long_counter)

    doitac_loads = [timed(lambda: app_long.get_partnership(long_reference)) for _ in range(7)]
    bare_loads = [timed(lambda: bare.repository.get(long_counter.id)) for _ in range(7)]
    doitac_load = statistics.median(doitac_loads)
    bare_load = statistics.median(bare_loads)

    print(f"[{label}]")
    print(
        f"  commands/s: doitac {doitac_rate:8.1f}  bare {bare_rate:8.1f}  "
        f"ratio {doitac_rate / bare_rate:.2f} (target >= 0.8)"
    )
    print(
        f"  commands/s, bare with an aggregate cache: {bare_cached_rate:8.1f}  "
        f"ratio {doitac_rate / bare_cached_rate:.2f}"
    )
    print(
        f"  load 1,000 events: doitac {doitac_load * 1000:7.1f} ms  bare {bare_load * 1000:7.1f} ms"
        f"  ratio (bare/doitac time) {bare_load / doitac_load:.2f} (target >= 0.8)"
    )
    app.close()
    app_long.close()
    bare.close()
    bare_cached.close()


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--commands", type=int, default=1000, help="commands per store")
    parser.add_argument("--skip-postgres", action="store_true", help="measure SQLite only")
    parser.add_argument(
        "--cache",
        type=int,
        default=0,
        help="doitac's aggregate cache size (DOITAC_AGGREGATE_CACHE_SIZE); 0 means off",
    )
    args = parser.parse_args()
    with sqlite_url() as url:
        measure_store("SQLite", url, args.commands, args.cache)
    if not args.skip_postgres:
        with postgres_url() as url:
            measure_store("PostgreSQL", url, args.commands, args.cache)


if __name__ == "__main__":
    main()
