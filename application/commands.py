"""Commands as the application receives them, and the record that makes them idempotent."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from eventsourcing.domain import Aggregate

from domain.values import Actor, LegalBasis

COMMAND_NAMESPACE = uuid.UUID("a3d5e7f9-1b2c-5d4e-8f60-718293a4b5c6")


@dataclass(frozen=True)
class Command:
    """A validated command: its id makes a resubmission harmless."""

    id: str
    name: str
    submitted_at: datetime
    actor: Actor
    occurred_on: date
    legal_basis: LegalBasis | None
    data: dict[str, Any]

    @classmethod
    def from_loaded(cls, loaded: dict[str, Any]) -> Command:
        """Build a command from the output of ``CommandEnvelopeSchema().load``."""
        basis = loaded.get("legal_basis")
        return cls(
            id=loaded["id"],
            name=loaded["command"],
            submitted_at=loaded["submitted_at"],
            actor=Actor(name=loaded["actor"]["name"], unit=loaded["actor"]["unit"]),
            occurred_on=loaded["occurred_on"],
            legal_basis=LegalBasis(basis["number"], basis["issued_on"]) if basis else None,
            data=loaded["data"],
        )

    def fingerprint(self) -> str:
        """Return a digest of everything the command requests, to tell a resubmission
        from a different command that reuses the same id."""
        content = {
            "name": self.name,
            "actor": [self.actor.name, self.actor.unit],
            "occurred_on": self.occurred_on.isoformat(),
            "legal_basis": self.legal_basis.to_dict() if self.legal_basis else None,
            "data": self.data,
        }
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    @property
    def marker_id(self) -> uuid.UUID:
        return uuid.uuid5(COMMAND_NAMESPACE, self.id)


@dataclass(frozen=True)
class CommandResult:
    command_id: str
    aggregate_id: uuid.UUID
    version: int
    duplicate: bool = False
    events: list[str] = field(default_factory=list)


class ProcessedCommand(Aggregate):
    """The record of one applied command, saved in the same transaction as its events.
    Its id derives from the command id, so the store's unique (id, version) key rejects
    a second application of the same command, also across restarts."""

    class Recorded(Aggregate.Created):
        command: str
        fingerprint: str
        target_id: uuid.UUID
        target_version: int

        def apply(self, aggregate: ProcessedCommand) -> None:
            aggregate.command = self.command
            aggregate.fingerprint = self.fingerprint
            aggregate.target_id = self.target_id
            aggregate.target_version = self.target_version

    command: str
    fingerprint: str
    target_id: uuid.UUID
    target_version: int

    @classmethod
    def record(
        cls, command: Command, target_id: uuid.UUID, target_version: int
    ) -> ProcessedCommand:
        return cls._create(
            cls.Recorded,
            id=command.marker_id,
            command=command.name,
            fingerprint=command.fingerprint(),
            target_id=target_id,
            target_version=target_version,
        )
