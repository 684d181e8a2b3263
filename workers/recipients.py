"""Recipients of notifications: the focal points of a partnership and the partners'
own e-mail addresses and contacts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from domain.partner import Partner
from domain.partnership import Partnership


@dataclass(frozen=True)
class Recipient:
    email: str
    name: str


def _unique(recipients: Iterable[Recipient]) -> list[Recipient]:
    """Drop repeated addresses (compared case-insensitively), keeping the first name."""
    seen: set[str] = set()
    result = []
    for recipient in recipients:
        address = recipient.email.strip().lower()
        if address and address not in seen:
            seen.add(address)
            result.append(Recipient(address, recipient.name))
    return result


def _person(person: dict[str, Any], fallback_name: str) -> Recipient | None:
    email = person.get("email")
    if not email:
        return None
    title = person.get("title") or ""
    name = person.get("name") or fallback_name
    return Recipient(email, f"{title} {name}".strip() if title else name)


def partner_recipients(partner: Partner) -> list[Recipient]:
    """Return the partner's own address and those of its contacts."""
    found: list[Recipient] = []
    if partner.email:
        found.append(Recipient(partner.email, partner.name))
    for contact in partner.contacts:
        recipient = _person(contact, partner.name)
        if recipient is not None:
            found.append(recipient)
    return _unique(found)


def focal_point_recipients(
    partnership: Partnership, side: str | None = None, partner_id: str | None = None
) -> list[Recipient]:
    """Return the focal points of one side (and one partner), or of both sides."""
    found = []
    for focal_point in partnership.focal_points:
        if side is not None and focal_point["side"] != side:
            continue
        if partner_id is not None and focal_point["partner_id"] != partner_id:
            continue
        recipient = _person(focal_point["person"], "Đầu mối liên lạc")
        if recipient is not None:
            found.append(recipient)
    return _unique(found)


def combine(*groups: Iterable[Recipient]) -> list[Recipient]:
    return _unique(recipient for group in groups for recipient in group)
