"""The mapper between domain events and stored events. It seals personal data on the
way in, and on the way out strips the chain hash and opens sealed data, so everyone
who loads events through the application receives the same events as before."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from eventsourcing.domain import CanSnapshotAggregate, DomainEventProtocol
from eventsourcing.persistence import (
    Mapper,
    MapperDeserialisationError,
    StoredEvent,
    Transcoder,
)
from eventsourcing.utils import get_topic

from application.chain import CHAIN_ATTRIBUTE
from application.crypto import Keyring, MasterKeyError
from domain.partner import Partner
from domain.partnership import Partnership

# Each sealer rewrites the personal fields of one stored state in place, given the
# state, the aggregate id and the keyring.
Sealer = Callable[[dict[str, Any], str, Keyring], None]


def _seal_contact(state: dict[str, Any], originator_id: str, keyring: Keyring) -> None:
    state["contact"] = keyring.seal(originator_id, state["contact"])


def _focal_point_owner(partner_id: str | None, partnership_id: str) -> str:
    # A partner's focal point belongs to that partner; the customs side's focal point
    # is keyed by the partnership, so erasing a partner leaves it readable.
    return str(partner_id) if partner_id else partnership_id


def _seal_focal_point(state: dict[str, Any], originator_id: str, keyring: Keyring) -> None:
    owner = _focal_point_owner(state.get("partner_id"), originator_id)
    state["person"] = keyring.seal(owner, state["person"])


def _seal_signatories(signatories: list[dict[str, Any]], keyring: Keyring) -> list[Any]:
    return [keyring.seal(str(signatory["partner_id"]), signatory) for signatory in signatories]


def _seal_agreement(state: dict[str, Any], originator_id: str, keyring: Keyring) -> None:
    state["partner_signatories"] = _seal_signatories(state["partner_signatories"], keyring)


def _seal_partner_snapshot(state: dict[str, Any], originator_id: str, keyring: Keyring) -> None:
    contacts = state.get("contacts") or []
    state["contacts"] = [keyring.seal(originator_id, contact) for contact in contacts]


def _seal_partnership_snapshot(state: dict[str, Any], originator_id: str, keyring: Keyring) -> None:
    state["focal_points"] = [
        {
            **focal_point,
            "person": keyring.seal(
                _focal_point_owner(focal_point.get("partner_id"), originator_id),
                focal_point["person"],
            ),
        }
        for focal_point in state.get("focal_points") or []
    ]
    agreement = state.get("agreement")
    if agreement:
        state["agreement"] = {
            **agreement,
            "partner_signatories": _seal_signatories(agreement["partner_signatories"], keyring),
        }


EVENT_SEALERS: dict[str, Sealer] = {
    get_topic(Partner.ContactAdded): _seal_contact,
    get_topic(Partnership.FocalPointDesignated): _seal_focal_point,
    get_topic(Partnership.AgreementSigned): _seal_agreement,
}
SNAPSHOT_SEALERS: dict[str, Sealer] = {
    get_topic(Partner): _seal_partner_snapshot,
    get_topic(Partnership): _seal_partnership_snapshot,
}


class AuditMapper(Mapper[uuid.UUID]):
    """eventsourcing's Mapper, with personal data sealed per owner and the chain hash
    removed before decoding. It uses no library-wide cipher or compressor, because the
    chain hash is appended to the stored JSON."""

    def __init__(self, transcoder: Transcoder, keyring: Keyring) -> None:
        super().__init__(transcoder)
        self.keyring = keyring

    def to_stored_event(self, domain_event: DomainEventProtocol[uuid.UUID]) -> StoredEvent:
        topic = get_topic(type(domain_event))
        event_state = dict(vars(domain_event))
        originator_id = event_state.pop("originator_id")
        originator_version = event_state.pop("originator_version")
        # Stored always, also for version 1, so every stored event states its shape.
        event_state["class_version"] = getattr(type(domain_event), "class_version", 1)
        if topic in EVENT_SEALERS or isinstance(domain_event, CanSnapshotAggregate):
            is_snapshot = topic not in EVENT_SEALERS
            self._seal(topic, is_snapshot, str(originator_id), event_state)
        return StoredEvent(
            originator_id=originator_id,
            originator_version=originator_version,
            topic=topic,
            state=self.transcoder.encode(event_state),
        )

    def to_domain_event(self, stored_event: StoredEvent) -> DomainEventProtocol[uuid.UUID]:
        try:
            domain_event = super().to_domain_event(stored_event)
        except MapperDeserialisationError as error:
            # A wrong master key is a setting to fix, not a damaged event, so raise it as such.
            if isinstance(error.__cause__, MasterKeyError):
                raise error.__cause__ from None
            raise
        # The chain hash decodes as one more attribute; removing it here is cheaper than
        # copying the stored state without it. Upcasters may see it and must ignore it.
        domain_event.__dict__.pop(CHAIN_ATTRIBUTE, None)
        return domain_event

    def _seal(
        self, topic: str, is_snapshot: bool, originator_id: str, event_state: dict[str, Any]
    ) -> None:
        sealer = EVENT_SEALERS.get(topic)
        if sealer is not None:
            sealer(event_state, originator_id, self.keyring)
            return
        if is_snapshot:
            sealer = SNAPSHOT_SEALERS.get(event_state["topic"])
            if sealer is not None:
                # The snapshot contains the aggregate's own attribute dict, so seal a copy.
                aggregate_state = dict(event_state["state"])
                sealer(aggregate_state, originator_id, self.keyring)
                event_state["state"] = aggregate_state
