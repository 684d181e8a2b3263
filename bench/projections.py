"""Benchmark: catch-up of the aggregate-states projection in events per second, against
reading the same events with the bare library (select the notifications, decode each with
the application's mapper). Also the time to build and render the yearly partner list for
10,000 partners. Both run on SQLite and on PostgreSQL in one run.

Run: .venv/bin/python bench/projections.py [--partners N] [--batch-size N] [--skip-postgres]
PostgreSQL is the server at 127.0.0.1:5432, database ``test``, user ``postgres``.
Each run uses a fresh schema and drops it afterwards.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stdnum.vn import mst
from stores import postgres_url, sqlite_url

from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application, build_states_projection
from domain.partner import Partner
from domain.values import Actor
from projections.partner_list import build_edition
from projections.rendering import render_partner_list_edition
from projections.states import EVENT_TOPICS

ACTOR = Actor(name="Dịch vụ thuế", unit="00")
SAVE_CHUNK = 250
READ_PAGE = 500


def tax_numbers(count: int) -> list[str]:
    numbers: list[str] = []
    base = 30_000_000
    while len(numbers) < count:
        digits = f"{base:09d}"
        candidate = digits + mst.calc_check_digit(digits)
        if mst.is_valid(candidate):
            numbers.append(candidate)
        base += 1
    return numbers


def record_partners(app: PartnershipApplication, count: int) -> None:
    """Save ``count`` partners with three events each: registration, a compliance
    declaration and the yearly import-export tax of a provincial department."""
    pending: list[Partner] = []
    for index, tax_number in enumerate(tax_numbers(count)):
        partner = Partner.register(
            actor=ACTOR,
            occurred_on=date(2024, 3, 1 + index % 28),
            name=f"Công ty Cổ phần Thương mại Số {index:05d}",
            tax_number=tax_number,
            partner_type="import_export_enterprise",
            address=f"Số {index} Đường Láng, Hà Nội",
        )
        partner.declare_compliance(
            actor=ACTOR,
            occurred_on=date(2025, 1, 15),
            year=2024,
            tax_duties_met=True,
            no_violation=True,
            no_smuggling=True,
            evidence="Xác nhận của cơ quan thuế",
        )
        partner.record_yearly_tax(
            actor=ACTOR,
            occurred_on=date(2025, 1, 20),
            year=2024,
            provincial_unit="01",
            amount=Decimal(1_000_000 + (index * 7919) % 5_000_000),
        )
        pending.append(partner)
        if len(pending) == SAVE_CHUNK:
            app.save(*pending)
            pending.clear()
    if pending:
        app.save(*pending)


def bare_read(app: PartnershipApplication) -> int:
    """Read and decode every partner and partnership event, as a bare library reader."""
    count = 0
    start = 0
    while True:
        page = app.recorder.select_notifications(
            start=start, limit=READ_PAGE, topics=EVENT_TOPICS, inclusive_of_start=False
        )
        for notification in page:
            app.mapper.to_domain_event(notification)
        count += len(page)
        if len(page) < READ_PAGE:
            return count
        start = page[-1].id


def measure(label: str, url: str, partners: int, batch_size: int) -> None:
    folder = Path(tempfile.mkdtemp())
    settings = Settings(database_url=url, var_dir=folder, projection_batch_size=batch_size)
    app = build_application(settings)
    projection = build_states_projection(app, settings)
    try:
        started = time.perf_counter()
        record_partners(app, partners)
        print(f"{label}: recorded {partners} partners in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        events = bare_read(app)
        bare_seconds = time.perf_counter() - started

        started = time.perf_counter()
        applied = projection.catch_up()
        catch_up_seconds = time.perf_counter() - started
        assert applied == events, (applied, events)

        bare_rate = events / bare_seconds
        catch_up_rate = events / catch_up_seconds
        print(
            f"{label}: bare read {bare_rate:,.0f} events/s; projection catch-up "
            f"{catch_up_rate:,.0f} events/s; ratio {catch_up_rate / bare_rate:.2f} "
            f"({events} events, batch {projection.batch_size})"
        )

        started = time.perf_counter()
        edition = build_edition(projection, 2025, None)
        build_seconds = time.perf_counter() - started
        timings = []
        for format_name in ("xlsx", "docx", "html"):
            started = time.perf_counter()
            document = render_partner_list_edition(edition, format_name)
            timings.append(
                f"{format_name} {time.perf_counter() - started:.1f} s ({len(document) // 1024} KiB)"
            )
        print(
            f"{label}: yearly partner list of {len(edition.rows)} partners built in "
            f"{build_seconds:.1f} s from {edition.event_count} events; rendered "
            + ", ".join(timings)
        )
    finally:
        projection.close()
        app.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partners", type=int, default=10_000)
    parser.add_argument("--batch-size", type=int, default=Settings.projection_batch_size)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    with sqlite_url() as url:
        measure("SQLite", url, args.partners, args.batch_size)
    if not args.skip_postgres:
        with postgres_url() as url:
            measure("PostgreSQL", url, args.partners, args.batch_size)


if __name__ == "__main__":
    main()
