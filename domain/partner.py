"""The Partner aggregate: an enterprise or business association that can join partnerships."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from domain.errors import InvalidValueError
from domain.values import (
    Actor,
    LegalBasis,
    PartnerType,
    ServiceKind,
    ViolationKind,
    normalise_email,
    normalise_phone,
    normalise_tax_number,
    normalise_text,
    parse_enum,
)

PARTNER_NAMESPACE = uuid.UUID("6f1c2b9e-4d0a-5b7e-9a43-0d2f6c1e8a11")


@dataclass(frozen=True)
class ComplianceYear:
    """A partner's declaration for one calendar year, with its evidence reference."""

    year: int
    tax_duties_met: bool
    no_violation: bool
    no_smuggling: bool
    evidence: str

    @property
    def compliant(self) -> bool:
        return self.tax_duties_met and self.no_violation and self.no_smuggling


@dataclass(frozen=True)
class PartnerProfile:
    """The facts about a partner that the Partnership aggregate checks at scoping and signing."""

    partner_id: uuid.UUID
    name: str
    partner_type: str
    legal_entity: bool
    compliance: dict[int, ComplianceYear] = field(default_factory=dict)
    violation_dates: tuple[date, ...] = ()


def contact_from_input(data: dict[str, Any], field_prefix: str) -> dict[str, Any]:
    """Validate and normalise a contact person: name, title, phone and e-mail."""
    phone = data.get("phone")
    email = data.get("email")
    return {
        "name": normalise_text(data["name"], f"{field_prefix}.name"),
        "title": normalise_text(data.get("title") or "", f"{field_prefix}.title", required=False),
        "phone": normalise_phone(phone, f"{field_prefix}.phone") if phone else None,
        "email": normalise_email(email, f"{field_prefix}.email") if email else None,
    }


class Partner(Aggregate):
    """An import-export enterprise, an import-export service enterprise or a business
    association, identified by its tax identification number."""

    class Event(Aggregate.Event):
        actor: str
        actor_unit: str
        occurred_on: date
        legal_basis: dict[str, Any] | None

    class Registered(Event, Aggregate.Created):
        name: str
        tax_number: str
        partner_type: str
        service_kind: str | None
        legal_entity: bool
        address: str
        phone: str | None
        email: str | None

        def apply(self, aggregate: Partner) -> None:
            aggregate.name = self.name
            aggregate.tax_number = self.tax_number
            aggregate.partner_type = self.partner_type
            aggregate.service_kind = self.service_kind
            aggregate.legal_entity = self.legal_entity
            aggregate.legal_entity_basis = self.legal_basis
            aggregate.address = self.address
            aggregate.phone = self.phone
            aggregate.email = self.email
            aggregate.contacts = []
            aggregate.compliance = {}
            aggregate.violations = []
            aggregate.yearly_tax = {}

    class DetailsUpdated(Event):
        name: str
        address: str
        phone: str | None
        email: str | None

        def apply(self, aggregate: Partner) -> None:
            aggregate.name = self.name
            aggregate.address = self.address
            aggregate.phone = self.phone
            aggregate.email = self.email

    class ContactAdded(Event):
        contact: dict[str, Any]

        def apply(self, aggregate: Partner) -> None:
            aggregate.contacts = [*aggregate.contacts, self.contact]

    class ComplianceDeclared(Event):
        year: int
        tax_duties_met: bool
        no_violation: bool
        no_smuggling: bool
        evidence: str

        def apply(self, aggregate: Partner) -> None:
            aggregate.compliance = {
                **aggregate.compliance,
                str(self.year): {
                    "tax_duties_met": self.tax_duties_met,
                    "no_violation": self.no_violation,
                    "no_smuggling": self.no_smuggling,
                    "evidence": self.evidence,
                },
            }

    class ViolationRecorded(Event):
        kind: str
        description: str
        partnership_id: uuid.UUID | None

        def apply(self, aggregate: Partner) -> None:
            aggregate.violations = [
                *aggregate.violations,
                {
                    "kind": self.kind,
                    "found_on": self.occurred_on,
                    "description": self.description,
                    "legal_basis": self.legal_basis,
                },
            ]

    class YearlyTaxRecorded(Event):
        year: int
        provincial_unit: str
        amount: Decimal

        def apply(self, aggregate: Partner) -> None:
            aggregate.yearly_tax = {
                **aggregate.yearly_tax,
                f"{self.year}:{self.provincial_unit}": self.amount,
            }

    # Declared for type checkers only: the Aggregate base class would turn class-level
    # annotations into constructor parameters, and the created event sets these instead.
    if TYPE_CHECKING:
        name: str
        tax_number: str
        partner_type: str
        service_kind: str | None
        legal_entity: bool
        legal_entity_basis: dict[str, Any] | None
        address: str
        phone: str | None
        email: str | None
        contacts: list[dict[str, Any]]
        compliance: dict[str, dict[str, Any]]
        violations: list[dict[str, Any]]
        yearly_tax: dict[str, Decimal]

    @staticmethod
    def id_for(tax_number: str) -> uuid.UUID:
        """Return the partner id derived from a tax number, so that a partner is registered once."""
        return uuid.uuid5(PARTNER_NAMESPACE, normalise_tax_number(tax_number))

    @classmethod
    def register(
        cls,
        *,
        actor: Actor,
        occurred_on: date,
        name: str,
        tax_number: str,
        partner_type: str,
        address: str,
        service_kind: str | None = None,
        legal_entity: bool = True,
        legal_entity_basis: LegalBasis | None = None,
        phone: str | None = None,
        email: str | None = None,
    ) -> Partner:
        """Register a partner. A service enterprise names its service kind; a business
        association states whether it is a legal entity under Vietnamese law."""
        partner_type = parse_enum(PartnerType, partner_type, "partner_type")
        if partner_type == PartnerType.SERVICE_ENTERPRISE:
            if service_kind is None:
                raise InvalidValueError(
                    "Doanh nghiệp dịch vụ xuất nhập khẩu phải có loại dịch vụ.",
                    field="service_kind",
                )
            service_kind = parse_enum(ServiceKind, service_kind, "service_kind")
        elif service_kind is not None:
            raise InvalidValueError(
                "Chỉ doanh nghiệp dịch vụ xuất nhập khẩu mới có loại dịch vụ.",
                field="service_kind",
            )
        compact_tax_number = normalise_tax_number(tax_number)
        return cls._create(
            cls.Registered,
            id=cls.id_for(compact_tax_number),
            actor=actor.name,
            actor_unit=actor.unit,
            occurred_on=occurred_on,
            legal_basis=legal_entity_basis.to_dict() if legal_entity_basis else None,
            name=normalise_text(name, "name"),
            tax_number=compact_tax_number,
            partner_type=partner_type,
            service_kind=service_kind,
            legal_entity=legal_entity,
            address=normalise_text(address, "address"),
            phone=normalise_phone(phone) if phone else None,
            email=normalise_email(email) if email else None,
        )

    def update_details(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        name: str | None = None,
        address: str | None = None,
        phone: str | None = None,
        email: str | None = None,
    ) -> None:
        self.trigger_event(
            self.DetailsUpdated,
            actor=actor.name,
            actor_unit=actor.unit,
            occurred_on=occurred_on,
            legal_basis=None,
            name=normalise_text(name, "name") if name is not None else self.name,
            address=normalise_text(address, "address") if address is not None else self.address,
            phone=normalise_phone(phone) if phone else self.phone,
            email=normalise_email(email) if email else self.email,
        )

    def add_contact(self, *, actor: Actor, occurred_on: date, contact: dict[str, Any]) -> None:
        self.trigger_event(
            self.ContactAdded,
            actor=actor.name,
            actor_unit=actor.unit,
            occurred_on=occurred_on,
            legal_basis=None,
            contact=contact_from_input(contact, "contact"),
        )

    def declare_compliance(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        year: int,
        tax_duties_met: bool,
        no_violation: bool,
        no_smuggling: bool,
        evidence: str,
    ) -> None:
        """Record the partner's own declaration for a year, with the reference of its evidence."""
        if year >= occurred_on.year:
            raise InvalidValueError(
                f"Chỉ kê khai tuân thủ cho năm {year} sau khi năm đó kết thúc.", field="year"
            )
        self.trigger_event(
            self.ComplianceDeclared,
            actor=actor.name,
            actor_unit=actor.unit,
            occurred_on=occurred_on,
            legal_basis=None,
            year=year,
            tax_duties_met=tax_duties_met,
            no_violation=no_violation,
            no_smuggling=no_smuggling,
            evidence=normalise_text(evidence, "evidence"),
        )

    def record_violation(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        kind: str,
        description: str,
        legal_basis: LegalBasis,
        partnership_id: uuid.UUID | None = None,
    ) -> None:
        self.trigger_event(
            self.ViolationRecorded,
            actor=actor.name,
            actor_unit=actor.unit,
            occurred_on=occurred_on,
            legal_basis=legal_basis.to_dict(),
            kind=parse_enum(ViolationKind, kind, "kind"),
            description=normalise_text(description, "description"),
            partnership_id=partnership_id,
        )

    def record_yearly_tax(
        self,
        *,
        actor: Actor,
        occurred_on: date,
        year: int,
        provincial_unit: str,
        amount: Decimal,
    ) -> None:
        """Record the import-export tax the enterprise paid in a provincial department's area."""
        if amount < 0:
            raise InvalidValueError("Số thuế không được âm.", field="amount")
        if self.partner_type == PartnerType.BUSINESS_ASSOCIATION:
            raise InvalidValueError(
                "Hiệp hội doanh nghiệp không có số thuế xuất nhập khẩu.", field="amount"
            )
        self.trigger_event(
            self.YearlyTaxRecorded,
            actor=actor.name,
            actor_unit=actor.unit,
            occurred_on=occurred_on,
            legal_basis=None,
            year=year,
            provincial_unit=provincial_unit,
            amount=amount,
        )

    def profile(self) -> PartnerProfile:
        """Return the facts the Partnership aggregate checks at scoping and signing."""
        compliance = {
            int(year): ComplianceYear(
                year=int(year),
                tax_duties_met=bool(entry["tax_duties_met"]),
                no_violation=bool(entry["no_violation"]),
                no_smuggling=bool(entry["no_smuggling"]),
                evidence=str(entry["evidence"]),
            )
            for year, entry in self.compliance.items()
        }
        return PartnerProfile(
            partner_id=self.id,
            name=self.name,
            partner_type=self.partner_type,
            legal_entity=self.legal_entity,
            compliance=compliance,
            violation_dates=tuple(v["found_on"] for v in self.violations),
        )
