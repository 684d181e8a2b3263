"""The yearly partner list: Vietnamese order, the edition as of 31/12, its reproducibility,
the priority group and the per-unit lists."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from application.service import PartnershipApplication
from domain.errors import UnknownUnitError
from projections.documents import render_partner_list
from projections.partner_list import build_edition
from projections.runner import AggregateStatesProjection
from tests.projections_fixture import (
    COLLATION_ORDER,
    SPECIAL_NAME,
    build_dataset,
    build_projection,
    record_tax,
)
from tests.scenario import REFERENCE, command_line, submit


@pytest.fixture
def projection(
    app: PartnershipApplication, database_url: str, tmp_path: Path
) -> Iterator[AggregateStatesProjection]:
    build_dataset(app)
    built = build_projection(app, database_url, tmp_path)
    built.catch_up()
    try:
        yield built
    finally:
        built.close()


def test_vietnamese_order(projection: AggregateStatesProjection) -> None:
    edition = build_edition(projection, 2025, None)

    names = [row.name for row in edition.rows]
    assert [name for name in names if name in COLLATION_ORDER] == COLLATION_ORDER
    assert names == [
        "An Phú",
        "Ăn Ngon",
        "Âu Lạc",
        SPECIAL_NAME,
        "Công ty TNHH Thương mại Đông Á",
        "Dương Minh",
        "Đông Hải",
        "Zeta Logistics",
    ]


def test_edition_as_of_year_end(projection: AggregateStatesProjection) -> None:
    edition_2024 = build_edition(projection, 2024, None)
    edition_2025 = build_edition(projection, 2025, None)

    # Only the enterprise registered on 02/12/2024 existed by 31/12/2024, in no programme.
    assert [row.tax_number for row in edition_2024.rows] == ["0100109106"]
    assert edition_2024.rows[0].programmes == []
    assert edition_2024.event_count == 1
    assert len(edition_2025.rows) == 8
    assert edition_2025.event_count > edition_2024.event_count
    assert edition_2025.digest != edition_2024.digest
    assert len(edition_2025.digest) == 64


def test_edition_reproducible_after_backdated_event(
    app: PartnershipApplication, projection: AggregateStatesProjection
) -> None:
    before = build_edition(projection, 2025, None)
    document = render_partner_list(projection, 2025, None, "csv")

    # A step dated in 2025 but recorded later changes the current edition of 2025 ...
    submit(
        app,
        command_line(
            "record_publicity",
            {"partnership": REFERENCE, "channel": "Báo Hải quan", "description": "Bài viết"},
            occurred_on="2025-07-01",
        ),
    )
    # The read model shows the new step only once it has caught up.
    assert build_edition(projection, 2025, None).digest == before.digest
    projection.catch_up()
    after = build_edition(projection, 2025, None)
    assert after.event_count == before.event_count + 1
    assert after.digest != before.digest

    # ... and the edition as it stood at the earlier position is rebuilt byte for byte.
    replayed = build_edition(projection, 2025, None, up_to=before.position)
    assert replayed.digest == before.digest
    assert replayed.event_count == before.event_count
    assert render_partner_list(projection, 2025, None, "csv", up_to=before.position) == document


def test_priority_group_flagged(projection: AggregateStatesProjection) -> None:
    edition = build_edition(projection, 2025, None)

    # 2024 tax in Hanoi: 500, 300, 150, 50; the first two make up 80%.
    assert edition.priority_tax_numbers == {"0100000116", "0100000123"}
    notes = {row.tax_number: row.notes for row in edition.rows}
    assert "chiếm 50,0%" in notes["0100000116"][0]
    assert "luỹ kế 80,0%" in notes["0100000123"][0]
    assert notes["0100000130"] == []
    # The group of 2024 would come from 2023 tax, and no 2023 tax was recorded.
    assert build_edition(projection, 2024, None).priority_tax_numbers == frozenset()


def test_priority_group_crossing_enterprise_included(
    app: PartnershipApplication, projection: AggregateStatesProjection
) -> None:
    # Raising the third enterprise above the second: 500, 320, 300, 50 of 1170; 500 + 320
    # is 70%, so the third (300) crosses 80% and is included.
    record_tax(app, "0100000130", 2024, 320)
    projection.catch_up()

    edition = build_edition(projection, 2025, None)

    assert edition.priority_tax_numbers == {"0100000116", "0100000130", "0100000123"}


def test_unit_list(projection: AggregateStatesProjection) -> None:
    central = build_edition(projection, 2025, "00")
    hanoi = build_edition(projection, 2025, "01")

    assert {row.tax_number for row in central.rows} >= {"0100109106", "0100000109"}
    # Hanoi leads no partnership, so its list contains the priority candidates of its area.
    assert [row.name for row in hanoi.rows] == ["Dương Minh", "Đông Hải"]
    assert hanoi.heading == "Cục Hải quan thành phố Hà Nội"


def test_unknown_unit_rejected(projection: AggregateStatesProjection) -> None:
    with pytest.raises(UnknownUnitError) as raised:
        build_edition(projection, 2025, "99-KHONG-CO")

    assert raised.value.code == "unknown_unit"
