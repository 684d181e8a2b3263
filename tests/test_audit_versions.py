"""Schema evolution: rows in the format written before the chain and the encryption
still load, event and snapshot class versions are upcast through doitac's mapper, and
snapshots keep long histories loading the same state."""

from __future__ import annotations

import json
import uuid
from datetime import date
from typing import Any

from eventsourcing.domain import Aggregate, Snapshot
from eventsourcing.persistence import (
    DatetimeAsISO,
    DecimalAsStr,
    JSONTranscoder,
    Mapper,
    StoredEvent,
    UUIDAsHex,
)
from eventsourcing.utils import get_topic

from application.audit import verify_store
from application.chain import GENESIS, attach_hash, link_hash
from application.service import SNAPSHOT_INTERVAL, DateAsISO, PartnershipApplication
from domain.partner import Partner
from domain.partnership import Partnership
from domain.values import Actor
from tests.scenario import REFERENCE, command_line, register_partners, run_procedure, submit


class Shipment(Aggregate):
    """A test aggregate at class version 2: version 1 had no ``unit`` on its events and
    no ``notes`` in its state."""

    class_version = 2

    class Opened(Aggregate.Created):
        class_version = 2
        unit: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["unit"] = "00"

    class Noted(Aggregate.Event):
        class_version = 2
        text: str
        unit: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["unit"] = "00"

        def apply(self, aggregate: Shipment) -> None:
            aggregate.notes = [*aggregate.notes, f"{self.unit}:{self.text}"]

    def __init__(self, unit: str) -> None:
        self.unit = unit
        self.notes: list[str] = []

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["notes"] = []


def _plain_mapper() -> Mapper[uuid.UUID]:
    """The library's own mapper, as the application stored events before the chain and
    the encryption of personal data."""
    transcoder = JSONTranscoder()
    for transcoding in (UUIDAsHex(), DecimalAsStr(), DatetimeAsISO(), DateAsISO()):
        transcoder.register(transcoding)
    return Mapper(transcoder)


def _chained(stored: StoredEvent, previous: bytes) -> tuple[StoredEvent, bytes]:
    chain_hash = link_hash(
        previous,
        uuid.UUID(str(stored.originator_id)),
        stored.originator_version,
        stored.topic,
        stored.state,
    )
    return (
        StoredEvent(
            originator_id=stored.originator_id,
            originator_version=stored.originator_version,
            topic=stored.topic,
            state=attach_hash(stored.state, chain_hash),
        ),
        chain_hash,
    )


def _v1_state(**fields: Any) -> bytes:
    return json.dumps(fields, separators=(",", ":")).encode()


def test_old_format_rows_load(app: PartnershipApplication) -> None:
    partner = Partner.register(
        actor=Actor("Nguyễn Văn An", "00"),
        occurred_on=date(2025, 1, 6),
        name="Công ty TNHH Thương mại Đông Á",
        tax_number="0100109106",
        partner_type="import_export_enterprise",
        address="12 Tràng Tiền, Hà Nội",
    )
    partner.add_contact(
        actor=Actor("Nguyễn Văn An", "00"),
        occurred_on=date(2025, 1, 7),
        contact={"name": "Phạm Thị Duyên", "phone": "0912 345 678"},
    )
    rows = [_plain_mapper().to_stored_event(e) for e in partner.collect_events()]
    app.recorder.insert_events(rows)

    loaded = app.get_partner("0100109106")
    result = verify_store(app)

    assert loaded.contacts[0]["name"] == "Phạm Thị Duyên"
    assert loaded.contacts[0]["phone"] == "+84912345678"
    assert [(c.broken.version, c.broken.reason) for c in result.broken if c.broken] == [
        (1, "unchained")
    ]


def test_old_format_snapshot_loads(app: PartnershipApplication) -> None:
    register_partners(app)
    run_procedure(app)
    partnership = app.get_partnership(REFERENCE)
    assert app.snapshots is not None
    app.snapshots.recorder.insert_events(
        [_plain_mapper().to_stored_event(Snapshot.take(partnership))]
    )

    loaded = app.get_partnership(REFERENCE)

    assert loaded.version == partnership.version
    assert loaded.state == partnership.state
    assert loaded.agreement == partnership.agreement


def test_event_upcast_through_mapper(app: PartnershipApplication) -> None:
    shipment_id = uuid.uuid4()
    opened, head = _chained(
        StoredEvent(
            originator_id=shipment_id,
            originator_version=1,
            topic=get_topic(Shipment.Opened),
            state=_v1_state(
                timestamp={"_type_": "datetime_iso", "_data_": "2025-01-06T01:30:00+00:00"},
                originator_topic=get_topic(Shipment),
            ),
        ),
        GENESIS,
    )
    noted, _ = _chained(
        StoredEvent(
            originator_id=shipment_id,
            originator_version=2,
            topic=get_topic(Shipment.Noted),
            state=_v1_state(
                timestamp={"_type_": "datetime_iso", "_data_": "2025-01-07T01:30:00+00:00"},
                text="kiểm tra",
            ),
        ),
        head,
    )
    app.recorder.insert_events([opened, noted])

    shipment = app.repository.get(shipment_id)

    assert isinstance(shipment, Shipment)
    assert shipment.unit == "00"
    assert shipment.notes == ["00:kiểm tra"]
    assert verify_store(app).ok


def test_new_events_store_class_version(app: PartnershipApplication) -> None:
    shipment = Shipment(unit="02")
    shipment.trigger_event(Shipment.Noted, text="mới", unit="02")
    app.save(shipment)

    rows = app.recorder.select_events(shipment.id)
    states = [json.loads(row.state) for row in rows]

    assert [state["class_version"] for state in states] == [2, 2]
    assert app.repository.get(shipment.id).notes == ["02:mới"]


def test_snapshot_upcast_through_mapper(app: PartnershipApplication) -> None:
    shipment = Shipment(unit="02")
    app.save(shipment)
    snapshot = Snapshot.take(shipment)
    old_state = {k: v for k, v in snapshot.state.items() if k not in ("notes", "class_version")}
    assert app.snapshots is not None
    app.snapshots.recorder.insert_events(
        [
            StoredEvent(
                originator_id=shipment.id,
                originator_version=1,
                topic=get_topic(Snapshot),
                state=app.mapper.transcoder.encode(
                    {
                        "timestamp": snapshot.timestamp,
                        "topic": get_topic(Shipment),
                        "state": old_state,
                    }
                ),
            )
        ]
    )

    loaded = app.repository.get(shipment.id)

    assert isinstance(loaded, Shipment)
    assert loaded.notes == []
    assert loaded.unit == "02"


def test_long_history_snapshotted(app: PartnershipApplication) -> None:
    register_partners(app)
    run_procedure(app)
    version = app.get_partnership(REFERENCE).version
    for number in range(SNAPSHOT_INTERVAL - version + 5):
        submit(
            app,
            command_line(
                "record_publicity",
                {
                    "partnership": REFERENCE,
                    "channel": "Cổng thông tin",
                    "description": f"Tin {number}",
                },
                occurred_on="2025-05-05",
            ),
        )
    assert app.snapshots is not None
    snapshots = app.snapshots.recorder.select_events(Partnership.id_for(REFERENCE))

    loaded = app.get_partnership(REFERENCE)
    replayed = app.partnership_as_of(REFERENCE, date(2025, 12, 31))

    assert [s.originator_version for s in snapshots] == [SNAPSHOT_INTERVAL]
    assert loaded.version == SNAPSHOT_INTERVAL + 5
    assert replayed is not None
    assert loaded.publicity == replayed.publicity
    assert verify_store(app).ok
