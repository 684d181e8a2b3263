"""The doitac application: executes commands against the event store and runs
queries about partners and partnerships."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, ClassVar, cast
from zoneinfo import ZoneInfo

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.domain import Aggregate, MutableOrImmutableAggregate
from eventsourcing.persistence import (
    EventStore,
    IntegrityError,
    JSONTranscoder,
    Mapper,
    Transcoding,
)
from eventsourcing.utils import get_topic

from application.chain import ChainedEventStore
from application.commands import Command, CommandResult, ProcessedCommand
from application.crypto import Keyring, SealedPersonAsDict
from application.errors import (
    CommandIdReusedError,
    ConcurrencyConflictError,
    PartnerNotFoundError,
    PartnershipNotFoundError,
    VersionNotFoundError,
)
from application.handlers import HANDLERS
from application.mapper import AuditMapper
from domain.errors import DomainError, InvalidValueError
from domain.partner import Partner
from domain.partnership import Partnership
from domain.units import UnitDirectory

logger = logging.getLogger(__name__)

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
SNAPSHOT_INTERVAL = 100


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return date.fromisoformat(data)


class PartnershipApplication(Application[uuid.UUID]):
    """Commands and queries over partners and partnerships, stored as events."""

    name = "doitac"

    # A snapshot every this many events keeps long histories quick to load.
    snapshotting_intervals: ClassVar[dict[type[MutableOrImmutableAggregate[Any]], int]] = {
        Partnership: SNAPSHOT_INTERVAL,
        Partner: SNAPSHOT_INTERVAL,
    }

    def __init__(
        self,
        units: UnitDirectory,
        env: dict[str, str] | None = None,
        *,
        keyring: Keyring,
    ) -> None:
        # The mapper built by the base class seals personal data with this keyring.
        self.keyring = keyring
        super().__init__(env)
        self.keyring.attach(getattr(self.recorder, "datastore", None))
        self.units = units

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        transcoder.register(DateAsISO())
        transcoder.register(SealedPersonAsDict(self.keyring))

    def construct_mapper(self) -> Mapper[uuid.UUID]:
        return AuditMapper(self.construct_transcoder(), self.keyring)

    def construct_event_store(self) -> EventStore[uuid.UUID]:
        return ChainedEventStore(self.mapper, self.recorder)

    # -- commands -------------------------------------------------------------

    def execute(self, command: Command, expected_version: int | None = None) -> CommandResult:
        """Apply a command once. A command whose id was applied before changes nothing
        and returns the first result; the same id with a different content is rejected.
        With ``expected_version``, a target aggregate at any other version raises
        ``ConcurrencyConflictError`` and nothing is written.

        The applied-command record is inserted in the same transaction as the events, so
        a resubmission is found without a lookup on the normal path: either the domain
        rejects the repeated step, or the record's insert conflicts."""
        try:
            self._check_submission(command)
            aggregates = HANDLERS[command.name](self, command)
        except DomainError:
            previous = self._processed(command)
            if previous is not None:
                return previous
            raise

        target = aggregates[0]
        if expected_version is not None:
            loaded_version = target.version - len(target.pending_events)
            if loaded_version != expected_version:
                previous = self._processed(command)
                if previous is not None:
                    return previous
                raise ConcurrencyConflictError(
                    f"Phiên bản hiện tại là {loaded_version}, không phải phiên bản "
                    f"{expected_version} mà lệnh dựa vào; hãy tải lại và gửi lại lệnh.",
                    current_version=loaded_version,
                )
        events = [type(e).__name__ for a in aggregates for e in a.pending_events]
        marker = ProcessedCommand.record(command, target.id, target.version)
        try:
            self.save(*aggregates, marker)
        except IntegrityError:
            previous = self._processed(command)
            if previous is not None:
                return previous
            current = self._current_version(target.id)
            logger.info(
                "command conflict command_id=%s aggregate_id=%s current_version=%s",
                command.id,
                target.id,
                current,
            )
            raise ConcurrencyConflictError(
                "Quan hệ đối tác vừa được thay đổi bởi một lệnh khác; hãy tải lại và gửi lại lệnh.",
                current_version=current,
            ) from None
        logger.debug(
            "command applied command_id=%s command=%s aggregate_id=%s version=%s",
            command.id,
            command.name,
            target.id,
            target.version,
        )
        return CommandResult(command.id, target.id, target.version, events=events)

    def _check_submission(self, command: Command) -> None:
        self.units.get(command.actor.unit, "actor.unit")
        local_submitted_on = command.submitted_at.astimezone(VIETNAM_TZ).date()
        if command.occurred_on > local_submitted_on:
            raise InvalidValueError(
                f"Ngày thực hiện {command.occurred_on:%d/%m/%Y} sau thời điểm gửi lệnh "
                f"{local_submitted_on:%d/%m/%Y}.",
                field="occurred_on",
            )

    def _processed(self, command: Command) -> CommandResult | None:
        stored = self.recorder.select_events(command.marker_id, limit=1)
        if not stored:
            return None
        marker = cast(ProcessedCommand, self.repository.get(command.marker_id))
        if marker.fingerprint != command.fingerprint():
            raise CommandIdReusedError(
                f"Mã lệnh «{command.id}» đã được dùng cho một lệnh có nội dung khác.", field="id"
            )
        return CommandResult(command.id, marker.target_id, marker.target_version, duplicate=True)

    def _current_version(self, aggregate_id: uuid.UUID) -> int | None:
        stored = self.recorder.select_events(aggregate_id, desc=True, limit=1)
        return stored[0].originator_version if stored else None

    # -- queries --------------------------------------------------------------

    def get_partnership(
        self, reference: str | uuid.UUID, version: int | None = None
    ) -> Partnership:
        """Load a partnership by its reference (or id), as of a version if one is given."""
        partnership_id = (
            reference if isinstance(reference, uuid.UUID) else self.partnership_id(reference)
        )
        try:
            aggregate: Aggregate = self.repository.get(partnership_id, version=version)
        except AggregateNotFoundError:
            raise PartnershipNotFoundError(
                f"Không tìm thấy quan hệ đối tác «{reference}».", field="partnership"
            ) from None
        if not isinstance(aggregate, Partnership):
            raise PartnershipNotFoundError(
                f"Không tìm thấy quan hệ đối tác «{reference}».", field="partnership"
            )
        if version is not None and aggregate.version != version:
            raise VersionNotFoundError(
                f"Quan hệ đối tác «{reference}» chỉ có {aggregate.version} phiên bản.",
                field="version",
            )
        return aggregate

    @staticmethod
    def partnership_id(reference: str) -> uuid.UUID:
        try:
            return uuid.UUID(reference)
        except ValueError:
            return Partnership.id_for(reference)

    def get_partner(self, tax_number: str, field: str = "tax_number") -> Partner:
        return self.get_partner_by_id(Partner.id_for(tax_number), label=tax_number, field=field)

    def get_partner_by_id(
        self, partner_id: uuid.UUID, label: str | None = None, field: str = "tax_number"
    ) -> Partner:
        aggregate: Aggregate | None
        try:
            aggregate = self.repository.get(partner_id)
        except AggregateNotFoundError:
            aggregate = None
        if not isinstance(aggregate, Partner):
            raise PartnerNotFoundError(
                f"Không tìm thấy đối tác «{label or partner_id}»; hãy đăng ký đối tác trước.",
                field=field,
            )
        return aggregate

    def partnership_events(self, reference: str | uuid.UUID) -> list[Partnership.Event]:
        """Return every stored event of a partnership, in the order they were recorded."""
        partnership = self.get_partnership(reference)
        return cast(list[Partnership.Event], list(self.repository.event_store.get(partnership.id)))

    def partnership_as_of(self, reference: str | uuid.UUID, on: date) -> Partnership | None:
        """Rebuild a partnership from the steps whose business date is on or before ``on``,
        so that a step recorded after the fact counts from the day it happened.
        Returns None when the content had not been determined by then."""
        aggregate: Partnership | None = None
        for event in self.partnership_events(reference):
            if event.occurred_on > on:
                continue
            if aggregate is None:
                aggregate = cast(Partnership, event.mutate(None))
                continue
            event.apply(aggregate)
            aggregate.version = event.originator_version
            aggregate.modified_on = event.timestamp
        return aggregate

    def partnership_known_at(self, reference: str | uuid.UUID, at: datetime) -> Partnership | None:
        """Return the partnership as it was recorded at the moment ``at`` (timezone-aware):
        every step recorded by then, whatever its business date. Returns None when
        nothing had been recorded yet."""
        known_version = 0
        for event in self.partnership_events(reference):
            if event.timestamp > at:
                break
            known_version = event.originator_version
        if known_version == 0:
            return None
        return self.get_partnership(reference, version=known_version)

    def iter_aggregate_ids(self, event_class: type[Aggregate.Event]) -> Iterator[uuid.UUID]:
        """Yield the ids of aggregates whose creation event is ``event_class``, oldest first."""
        topic = get_topic(event_class)
        start = 1
        page = 500
        while True:
            notifications = self.recorder.select_notifications(start, page, topics=[topic])
            for notification in notifications:
                originator_id = notification.originator_id
                yield (
                    originator_id
                    if isinstance(originator_id, uuid.UUID)
                    else uuid.UUID(originator_id)
                )
            if len(notifications) < page:
                return
            start = notifications[-1].id + 1

    def partners(self) -> list[Partner]:
        return [self.get_partner_by_id(pid) for pid in self.iter_aggregate_ids(Partner.Registered)]

    def partnerships(self) -> list[Partnership]:
        return [
            self.get_partnership(pid)
            for pid in self.iter_aggregate_ids(Partnership.ContentDetermined)
        ]

    def count_events(self) -> int:
        return self.recorder.max_notification_id() or 0


def event_fields(event: Any) -> dict[str, Any]:
    """Return an event's own fields, without the library's bookkeeping attributes."""
    skip = {"originator_id", "originator_version", "timestamp", "originator_topic"}
    return {key: value for key, value in vars(event).items() if key not in skip}
