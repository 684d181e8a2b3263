"""Reporting periods in Vietnam time: months, quarters and years."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

VIETNAM_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

MONTHLY = "monthly"
QUARTERLY = "quarterly"
YEARLY = "yearly"
PERIOD_KINDS = (MONTHLY, QUARTERLY, YEARLY)

ROMAN_QUARTERS = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int
    start: date
    end: date

    @property
    def label(self) -> str:
        """Stable identifier: ``2025-03``, ``2025-Q1`` or ``2025``."""
        if self.kind == MONTHLY:
            return f"{self.year}-{self.number:02d}"
        if self.kind == QUARTERLY:
            return f"{self.year}-Q{self.number}"
        return str(self.year)

    @property
    def label_vi(self) -> str:
        if self.kind == MONTHLY:
            return f"tháng {self.number}/{self.year}"
        if self.kind == QUARTERLY:
            return f"quý {ROMAN_QUARTERS[self.number - 1]}/{self.year}"
        return f"năm {self.year}"


def period_containing(kind: str, day: date) -> Period:
    if kind == MONTHLY:
        start = day.replace(day=1)
        number = day.month
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    elif kind == QUARTERLY:
        number = (day.month - 1) // 3 + 1
        start = date(day.year, 3 * number - 2, 1)
        following = date(day.year + number // 4, (3 * number) % 12 + 1, 1)
    elif kind == YEARLY:
        number = 1
        start = date(day.year, 1, 1)
        following = date(day.year + 1, 1, 1)
    else:
        raise ValueError(f"unknown period kind {kind!r}")
    return Period(kind, start.year, number, start, following - timedelta(days=1))


def vietnam_date(moment: datetime) -> date:
    if moment.tzinfo is None:
        raise ValueError("a timezone-aware time is required")
    return moment.astimezone(VIETNAM_TZ).date()


def previous_period(kind: str, moment: datetime) -> Period:
    """Return the last complete period before ``moment`` in Vietnam time, so a run at
    00:05 on 1 April (UTC+7) reports the first quarter."""
    current = period_containing(kind, vietnam_date(moment))
    return period_containing(kind, current.start - timedelta(days=1))
