#!/usr/bin/env python3
"""Generate ``application/data/dataset.jsonl``, the data set that ``doitac demo`` and
``doitac import`` load.

Run from the repository root::

    .venv/bin/python scripts/generate_dataset.py

The output is a stream of commands in JSON Lines, as upstream services would send
them, sorted by submission time. Every random choice comes from ``random.Random(SEED)``
and no date is read from the clock, so two runs write byte-identical files.

The stream describes the partnerships as they stand on ``AS_OF``. It contains four
lines that the application must reject (their ids start with ``INVALID-``) and one
line repeated later in the file, which the application must treat as a resubmission
and apply only once.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import phonenumbers
from stdnum.vn import mst

from domain.values import (
    ApprovingAuthority,
    MeetingPeriod,
    PartnershipForm,
    PartnershipKind,
    PartnerType,
    ServiceKind,
    State,
)

SEED = 1005
AS_OF = date(2026, 12, 4)
FIRST_DAY = date(2023, 1, 3)
# Steps of active partnerships stop here, so that every command is submitted by AS_OF.
ACTIVITY_CUTOFF = date(2026, 11, 27)
VIETNAM_TIME = timezone(timedelta(hours=7))

REPO_ROOT = Path(__file__).resolve().parent.parent
UNITS_FILE = REPO_ROOT / "application" / "data" / "customs_units.json"
OUTPUT_FILE = REPO_ROOT / "application" / "data" / "dataset.jsonl"

rng = random.Random(SEED)


# -- dates, names, phone numbers ------------------------------------------------


# Public holidays on which no step is dated: New Year, Tết, Hùng Kings' Day, 30 April -
# 1 May and 2 September, with the days swapped to join them into one break.
# NOTE: the ranges are written from memory of the announced schedules, not checked against
# them, and the 2026 ones are estimates.
HOLIDAYS = [
    (date(2023, 1, 2), date(2023, 1, 2)),
    (date(2023, 1, 20), date(2023, 1, 26)),
    (date(2023, 4, 29), date(2023, 5, 3)),
    (date(2023, 9, 1), date(2023, 9, 4)),
    (date(2024, 1, 1), date(2024, 1, 1)),
    (date(2024, 2, 8), date(2024, 2, 14)),
    (date(2024, 4, 18), date(2024, 4, 18)),
    (date(2024, 4, 27), date(2024, 5, 1)),
    (date(2024, 8, 31), date(2024, 9, 3)),
    (date(2025, 1, 1), date(2025, 1, 1)),
    (date(2025, 1, 25), date(2025, 2, 2)),
    (date(2025, 4, 7), date(2025, 4, 7)),
    (date(2025, 4, 30), date(2025, 5, 4)),
    (date(2025, 8, 30), date(2025, 9, 2)),
    (date(2026, 1, 1), date(2026, 1, 1)),
    (date(2026, 2, 14), date(2026, 2, 22)),
    (date(2026, 4, 27), date(2026, 4, 27)),
    (date(2026, 4, 30), date(2026, 5, 3)),
    (date(2026, 8, 29), date(2026, 9, 2)),
]


def workday(day: date) -> date:
    """Return ``day`` or the next working day when it falls on a weekend or a holiday."""
    while day.weekday() >= 5 or any(first <= day <= last for first, last in HOLIDAYS):
        day += timedelta(days=1)
    return day


def later(day: date, low: int, high: int, pace: float = 1.0) -> date:
    """Return a working day between ``low`` and ``high`` days (scaled by ``pace``) after ``day``."""
    low = max(1, round(low * pace))
    high = max(low, round(high * pace))
    return workday(day + timedelta(days=rng.randint(low, high)))


def ascii_words(text: str) -> list[str]:
    """Return the lower-case ASCII words of a Vietnamese text, without diacritics."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.findall(r"[a-z0-9]+", plain.lower())


SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Lương",
    "Trịnh",
    "Mai",
    "Tạ",
    "Cao",
    "Lâm",
    "Kiều",
    "Quách",
]
MALE_MIDDLE = [
    "Văn",
    "Đức",
    "Minh",
    "Quốc",
    "Hữu",
    "Thanh",
    "Công",
    "Xuân",
    "Ngọc",
    "Tuấn",
    "Trung",
    "Quang",
    "Đình",
    "Hoài",
    "Bá",
]
FEMALE_MIDDLE = [
    "Thị",
    "Thu",
    "Ngọc",
    "Thanh",
    "Minh",
    "Hồng",
    "Phương",
    "Kim",
    "Bích",
    "Thuỳ",
    "Diệu",
    "Hải",
]
MALE_GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hiếu",
    "Hùng",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Tùng",
    "Việt",
    "Vinh",
    "Toàn",
    "Trí",
    "Hoà",
    "Lâm",
    "Kiên",
    "Thịnh",
    "Khôi",
    "Định",
    "Nghĩa",
    "Tâm",
    "Huy",
    "Lộc",
]
FEMALE_GIVEN = [
    "Anh",
    "Chi",
    "Dung",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phương",
    "Quyên",
    "Thảo",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
    "Thư",
    "Huyền",
]

MOBILE_PREFIXES = [
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
    "086",
    "088",
    "083",
    "084",
    "085",
    "081",
    "070",
    "076",
    "077",
    "078",
    "079",
    "032",
    "035",
    "037",
    "038",
    "039",
]

_used_names: set[str] = set()
_used_emails: set[str] = set()
_used_phones: set[str] = set()


@dataclass(frozen=True)
class Person:
    name: str
    female: bool
    title: str
    phone: str
    email: str

    @property
    def honorific(self) -> str:
        return f"{'Bà' if self.female else 'Ông'} {self.name}"

    def contact(self) -> dict[str, Any]:
        return {"name": self.name, "title": self.title, "phone": self.phone, "email": self.email}


def _check_phone(text: str) -> bool:
    number = phonenumbers.parse(text, "VN")
    return phonenumbers.is_valid_number(number) and text not in _used_phones


def mobile_phone() -> str:
    """Invent a Vietnamese mobile number in the usual ``09xx xxx xxx`` layout."""
    while True:
        digits = rng.choice(MOBILE_PREFIXES) + f"{rng.randint(0, 9_999_999):07d}"
        text = f"{digits[:4]} {digits[4:7]} {digits[7:]}"
        if _check_phone(text):
            _used_phones.add(text)
            return text


def landline_phone(area_code: str) -> str:
    """Invent a fixed-line number: ``024 3xxx xxxx`` in the two big cities, ``0225 3xxx xxx``
    in provinces with four-digit area codes."""
    while True:
        if len(area_code) == 3:
            subscriber = rng.choice("36") + f"{rng.randint(0, 9_999_999):07d}"
            text = f"{area_code} {subscriber[:4]} {subscriber[4:]}"
        else:
            subscriber = "3" + f"{rng.randint(0, 999_999):06d}"
            text = f"{area_code} {subscriber[:4]} {subscriber[4:]}"
        if _check_phone(text):
            _used_phones.add(text)
            return text


def email_for(local_words: list[str]) -> str:
    base = ".".join(local_words)
    candidate = f"{base}@example.com"
    suffix = 1
    while candidate in _used_emails:
        suffix += 1
        candidate = f"{base}{suffix}@example.com"
    _used_emails.add(candidate)
    return candidate


def invent_person(title: str, area_code: str | None = None) -> Person:
    """Invent a person with a Vietnamese name, a phone number and an example.com address."""
    while True:
        female = rng.random() < 0.45
        middle = rng.choice(FEMALE_MIDDLE if female else MALE_MIDDLE)
        given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
        name = f"{rng.choice(SURNAMES)} {middle} {given}"
        if name not in _used_names:
            _used_names.add(name)
            break
    phone = landline_phone(area_code) if area_code and rng.random() < 0.4 else mobile_phone()
    return Person(name, female, title, phone, email_for(ascii_words(name)))


# -- customs units ----------------------------------------------------------------


@dataclass(frozen=True)
class UnitProfile:
    """Reference prefix, document codes and place of a customs unit, which the units file
    does not contain."""

    ref_prefix: str  # reference prefix of its partnerships, e.g. HQHCM-2025-003
    org: str  # organisation code in document numbers, e.g. 123/QĐ-HQHCM
    letter_suffix: str  # drafting office in letter numbers, e.g. 45/HQHCM-NV
    area_code: str
    place: str


UNIT_PROFILES: dict[str, UnitProfile] = {
    "00": UnitProfile("TCHQ", "TCHQ", "VP", "024", "cả nước"),
    "00-CCHDH": UnitProfile("TCHQ-CCHDH", "TCHQ", "CCHĐH", "024", "cả nước"),
    "00-GSQL": UnitProfile("TCHQ-GSQL", "TCHQ", "GSQL", "024", "cả nước"),
    "00-DTCBL": UnitProfile("TCHQ-DTCBL", "TCHQ", "ĐTCBL", "024", "cả nước"),
    "00-TXNK": UnitProfile("TCHQ-TXNK", "TCHQ", "TXNK", "024", "cả nước"),
    "01": UnitProfile("HQHN", "HQHN", "NV", "024", "thành phố Hà Nội"),
    "01-BAC-THANG-LONG": UnitProfile("HQHN-BTL", "CCHQBTL", "TH", "024", "thành phố Hà Nội"),
    "01-NOI-BAI": UnitProfile("HQHN-NB", "CCHQNB", "TH", "024", "thành phố Hà Nội"),
    "02": UnitProfile("HQHCM", "HQHCM", "NV", "028", "thành phố Hồ Chí Minh"),
    "02-CANG-SG-KV1": UnitProfile("HQHCM-KV1", "CCHQKV1", "TH", "028", "thành phố Hồ Chí Minh"),
    "02-TAN-SON-NHAT": UnitProfile("HQHCM-TSN", "CCHQTSN", "TH", "028", "thành phố Hồ Chí Minh"),
    "03": UnitProfile("HQHP", "HQHP", "NV", "0225", "thành phố Hải Phòng"),
    "03-CANG-HP-KV1": UnitProfile("HQHP-KV1", "CCHQHPKV1", "TH", "0225", "thành phố Hải Phòng"),
    "15": UnitProfile("HQLS", "HQLS", "NV", "0205", "tỉnh Lạng Sơn"),
    "15-HUU-NGHI": UnitProfile("HQLS-HNG", "CCHQHNG", "TH", "0205", "tỉnh Lạng Sơn"),
    "20": UnitProfile("HQQN", "HQQN", "NV", "0203", "tỉnh Quảng Ninh"),
    "20-MONG-CAI": UnitProfile("HQQN-MC", "CCHQMC", "TH", "0203", "tỉnh Quảng Ninh"),
    "34": UnitProfile("HQDNG", "HQĐNg", "NV", "0236", "thành phố Đà Nẵng"),
    "34-CANG-DN": UnitProfile("HQDNG-CDN", "CCHQCĐN", "TH", "0236", "thành phố Đà Nẵng"),
    "43": UnitProfile("HQBD", "HQBD", "NV", "0274", "tỉnh Bình Dương"),
    "43-SONG-THAN": UnitProfile("HQBD-ST", "CCHQST", "TH", "0274", "tỉnh Bình Dương"),
    "47": UnitProfile("HQDNA", "HQĐNai", "NV", "0251", "tỉnh Đồng Nai"),
    "47-BIEN-HOA": UnitProfile("HQDNA-BH", "CCHQBH", "TH", "0251", "tỉnh Đồng Nai"),
    "51": UnitProfile("HQBRVT", "HQBRVT", "NV", "0254", "tỉnh Bà Rịa - Vũng Tàu"),
    "51-CAI-MEP": UnitProfile("HQBRVT-CM", "CCHQCM", "TH", "0254", "tỉnh Bà Rịa - Vũng Tàu"),
    "54": UnitProfile("HQCT", "HQCT", "NV", "0292", "thành phố Cần Thơ"),
}

LEADER_TITLES = {
    "00": ("Tổng cục trưởng", "Phó Tổng cục trưởng"),
    "00-CCHDH": ("Trưởng ban", "Phó Trưởng ban"),
    "central": ("Cục trưởng", "Phó Cục trưởng"),
    "provincial": ("Cục trưởng", "Phó Cục trưởng"),
    "branch": ("Chi cục trưởng", "Phó Chi cục trưởng"),
}
OFFICER_TITLES = {
    "central": ["Phó Trưởng phòng", "Chuyên viên chính", "Chuyên viên"],
    "provincial": [
        "Phó Trưởng phòng Nghiệp vụ",
        "Công chức Phòng Nghiệp vụ",
        "Công chức Văn phòng Cục",
    ],
    "branch": [
        "Đội trưởng Đội Tổng hợp",
        "Công chức Đội Tổng hợp",
        "Công chức Đội Thủ tục hàng hoá",
    ],
}


@dataclass
class Unit:
    code: str
    name: str
    level: str
    parent: str | None
    profile: UnitProfile
    head: Person
    deputy: Person
    officers: list[Person]

    def leader_line(self, person: Person) -> str:
        """Return e.g. "Ông Nguyễn Văn An, Phó Cục trưởng Cục Hải quan tỉnh Lạng Sơn"."""
        title = person.title
        if title.endswith(" ban") and self.name.startswith("Ban "):
            return f"{person.honorific}, {title.removesuffix(' ban')} {self.name}"
        return f"{person.honorific}, {title} {self.name}"


def load_units() -> dict[str, Unit]:
    entries = json.loads(UNITS_FILE.read_text("utf-8"))
    units: dict[str, Unit] = {}
    for entry in entries:
        code = entry["code"]
        profile = UNIT_PROFILES[code]
        level = entry["level"]
        head_title, deputy_title = LEADER_TITLES.get(code, LEADER_TITLES[level])
        units[code] = Unit(
            code=code,
            name=entry["name"],
            level=level,
            parent=entry["parent"],
            profile=profile,
            head=invent_person(head_title),
            deputy=invent_person(deputy_title),
            officers=[invent_person(t, profile.area_code) for t in OFFICER_TITLES[level]],
        )
    return units


UNITS = load_units()


def province_of(unit: Unit) -> Unit:
    """Return the provincial department a branch or provincial unit belongs to."""
    return unit if unit.level != "branch" else UNITS[unit.parent or ""]


# -- document numbers ---------------------------------------------------------------

_used_numbers: set[str] = set()


def doc_number(pattern: str, year: int) -> str:
    """Return an unused document number such as ``123/QĐ-HQHCM``; ``pattern`` is the part
    after the slash."""
    while True:
        candidate = f"{rng.randint(12, 1480)}/{pattern}"
        key = f"{year}:{candidate}"
        if key not in _used_numbers:
            _used_numbers.add(key)
            return candidate


def basis(pattern: str, issued_on: date) -> dict[str, str]:
    return {"number": doc_number(pattern, issued_on.year), "issued_on": issued_on.isoformat()}


# -- the command stream ---------------------------------------------------------------


@dataclass
class Line:
    submitted_at: datetime
    order: int
    envelope: dict[str, Any]
    fixed_id: str | None = None
    raw_submitted_at: str | None = None


LINES: list[Line] = []


class Stream:
    """Commands on one aggregate, kept in submission order: a later step of the same
    aggregate is never submitted before an earlier one."""

    def __init__(self) -> None:
        self.last: datetime | None = None

    def add(
        self,
        command: str,
        actor: Person,
        unit: str,
        occurred_on: date,
        data: dict[str, Any],
        legal_basis: dict[str, str] | None = None,
        lag_days: int | None = None,
    ) -> Line:
        if lag_days is None:
            lag_days = rng.choice([0, 0, 0, 0, 0, 0, 1, 2])
        moment = datetime.combine(
            workday(occurred_on + timedelta(days=lag_days)),
            time(rng.randint(8, 16), rng.choice([0, 5, 10, 15, 20, 30, 40, 45, 50])),
            tzinfo=VIETNAM_TIME,
        )
        if moment.date() > AS_OF:
            moment = datetime.combine(occurred_on, time(16, 30), tzinfo=VIETNAM_TIME)
        if self.last is not None and moment <= self.last:
            moment = self.last + timedelta(minutes=rng.randint(4, 35))
        assert occurred_on <= AS_OF, (command, occurred_on)
        assert moment.date() <= AS_OF, (command, moment)
        assert occurred_on >= FIRST_DAY, (command, occurred_on)
        self.last = moment
        envelope = {
            "command": command,
            "submitted_at": moment.isoformat(),
            "actor": {"name": actor.name, "unit": unit},
            "occurred_on": occurred_on.isoformat(),
            "legal_basis": legal_basis,
            "data": data,
        }
        line = Line(moment, len(LINES), envelope)
        LINES.append(line)
        return line


# -- partners -------------------------------------------------------------------------

PROVINCES: dict[str, dict[str, Any]] = {
    "HN": {
        "unit": "01",
        "tax": "01",
        "area": "024",
        "name": "Hà Nội",
        "addresses": [
            "Số {n} phố Trần Duy Hưng, quận Cầu Giấy, Hà Nội",
            "Số {n} đường Phạm Văn Đồng, quận Bắc Từ Liêm, Hà Nội",
            "Lô {lot}, Khu công nghiệp Thăng Long, huyện Đông Anh, Hà Nội",
            "Lô {lot}, Khu công nghiệp Quang Minh, huyện Mê Linh, Hà Nội",
            "Số {n} phố Láng Hạ, quận Đống Đa, Hà Nội",
            "Số {n} đường Nguyễn Văn Cừ, quận Long Biên, Hà Nội",
        ],
    },
    "HCM": {
        "unit": "02",
        "tax": "03",
        "area": "028",
        "name": "Thành phố Hồ Chí Minh",
        "addresses": [
            "Số {n} đường Nguyễn Tất Thành, phường 13, Quận 4, TP. Hồ Chí Minh",
            "Lô {lot}, Khu chế xuất Tân Thuận, Quận 7, TP. Hồ Chí Minh",
            "Số {n} đường Điện Biên Phủ, phường 25, quận Bình Thạnh, TP. Hồ Chí Minh",
            "Lô {lot}, Khu công nghiệp Tân Bình, quận Tân Phú, TP. Hồ Chí Minh",
            "Số {n} đường Nguyễn Văn Linh, phường Tân Phong, Quận 7, TP. Hồ Chí Minh",
            "Số {n} đường Nguyễn Hữu Thọ, xã Phước Kiển, huyện Nhà Bè, TP. Hồ Chí Minh",
        ],
    },
    "HP": {
        "unit": "03",
        "tax": "02",
        "area": "0225",
        "name": "Hải Phòng",
        "addresses": [
            "Số {n} đường Lê Hồng Phong, quận Ngô Quyền, Hải Phòng",
            "Lô {lot}, Khu công nghiệp Đình Vũ, quận Hải An, Hải Phòng",
            "Số {n} đường Đà Nẵng, quận Hải An, Hải Phòng",
            "Lô {lot}, Khu công nghiệp Nomura, huyện An Dương, Hải Phòng",
            "Số {n} đường Bạch Đằng, quận Hồng Bàng, Hải Phòng",
        ],
    },
    "LS": {
        "unit": "15",
        "tax": "49",
        "area": "0205",
        "name": "Lạng Sơn",
        "addresses": [
            "Số {n} đường Bà Triệu, phường Vĩnh Trại, thành phố Lạng Sơn, tỉnh Lạng Sơn",
            "Khối {n}, thị trấn Đồng Đăng, huyện Cao Lộc, tỉnh Lạng Sơn",
            "Số {n} đường Lê Lợi, phường Vĩnh Trại, thành phố Lạng Sơn, tỉnh Lạng Sơn",
        ],
    },
    "QN": {
        "unit": "20",
        "tax": "57",
        "area": "0203",
        "name": "Quảng Ninh",
        "addresses": [
            "Số {n} đường Hùng Vương, phường Ka Long, thành phố Móng Cái, tỉnh Quảng Ninh",
            "Số {n} đường Trần Hưng Đạo, phường Hồng Gai, thành phố Hạ Long, tỉnh Quảng Ninh",
            "Thôn {n}, xã Đoàn Kết, huyện Vân Đồn, tỉnh Quảng Ninh",
        ],
    },
    "DN": {
        "unit": "34",
        "tax": "04",
        "area": "0236",
        "name": "Đà Nẵng",
        "addresses": [
            "Lô {lot}, Khu công nghiệp Hoà Khánh, quận Liên Chiểu, thành phố Đà Nẵng",
            "Số {n} đường Yết Kiêu, quận Sơn Trà, thành phố Đà Nẵng",
            "Lô {lot}, Khu công nghiệp Dịch vụ Thuỷ sản Thọ Quang, quận Sơn Trà, thành phố Đà Nẵng",
            "Số {n} đường Bạch Đằng, quận Hải Châu, thành phố Đà Nẵng",
        ],
    },
    "BD": {
        "unit": "43",
        "tax": "37",
        "area": "0274",
        "name": "Bình Dương",
        "addresses": [
            "Lô {lot}, Khu công nghiệp Sóng Thần 2, thành phố Dĩ An, tỉnh Bình Dương",
            "Số {n} đại lộ Bình Dương, thành phố Thuận An, tỉnh Bình Dương",
            "Lô {lot}, Khu công nghiệp Nam Tân Uyên, thành phố Tân Uyên, tỉnh Bình Dương",
            "Lô {lot}, Khu công nghiệp Mỹ Phước 3, thị xã Bến Cát, tỉnh Bình Dương",
        ],
    },
    "DNA": {
        "unit": "47",
        "tax": "36",
        "area": "0251",
        "name": "Đồng Nai",
        "addresses": [
            "Lô {lot}, Khu công nghiệp Biên Hoà 2, thành phố Biên Hoà, tỉnh Đồng Nai",
            "Lô {lot}, Khu công nghiệp Long Thành, huyện Long Thành, tỉnh Đồng Nai",
            "Lô {lot}, Khu công nghiệp Nhơn Trạch 3, huyện Nhơn Trạch, tỉnh Đồng Nai",
            "Ấp Thọ Lộc, xã Xuân Thọ, huyện Xuân Lộc, tỉnh Đồng Nai",
        ],
    },
    "BRVT": {
        "unit": "51",
        "tax": "35",
        "area": "0254",
        "name": "Bà Rịa - Vũng Tàu",
        "addresses": [
            "Số {n} đường 30/4, phường Thắng Nhất, thành phố Vũng Tàu, tỉnh Bà Rịa - Vũng Tàu",
            "Khu công nghiệp Cái Mép, phường Tân Phước, thị xã Phú Mỹ, tỉnh Bà Rịa - Vũng Tàu",
            "Lô {lot}, Khu công nghiệp Phú Mỹ I, thị xã Phú Mỹ, tỉnh Bà Rịa - Vũng Tàu",
        ],
    },
    "CT": {
        "unit": "54",
        "tax": "18",
        "area": "0292",
        "name": "Cần Thơ",
        "addresses": [
            "Lô {lot}, Khu công nghiệp Trà Nóc 1, quận Bình Thuỷ, thành phố Cần Thơ",
            "Số {n} đường Lê Hồng Phong, quận Bình Thuỷ, thành phố Cần Thơ",
            "Lô {lot}, Khu công nghiệp Hưng Phú, quận Cái Răng, thành phố Cần Thơ",
        ],
    },
}

IE = PartnerType.IMPORT_EXPORT_ENTERPRISE.value
SE = PartnerType.SERVICE_ENTERPRISE.value
BA = PartnerType.BUSINESS_ASSOCIATION.value

# key, name, partner type, service kind, province, branch of (key of the head office)
PARTNER_CATALOGUE: list[tuple[str, str, str, str | None, str, str | None]] = [
    ("hongha", "Công ty TNHH Linh kiện Điện tử Hồng Hà", IE, None, "HN", None),
    ("truongxuan", "Công ty Cổ phần Dược phẩm Trường Xuân", IE, None, "HN", None),
    ("kimlien", "Công ty TNHH May mặc Kim Liên Phát", IE, None, "HN", None),
    ("gialam", "Công ty TNHH Thiết bị Điện Gia Lâm", IE, None, "HN", None),
    ("phugia", "Công ty Cổ phần Xuất nhập khẩu Nông sản Phú Gia", IE, None, "HCM", None),
    ("binhtay", "Công ty TNHH Giày da Bình Tây Mới", IE, None, "HCM", None),
    ("lamhong", "Công ty Cổ phần Mỹ phẩm Lam Hồng", IE, None, "HCM", None),
    ("haovi", "Công ty TNHH Thực phẩm Hảo Vị Sài Gòn", IE, None, "HCM", None),
    ("dongduong", "Công ty TNHH Máy Nông nghiệp Đông Dương Xanh", IE, None, "HCM", None),
    ("cuacam", "Công ty Cổ phần Thép Cửa Cấm", IE, None, "HP", None),
    ("bachdang", "Công ty TNHH Nhựa Kỹ thuật Bạch Đằng", IE, None, "HP", None),
    ("doson", "Công ty TNHH Xe đạp Đồ Sơn", IE, None, "HP", None),
    ("kylua", "Công ty TNHH Xuất nhập khẩu Nông sản Kỳ Lừa", IE, None, "LS", None),
    ("dongdang", "Công ty Cổ phần Thương mại Đồng Đăng Phát", IE, None, "LS", None),
    ("haiha", "Công ty TNHH Thương mại Dịch vụ Hải Hà Móng Cái", IE, None, "QN", None),
    ("vandon", "Công ty TNHH Thuỷ sản Vân Đồn", IE, None, "QN", None),
    ("sontra", "Công ty Cổ phần Thuỷ sản Sơn Trà", IE, None, "DN", None),
    ("hoakhanh", "Công ty TNHH Dệt may Hoà Khánh Phát", IE, None, "DN", None),
    ("lienchieu", "Công ty TNHH Cơ khí Chính xác Liên Chiểu", IE, None, "DN", None),
    ("laithieu", "Công ty TNHH Đồ gỗ Nội thất Lái Thiêu", IE, None, "BD", None),
    ("tanuyen", "Công ty TNHH Gỗ Mỹ nghệ Tân Uyên", IE, None, "BD", None),
    ("songthan", "Công ty Cổ phần Bao bì Sóng Thần Phát", IE, None, "BD", None),
    ("thuanan", "Công ty TNHH Giày Thể thao Thuận An", IE, None, "BD", None),
    ("longthanh", "Công ty TNHH Điện tử Long Thành Việt", IE, None, "DNA", None),
    ("xuanloc", "Công ty Cổ phần Cà phê Xuân Lộc", IE, None, "DNA", None),
    ("bienhoa", "Công ty TNHH Hoá chất Biên Hoà Phát", IE, None, "DNA", None),
    ("phuoctinh", "Công ty TNHH Thuỷ sản Phước Tỉnh", IE, None, "BRVT", None),
    ("tanthanh", "Công ty Cổ phần Vật liệu Xây dựng Tân Thành Phát", IE, None, "BRVT", None),
    ("haugiang", "Công ty Cổ phần Lương thực Hậu Giang Xanh", IE, None, "CT", None),
    ("cairang", "Công ty TNHH Chế biến Thuỷ sản Cái Răng", IE, None, "CT", None),
    ("phongdien", "Công ty TNHH Trái cây Phong Điền", IE, None, "CT", None),
    (
        "hongha_dna",
        "Công ty TNHH Linh kiện Điện tử Hồng Hà - Chi nhánh Đồng Nai",
        IE,
        None,
        "DNA",
        "hongha",
    ),
    ("haiau", "Công ty TNHH Cung ứng Tàu biển Hải Âu", SE, ServiceKind.SUPPLIER.value, "HP", None),
    (
        "vtsupply",
        "Công ty Cổ phần Cung ứng Vật tư Hàng hải Vũng Tàu",
        SE,
        ServiceKind.SUPPLIER.value,
        "BRVT",
        None,
    ),
    (
        "phuongbac",
        "Công ty TNHH Giao nhận Vận tải Phương Bắc",
        SE,
        ServiceKind.FREIGHT_FORWARDER.value,
        "HN",
        None,
    ),
    (
        "saonam",
        "Công ty Cổ phần Logistics Sao Nam",
        SE,
        ServiceKind.FREIGHT_FORWARDER.value,
        "HCM",
        None,
    ),
    (
        "hangiang",
        "Công ty TNHH Giao nhận Quốc tế Hàn Giang",
        SE,
        ServiceKind.FREIGHT_FORWARDER.value,
        "DN",
        None,
    ),
    (
        "xulang",
        "Công ty TNHH Logistics Xứ Lạng",
        SE,
        ServiceKind.FREIGHT_FORWARDER.value,
        "LS",
        None,
    ),
    (
        "saonam_hp",
        "Công ty Cổ phần Logistics Sao Nam - Chi nhánh Hải Phòng",
        SE,
        ServiceKind.FREIGHT_FORWARDER.value,
        "HP",
        "saonam",
    ),
    ("donghai", "Công ty Cổ phần Vận tải Biển Đông Hải", SE, ServiceKind.CARRIER.value, "HP", None),
    (
        "tochanh",
        "Công ty TNHH Chuyển phát nhanh Tốc Hành Việt",
        SE,
        ServiceKind.CARRIER.value,
        "HN",
        None,
    ),
    (
        "bacnam",
        "Công ty TNHH Vận tải Container Bắc Nam",
        SE,
        ServiceKind.CARRIER.value,
        "HCM",
        None,
    ),
    (
        "phuongnama",
        "Ngân hàng Thương mại Cổ phần Phương Nam Á",
        SE,
        ServiceKind.BANK.value,
        "HCM",
        None,
    ),
    (
        "kinhbac",
        "Ngân hàng Thương mại Cổ phần Kinh Bắc Thịnh Vượng",
        SE,
        ServiceKind.BANK.value,
        "HN",
        None,
    ),
    (
        "phuongnama_hp",
        "Ngân hàng Thương mại Cổ phần Phương Nam Á - Chi nhánh Hải Phòng",
        SE,
        ServiceKind.BANK.value,
        "HP",
        "phuongnama",
    ),
    (
        "anduong",
        "Công ty TNHH Kho ngoại quan An Dương",
        SE,
        ServiceKind.WAREHOUSE_OPERATOR.value,
        "HP",
        None,
    ),
    (
        "longbinh",
        "Công ty Cổ phần Kho vận Long Bình",
        SE,
        ServiceKind.WAREHOUSE_OPERATOR.value,
        "DNA",
        None,
    ),
    (
        "dian",
        "Công ty TNHH Kho bãi và Cảng cạn Dĩ An",
        SE,
        ServiceKind.WAREHOUSE_OPERATOR.value,
        "BD",
        None,
    ),
    (
        "hiepphuoc",
        "Công ty Cổ phần Cảng Hiệp Phước Đông",
        SE,
        ServiceKind.PORT_OPERATOR.value,
        "HCM",
        None,
    ),
    (
        "thivai",
        "Công ty TNHH Cảng Container Nam Thị Vải",
        SE,
        ServiceKind.PORT_OPERATOR.value,
        "BRVT",
        None,
    ),
    ("haivan", "Công ty Cổ phần Cảng Hải Vân", SE, ServiceKind.PORT_OPERATOR.value, "DN", None),
    ("trangdue", "Công ty Cổ phần Cảng Tràng Duệ", SE, ServiceKind.PORT_OPERATOR.value, "HP", None),
    (
        "minhphat",
        "Công ty TNHH Đại lý Hải quan Minh Phát",
        SE,
        ServiceKind.CUSTOMS_BROKER.value,
        "HCM",
        None,
    ),
    (
        "hungthinh",
        "Công ty TNHH Dịch vụ Đại lý Hải quan Hưng Thịnh",
        SE,
        ServiceKind.CUSTOMS_BROKER.value,
        "HN",
        None,
    ),
    (
        "cuakhau",
        "Công ty Cổ phần Đại lý Thủ tục Hải quan Cửa Khẩu Việt",
        SE,
        ServiceKind.CUSTOMS_BROKER.value,
        "LS",
        None,
    ),
    (
        "donghp",
        "Công ty TNHH Đại lý Hải quan Đông Hải Phòng",
        SE,
        ServiceKind.CUSTOMS_BROKER.value,
        "HP",
        None,
    ),
    ("as_logistics", "Hiệp hội Doanh nghiệp Logistics Đồng bằng Sông Hồng", BA, None, "HN", None),
    ("as_wood", "Hiệp hội Chế biến Gỗ Xuất khẩu Miền Đông", BA, None, "BD", None),
    ("as_seafood", "Hiệp hội Thuỷ sản Duyên hải Nam Trung Bộ", BA, None, "DN", None),
    ("as_electronics", "Hiệp hội Doanh nghiệp Linh kiện Điện tử Kinh Bắc", BA, None, "HN", None),
    ("as_textile", "Hiệp hội Dệt may - Da giày Phương Nam", BA, None, "HCM", None),
    ("as_broker", "Hiệp hội Đại lý Hải quan và Giao nhận Miền Trung", BA, None, "DN", None),
    (
        "as_ip",
        "Hiệp hội Doanh nghiệp các Khu công nghiệp Biên Hoà - Long Thành",
        BA,
        None,
        "DNA",
        None,
    ),
    ("as_border", "Hiệp hội Thương nhân Biên mậu Xứ Lạng", BA, None, "LS", None),
    ("as_agri", "Hiệp hội Nông sản Xuất khẩu Tây Nam Bộ", BA, None, "CT", None),
    ("as_port", "Hiệp hội Cảng và Dịch vụ Hàng hải Vũng Tàu", BA, None, "BRVT", None),
    ("as_hp", "Hiệp hội Doanh nghiệp Nhỏ và Vừa Xuất nhập khẩu Hải Phòng", BA, None, "HP", None),
]

# Partner names written to the file in decomposed Unicode (NFD); the application
# normalises every text to NFC on the way in.
NFD_PARTNERS = [
    "xuanloc",
    "hoakhanh",
    "as_seafood",
    "thivai",
    "kylua",
    "phuoctinh",
    "minhphat",
    "bachdang",
]

# Ports and warehouses sit where such facilities are, not at a random address of their
# province.
SITE_ADDRESSES = {
    "hiepphuoc": "Lô {lot}, Khu công nghiệp Hiệp Phước, xã Hiệp Phước, huyện Nhà Bè, "
    "TP. Hồ Chí Minh",
    "thivai": "Lô {lot}, Khu công nghiệp Cái Mép, phường Tân Phước, thị xã Phú Mỹ, "
    "tỉnh Bà Rịa - Vũng Tàu",
    "haivan": "Số {n} đường Yết Kiêu, quận Sơn Trà, thành phố Đà Nẵng",
    "trangdue": "Lô {lot}, Khu công nghiệp Đình Vũ, quận Hải An, Hải Phòng",
    "anduong": "Lô {lot}, Khu công nghiệp Nomura, huyện An Dương, Hải Phòng",
    "longbinh": "Lô {lot}, Khu công nghiệp Biên Hoà 2, thành phố Biên Hoà, tỉnh Đồng Nai",
    "dian": "Lô {lot}, Khu công nghiệp Sóng Thần 2, thành phố Dĩ An, tỉnh Bình Dương",
}

BRANCH_SUFFIXES = {"hongha_dna": "001", "saonam_hp": "001", "phuongnama_hp": "002"}

CONTACT_TITLES = {
    IE: ["Trưởng phòng Xuất nhập khẩu", "Phó phòng Xuất nhập khẩu", "Trưởng phòng Logistics"],
    SE: [
        "Trưởng phòng Khai thác",
        "Giám đốc Khối Khách hàng doanh nghiệp",
        "Trưởng phòng Chứng từ",
    ],
    BA: ["Tổng Thư ký", "Phó Tổng Thư ký", "Chánh Văn phòng"],
}


@dataclass
class Partner:
    key: str
    name: str
    partner_type: str
    service_kind: str | None
    province: str
    branch_of: str | None
    tax_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    director: Person | None = None
    contact: Person | None = None
    first_use: date | None = None
    stream: Stream = field(default_factory=Stream)

    @property
    def short(self) -> str:
        """Return the name without its legal form, as officers write it in running text."""
        for prefix in ("Công ty TNHH ", "Công ty Cổ phần ", "Ngân hàng Thương mại Cổ phần "):
            if self.name.startswith(prefix):
                return self.name[len(prefix) :]
        return self.name

    @property
    def is_enterprise(self) -> bool:
        return self.partner_type != BA

    @property
    def home_unit(self) -> str:
        return str(PROVINCES[self.province]["unit"])


def mailbox_words(partner: Partner) -> list[str]:
    """Return the words of a partner's e-mail address: an association's initials, or the
    last two words of an enterprise's trade name, followed by the branch's place."""
    head, _, branch = partner.short.partition(" - Chi nhánh ")
    if partner.partner_type == BA:
        words = ["".join(w[0] for w in ascii_words(head.removeprefix("Hiệp hội ")))]
    else:
        # The trade name is the last two words ("Hồng Hà"), or three when the last one is a
        # single letter ("Phương Nam Á").
        trade = ascii_words(head)
        words = ["".join(trade[-3:] if len(trade[-1]) == 1 else trade[-2:])]
    if branch:
        words.append("".join(ascii_words(branch)))
    return words


def tax_number_for(province: str, used: set[str]) -> str:
    """Invent a 10-digit tax number: province prefix, 7 digits, then the check digit."""
    prefix = str(PROVINCES[province]["tax"])
    while True:
        body = prefix + f"{rng.randint(1, 9_999_999):07d}"
        check = mst.calc_check_digit(body)
        if len(check) != 1:
            continue
        number = body + check
        if number not in used:
            mst.validate(number)
            used.add(number)
            return number


def build_partners() -> dict[str, Partner]:
    partners: dict[str, Partner] = {}
    used_numbers: set[str] = set()
    used_addresses: set[str] = set()
    for key, name, partner_type, service_kind, province, branch_of in PARTNER_CATALOGUE:
        partner = Partner(key, name, partner_type, service_kind, province, branch_of)
        if branch_of is not None:
            partner.tax_number = f"{partners[branch_of].tax_number}-{BRANCH_SUFFIXES[key]}"
            mst.validate(partner.tax_number)
        else:
            partner.tax_number = tax_number_for(province, used_numbers)
        for _attempt in range(100):
            template = SITE_ADDRESSES.get(key) or rng.choice(PROVINCES[province]["addresses"])
            address = template.format(
                n=rng.randint(2, 480), lot=f"{rng.choice('ABCDEFGHK')}{rng.randint(1, 32)}"
            )
            if address not in used_addresses:
                used_addresses.add(address)
                partner.address = address
                break
        else:
            raise AssertionError(f"no unused address left for {key}")
        partner.phone = landline_phone(PROVINCES[province]["area"])
        partner.email = email_for(
            [rng.choice(["info", "xnk", "lienhe", "vanphong"]), *mailbox_words(partner)]
        )
        if partner_type == BA:
            director_title = "Chủ tịch"
        elif branch_of is not None:
            director_title = "Giám đốc Chi nhánh"
        elif "Cổ phần" in name:
            director_title = "Tổng Giám đốc"
        else:
            director_title = "Giám đốc"
        partner.director = invent_person(director_title)
        partner.contact = invent_person(
            rng.choice(CONTACT_TITLES[partner_type]), PROVINCES[province]["area"]
        )
        partners[key] = partner
    return partners


PARTNERS = build_partners()


# -- texts --------------------------------------------------------------------------
#
# One theme per kind of partnership. Texts are format strings; the placeholders are
# filled from the partnership: {title}, {topic}, {unit}, {place}, {year}, {cost},
# {partners} and {sector}. A plan activity is (title, responsible, resources, cost,
# output, due as a fraction of the plan's span, result when completed).

Activity = tuple[str, str, str, str, str, float, str]

THEMES: dict[str, dict[str, Any]] = {}

THEMES["working_group"] = {
    "assessment": {
        "legality": "Phù hợp Luật Hải quan năm 2014 và Hướng dẫn phát triển quan hệ đối tác "
        "hải quan - doanh nghiệp ban hành kèm theo Quyết định số 1005/QĐ-TCHQ; nhóm công tác do "
        "Tổng cục thành lập, hoạt động theo quy chế và kinh phí của Tổng cục.",
        "benefits": "Tạo kênh tham vấn thường xuyên với cộng đồng doanh nghiệp về {topic}; phát "
        "hiện sớm vướng mắc khi thực thi để kịp thời sửa đổi, hướng dẫn.",
        "impact": "Tác động đến doanh nghiệp xuất nhập khẩu trên phạm vi cả nước; nâng cao chất "
        "lượng văn bản và tính minh bạch của thủ tục hải quan.",
        "resources": "Công chức {unit} làm thư ký nhóm; chuyên gia do các hiệp hội cử tham gia; "
        "phòng họp tại trụ sở Tổng cục Hải quan.",
        "costs": "Kinh phí họp nhóm và hội thảo lấy ý kiến bố trí từ dự toán chi thường xuyên "
        "năm {year} của Tổng cục Hải quan, ước khoảng {cost} triệu đồng.",
        "risks": "Ý kiến của hiệp hội có thể chỉ phản ánh lợi ích của một nhóm hội viên; cần đối "
        "chiếu với ý kiến các đơn vị nghiệp vụ và số liệu thực tế trước khi đề xuất.",
    },
    "rationale": "Nội dung tham vấn chính sách có phạm vi toàn ngành nên do cấp Tổng cục chủ trì; "
    "đối tác chính là các hiệp hội có hội viên hoạt động xuất nhập khẩu trên cả nước.",
    "summary": {
        "purpose": "Thành lập nhóm công tác hải quan - doanh nghiệp để trao đổi, tham vấn thường "
        "xuyên về {topic}.",
        "content": "Tham vấn dự thảo văn bản quy phạm pháp luật và quy trình thủ tục hải quan; "
        "tổng hợp vướng mắc của doanh nghiệp; đề xuất sáng kiến cải cách.",
        "form": "Nhóm công tác hải quan - doanh nghiệp do Tổng cục Hải quan thành lập, đối tác "
        "chính là các hiệp hội doanh nghiệp.",
        "benefits": "Cơ quan hải quan nắm bắt kịp thời phản ánh của doanh nghiệp; doanh nghiệp "
        "được tham gia ngay từ khâu xây dựng chính sách.",
        "costs": "Chi phí họp, hội thảo và biên dịch tài liệu do Tổng cục bảo đảm; hiệp hội tự chi "
        "trả chi phí cho chuyên gia của mình.",
        "risks": "Tiến độ tham vấn có thể không kịp thời hạn soạn thảo văn bản; phân công rõ đầu "
        "mối và thời hạn góp ý để hạn chế.",
        "activities": "Họp nhóm định kỳ hằng quý; hội thảo lấy ý kiến dự thảo; khảo sát vướng mắc "
        "tại doanh nghiệp hội viên; báo cáo kết quả tham vấn.",
        "outputs": "Báo cáo tổng hợp ý kiến tham vấn; danh mục vướng mắc và phương án xử lý; kiến "
        "nghị sửa đổi văn bản.",
        "resources": "Công chức đầu mối của {unit}, chuyên gia pháp chế của các hiệp hội, hộp thư "
        "điện tử chung của nhóm.",
        "roles": "{unit} chủ trì, làm thư ký nhóm; các hiệp hội tổng hợp ý kiến hội viên và cử "
        "thành viên; các Cục nghiệp vụ tham gia theo chuyên đề.",
        "methods": "Làm việc theo quy chế nhóm công tác; trao đổi qua thư điện tử giữa các kỳ họp; "
        "kết luận mỗi kỳ họp gửi lãnh đạo hai bên.",
    },
    "sessions": [
        "Các hiệp hội thống nhất mục đích và nội dung đề xuất; đề nghị bổ sung cơ chế trả lời "
        "bằng văn bản trong 15 ngày làm việc đối với kiến nghị của hội viên.",
        "Hai bên thống nhất dự thảo quy chế hoạt động và danh sách thành viên nhóm công tác; giao "
        "{unit} hoàn thiện biên bản ghi nhớ.",
    ],
    "memorandum": "Ghi nhận thống nhất về mục đích, thành phần, quy chế hoạt động và lộ trình "
    "thành "
    "lập nhóm công tác về {topic}.",
    "feasibility": "Báo cáo đánh giá tính khả thi về pháp lý, nguồn lực, kinh phí và lợi ích dự "
    "kiến; đề xuất thành lập nhóm công tác hoạt động từ năm {year}.",
    "purpose": "Phối hợp tham vấn, trao đổi thông tin về {topic}, góp phần hoàn thiện chính sách, "
    "pháp luật hải quan.",
    "activities": [
        (
            "Ban hành quy chế hoạt động của nhóm công tác",
            "{unit} chủ trì; các hiệp hội góp ý",
            "Công chức đầu mối, chuyên gia pháp chế",
            "Không phát sinh",
            "Quy chế hoạt động được ký ban hành",
            0.12,
            "Quy chế hoạt động đã được lãnh đạo Tổng cục ký ban hành và gửi các thành viên.",
        ),
        (
            "Hội thảo lấy ý kiến dự thảo văn bản về {topic}",
            "{unit} chủ trì; hiệp hội mời hội viên",
            "Hội trường Tổng cục, báo cáo viên",
            "80 triệu đồng",
            "Báo cáo tổng hợp ý kiến hội thảo",
            0.35,
            "Đã tổ chức hội thảo với hơn 120 doanh nghiệp tham dự; tiếp thu 46 ý kiến vào dự thảo.",
        ),
        (
            "Khảo sát vướng mắc của doanh nghiệp hội viên",
            "Các hiệp hội chủ trì; {unit} phối hợp",
            "Phiếu khảo sát trực tuyến",
            "30 triệu đồng",
            "Báo cáo kết quả khảo sát",
            0.55,
            "Thu về 318 phiếu khảo sát; tổng hợp 27 nhóm vướng mắc, gửi các Cục nghiệp vụ xử lý.",
        ),
        (
            "Lập danh mục vướng mắc và phương án xử lý, trình lãnh đạo Tổng cục",
            "{unit}",
            "Công chức đầu mối",
            "Không phát sinh",
            "Danh mục vướng mắc kèm phương án xử lý",
            0.75,
            "Danh mục 27 vướng mắc đã được lãnh đạo Tổng cục cho ý kiến; 19 vướng mắc đã có hướng "
            "dẫn.",
        ),
        (
            "Sơ kết một năm hoạt động của nhóm công tác",
            "{unit} và các hiệp hội",
            "Phòng họp Tổng cục",
            "20 triệu đồng",
            "Báo cáo sơ kết",
            0.97,
            "Đã tổ chức sơ kết; các bên thống nhất duy trì nhóm và bổ sung nội dung năm sau.",
        ),
    ],
    "revision": [
        (
            "Tham vấn dự thảo văn bản hướng dẫn mới về {topic}",
            "{unit} chủ trì",
            "Chuyên gia các hiệp hội",
            "40 triệu đồng",
            "Văn bản góp ý tổng hợp",
            0.4,
            "Đã gửi văn bản góp ý tổng hợp của các hiệp hội đến đơn vị soạn thảo.",
        ),
        (
            "Đánh giá kết quả thực hiện các kiến nghị đã tiếp thu",
            "Các hiệp hội; {unit}",
            "Báo cáo của hội viên",
            "Không phát sinh",
            "Báo cáo đánh giá",
            0.96,
            "Báo cáo đánh giá đã gửi lãnh đạo hai bên.",
        ),
    ],
    "agendas": [
        "Rà soát tiến độ kế hoạch triển khai {period}; thảo luận vướng mắc của hội viên về "
        "{topic}; thống nhất nội dung tham vấn kỳ tới.",
        "Nghe các hiệp hội báo cáo ý kiến hội viên; {unit} thông tin kết quả xử lý kiến nghị kỳ "
        "trước; phân công chuẩn bị hội thảo.",
    ],
    "conclusions": [
        "Các bên thống nhất: (1) hoàn thành đúng hạn các hoạt động trong kỳ; (2) chuyển 5 kiến "
        "nghị "
        "mới đến các Cục nghiệp vụ; (3) hiệp hội gửi ý kiến bằng văn bản trước kỳ họp sau.",
        "Thống nhất đưa 3 vướng mắc về {topic} vào danh mục đề nghị sửa đổi; {unit} trả lời bằng "
        "văn bản các kiến nghị còn lại trong 15 ngày làm việc.",
        "Ghi nhận tiến độ đạt yêu cầu; đề nghị các hiệp hội mở rộng khảo sát đến doanh nghiệp nhỏ "
        "và vừa; giao thư ký nhóm tổng hợp báo cáo.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về vướng mắc phát sinh khi triển khai quy định mới về {topic}.",
        "Nghe các hiệp hội phản ánh vướng mắc phát sinh; thống nhất hướng dẫn tạm thời trong thời "
        "gian chờ văn bản sửa đổi.",
        "Thống nhất hướng dẫn tạm thời gửi toàn ngành trong 5 ngày làm việc; các hiệp hội phổ biến "
        "đến hội viên.",
    ),
    "publicity": [
        (
            "Cổng thông tin điện tử Hải quan",
            "Đăng tin lễ ký kết và quy chế hoạt động của nhóm công tác về {topic}.",
        ),
        (
            "Báo Hải quan",
            "Bài viết về kết quả tham vấn chính sách của nhóm công tác hải quan - doanh nghiệp.",
        ),
    ],
}

THEMES["priority"] = {
    "assessment": {
        "legality": "Thực hiện theo Luật Hải quan năm 2014 và Thông tư số 72/2015/TT-BTC về chế "
        "độ ưu tiên trong thủ tục hải quan; phù hợp Khung tiêu chuẩn SAFE của Tổ chức Hải quan thế "
        "giới.",
        "benefits": "Doanh nghiệp được miễn kiểm tra chứng từ, miễn kiểm tra thực tế hàng hoá; cơ "
        "quan hải quan tập trung nguồn lực vào đối tượng rủi ro cao.",
        "impact": "Khuyến khích doanh nghiệp tự nguyện tuân thủ, tăng tỷ lệ thông quan luồng "
        "xanh, rút ngắn thời gian giải phóng hàng cho chuỗi cung ứng của doanh nghiệp.",
        "resources": "Đoàn thẩm định của Cục Giám sát quản lý về hải quan phối hợp Cục Hải quan "
        "tỉnh, thành phố nơi doanh nghiệp có trụ sở.",
        "costs": "Chi phí thẩm định tại trụ sở doanh nghiệp khoảng {cost} triệu đồng từ dự toán "
        "của Tổng cục; doanh nghiệp tự chi trả chi phí hoàn thiện hệ thống an ninh.",
        "risks": "Doanh nghiệp có thể không duy trì điều kiện sau khi được công nhận; đánh giá lại "
        "định kỳ và đình chỉ khi phát hiện vi phạm.",
    },
    "rationale": "Chương trình doanh nghiệp ưu tiên là đối tác có điều kiện do Tổng cục quyết "
    "định; doanh nghiệp được lựa chọn có kim ngạch lớn và hai năm liên tục chấp hành tốt pháp luật "
    "hải quan, pháp luật thuế.",
    "summary": {
        "purpose": "Công nhận và áp dụng chế độ ưu tiên trong thủ tục hải quan đối với doanh "
        "nghiệp đáp ứng điều kiện.",
        "content": "Thẩm định điều kiện tuân thủ pháp luật, hệ thống kiểm soát nội bộ, an ninh "
        "an toàn dây chuyền cung ứng; ký cam kết thực hiện chế độ ưu tiên.",
        "form": "Chương trình doanh nghiệp ưu tiên thuộc loại đối tác có điều kiện.",
        "benefits": "Giảm thời gian, chi phí thông quan cho doanh nghiệp; giảm khối lượng kiểm "
        "tra cho cơ quan hải quan.",
        "costs": "Cơ quan hải quan chịu chi phí thẩm định; doanh nghiệp chịu chi phí duy trì hệ "
        "thống quản lý và an ninh.",
        "risks": "Doanh nghiệp lợi dụng chế độ ưu tiên; kiểm soát bằng đánh giá tuân thủ hằng năm "
        "và kiểm tra sau thông quan.",
        "activities": "Tiếp nhận hồ sơ; thẩm định hồ sơ và tại trụ sở doanh nghiệp; ký cam kết; "
        "theo dõi, đánh giá tuân thủ định kỳ.",
        "outputs": "Quyết định công nhận doanh nghiệp ưu tiên; văn bản cam kết; báo cáo đánh giá "
        "tuân thủ hằng năm.",
        "resources": "Công chức thẩm định của {unit}; bộ phận tuân thủ của doanh nghiệp.",
        "roles": "Tổng cục Hải quan thẩm định, công nhận, theo dõi; doanh nghiệp duy trì điều "
        "kiện, báo cáo thay đổi và phối hợp kiểm tra.",
        "methods": "Thẩm định theo bộ tiêu chí; trao đổi qua đầu mối của mỗi bên; đánh giá lại "
        "định kỳ.",
    },
    "sessions": [
        "Doanh nghiệp trình bày hệ thống quản lý dữ liệu xuất nhập khẩu và quy trình kiểm soát "
        "nội bộ; đoàn thẩm định đề nghị bổ sung quy trình an ninh kho hàng.",
        "Doanh nghiệp đã bổ sung hồ sơ theo yêu cầu; hai bên thống nhất nội dung cam kết và lịch "
        "thẩm định tại trụ sở.",
    ],
    "memorandum": "Ghi nhận kết quả thẩm định hồ sơ, nội dung cam kết dự kiến và các điều kiện "
    "doanh nghiệp phải duy trì khi được công nhận doanh nghiệp ưu tiên.",
    "feasibility": "Báo cáo kết quả thẩm định: doanh nghiệp đáp ứng điều kiện về tuân thủ pháp "
    "luật, kim ngạch và hệ thống kiểm soát nội bộ; đề nghị công nhận doanh nghiệp ưu tiên.",
    "purpose": "Doanh nghiệp cam kết duy trì điều kiện doanh nghiệp ưu tiên và tự nguyện tuân thủ "
    "pháp luật; cơ quan hải quan áp dụng chế độ ưu tiên trong thủ tục hải quan.",
    "activities": [
        (
            "Thiết lập chế độ ưu tiên cho doanh nghiệp trên Hệ thống VNACCS/VCIS",
            "{unit}; Cục Công nghệ thông tin và Thống kê hải quan",
            "Công chức quản trị hệ thống",
            "Không phát sinh",
            "Tờ khai của doanh nghiệp được phân luồng theo chế độ ưu tiên",
            0.08,
            "Chế độ ưu tiên đã được thiết lập; tờ khai đầu tiên được thông quan trong 15 phút.",
        ),
        (
            "Tập huấn bộ phận xuất nhập khẩu của doanh nghiệp về nghĩa vụ của doanh nghiệp ưu tiên",
            "Doanh nghiệp chủ trì; {unit} cử báo cáo viên",
            "Báo cáo viên, tài liệu tập huấn",
            "15 triệu đồng",
            "Nhân viên xuất nhập khẩu được tập huấn",
            0.25,
            "Đã tập huấn cho 42 nhân viên của doanh nghiệp.",
        ),
        (
            "Doanh nghiệp nộp báo cáo tình hình tuân thủ 6 tháng",
            "Doanh nghiệp",
            "Bộ phận tuân thủ của doanh nghiệp",
            "Không phát sinh",
            "Báo cáo tuân thủ 6 tháng",
            0.5,
            "Báo cáo đã nộp đúng hạn, không phát sinh thay đổi hệ thống quản lý.",
        ),
        (
            "Đánh giá tuân thủ định kỳ tại trụ sở doanh nghiệp",
            "{unit}",
            "Đoàn đánh giá 4 công chức",
            "25 triệu đồng",
            "Biên bản đánh giá tuân thủ",
            0.8,
            "Doanh nghiệp duy trì đủ điều kiện; có 2 khuyến nghị về lưu trữ chứng từ.",
        ),
        (
            "Rà soát, đánh giá lại điều kiện doanh nghiệp ưu tiên",
            "{unit}",
            "Dữ liệu VNACCS/VCIS, báo cáo kiểm tra sau thông quan",
            "Không phát sinh",
            "Báo cáo đánh giá lại",
            0.98,
            "Đánh giá lại xác nhận doanh nghiệp tiếp tục đáp ứng điều kiện.",
        ),
    ],
    "revision": [
        (
            "Kiểm tra việc thực hiện khuyến nghị sau đánh giá tuân thủ",
            "{unit}",
            "Đoàn kiểm tra 3 công chức",
            "10 triệu đồng",
            "Biên bản kiểm tra",
            0.45,
            "Doanh nghiệp đã thực hiện đầy đủ các khuyến nghị.",
        ),
        (
            "Đánh giá lại điều kiện doanh nghiệp ưu tiên",
            "{unit}",
            "Dữ liệu tuân thủ của doanh nghiệp",
            "Không phát sinh",
            "Báo cáo đánh giá lại",
            0.96,
            "Doanh nghiệp tiếp tục đáp ứng điều kiện.",
        ),
    ],
    "agendas": [
        "Đánh giá tình hình làm thủ tục theo chế độ ưu tiên {period}: số tờ khai, thời gian thông "
        "quan, vướng mắc khi khai báo.",
        "Rà soát việc duy trì điều kiện doanh nghiệp ưu tiên và các thay đổi về hệ thống quản lý "
        "của doanh nghiệp.",
    ],
    "conclusions": [
        "Doanh nghiệp duy trì đủ điều kiện; 100% tờ khai luồng xanh được thông quan trong ngày; "
        "giao {unit} xử lý 2 vướng mắc về khai bổ sung.",
        "Thống nhất doanh nghiệp báo cáo trước 5 ngày làm việc khi thay đổi địa điểm kho; {unit} "
        "hướng dẫn thủ tục cập nhật thông tin.",
        "Ghi nhận kết quả tuân thủ tốt; đề nghị doanh nghiệp hoàn thiện quy trình lưu trữ chứng "
        "từ điện tử trước kỳ đánh giá.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về việc doanh nghiệp thay đổi nhà cung cấp dịch vụ logistics.",
        "Doanh nghiệp thông báo thay đổi nhà cung cấp dịch vụ logistics; đánh giá ảnh hưởng đến an "
        "ninh dây chuyền cung ứng.",
        "Thống nhất doanh nghiệp gửi hợp đồng và quy trình an ninh của nhà cung cấp mới; {unit} "
        "đánh giá trong 10 ngày làm việc.",
    ),
    "publicity": [
        (
            "Cổng thông tin điện tử Hải quan",
            "Công bố quyết định công nhận và danh sách doanh nghiệp ưu tiên.",
        ),
        (
            "Báo Hải quan",
            "Bài viết về lợi ích của doanh nghiệp ưu tiên trong rút ngắn thời gian thông quan.",
        ),
    ],
}

THEMES["action"] = {
    "assessment": {
        "legality": "Thực hiện Luật Hải quan năm 2014 và chỉ đạo của Ban Chỉ đạo 389 quốc gia về "
        "phòng, chống buôn lậu, gian lận thương mại và hàng giả.",
        "benefits": "Huy động doanh nghiệp cam kết không tham gia, không tiếp tay cho buôn lậu; "
        "tăng nguồn tin về dấu hiệu vi phạm tại {place}.",
        "impact": "Góp phần ổn định thị trường, bảo vệ doanh nghiệp làm ăn chân chính; tác động "
        "trực tiếp đến hoạt động xuất nhập khẩu qua địa bàn.",
        "resources": "Lực lượng kiểm soát hải quan của {unit}; đầu mối tiếp nhận tin báo của các "
        "doanh nghiệp và hiệp hội tham gia.",
        "costs": "Chi phí phát động, tuyên truyền và tổng kết khoảng {cost} triệu đồng từ kinh phí "
        "phòng, chống buôn lậu năm {year}.",
        "risks": "Cam kết có thể mang tính hình thức; cần cơ chế theo dõi, đánh giá và biểu dương "
        "doanh nghiệp tích cực.",
    },
    "rationale": "Chương trình hành động do cơ quan hải quan phát động trong một giai đoạn; đối "
    "tượng tham gia gồm doanh nghiệp xuất nhập khẩu, doanh nghiệp dịch vụ và hiệp hội trên địa "
    "bàn.",
    "summary": {
        "purpose": "Phát động doanh nghiệp cam kết phòng, chống buôn lậu, gian lận thương mại: "
        "{topic}.",
        "content": "Ký cam kết không tham gia, tiếp tay buôn lậu; chủ động áp dụng biện pháp an "
        "ninh; cung cấp thông tin dấu hiệu vi phạm cho cơ quan hải quan.",
        "form": "Chương trình hành động; doanh nghiệp ký văn bản cam kết với cơ quan hải quan.",
        "benefits": "Tăng nguồn tin phát hiện vi phạm; doanh nghiệp được bảo vệ trước cạnh tranh "
        "không lành mạnh.",
        "costs": "Chi phí phát động, in ấn tài liệu và tổng kết do cơ quan hải quan bảo đảm.",
        "risks": "Thông tin doanh nghiệp cung cấp chưa được kiểm chứng; xử lý theo quy trình tiếp "
        "nhận tin báo.",
        "activities": "Lễ phát động và ký cam kết; tuyên truyền; tiếp nhận, xử lý tin báo; tổng "
        "kết, "
        "biểu dương.",
        "outputs": "Văn bản cam kết của doanh nghiệp; số tin báo được xử lý; báo cáo tổng kết.",
        "resources": "Đội Kiểm soát hải quan, công chức tuyên truyền của {unit}.",
        "roles": "{unit} phát động, tiếp nhận và xử lý tin báo; doanh nghiệp thực hiện cam kết và "
        "cung cấp thông tin.",
        "methods": "Đường dây nóng và hộp thư điện tử tiếp nhận tin báo; họp giao ban định kỳ giữa "
        "các bên.",
    },
    "sessions": [
        "Doanh nghiệp ủng hộ chương trình; đề nghị bảo mật danh tính doanh nghiệp cung cấp tin "
        "báo và có phản hồi kết quả xử lý.",
        "Thống nhất mẫu văn bản cam kết và đầu mối tiếp nhận tin báo của mỗi bên.",
    ],
    "memorandum": "Ghi nhận thống nhất về nội dung cam kết, cơ chế tiếp nhận và bảo mật thông tin "
    "báo, thời gian thực hiện chương trình.",
    "feasibility": "Báo cáo đánh giá tính khả thi: lực lượng, kinh phí và cơ chế phối hợp bảo đảm "
    "thực hiện chương trình trong thời gian dự kiến.",
    "purpose": "Doanh nghiệp cam kết không tham gia, không tiếp tay cho buôn lậu, gian lận thương "
    "mại và chủ động cung cấp thông tin về dấu hiệu vi phạm.",
    "activities": [
        (
            "Tổ chức lễ phát động và ký cam kết",
            "{unit}",
            "Hội trường, tài liệu phát động",
            "35 triệu đồng",
            "Văn bản cam kết của các doanh nghiệp",
            0.05,
            "Lễ phát động đã tổ chức với sự tham dự của các doanh nghiệp cam kết.",
        ),
        (
            "Công bố đường dây nóng và hộp thư điện tử tiếp nhận tin báo",
            "{unit}",
            "Công chức trực đường dây nóng",
            "Không phát sinh",
            "Đầu mối tiếp nhận tin báo hoạt động",
            0.15,
            "Đường dây nóng đã hoạt động; tiếp nhận 14 tin báo trong tháng đầu.",
        ),
        (
            "Tuyên truyền phương thức, thủ đoạn buôn lậu mới đến doanh nghiệp",
            "{unit}; hiệp hội phối hợp",
            "Tài liệu tuyên truyền",
            "20 triệu đồng",
            "Tài liệu gửi doanh nghiệp",
            0.4,
            "Đã gửi tài liệu tuyên truyền đến toàn bộ doanh nghiệp tham gia.",
        ),
        (
            "Xử lý và phản hồi kết quả tin báo của doanh nghiệp",
            "Đội Kiểm soát hải quan",
            "Lực lượng kiểm soát",
            "Không phát sinh",
            "Báo cáo kết quả xử lý tin báo",
            0.75,
            "Xử lý 31 tin báo, phát hiện 6 vụ vi phạm; đã phản hồi kết quả cho doanh nghiệp báo "
            "tin.",
        ),
        (
            "Tổng kết chương trình, biểu dương doanh nghiệp tích cực",
            "{unit}",
            "Hội trường",
            "30 triệu đồng",
            "Báo cáo tổng kết",
            0.97,
            "Đã tổng kết; biểu dương 5 doanh nghiệp cung cấp thông tin có giá trị.",
        ),
    ],
    "revision": [
        (
            "Mở rộng chương trình đến doanh nghiệp vận tải hàng qua biên giới",
            "{unit}",
            "Công chức tuyên truyền",
            "15 triệu đồng",
            "Danh sách doanh nghiệp tham gia bổ sung",
            0.35,
            "Đã có thêm 8 doanh nghiệp vận tải ký cam kết.",
        ),
        (
            "Sơ kết chương trình",
            "{unit}",
            "Hội trường",
            "20 triệu đồng",
            "Báo cáo sơ kết",
            0.96,
            "Đã sơ kết, đề xuất tiếp tục chương trình năm sau.",
        ),
    ],
    "agendas": [
        "Đánh giá tình hình buôn lậu, gian lận thương mại {period}; kết quả tiếp nhận và xử lý tin "
        "báo; phản ánh của doanh nghiệp.",
        "Thông tin phương thức, thủ đoạn vi phạm mới; rà soát việc thực hiện cam kết của doanh "
        "nghiệp.",
    ],
    "conclusions": [
        "Các bên thống nhất tăng cường trao đổi thông tin về hàng hoá có dấu hiệu khai sai xuất "
        "xứ; {unit} phản hồi kết quả xử lý tin báo trong 10 ngày làm việc.",
        "Ghi nhận doanh nghiệp thực hiện nghiêm cam kết; đề nghị hiệp hội phổ biến thủ đoạn vi "
        "phạm mới đến hội viên.",
        "Thống nhất bổ sung đầu mối trực tin báo ngoài giờ hành chính trong các tháng cao điểm.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về dấu hiệu gian lận xuất xứ đối với lô hàng nông sản tạm nhập tái "
        "xuất.",
        "Doanh nghiệp cung cấp thông tin về dấu hiệu gian lận; {unit} thông báo biện pháp kiểm "
        "soát tăng cường.",
        "Thống nhất bảo mật nguồn tin; {unit} áp dụng biện pháp kiểm soát đối với các lô hàng có "
        "dấu hiệu và thông báo kết quả.",
    ),
    "publicity": [
        (
            "Cổng thông tin điện tử {unit}",
            "Đưa tin lễ phát động và danh sách doanh nghiệp ký cam kết.",
        ),
        (
            "Đài Phát thanh và Truyền hình địa phương",
            "Phóng sự về doanh nghiệp đồng hành cùng hải quan phòng, chống buôn lậu.",
        ),
    ],
}

THEMES["advisory"] = {
    "assessment": {
        "legality": "Cục trưởng quyết định thành lập tổ tư vấn hải quan - doanh nghiệp theo "
        "Hướng dẫn phát triển quan hệ đối tác ban hành kèm theo Quyết định số 1005/QĐ-TCHQ.",
        "benefits": "Doanh nghiệp trên địa bàn có kênh trao đổi, được giải đáp kịp thời vướng mắc "
        "về {topic}; đơn vị nắm bắt thông tin để cải tiến thủ tục.",
        "impact": "Tác động đến các doanh nghiệp làm thủ tục tại {unit}; giảm khiếu nại, phản ánh "
        "và thời gian xử lý hồ sơ.",
        "resources": "Công chức giỏi nghiệp vụ của {unit} tham gia tổ tư vấn; đại diện doanh "
        "nghiệp "
        "và hiệp hội trên địa bàn.",
        "costs": "Kinh phí hoạt động của tổ khoảng {cost} triệu đồng mỗi năm, do Cục bố trí.",
        "risks": "Tổ tư vấn có thể hoạt động hình thức nếu không có lịch họp và đầu mối rõ ràng.",
    },
    "rationale": "Tổ tư vấn là bộ phận mềm tại cấp Cục và Chi cục; đối tác là doanh nghiệp xuất "
    "nhập khẩu, doanh nghiệp dịch vụ và hiệp hội làm thủ tục thường xuyên tại đơn vị.",
    "summary": {
        "purpose": "Thành lập tổ tư vấn hải quan - doanh nghiệp tại {unit} để trao đổi, tham vấn "
        "về {topic}.",
        "content": "Giải đáp vướng mắc thủ tục; tham vấn cải tiến quy trình tại đơn vị; trao đổi "
        "về "
        "liêm chính hải quan và tập quán kinh doanh của doanh nghiệp.",
        "form": "Tổ tư vấn hải quan - doanh nghiệp tại cấp Cục hoặc Chi cục.",
        "benefits": "Rút ngắn thời gian giải quyết vướng mắc; tăng sự hài lòng của doanh nghiệp.",
        "costs": "Kinh phí họp tổ và tài liệu do Cục bố trí; doanh nghiệp tự chi trả chi phí đi "
        "lại.",
        "risks": "Thành viên doanh nghiệp thay đổi thường xuyên; quy định đầu mối thay thế.",
        "activities": "Họp tổ định kỳ; tiếp nhận câu hỏi qua thư điện tử; đối thoại chuyên đề; "
        "khảo sát mức độ hài lòng.",
        "outputs": "Biên bản họp tổ; bộ câu hỏi - trả lời; kiến nghị cải tiến quy trình.",
        "resources": "Công chức của {unit}; đại diện doanh nghiệp thành viên.",
        "roles": "{unit} chủ trì và trả lời vướng mắc; doanh nghiệp tổng hợp câu hỏi, góp ý cải "
        "tiến.",
        "methods": "Họp trực tiếp tại trụ sở đơn vị; trao đổi qua hộp thư điện tử chung của tổ.",
    },
    "sessions": [
        "Doanh nghiệp đề nghị tổ tư vấn ưu tiên giải đáp vướng mắc về {topic}; thống nhất lịch họp "
        "định kỳ.",
        "Thống nhất quy chế hoạt động của tổ, danh sách thành viên và hộp thư điện tử tiếp nhận "
        "câu "
        "hỏi.",
    ],
    "memorandum": "Ghi nhận thống nhất thành lập tổ tư vấn tại {unit}, thành phần, quy chế và lịch "
    "họp định kỳ.",
    "feasibility": "Báo cáo khả thi: nhân sự, kinh phí và quy chế bảo đảm tổ tư vấn hoạt động "
    "thường xuyên từ năm {year}.",
    "purpose": "Duy trì cơ chế liên lạc, trao đổi ý kiến và tham vấn giữa {unit} và doanh nghiệp "
    "về "
    "{topic}.",
    "activities": [
        (
            "Ban hành quy chế hoạt động và danh sách thành viên tổ tư vấn",
            "{unit}",
            "Công chức Đội Tổng hợp",
            "Không phát sinh",
            "Quy chế và danh sách thành viên",
            0.1,
            "Quy chế và danh sách thành viên đã ban hành.",
        ),
        (
            "Lập hộp thư điện tử và bộ câu hỏi - trả lời thường gặp",
            "{unit}; doanh nghiệp góp ý",
            "Công chức nghiệp vụ",
            "Không phát sinh",
            "Bộ câu hỏi - trả lời",
            0.3,
            "Đã công bố bộ 64 câu hỏi - trả lời thường gặp.",
        ),
        (
            "Đối thoại chuyên đề về {topic}",
            "{unit}",
            "Hội trường đơn vị",
            "15 triệu đồng",
            "Biên bản đối thoại",
            0.55,
            "Đã đối thoại với 70 doanh nghiệp; giải đáp 23 vướng mắc.",
        ),
        (
            "Khảo sát mức độ hài lòng của doanh nghiệp",
            "{unit}",
            "Phiếu khảo sát",
            "5 triệu đồng",
            "Báo cáo khảo sát",
            0.8,
            "Mức độ hài lòng chung đạt 87%; kiến nghị chủ yếu về thời gian kiểm tra thực tế.",
        ),
        (
            "Tổng kết năm hoạt động của tổ tư vấn",
            "{unit}",
            "Phòng họp đơn vị",
            "10 triệu đồng",
            "Báo cáo tổng kết",
            0.97,
            "Đã tổng kết, thống nhất kế hoạch năm sau.",
        ),
    ],
    "revision": [
        (
            "Cập nhật bộ câu hỏi - trả lời theo quy định mới",
            "{unit}",
            "Công chức nghiệp vụ",
            "Không phát sinh",
            "Bộ câu hỏi - trả lời cập nhật",
            0.4,
            "Đã bổ sung 18 câu hỏi - trả lời mới.",
        ),
        (
            "Khảo sát mức độ hài lòng của doanh nghiệp",
            "{unit}",
            "Phiếu khảo sát",
            "5 triệu đồng",
            "Báo cáo khảo sát",
            0.96,
            "Mức độ hài lòng chung tăng lên 91%.",
        ),
    ],
    "agendas": [
        "Giải đáp vướng mắc của doanh nghiệp {period}; rà soát tiến độ kế hoạch của tổ tư vấn.",
        "Trao đổi về {topic}; tiếp nhận góp ý cải tiến quy trình tại đơn vị.",
    ],
    "conclusions": [
        "Đã giải đáp 9 vướng mắc tại cuộc họp; 2 vướng mắc vượt thẩm quyền được báo cáo Cục xin ý "
        "kiến.",
        "Thống nhất niêm yết lịch làm việc ngoài giờ tại đơn vị; doanh nghiệp gửi câu hỏi trước kỳ "
        "họp 5 ngày làm việc.",
        "Ghi nhận phản ánh về thời gian kiểm tra thực tế; {unit} bố trí thêm công chức vào giờ cao "
        "điểm.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về ùn tắc hàng hoá do sự cố hệ thống khai báo.",
        "Doanh nghiệp phản ánh hàng hoá ùn tắc; {unit} thông tin nguyên nhân sự cố và phương án "
        "xử lý.",
        "Thống nhất tiếp nhận hồ sơ giấy tạm thời trong thời gian sự cố; bố trí công chức trực "
        "đến khi hệ thống ổn định.",
    ),
    "publicity": [
        (
            "Trang thông tin điện tử của Cục",
            "Đưa tin ra mắt tổ tư vấn hải quan - doanh nghiệp tại {unit}.",
        ),
        ("Bản tin của hiệp hội", "Giới thiệu hộp thư và lịch họp của tổ tư vấn đến hội viên."),
    ],
}

THEMES["port"] = {
    "assessment": {
        "legality": "Thực hiện Luật Hải quan năm 2014 và quy định về quản lý, giám sát hải quan tự "
        "động tại cảng, kho, bãi.",
        "benefits": "Giảm thời gian giao nhận container, thay thế chứng từ giấy bằng dữ liệu điện "
        "tử; tăng khả năng giám sát hàng hoá ra vào cảng.",
        "impact": "Ảnh hưởng đến toàn bộ doanh nghiệp có hàng hoá qua cảng, kho, bãi tại {place}.",
        "resources": "Công chức giám sát của {unit}; bộ phận công nghệ thông tin của doanh nghiệp "
        "kinh doanh cảng, kho, bãi.",
        "costs": "Doanh nghiệp đầu tư kết nối phần mềm khoảng {cost} triệu đồng; cơ quan hải quan "
        "bảo đảm hạ tầng phía hải quan.",
        "risks": "Sự cố đường truyền làm gián đoạn giao nhận; cần phương án dự phòng và quy trình "
        "xử lý sự cố.",
    },
    "rationale": "Nội dung gắn với hoạt động của doanh nghiệp kinh doanh cảng, kho, bãi nên lựa "
    "chọn chương trình đối tác chuyên đề với doanh nghiệp dịch vụ.",
    "summary": {
        "purpose": "Phối hợp triển khai {topic}.",
        "content": "Kết nối, trao đổi dữ liệu container giữa doanh nghiệp kinh doanh cảng, kho, "
        "bãi và cơ quan hải quan; giám sát hàng hoá ra vào bằng dữ liệu điện tử.",
        "form": "Chương trình đối tác chuyên đề với doanh nghiệp dịch vụ xuất nhập khẩu.",
        "benefits": "Giảm thời gian lưu container tại cảng; giảm chi phí in ấn chứng từ.",
        "costs": "Doanh nghiệp chi trả chi phí nâng cấp phần mềm; hải quan bảo đảm hệ thống tiếp "
        "nhận.",
        "risks": "Sai lệch dữ liệu giữa hai hệ thống; đối soát dữ liệu hằng ngày.",
        "activities": "Khảo sát hệ thống; kết nối thử nghiệm; vận hành chính thức; đối soát và "
        "đánh giá.",
        "outputs": "Hệ thống kết nối vận hành; quy trình xử lý sự cố; báo cáo đánh giá.",
        "resources": "Công chức giám sát, công chức công nghệ thông tin; kỹ sư phần mềm của doanh "
        "nghiệp.",
        "roles": "{unit} chủ trì, hướng dẫn chuẩn dữ liệu; doanh nghiệp nâng cấp hệ thống và cung "
        "cấp dữ liệu.",
        "methods": "Triển khai theo giai đoạn; tổ kỹ thuật chung họp hằng tuần trong giai đoạn thử "
        "nghiệm.",
    },
    "sessions": [
        "Doanh nghiệp thống nhất chuẩn dữ liệu trao đổi; đề nghị có thời gian chạy song song 2 "
        "tháng "
        "với chứng từ giấy.",
        "Thống nhất lộ trình kết nối và quy trình xử lý khi mất kết nối.",
    ],
    "memorandum": "Ghi nhận thống nhất chuẩn dữ liệu, lộ trình kết nối và trách nhiệm của các bên "
    "trong triển khai {topic}.",
    "feasibility": "Báo cáo khả thi về kỹ thuật, chi phí và lộ trình; các doanh nghiệp đã sẵn sàng "
    "hạ tầng kết nối.",
    "purpose": "Phối hợp triển khai {topic}, tạo thuận lợi cho doanh nghiệp và tăng cường giám sát "
    "hải quan.",
    "activities": [
        (
            "Khảo sát hệ thống quản lý container của doanh nghiệp",
            "{unit}; doanh nghiệp phối hợp",
            "Tổ kỹ thuật chung",
            "Không phát sinh",
            "Báo cáo khảo sát",
            0.1,
            "Đã khảo sát, xác định 3 điểm cần nâng cấp phần mềm.",
        ),
        (
            "Kết nối thử nghiệm trao đổi dữ liệu",
            "Doanh nghiệp; {unit} hỗ trợ kỹ thuật",
            "Kỹ sư phần mềm, môi trường thử nghiệm",
            "Doanh nghiệp tự chi trả",
            "Biên bản kết nối thử nghiệm",
            0.3,
            "Kết nối thử nghiệm thành công với 98% bản tin hợp lệ.",
        ),
        (
            "Vận hành chính thức giám sát bằng dữ liệu điện tử",
            "{unit}; doanh nghiệp",
            "Công chức giám sát",
            "Không phát sinh",
            "Thông báo vận hành chính thức",
            0.5,
            "Đã vận hành chính thức; bỏ phiếu giao nhận container bằng giấy.",
        ),
        (
            "Ban hành quy trình xử lý sự cố mất kết nối",
            "{unit}",
            "Tổ kỹ thuật chung",
            "Không phát sinh",
            "Quy trình xử lý sự cố",
            0.65,
            "Quy trình đã ban hành và diễn tập.",
        ),
        (
            "Đánh giá hiệu quả sau một năm vận hành",
            "{unit}; doanh nghiệp",
            "Số liệu vận hành",
            "Không phát sinh",
            "Báo cáo đánh giá",
            0.97,
            "Thời gian lưu container giảm bình quân 1,5 ngày.",
        ),
    ],
    "revision": [
        (
            "Mở rộng kết nối cho kho ngoại quan và bãi container vệ tinh",
            "Doanh nghiệp; {unit}",
            "Kỹ sư phần mềm",
            "Doanh nghiệp tự chi trả",
            "Biên bản kết nối",
            0.45,
            "Đã kết nối thêm 2 bãi container vệ tinh.",
        ),
        (
            "Đối soát dữ liệu và đánh giá vận hành",
            "{unit}",
            "Số liệu vận hành",
            "Không phát sinh",
            "Báo cáo đối soát",
            0.96,
            "Tỷ lệ sai lệch dữ liệu dưới 0,2%.",
        ),
    ],
    "agendas": [
        "Đánh giá vận hành kết nối dữ liệu {period}; các sự cố phát sinh và thời gian khắc phục.",
        "Rà soát tiến độ kế hoạch triển khai; thống nhất phương án nâng cấp phần mềm phía doanh "
        "nghiệp.",
    ],
    "conclusions": [
        "Hệ thống vận hành ổn định; có 3 sự cố mất kết nối, đều khắc phục trong 2 giờ; doanh "
        "nghiệp bổ sung đường truyền dự phòng.",
        "Thống nhất đối soát dữ liệu hằng ngày lúc 17 giờ; {unit} hướng dẫn xử lý bản tin lỗi.",
        "Ghi nhận thời gian giao nhận container giảm rõ rệt; đề nghị mở rộng kết nối sang bãi "
        "container vệ tinh.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về sự cố mất kết nối kéo dài tại cổng cảng.",
        "Doanh nghiệp báo cáo nguyên nhân sự cố; thống nhất biện pháp giám sát thủ công tạm thời.",
        "Thống nhất áp dụng quy trình dự phòng; doanh nghiệp nâng cấp thiết bị mạng trong 7 ngày.",
    ),
    "publicity": [
        ("Cổng thông tin điện tử Hải quan", "Đưa tin ký kết chương trình phối hợp {topic}."),
        (
            "Báo Hải quan",
            "Bài viết về hiệu quả giảm thời gian giao nhận container sau khi giám "
            "sát bằng dữ liệu điện tử.",
        ),
    ],
}

THEMES["bank"] = {
    "assessment": {
        "legality": "Thực hiện Luật Quản lý thuế, Luật Hải quan năm 2014 và quy định về thu, nộp "
        "thuế điện tử đối với hàng hoá xuất khẩu, nhập khẩu.",
        "benefits": "Doanh nghiệp nộp thuế mọi lúc, được thông quan ngay khi ngân hàng xác nhận; "
        "giảm tiền mặt tại cơ quan hải quan.",
        "impact": "Tác động đến toàn bộ doanh nghiệp nộp thuế xuất nhập khẩu qua các ngân hàng "
        "phối hợp thu.",
        "resources": "Công chức quản lý thu của {unit}; bộ phận thanh toán và công nghệ thông tin "
        "của ngân hàng.",
        "costs": "Ngân hàng tự đầu tư kết nối; chi phí phía hải quan khoảng {cost} triệu đồng cho "
        "kiểm thử và tập huấn.",
        "risks": "Sai lệch thông tin nộp thuế giữa ngân hàng và hải quan; đối chiếu dữ liệu cuối "
        "ngày.",
    },
    "rationale": "Ngân hàng thương mại là doanh nghiệp dịch vụ xuất nhập khẩu; nội dung có phạm vi "
    "toàn ngành nên do cấp Tổng cục chủ trì.",
    "summary": {
        "purpose": "Phối hợp {topic}.",
        "content": "Kết nối trao đổi thông tin nộp thuế 24/7; bảo lãnh thuế điện tử; đối chiếu số "
        "liệu thu nộp.",
        "form": "Chương trình đối tác chuyên đề với ngân hàng thương mại.",
        "benefits": "Thông quan không phụ thuộc giờ hành chính; giảm thời gian chờ xác nhận nộp "
        "thuế.",
        "costs": "Ngân hàng chịu chi phí kết nối; hải quan chịu chi phí kiểm thử.",
        "risks": "Gián đoạn kết nối cuối tuần; bố trí trực kỹ thuật hai bên.",
        "activities": "Kiểm thử kết nối; vận hành chính thức; tập huấn doanh nghiệp; đối chiếu số "
        "liệu.",
        "outputs": "Dịch vụ nộp thuế điện tử 24/7; quy trình đối chiếu; báo cáo đánh giá.",
        "resources": "Công chức quản lý thu; cán bộ kỹ thuật ngân hàng.",
        "roles": "{unit} chủ trì, ban hành chuẩn thông điệp; ngân hàng kết nối và xác nhận nộp "
        "thuế.",
        "methods": "Trao đổi thông điệp điện tử theo chuẩn của Tổng cục; đối chiếu số liệu hằng "
        "ngày.",
    },
    "sessions": [
        "Ngân hàng thống nhất chuẩn thông điệp và cam kết trực kỹ thuật 24/7.",
        "Thống nhất quy trình đối chiếu và xử lý chênh lệch số liệu.",
    ],
    "memorandum": "Ghi nhận thống nhất chuẩn kết nối, thời gian trực và quy trình đối chiếu số "
    "liệu thu nộp thuế.",
    "feasibility": "Báo cáo khả thi: các ngân hàng đáp ứng yêu cầu kỹ thuật; dự kiến vận hành "
    "chính thức trong năm {year}.",
    "purpose": "Phối hợp {topic}, tạo thuận lợi cho doanh nghiệp nộp thuế và thông quan hàng hoá.",
    "activities": [
        (
            "Kiểm thử kết nối trao đổi thông tin nộp thuế",
            "Ngân hàng; {unit}",
            "Môi trường kiểm thử",
            "Ngân hàng tự chi trả",
            "Biên bản kiểm thử",
            0.15,
            "Kiểm thử đạt yêu cầu, xác nhận nộp thuế trong 30 giây.",
        ),
        (
            "Vận hành chính thức nộp thuế điện tử 24/7",
            "Ngân hàng; {unit}",
            "Cán bộ kỹ thuật hai bên",
            "Không phát sinh",
            "Thông báo vận hành chính thức",
            0.3,
            "Đã vận hành chính thức trên toàn quốc.",
        ),
        (
            "Tập huấn doanh nghiệp sử dụng dịch vụ",
            "Ngân hàng chủ trì; {unit} phối hợp",
            "Báo cáo viên",
            "Ngân hàng tự chi trả",
            "Số doanh nghiệp được tập huấn",
            0.5,
            "Đã tập huấn cho 560 doanh nghiệp tại 6 tỉnh, thành phố.",
        ),
        (
            "Đối chiếu số liệu thu nộp 6 tháng",
            "{unit}; ngân hàng",
            "Dữ liệu thu nộp",
            "Không phát sinh",
            "Biên bản đối chiếu",
            0.7,
            "Số liệu khớp đúng; không có chênh lệch.",
        ),
        (
            "Đánh giá hiệu quả và đề xuất mở rộng dịch vụ",
            "{unit}",
            "Số liệu thu nộp",
            "Không phát sinh",
            "Báo cáo đánh giá",
            0.97,
            "Tỷ lệ nộp thuế điện tử qua hai ngân hàng đạt 96%.",
        ),
    ],
    "revision": [
        (
            "Triển khai bảo lãnh thuế điện tử",
            "Ngân hàng; {unit}",
            "Cán bộ kỹ thuật",
            "Ngân hàng tự chi trả",
            "Dịch vụ bảo lãnh điện tử",
            0.4,
            "Đã triển khai bảo lãnh thuế điện tử cho doanh nghiệp.",
        ),
        (
            "Đối chiếu số liệu thu nộp",
            "{unit}; ngân hàng",
            "Dữ liệu thu nộp",
            "Không phát sinh",
            "Biên bản đối chiếu năm",
            0.96,
            "Số liệu khớp đúng.",
        ),
    ],
    "agendas": [
        "Đánh giá tình hình thu nộp thuế điện tử {period}; sự cố kết nối và thời gian xử lý.",
        "Đối chiếu số liệu thu nộp; thống nhất phương án nâng cấp dịch vụ.",
    ],
    "conclusions": [
        "Số liệu thu nộp khớp đúng; ngân hàng nâng cấp đường truyền dự phòng trước kỳ cao điểm "
        "cuối năm.",
        "Thống nhất trực kỹ thuật hai bên trong dịp nghỉ lễ; {unit} thông báo lịch trực đến doanh "
        "nghiệp.",
        "Ghi nhận tỷ lệ nộp thuế điện tử tăng; đề nghị ngân hàng mở rộng dịch vụ bảo lãnh điện tử.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về chậm xác nhận nộp thuế trong ngày cao điểm.",
        "Ngân hàng báo cáo nguyên nhân chậm xác nhận; thống nhất biện pháp khắc phục.",
        "Ngân hàng tăng năng lực máy chủ; {unit} hướng dẫn doanh nghiệp tra cứu trạng thái nộp "
        "thuế.",
    ),
    "publicity": [
        (
            "Cổng thông tin điện tử Hải quan",
            "Thông báo danh sách ngân hàng phối hợp thu nộp thuế điện tử 24/7.",
        ),
        (
            "Trang thông tin của ngân hàng",
            "Hướng dẫn doanh nghiệp nộp thuế xuất nhập khẩu điện tử.",
        ),
    ],
}

THEMES["carrier"] = {
    "assessment": {
        "legality": "Thực hiện Luật Hải quan năm 2014 và quy định về khai báo thông tin hàng hoá "
        "trên phương tiện vận tải xuất cảnh, nhập cảnh.",
        "benefits": "Cơ quan hải quan có thông tin hàng hoá sớm để phân tích rủi ro; doanh nghiệp "
        "vận tải giảm chứng từ giấy.",
        "impact": "Tác động đến hãng vận tải, đại lý và doanh nghiệp giao nhận tại {place}.",
        "resources": "Công chức quản lý rủi ro, giám sát của {unit}; bộ phận chứng từ của hãng vận "
        "tải.",
        "costs": "Chi phí tập huấn và hỗ trợ kỹ thuật khoảng {cost} triệu đồng; doanh nghiệp tự "
        "chi "
        "trả chi phí phần mềm.",
        "risks": "Khai báo chậm hoặc sai thông tin; hướng dẫn và nhắc nhở trước khi xử phạt.",
    },
    "rationale": "Nội dung gắn với hãng vận tải và doanh nghiệp giao nhận nên lựa chọn chương "
    "trình đối tác chuyên đề với doanh nghiệp dịch vụ.",
    "summary": {
        "purpose": "Phối hợp {topic}.",
        "content": "Hướng dẫn khai báo điện tử thông tin hàng hoá; trao đổi lỗi khai báo thường "
        "gặp; phối hợp xử lý thông tin rủi ro.",
        "form": "Chương trình đối tác chuyên đề với doanh nghiệp dịch vụ xuất nhập khẩu.",
        "benefits": "Giảm thời gian làm thủ tục cho phương tiện; thông tin rủi ro có sớm hơn.",
        "costs": "Doanh nghiệp chi trả chi phí phần mềm; hải quan chi trả chi phí tập huấn.",
        "risks": "Chất lượng dữ liệu khai báo thấp; đánh giá định kỳ và phản hồi lỗi.",
        "activities": "Tập huấn; hỗ trợ khai báo; đánh giá chất lượng dữ liệu; sơ kết.",
        "outputs": "Tỷ lệ khai báo đúng hạn; bộ lỗi thường gặp; báo cáo đánh giá.",
        "resources": "Công chức giám sát, quản lý rủi ro; nhân viên chứng từ của doanh nghiệp.",
        "roles": "{unit} hướng dẫn, đánh giá dữ liệu; doanh nghiệp khai báo đúng, đủ, kịp thời.",
        "methods": "Phản hồi lỗi khai báo hằng tuần qua thư điện tử; họp giao ban định kỳ.",
    },
    "sessions": [
        "Hãng vận tải đề nghị hướng dẫn chi tiết về khai báo vận đơn gom hàng; thống nhất lịch tập "
        "huấn.",
        "Thống nhất chỉ tiêu chất lượng dữ liệu và cách phản hồi lỗi.",
    ],
    "memorandum": "Ghi nhận thống nhất nội dung hướng dẫn, chỉ tiêu chất lượng dữ liệu và cơ chế "
    "phản hồi lỗi khai báo.",
    "feasibility": "Báo cáo khả thi: doanh nghiệp đã có phần mềm khai báo; cần tập huấn và hỗ trợ "
    "trong 3 tháng đầu.",
    "purpose": "Phối hợp {topic}, nâng cao chất lượng thông tin hàng hoá khai báo trước.",
    "activities": [
        (
            "Tập huấn khai báo thông tin hàng hoá điện tử",
            "{unit}",
            "Báo cáo viên",
            "20 triệu đồng",
            "Nhân viên chứng từ được tập huấn",
            0.12,
            "Đã tập huấn cho 85 nhân viên chứng từ.",
        ),
        (
            "Phát hành bộ lỗi khai báo thường gặp",
            "{unit}",
            "Dữ liệu khai báo",
            "Không phát sinh",
            "Bộ lỗi thường gặp",
            0.3,
            "Đã phát hành bộ 40 lỗi thường gặp.",
        ),
        (
            "Đánh giá chất lượng dữ liệu khai báo 6 tháng",
            "{unit}",
            "Dữ liệu khai báo",
            "Không phát sinh",
            "Báo cáo đánh giá",
            0.55,
            "Tỷ lệ khai báo đúng hạn đạt 97%, tăng 12 điểm phần trăm.",
        ),
        (
            "Phối hợp xử lý thông tin rủi ro về hàng hoá",
            "{unit}; doanh nghiệp",
            "Công chức quản lý rủi ro",
            "Không phát sinh",
            "Báo cáo phối hợp",
            0.8,
            "Đã phối hợp xử lý 11 trường hợp thông tin rủi ro.",
        ),
        (
            "Sơ kết chương trình",
            "{unit}",
            "Phòng họp",
            "10 triệu đồng",
            "Báo cáo sơ kết",
            0.97,
            "Đã sơ kết; thống nhất tiếp tục chương trình.",
        ),
    ],
    "revision": [
        (
            "Hướng dẫn khai báo vận đơn gom hàng",
            "{unit}",
            "Báo cáo viên",
            "10 triệu đồng",
            "Tài liệu hướng dẫn",
            0.4,
            "Đã phát hành tài liệu hướng dẫn.",
        ),
        (
            "Đánh giá chất lượng dữ liệu khai báo",
            "{unit}",
            "Dữ liệu khai báo",
            "Không phát sinh",
            "Báo cáo đánh giá",
            0.96,
            "Tỷ lệ khai báo đúng hạn đạt 98,5%.",
        ),
    ],
    "agendas": [
        "Đánh giá chất lượng dữ liệu khai báo {period}; lỗi thường gặp và biện pháp khắc phục.",
        "Rà soát tiến độ kế hoạch; trao đổi vướng mắc về khai báo vận đơn gom hàng.",
    ],
    "conclusions": [
        "Tỷ lệ khai báo đúng hạn tăng; đề nghị doanh nghiệp khắc phục lỗi khai báo trọng lượng "
        "hàng hoá.",
        "Thống nhất phản hồi lỗi khai báo vào thứ Hai hằng tuần; {unit} cập nhật bộ lỗi thường "
        "gặp.",
        "Ghi nhận tiến độ đạt yêu cầu; doanh nghiệp cử đầu mối trực khai báo ngoài giờ.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về thay đổi chuẩn dữ liệu khai báo từ tháng tới.",
        "{unit} thông tin thay đổi chuẩn dữ liệu; doanh nghiệp nêu khó khăn về thời gian nâng cấp "
        "phần mềm.",
        "Thống nhất lộ trình áp dụng chuẩn mới trong 30 ngày; hỗ trợ kỹ thuật cho doanh nghiệp.",
    ),
    "publicity": [
        ("Cổng thông tin điện tử {unit}", "Đưa tin ký kết chương trình và hướng dẫn khai báo."),
        ("Bản tin hàng hải", "Bài viết về kết quả nâng cao chất lượng khai báo điện tử."),
    ],
}

THEMES["ip"] = {
    "assessment": {
        "legality": "Thực hiện Luật Sở hữu trí tuệ, Luật Hải quan năm 2014 và quy định về kiểm "
        "tra, giám sát, tạm dừng làm thủ tục hải quan đối với hàng hoá xâm phạm quyền sở hữu trí "
        "tuệ.",
        "benefits": "Chủ thể quyền cung cấp dấu hiệu nhận biết hàng thật, hàng giả; cơ quan hải "
        "quan phát hiện và xử lý nhanh hơn.",
        "impact": "Bảo vệ người tiêu dùng và doanh nghiệp chân chính; tác động đến hàng hoá xuất "
        "nhập khẩu có nhãn hiệu được bảo hộ trên cả nước.",
        "resources": "Công chức kiểm soát, quản lý rủi ro của {unit}; chuyên gia giám định của "
        "chủ thể quyền.",
        "costs": "Chi phí tập huấn nhận biết và hội nghị khoảng {cost} triệu đồng; chủ thể quyền "
        "chịu chi phí giám định.",
        "risks": "Thông tin nhận biết chậm cập nhật khi sản phẩm thay đổi mẫu mã; yêu cầu chủ thể "
        "quyền cập nhật định kỳ.",
    },
    "rationale": "Chủ thể quyền là doanh nghiệp xuất nhập khẩu có nhãn hiệu được bảo hộ; nội dung "
    "có phạm vi toàn ngành nên do cấp Tổng cục chủ trì.",
    "summary": {
        "purpose": "Phối hợp với chủ thể quyền {topic}.",
        "content": "Trao đổi dấu hiệu nhận biết; tập huấn công chức; phối hợp giám định và xử lý "
        "vụ việc; đăng ký đơn đề nghị kiểm tra, giám sát.",
        "form": "Chương trình đối tác chuyên đề với doanh nghiệp xuất nhập khẩu là chủ thể quyền.",
        "benefits": "Tăng hiệu quả phát hiện hàng giả; chủ thể quyền được bảo vệ kịp thời.",
        "costs": "Hải quan chi trả chi phí hội nghị; chủ thể quyền chi trả chi phí giám định và "
        "tài "
        "liệu nhận biết.",
        "risks": "Chủ thể quyền chậm phản hồi yêu cầu giám định; quy định thời hạn phản hồi.",
        "activities": "Tập huấn nhận biết; trao đổi thông tin; phối hợp giám định; tổng kết.",
        "outputs": "Tài liệu nhận biết; số vụ phát hiện; báo cáo phối hợp.",
        "resources": "Công chức kiểm soát; chuyên gia của chủ thể quyền.",
        "roles": "{unit} chủ trì, xử lý vụ việc; chủ thể quyền cung cấp thông tin và giám định.",
        "methods": "Đầu mối liên lạc trực tiếp; phản hồi yêu cầu giám định trong 48 giờ.",
    },
    "sessions": [
        "Chủ thể quyền cam kết cung cấp tài liệu nhận biết và giám định trong 48 giờ.",
        "Thống nhất đầu mối và quy trình phối hợp khi tạm dừng làm thủ tục hải quan.",
    ],
    "memorandum": "Ghi nhận thống nhất về trao đổi dấu hiệu nhận biết, thời hạn giám định và quy "
    "trình phối hợp xử lý hàng hoá xâm phạm quyền.",
    "feasibility": "Báo cáo khả thi: chủ thể quyền có đủ năng lực giám định; nguồn lực của hải "
    "quan đáp ứng yêu cầu phối hợp.",
    "purpose": "Phối hợp {topic}, bảo vệ quyền sở hữu trí tuệ và người tiêu dùng.",
    "activities": [
        (
            "Tập huấn nhận biết hàng thật, hàng giả cho công chức",
            "Chủ thể quyền; {unit}",
            "Chuyên gia của chủ thể quyền",
            "25 triệu đồng",
            "Công chức được tập huấn",
            0.15,
            "Đã tập huấn cho 150 công chức tại 8 Cục Hải quan tỉnh, thành phố.",
        ),
        (
            "Cập nhật tài liệu nhận biết trên hệ thống quản lý rủi ro",
            "{unit}",
            "Công chức quản lý rủi ro",
            "Không phát sinh",
            "Tài liệu nhận biết cập nhật",
            0.3,
            "Đã cập nhật 37 mẫu sản phẩm.",
        ),
        (
            "Phối hợp giám định hàng hoá nghi xâm phạm quyền",
            "Chủ thể quyền; {unit}",
            "Chuyên gia giám định",
            "Chủ thể quyền tự chi trả",
            "Kết luận giám định",
            0.6,
            "Giám định 9 lô hàng, xác định 6 lô hàng giả.",
        ),
        (
            "Đăng ký gia hạn đơn đề nghị kiểm tra, giám sát",
            "Chủ thể quyền",
            "Hồ sơ đăng ký",
            "Không phát sinh",
            "Đơn được chấp nhận",
            0.75,
            "Đơn gia hạn đã được chấp nhận.",
        ),
        (
            "Tổng kết năm phối hợp",
            "{unit}",
            "Phòng họp",
            "15 triệu đồng",
            "Báo cáo tổng kết",
            0.97,
            "Đã tổng kết; đề xuất mở rộng sang nhóm hàng mỹ phẩm.",
        ),
    ],
    "revision": [
        (
            "Mở rộng phối hợp sang kênh chuyển phát nhanh",
            "{unit}; chủ thể quyền",
            "Công chức kiểm soát",
            "Không phát sinh",
            "Quy trình phối hợp",
            0.4,
            "Đã thống nhất quy trình phối hợp tại kho chuyển phát nhanh.",
        ),
        (
            "Tổng kết phối hợp",
            "{unit}",
            "Phòng họp",
            "15 triệu đồng",
            "Báo cáo tổng kết",
            0.96,
            "Đã tổng kết; thống nhất nội dung phối hợp năm sau.",
        ),
    ],
    "agendas": [
        "Đánh giá kết quả phát hiện hàng giả {period}; thời gian giám định; cập nhật dấu hiệu nhận "
        "biết.",
        "Trao đổi thủ đoạn làm giả mới; rà soát tiến độ kế hoạch.",
    ],
    "conclusions": [
        "Chủ thể quyền cập nhật mẫu sản phẩm mới trong 10 ngày; {unit} phổ biến đến các đơn vị "
        "kiểm soát.",
        "Thống nhất rút ngắn thời hạn giám định xuống 24 giờ đối với hàng chuyển phát nhanh.",
        "Ghi nhận hiệu quả phối hợp; đề nghị tổ chức tập huấn tại các cửa khẩu biên giới.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về lô hàng nghi giả mạo nhãn hiệu tại cửa khẩu.",
        "{unit} thông báo lô hàng bị tạm dừng làm thủ tục; chủ thể quyền cử chuyên gia giám định.",
        "Thống nhất giám định trong 24 giờ; xử lý theo kết luận giám định.",
    ),
    "publicity": [
        (
            "Cổng thông tin điện tử Hải quan",
            "Đưa tin ký kết chương trình phối hợp bảo vệ quyền sở hữu trí tuệ.",
        ),
        ("Báo Hải quan", "Bài viết về kết quả phát hiện hàng giả nhờ phối hợp với chủ thể quyền."),
    ],
}

THEMES["sector"] = {
    "assessment": {
        "legality": "Thực hiện Luật Hải quan năm 2014 và quy định về xuất xứ hàng hoá, kiểm tra "
        "chuyên ngành đối với hàng {sector} xuất khẩu.",
        "benefits": "Doanh nghiệp {sector} hiểu đúng quy định, giảm sai sót khai báo; cơ quan hải "
        "quan giảm thời gian kiểm tra hồ sơ.",
        "impact": "Tác động đến doanh nghiệp {sector} xuất khẩu trên địa bàn {place}.",
        "resources": "Công chức nghiệp vụ của {unit}; doanh nghiệp và hiệp hội ngành hàng.",
        "costs": "Chi phí hội nghị và tài liệu khoảng {cost} triệu đồng từ kinh phí cải cách hành "
        "chính năm {year}.",
        "risks": "Quy định về xuất xứ thay đổi theo các hiệp định; cập nhật tài liệu hướng dẫn "
        "kịp thời.",
    },
    "rationale": "Nội dung gắn với doanh nghiệp {sector} trên địa bàn nên lựa chọn chương trình "
    "đối tác chuyên đề cấp Cục.",
    "summary": {
        "purpose": "Hỗ trợ doanh nghiệp {sector}: {topic}.",
        "content": "Hướng dẫn quy định về xuất xứ, kiểm tra chuyên ngành; giải đáp vướng mắc; "
        "trao đổi thông tin thị trường và cảnh báo.",
        "form": "Chương trình đối tác chuyên đề với doanh nghiệp và hiệp hội ngành hàng.",
        "benefits": "Giảm sai sót khai báo xuất xứ; thông quan nhanh hàng tươi sống, hàng mùa vụ.",
        "costs": "Hải quan chi trả chi phí hội nghị; doanh nghiệp chi trả chi phí tham dự.",
        "risks": "Doanh nghiệp nhỏ ít tham gia; phối hợp hiệp hội để mở rộng.",
        "activities": "Hội nghị hướng dẫn; giải đáp trực tuyến; cảnh báo gian lận xuất xứ; đánh "
        "giá.",
        "outputs": "Tài liệu hướng dẫn; bộ câu hỏi - trả lời; báo cáo đánh giá.",
        "resources": "Công chức nghiệp vụ; đại diện hiệp hội ngành hàng.",
        "roles": "{unit} hướng dẫn, giải đáp; doanh nghiệp và hiệp hội phản ánh vướng mắc.",
        "methods": "Hội nghị trực tiếp kết hợp trực tuyến; trao đổi qua đầu mối hiệp hội.",
    },
    "sessions": [
        "Doanh nghiệp {sector} đề nghị hướng dẫn về chứng nhận xuất xứ theo các hiệp định thương "
        "mại tự do.",
        "Thống nhất nội dung hội nghị hướng dẫn và đầu mối giải đáp.",
    ],
    "memorandum": "Ghi nhận thống nhất về nội dung hỗ trợ doanh nghiệp {sector} và cơ chế giải đáp "
    "vướng mắc.",
    "feasibility": "Báo cáo khả thi: hiệp hội ngành hàng cam kết phối hợp; kinh phí nằm trong dự "
    "toán năm {year}.",
    "purpose": "Hỗ trợ doanh nghiệp {sector} {topic}.",
    "activities": [
        (
            "Hội nghị hướng dẫn quy định về xuất xứ hàng {sector}",
            "{unit}; hiệp hội phối hợp",
            "Hội trường, báo cáo viên",
            "30 triệu đồng",
            "Số doanh nghiệp tham dự",
            0.15,
            "Hội nghị có 140 doanh nghiệp tham dự.",
        ),
        (
            "Phát hành bộ câu hỏi - trả lời về xuất xứ và kiểm tra chuyên ngành",
            "{unit}",
            "Công chức nghiệp vụ",
            "Không phát sinh",
            "Bộ câu hỏi - trả lời",
            0.35,
            "Đã phát hành bộ 52 câu hỏi - trả lời.",
        ),
        (
            "Giải đáp trực tuyến vướng mắc của doanh nghiệp",
            "{unit}",
            "Hệ thống hội nghị trực tuyến",
            "5 triệu đồng",
            "Biên bản giải đáp",
            0.6,
            "Đã giải đáp 38 vướng mắc.",
        ),
        (
            "Cảnh báo thủ đoạn gian lận xuất xứ hàng {sector}",
            "{unit}",
            "Công chức kiểm soát",
            "Không phát sinh",
            "Văn bản cảnh báo",
            0.8,
            "Đã gửi 3 văn bản cảnh báo.",
        ),
        (
            "Đánh giá kết quả năm",
            "{unit}; hiệp hội",
            "Số liệu khai báo",
            "Không phát sinh",
            "Báo cáo đánh giá",
            0.97,
            "Tỷ lệ tờ khai phải sửa đổi về xuất xứ giảm 30%.",
        ),
    ],
    "revision": [
        (
            "Hướng dẫn quy tắc xuất xứ theo hiệp định mới có hiệu lực",
            "{unit}",
            "Báo cáo viên",
            "20 triệu đồng",
            "Tài liệu hướng dẫn",
            0.4,
            "Đã phát hành tài liệu hướng dẫn.",
        ),
        (
            "Đánh giá kết quả hỗ trợ doanh nghiệp",
            "{unit}; hiệp hội",
            "Số liệu khai báo",
            "Không phát sinh",
            "Báo cáo đánh giá",
            0.96,
            "Tỷ lệ tờ khai phải sửa đổi về xuất xứ tiếp tục giảm.",
        ),
    ],
    "agendas": [
        "Đánh giá tình hình xuất khẩu hàng {sector} {period}; vướng mắc về xuất xứ và kiểm tra "
        "chuyên ngành.",
        "Trao đổi thông tin thị trường; rà soát tiến độ kế hoạch.",
    ],
    "conclusions": [
        "Thống nhất {unit} giải đáp bằng văn bản 4 vướng mắc về xuất xứ; hiệp hội phổ biến đến hội "
        "viên.",
        "Ghi nhận số tờ khai sửa đổi giảm; đề nghị doanh nghiệp chuẩn hoá hồ sơ nguyên liệu.",
        "Thống nhất tổ chức giải đáp trực tuyến hằng tháng trong mùa vụ xuất khẩu.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về yêu cầu kiểm tra mới của nước nhập khẩu đối với hàng {sector}.",
        "Hiệp hội phản ánh yêu cầu mới của nước nhập khẩu; {unit} hướng dẫn hồ sơ cần chuẩn bị.",
        "Thống nhất {unit} báo cáo Tổng cục đề nghị hướng dẫn; hiệp hội thông báo hội viên.",
    ),
    "publicity": [
        (
            "Cổng thông tin điện tử {unit}",
            "Đưa tin ký kết chương trình hỗ trợ doanh nghiệp {sector}.",
        ),
        ("Bản tin của hiệp hội", "Giới thiệu bộ câu hỏi - trả lời về xuất xứ hàng {sector}."),
    ],
}

THEMES["broker"] = {
    "assessment": {
        "legality": "Thực hiện Luật Hải quan năm 2014 và quy định về đại lý làm thủ tục hải quan.",
        "benefits": "Nâng cao chất lượng khai hải quan của đại lý; giảm tờ khai phải sửa đổi, bổ "
        "sung.",
        "impact": "Tác động đến các đại lý làm thủ tục hải quan và chủ hàng sử dụng dịch vụ tại "
        "{place}.",
        "resources": "Công chức nghiệp vụ của {unit}; đại lý làm thủ tục hải quan và hiệp hội.",
        "costs": "Chi phí tập huấn và đánh giá khoảng {cost} triệu đồng.",
        "risks": "Đại lý chạy theo số lượng tờ khai; gắn kết quả đánh giá với xếp hạng tuân thủ.",
    },
    "rationale": "Đại lý làm thủ tục hải quan là doanh nghiệp dịch vụ xuất nhập khẩu; chương trình "
    "chuyên đề phù hợp nội dung nâng cao chất lượng khai báo.",
    "summary": {
        "purpose": "Phối hợp {topic}.",
        "content": "Tập huấn nghiệp vụ; đánh giá chất lượng khai báo; trao đổi lỗi thường gặp; "
        "công khai kết quả đánh giá.",
        "form": "Chương trình đối tác chuyên đề với đại lý làm thủ tục hải quan.",
        "benefits": "Giảm sai sót khai báo; chủ hàng lựa chọn được đại lý có chất lượng.",
        "costs": "Hải quan chi trả chi phí tập huấn; đại lý chi trả chi phí cử nhân viên.",
        "risks": "Đại lý nhỏ khó đáp ứng; hỗ trợ theo lộ trình.",
        "activities": "Tập huấn; đánh giá chất lượng khai báo; công khai kết quả; sơ kết.",
        "outputs": "Bộ tiêu chí chất lượng; kết quả đánh giá; báo cáo sơ kết.",
        "resources": "Công chức nghiệp vụ; nhân viên đại lý.",
        "roles": "{unit} đánh giá, hướng dẫn; đại lý nâng cao chất lượng khai báo.",
        "methods": "Đánh giá dựa trên dữ liệu tờ khai; phản hồi kết quả hằng quý.",
    },
    "sessions": [
        "Đại lý thống nhất bộ tiêu chí chất lượng khai báo; đề nghị công khai kết quả sau 2 quý "
        "đánh giá.",
        "Thống nhất lịch tập huấn và cách tính điểm chất lượng.",
    ],
    "memorandum": "Ghi nhận thống nhất bộ tiêu chí chất lượng khai báo và lộ trình đánh giá, công "
    "khai kết quả.",
    "feasibility": "Báo cáo khả thi: dữ liệu tờ khai đủ để đánh giá; các đại lý cam kết tham gia.",
    "purpose": "Phối hợp {topic}.",
    "activities": [
        (
            "Ban hành bộ tiêu chí chất lượng khai báo",
            "{unit}",
            "Công chức nghiệp vụ",
            "Không phát sinh",
            "Bộ tiêu chí",
            0.1,
            "Đã ban hành bộ 12 tiêu chí.",
        ),
        (
            "Tập huấn nghiệp vụ khai hải quan cho nhân viên đại lý",
            "{unit}",
            "Báo cáo viên",
            "20 triệu đồng",
            "Nhân viên đại lý được tập huấn",
            0.3,
            "Đã tập huấn cho 120 nhân viên đại lý.",
        ),
        (
            "Đánh giá chất lượng khai báo 2 quý",
            "{unit}",
            "Dữ liệu tờ khai",
            "Không phát sinh",
            "Kết quả đánh giá",
            0.55,
            "Tỷ lệ tờ khai phải sửa đổi giảm từ 9% xuống 5%.",
        ),
        (
            "Công khai kết quả đánh giá đại lý",
            "{unit}",
            "Trang thông tin điện tử",
            "Không phát sinh",
            "Danh sách kết quả",
            0.75,
            "Đã công khai kết quả đánh giá.",
        ),
        (
            "Sơ kết chương trình",
            "{unit}",
            "Phòng họp",
            "10 triệu đồng",
            "Báo cáo sơ kết",
            0.97,
            "Đã sơ kết; đề xuất mở rộng đến đại lý tại các tỉnh lân cận.",
        ),
    ],
    "revision": [
        (
            "Bổ sung tiêu chí về khai báo trị giá hải quan",
            "{unit}",
            "Công chức nghiệp vụ",
            "Không phát sinh",
            "Bộ tiêu chí sửa đổi",
            0.4,
            "Đã bổ sung 3 tiêu chí.",
        ),
        (
            "Đánh giá chất lượng khai báo của đại lý",
            "{unit}",
            "Dữ liệu tờ khai",
            "Không phát sinh",
            "Kết quả đánh giá",
            0.96,
            "Tỷ lệ tờ khai phải sửa đổi còn 3,8%.",
        ),
    ],
    "agendas": [
        "Thông báo kết quả đánh giá chất lượng khai báo {period}; lỗi thường gặp của đại lý.",
        "Rà soát tiến độ kế hoạch; trao đổi vướng mắc về phân loại hàng hoá.",
    ],
    "conclusions": [
        "Các đại lý khắc phục lỗi khai mã số hàng hoá; {unit} tổ chức tập huấn chuyên đề phân "
        "loại.",
        "Thống nhất công khai kết quả đánh giá hằng quý trên trang thông tin điện tử.",
        "Ghi nhận chất lượng khai báo cải thiện; đề nghị đại lý chuẩn hoá hồ sơ lưu trữ.",
    ],
    "adhoc": (
        "Trao đổi đột xuất về vướng mắc khai báo sau khi thay đổi biểu thuế.",
        "Đại lý phản ánh vướng mắc về mã số hàng hoá mới; {unit} hướng dẫn áp dụng.",
        "Thống nhất {unit} phát hành hướng dẫn nhanh; đại lý phổ biến cho chủ hàng.",
    ),
    "publicity": [
        (
            "Cổng thông tin điện tử {unit}",
            "Đưa tin ký kết chương trình với đại lý làm thủ tục hải quan.",
        ),
        ("Báo Hải quan", "Bài viết về xếp hạng chất lượng khai báo của đại lý."),
    ],
}

EVALUATIONS = [
    (
        "Hoàn thành {done}/{total} hoạt động của kế hoạch; các cuộc họp giao ban tổ chức đúng kỳ, "
        "có báo cáo kết luận gửi lãnh đạo hai bên.",
        "Mô hình phát huy hiệu quả, phù hợp yêu cầu về {topic}; đề nghị duy trì và mở rộng.",
    ),
    (
        "Các bên thực hiện đúng thoả thuận; hoàn thành {done}/{total} hoạt động, các hoạt động "
        "còn lại "
        "đang triển khai đúng tiến độ.",
        "Hiệu quả rõ rệt về thời gian xử lý và sự đồng thuận của doanh nghiệp; cần bổ sung chỉ "
        "tiêu "
        "đánh giá định lượng.",
    ),
    (
        "Hoàn thành {done}/{total} hoạt động; một số hoạt động chậm do thay đổi nhân sự đầu mối "
        "phía "
        "doanh nghiệp.",
        "Mô hình có hiệu quả nhưng cần củng cố đầu mối và lịch họp cố định.",
    ),
]

THEME_AREAS = {
    "working_group": ["i", "v"],
    "priority": ["v", "vi"],
    "action": ["iii"],
    "advisory": ["i", "iv", "vi"],
    "port": ["v"],
    "bank": ["v", "vi"],
    "carrier": ["iii", "v"],
    "ip": ["iii"],
    "sector": ["vi"],
    "broker": ["iv", "vi"],
}


# -- partnerships -----------------------------------------------------------------

WG = PartnershipForm.WORKING_GROUP.value
AT = PartnershipForm.ADVISORY_TEAM.value
TP = PartnershipForm.THEMATIC_PROGRAMME.value
AP = PartnershipForm.ACTION_PROGRAMME.value
PEP = PartnershipForm.PRIORITY_ENTERPRISE_PROGRAMME.value

GD = ApprovingAuthority.GENERAL_DEPARTMENT.value
PD = ApprovingAuthority.PROVINCIAL_DEPARTMENT.value
MOF = ApprovingAuthority.MINISTRY_OF_FINANCE.value


@dataclass
class PartnershipSpec:
    """One partnership of the data set and how far its procedure has gone by AS_OF."""

    ref: str
    unit: str
    year: int  # planning year
    start: date  # day the content is determined
    theme: str
    form: str
    title: str
    topic: str
    partners: list[str]
    target: str  # final state on AS_OF
    sector: str = ""
    areas: list[str] | None = None
    beyond: bool = False
    authority: str | None = None
    sessions: int | None = None
    channel: str = "official_letter"
    doc_approved: bool = False  # for partnerships left in the preparing state
    reject_reason: str = ""
    resubmit: bool = False  # submitted again after the rejection, then approved
    end_from: str | None = None  # state in which the partnership was ended
    end_on: date | None = None
    end_reason: str = ""
    violation_on: date | None = None
    pace: float = 1.0  # scales the gaps between procedure steps
    span: int = 360  # days over which the implementation plan runs
    meetings: str = "quarterly"

    @property
    def kind(self) -> str:
        if self.form == PEP:
            return PartnershipKind.CONDITIONAL.value
        return PartnershipKind.REGULAR.value


S = State
SPECS: list[PartnershipSpec] = [
    # -- active -------------------------------------------------------------------
    PartnershipSpec(
        "TCHQ-CCHDH-2023-001",
        "00-CCHDH",
        2023,
        date(2023, 2, 13),
        "working_group",
        WG,
        "Nhóm công tác hải quan - doanh nghiệp về cải cách thủ tục hải quan giai đoạn 2023-2025",
        "cải cách thủ tục hải quan và thủ tục hải quan điện tử",
        ["as_logistics", "as_electronics", "as_textile", "as_broker", "as_wood"],
        S.ACTIVE,
    ),
    PartnershipSpec(
        "TCHQ-TXNK-2024-001",
        "00-TXNK",
        2024,
        date(2024, 1, 15),
        "working_group",
        WG,
        "Nhóm công tác hải quan - doanh nghiệp về chính sách thuế xuất khẩu, nhập khẩu",
        "chính sách thuế đối với hàng hoá xuất khẩu, nhập khẩu",
        ["as_hp", "as_agri", "as_seafood", "hongha"],
        S.ACTIVE,
        areas=["i", "ii"],
        beyond=True,
        authority=MOF,
    ),
    PartnershipSpec(
        "TCHQ-TXNK-2023-002",
        "00-TXNK",
        2023,
        date(2023, 3, 6),
        "bank",
        TP,
        "Chương trình đối tác chuyên đề với ngân hàng thương mại về thu nộp thuế điện tử và "
        "thông quan 24/7",
        "thu nộp thuế điện tử và thông quan 24/7",
        ["phuongnama", "kinhbac"],
        S.ACTIVE,
    ),
    PartnershipSpec(
        "TCHQ-GSQL-2024-001",
        "00-GSQL",
        2024,
        date(2024, 2, 19),
        "priority",
        PEP,
        "Chương trình doanh nghiệp ưu tiên - công nhận đợt I năm 2024",
        "công nhận doanh nghiệp ưu tiên",
        ["hongha", "longthanh", "laithieu"],
        S.ACTIVE,
    ),
    PartnershipSpec(
        "HQHCM-2023-001",
        "02",
        2023,
        date(2023, 4, 3),
        "port",
        TP,
        "Chương trình đối tác chuyên đề với doanh nghiệp kinh doanh cảng, kho bãi về giám sát "
        "hải quan tự động tại khu vực cảng biển thành phố Hồ Chí Minh",
        "giám sát hải quan tự động tại cảng biển",
        ["hiepphuoc", "bacnam", "saonam"],
        S.ACTIVE,
    ),
    PartnershipSpec(
        "HQHCM-KV1-2024-001",
        "02-CANG-SG-KV1",
        2024,
        date(2024, 3, 11),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp tại Chi cục Hải quan cửa khẩu cảng Sài Gòn khu vực I",
        "thủ tục hải quan đối với hàng hoá xuất nhập khẩu qua cảng",
        ["saonam", "minhphat", "as_textile", "phugia"],
        S.ACTIVE,
        meetings="advisory",
    ),
    PartnershipSpec(
        "HQHP-2024-001",
        "03",
        2024,
        date(2024, 2, 26),
        "carrier",
        TP,
        "Chương trình đối tác chuyên đề với hãng tàu và doanh nghiệp giao nhận về khai báo bản "
        "lược khai hàng hoá điện tử tại cảng Hải Phòng",
        "khai báo bản lược khai hàng hoá điện tử",
        ["donghai", "haiau", "saonam_hp"],
        S.ACTIVE,
        authority=GD,
        resubmit=True,
        reject_reason="Đề nghị bổ sung đánh giá chi phí kết nối hệ thống của hãng tàu và phương "
        "án bảo mật dữ liệu trước khi trình lại.",
    ),
    PartnershipSpec(
        "HQLS-2024-001",
        "15",
        2024,
        date(2024, 1, 8),
        "action",
        AP,
        "Chương trình hành động phòng, chống buôn lậu, gian lận thương mại qua các cửa khẩu tỉnh "
        "Lạng Sơn năm 2024-2025",
        "chống buôn lậu, gian lận thương mại qua cửa khẩu biên giới",
        ["kylua", "dongdang", "xulang", "as_border"],
        S.ACTIVE,
        span=540,
    ),
    PartnershipSpec(
        "HQBD-ST-2025-001",
        "43-SONG-THAN",
        2025,
        date(2025, 1, 13),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp về gia công, sản xuất xuất khẩu tại Chi cục Hải quan "
        "Sóng Thần",
        "thủ tục hải quan đối với hàng gia công, sản xuất xuất khẩu",
        ["tanuyen", "songthan", "thuanan", "as_wood"],
        S.ACTIVE,
        meetings="advisory",
    ),
    PartnershipSpec(
        "HQDNG-2024-001",
        "34",
        2024,
        date(2024, 3, 4),
        "sector",
        TP,
        "Chương trình đối tác chuyên đề hỗ trợ doanh nghiệp thuỷ sản thực hiện quy định về xuất "
        "xứ hàng hoá và kiểm tra chuyên ngành",
        "thực hiện quy định về xuất xứ hàng hoá và kiểm tra chuyên ngành",
        ["sontra", "hangiang", "as_seafood"],
        S.ACTIVE,
        sector="thuỷ sản",
    ),
    PartnershipSpec(
        "TCHQ-DTCBL-2024-001",
        "00-DTCBL",
        2024,
        date(2024, 4, 1),
        "ip",
        TP,
        "Chương trình đối tác chuyên đề với chủ thể quyền sở hữu trí tuệ về phòng, chống hàng "
        "giả, hàng xâm phạm quyền sở hữu trí tuệ",
        "phòng, chống hàng giả, hàng xâm phạm quyền sở hữu trí tuệ",
        ["lamhong", "truongxuan", "binhtay"],
        S.ACTIVE,
    ),
    PartnershipSpec(
        "HQCT-2025-001",
        "54",
        2025,
        date(2025, 2, 10),
        "sector",
        TP,
        "Chương trình đối tác chuyên đề hỗ trợ doanh nghiệp nông sản, thuỷ sản Tây Nam Bộ thực "
        "hiện thủ tục hải quan điện tử",
        "thực hiện thủ tục hải quan điện tử và quy định về xuất xứ",
        ["haugiang", "cairang", "phongdien", "as_agri"],
        S.ACTIVE,
        sector="nông sản, thuỷ sản",
    ),
    PartnershipSpec(
        "HQBRVT-CM-2025-001",
        "51-CAI-MEP",
        2025,
        date(2025, 3, 3),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp tại Chi cục Hải quan cửa khẩu cảng Cái Mép",
        "thủ tục hải quan đối với hàng trung chuyển và hàng cung ứng tàu biển",
        ["thivai", "vtsupply", "as_port", "phuoctinh"],
        S.ACTIVE,
        meetings="advisory",
    ),
    PartnershipSpec(
        "TCHQ-GSQL-2026-001",
        "00-GSQL",
        2026,
        date(2025, 12, 8),
        "priority",
        PEP,
        "Chương trình doanh nghiệp ưu tiên - công nhận đợt I năm 2026",
        "công nhận doanh nghiệp ưu tiên",
        ["saonam", "xuanloc"],
        S.ACTIVE,
        pace=0.8,
    ),
    PartnershipSpec(
        "HQHN-2024-001",
        "01",
        2024,
        date(2024, 5, 6),
        "broker",
        TP,
        "Chương trình đối tác chuyên đề với đại lý làm thủ tục hải quan về nâng cao chất lượng "
        "khai hải quan tại Hà Nội",
        "nâng cao chất lượng khai hải quan của đại lý",
        ["hungthinh", "phuongbac", "tochanh"],
        S.ACTIVE,
    ),
    # -- suspended after a violation ----------------------------------------------
    PartnershipSpec(
        "TCHQ-GSQL-2023-001",
        "00-GSQL",
        2023,
        date(2023, 3, 20),
        "priority",
        PEP,
        "Chương trình doanh nghiệp ưu tiên - công nhận Công ty Cổ phần Thép Cửa Cấm",
        "công nhận doanh nghiệp ưu tiên",
        ["cuacam"],
        S.SUSPENDED,
        violation_on=date(2025, 9, 16),
    ),
    # -- ended ------------------------------------------------------------------------
    PartnershipSpec(
        "TCHQ-DTCBL-2023-002",
        "00-DTCBL",
        2023,
        date(2023, 6, 5),
        "action",
        AP,
        "Chương trình hành động cao điểm phòng, chống buôn lậu, gian lận thương mại dịp Tết "
        "Nguyên đán Giáp Thìn 2024",
        "cao điểm phòng, chống buôn lậu dịp Tết Nguyên đán",
        ["as_logistics", "phuongbac", "bacnam", "kimlien"],
        S.ENDED,
        end_from=S.ACTIVE,
        end_on=date(2024, 3, 20),
        pace=0.6,
        span=80,
        meetings="monthly",
        end_reason="Chương trình hành động kết thúc theo thời hạn cam kết (hết tháng 02/2024); "
        "đã tổng kết và biểu dương doanh nghiệp tích cực.",
    ),
    PartnershipSpec(
        "HQQN-2023-001",
        "20",
        2023,
        date(2023, 5, 8),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp Cục Hải quan tỉnh Quảng Ninh",
        "thủ tục hải quan đối với hàng hoá qua cửa khẩu và cảng biển Quảng Ninh",
        ["haiha", "vandon"],
        S.ENDED,
        end_from=S.ACTIVE,
        end_on=date(2025, 10, 15),
        end_reason="Hai bên thống nhất chấm dứt thoả thuận trước thời hạn để chuyển nội dung tư "
        "vấn về Chi cục Hải quan cửa khẩu Móng Cái, gần địa bàn hoạt động của doanh nghiệp.",
    ),
    PartnershipSpec(
        "HQHN-2024-002",
        "01",
        2024,
        date(2024, 6, 3),
        "sector",
        TP,
        "Chương trình đối tác chuyên đề hỗ trợ doanh nghiệp thiết bị điện, điện tử tại các khu "
        "công nghiệp Hà Nội quản lý hàng gia công",
        "quản lý nguyên liệu, vật tư gia công và báo cáo quyết toán",
        ["gialam", "as_electronics"],
        S.ENDED,
        end_from=S.NEGOTIATING,
        sessions=2,
        sector="thiết bị điện, điện tử",
        end_reason="Đối tác không thống nhất được phương án chia sẻ dữ liệu quản lý hàng tồn kho; "
        "lãnh đạo Cục dừng đề xuất, đưa nội dung vào kế hoạch năm sau.",
    ),
    PartnershipSpec(
        "HQDNA-2023-002",
        "47",
        2023,
        date(2023, 7, 10),
        "sector",
        TP,
        "Chương trình đối tác chuyên đề với doanh nghiệp khu công nghiệp Biên Hoà - Long Thành về "
        "quản lý hoá chất nhập khẩu",
        "thực hiện thủ tục nhập khẩu và kiểm tra chuyên ngành hoá chất",
        ["bienhoa", "as_ip"],
        S.ENDED,
        end_from=S.REJECTED,
        sector="hoá chất",
        reject_reason="Nội dung kiểm tra chuyên ngành hoá chất thuộc thẩm quyền của bộ quản lý "
        "chuyên ngành; đề nghị phối hợp xây dựng lại đề xuất.",
        end_reason="Cục không trình lại đề xuất sau khi không được phê duyệt; chuyển nội dung sang "
        "hoạt động tuyên truyền thường xuyên.",
    ),
    # -- rejected --------------------------------------------------------------------
    PartnershipSpec(
        "TCHQ-GSQL-2025-002",
        "00-GSQL",
        2025,
        date(2025, 3, 10),
        "priority",
        PEP,
        "Chương trình doanh nghiệp ưu tiên - thẩm định Công ty TNHH Thực phẩm Hảo Vị Sài Gòn",
        "công nhận doanh nghiệp ưu tiên",
        ["haovi"],
        S.REJECTED,
        reject_reason="Doanh nghiệp còn nợ thuế quá hạn năm 2024 theo xác nhận của cơ quan thuế, "
        "chưa đáp ứng điều kiện tuân thủ pháp luật về thuế hai năm liên tục.",
    ),
    PartnershipSpec(
        "HQHN-2025-001",
        "01",
        2025,
        date(2025, 4, 7),
        "carrier",
        TP,
        "Chương trình đối tác chuyên đề với doanh nghiệp chuyển phát nhanh về khai báo hàng hoá "
        "thương mại điện tử qua sân bay Nội Bài",
        "khai báo trước thông tin hàng hoá thương mại điện tử",
        ["tochanh", "hungthinh"],
        S.REJECTED,
        reject_reason="Nội dung trùng với đề án quản lý hàng hoá thương mại điện tử đang được "
        "Tổng cục xây dựng; đề nghị chờ hướng dẫn chung.",
    ),
    PartnershipSpec(
        "HQDNA-2026-001",
        "47",
        2026,
        date(2026, 2, 9),
        "action",
        AP,
        "Chương trình hành động phòng, chống gian lận xuất xứ tại các khu công nghiệp tỉnh Đồng "
        "Nai năm 2026",
        "chống gian lận xuất xứ và chuyển tải bất hợp pháp",
        ["longbinh", "as_ip", "xuanloc"],
        S.REJECTED,
        reject_reason="Dự toán kinh phí vượt định mức; đề nghị lồng ghép vào chương trình hành "
        "động chung của Cục.",
    ),
    # -- approved, agreement not yet signed ---------------------------------------------
    PartnershipSpec(
        "TCHQ-GSQL-2026-002",
        "00-GSQL",
        2026,
        date(2026, 3, 9),
        "priority",
        PEP,
        "Chương trình doanh nghiệp ưu tiên - công nhận đợt II năm 2026",
        "công nhận doanh nghiệp ưu tiên",
        ["sontra", "kimlien"],
        S.APPROVED,
    ),
    PartnershipSpec(
        "HQHN-NB-2026-001",
        "01-NOI-BAI",
        2026,
        date(2026, 3, 16),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp tại Chi cục Hải quan cửa khẩu sân bay quốc tế Nội Bài",
        "thủ tục hải quan đối với hàng chuyển phát nhanh và hàng hoá qua đường hàng không",
        ["tochanh", "phuongbac", "hungthinh"],
        S.APPROVED,
    ),
    PartnershipSpec(
        "TCHQ-CCHDH-2026-001",
        "00-CCHDH",
        2026,
        date(2026, 2, 23),
        "working_group",
        WG,
        "Nhóm công tác hải quan - doanh nghiệp về liêm chính hải quan",
        "liêm chính hải quan và phòng ngừa nhũng nhiễu",
        ["as_logistics", "as_broker", "as_hp"],
        S.APPROVED,
        areas=["iv"],
    ),
    # -- under approval ------------------------------------------------------------------
    PartnershipSpec(
        "HQHCM-2026-001",
        "02",
        2026,
        date(2026, 4, 6),
        "action",
        AP,
        "Chương trình hành động phòng, chống buôn lậu qua hàng hoá thương mại điện tử và chuyển "
        "phát nhanh tại thành phố Hồ Chí Minh",
        "chống buôn lậu qua thương mại điện tử và chuyển phát nhanh",
        ["bacnam", "saonam", "minhphat"],
        S.UNDER_APPROVAL,
    ),
    PartnershipSpec(
        "TCHQ-TXNK-2026-002",
        "00-TXNK",
        2026,
        date(2026, 3, 23),
        "working_group",
        WG,
        "Nhóm công tác hải quan - doanh nghiệp về dự báo thu ngân sách nhà nước từ hoạt động xuất "
        "nhập khẩu",
        "dự báo thu ngân sách nhà nước từ hoạt động xuất nhập khẩu",
        ["as_wood", "as_textile", "as_agri", "as_seafood"],
        S.UNDER_APPROVAL,
        areas=["ii"],
        beyond=True,
        authority=MOF,
    ),
    PartnershipSpec(
        "HQBD-2026-001",
        "43",
        2026,
        date(2026, 4, 13),
        "sector",
        TP,
        "Chương trình đối tác chuyên đề hỗ trợ doanh nghiệp đồ gỗ xuất khẩu chứng minh nguồn gốc "
        "gỗ hợp pháp",
        "chứng minh nguồn gốc gỗ hợp pháp khi xuất khẩu",
        ["laithieu", "tanuyen", "as_wood"],
        S.UNDER_APPROVAL,
        sector="đồ gỗ",
        authority=GD,
    ),
    # -- memorandum signed -----------------------------------------------------------------
    PartnershipSpec(
        "TCHQ-GSQL-2026-003",
        "00-GSQL",
        2026,
        date(2026, 5, 4),
        "broker",
        TP,
        "Chương trình đối tác chuyên đề với đại lý làm thủ tục hải quan về chuẩn hoá nghiệp vụ "
        "khai hải quan",
        "chuẩn hoá nghiệp vụ khai hải quan của đại lý",
        ["minhphat", "hungthinh", "cuakhau", "donghp", "as_broker"],
        S.MEMORANDUM_SIGNED,
    ),
    PartnershipSpec(
        "HQDNG-CDN-2026-001",
        "34-CANG-DN",
        2026,
        date(2026, 5, 11),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp tại Chi cục Hải quan cửa khẩu cảng Đà Nẵng",
        "thủ tục hải quan đối với hàng hoá qua cảng Đà Nẵng",
        ["haivan", "hangiang", "lienchieu", "hoakhanh"],
        S.MEMORANDUM_SIGNED,
    ),
    PartnershipSpec(
        "HQHP-KV1-2026-001",
        "03-CANG-HP-KV1",
        2026,
        date(2026, 5, 18),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp tại Chi cục Hải quan cửa khẩu cảng Hải Phòng khu vực I",
        "thủ tục hải quan đối với hàng hoá đưa vào, đưa ra kho ngoại quan và cảng",
        ["anduong", "trangdue", "donghp", "bachdang", "doson"],
        S.MEMORANDUM_SIGNED,
    ),
    # -- negotiating -------------------------------------------------------------------------
    PartnershipSpec(
        "HQLS-HNG-2026-001",
        "15-HUU-NGHI",
        2026,
        date(2026, 6, 8),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp về vận hành cửa khẩu số tại Chi cục Hải quan cửa khẩu "
        "quốc tế Hữu Nghị",
        "vận hành cửa khẩu số và quản lý phương tiện vận tải hàng hoá",
        ["kylua", "cuakhau", "xulang"],
        S.NEGOTIATING,
        sessions=2,
    ),
    PartnershipSpec(
        "HQBRVT-2026-001",
        "51",
        2026,
        date(2026, 6, 15),
        "port",
        TP,
        "Chương trình đối tác chuyên đề với doanh nghiệp cảng về giám sát hàng trung chuyển tại "
        "khu vực cảng Cái Mép - Thị Vải",
        "giám sát hàng trung chuyển bằng dữ liệu điện tử",
        ["thivai", "as_port"],
        S.NEGOTIATING,
        sessions=1,
    ),
    PartnershipSpec(
        "HQHCM-TSN-2026-001",
        "02-TAN-SON-NHAT",
        2026,
        date(2026, 7, 6),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp tại Chi cục Hải quan cửa khẩu sân bay quốc tế Tân Sơn "
        "Nhất",
        "thủ tục hải quan đối với hàng hoá xuất nhập khẩu qua đường hàng không",
        ["tochanh", "as_textile", "binhtay"],
        S.NEGOTIATING,
        sessions=0,
        channel="email",
    ),
    PartnershipSpec(
        "HQCT-2026-002",
        "54",
        2026,
        date(2026, 6, 22),
        "action",
        AP,
        "Chương trình hành động phòng, chống gian lận xuất xứ đối với nông sản, thuỷ sản xuất khẩu "
        "qua địa bàn thành phố Cần Thơ",
        "chống gian lận xuất xứ đối với nông sản, thuỷ sản",
        ["cairang", "haugiang", "as_agri"],
        S.NEGOTIATING,
        sessions=1,
        channel="email",
    ),
    # -- preparing ------------------------------------------------------------------------------
    PartnershipSpec(
        "HQQN-MC-2026-001",
        "20-MONG-CAI",
        2026,
        date(2026, 7, 13),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp tại Chi cục Hải quan cửa khẩu Móng Cái",
        "thủ tục hải quan đối với hàng hoá qua cửa khẩu Móng Cái",
        ["haiha", "vandon"],
        S.PREPARING,
    ),
    PartnershipSpec(
        "TCHQ-CCHDH-2026-002",
        "00-CCHDH",
        2026,
        date(2026, 6, 29),
        "port",
        TP,
        "Chương trình đối tác chuyên đề với doanh nghiệp cảng, kho bãi về kết nối Cơ chế một cửa "
        "quốc gia",
        "kết nối dữ liệu cảng, kho, bãi với Cơ chế một cửa quốc gia",
        ["hiepphuoc", "anduong", "longbinh", "dian"],
        S.PREPARING,
        doc_approved=True,
    ),
    PartnershipSpec(
        "HQDNA-BH-2026-001",
        "47-BIEN-HOA",
        2026,
        date(2026, 8, 3),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp tại Chi cục Hải quan Biên Hoà",
        "thủ tục hải quan đối với doanh nghiệp chế xuất và hàng gia công",
        ["bienhoa", "longthanh", "as_ip"],
        S.PREPARING,
    ),
    # -- scoped -----------------------------------------------------------------------------
    PartnershipSpec(
        "HQHN-BTL-2026-001",
        "01-BAC-THANG-LONG",
        2026,
        date(2026, 8, 17),
        "advisory",
        AT,
        "Tổ tư vấn hải quan - doanh nghiệp tại Chi cục Hải quan Bắc Thăng Long",
        "thủ tục hải quan đối với doanh nghiệp trong khu công nghiệp Thăng Long",
        ["hongha", "gialam", "as_electronics"],
        S.SCOPED,
    ),
    PartnershipSpec(
        "HQDNG-2026-002",
        "34",
        2026,
        date(2026, 8, 24),
        "action",
        AP,
        "Chương trình hành động phòng, chống buôn lậu qua cảng biển Đà Nẵng năm 2026-2027",
        "chống buôn lậu qua cảng biển",
        ["sontra", "hoakhanh", "hangiang"],
        S.SCOPED,
    ),
    PartnershipSpec(
        "TCHQ-DTCBL-2026-001",
        "00-DTCBL",
        2026,
        date(2026, 9, 7),
        "ip",
        TP,
        "Chương trình đối tác chuyên đề phòng, chống hàng giả vận chuyển qua đường chuyển phát "
        "nhanh",
        "phòng, chống hàng giả vận chuyển qua đường chuyển phát nhanh",
        ["lamhong", "tochanh"],
        S.SCOPED,
    ),
    # -- proposed: content determined for next year ----------------------------------------
    PartnershipSpec(
        "TCHQ-GSQL-2027-001",
        "00-GSQL",
        2027,
        date(2026, 11, 9),
        "priority",
        PEP,
        "Chương trình doanh nghiệp ưu tiên - kế hoạch công nhận năm 2027",
        "công nhận doanh nghiệp ưu tiên",
        [],
        S.PROPOSED,
    ),
    PartnershipSpec(
        "HQHCM-2027-001",
        "02",
        2027,
        date(2026, 11, 16),
        "sector",
        TP,
        "Chương trình đối tác chuyên đề hỗ trợ doanh nghiệp nhỏ và vừa thực hiện quy tắc xuất xứ "
        "theo các hiệp định thương mại tự do",
        "thực hiện quy tắc xuất xứ theo các hiệp định thương mại tự do",
        [],
        S.PROPOSED,
        sector="hàng tiêu dùng",
    ),
    PartnershipSpec(
        "HQHP-2027-001",
        "03",
        2027,
        date(2026, 11, 23),
        "bank",
        TP,
        "Chương trình đối tác chuyên đề với ngân hàng thương mại về bảo lãnh thuế điện tử tại Hải "
        "Phòng",
        "bảo lãnh thuế điện tử cho doanh nghiệp xuất nhập khẩu",
        [],
        S.PROPOSED,
    ),
]


# -- building a partnership's commands ----------------------------------------------

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
CONCLUSION_RECIPIENTS = ["customs", "partner"]


def leader_of(unit: Unit) -> Person:
    """Return the leader who chairs working sessions and signs letters for ``unit``."""
    if unit.level == "provincial":
        return unit.deputy
    return unit.head


def signing_org(unit: Unit) -> str:
    """Return the organisation code that signs agreements for ``unit``: the General
    Department for central units, the provincial department otherwise."""
    return "TCHQ" if unit.level == "central" else province_of(unit).profile.org


def decision_pattern(authority: str, unit: Unit) -> str:
    if authority == GD:
        return "QĐ-TCHQ"
    if authority == PD:
        return f"QĐ-{province_of(unit).profile.org}"
    return "QĐ-BTC"


def rejection_pattern(authority: str, unit: Unit) -> str:
    if authority == GD:
        return "TCHQ-CCHĐH"
    if authority == PD:
        return f"{province_of(unit).profile.org}-VP"
    return "BTC-CST"


@dataclass
class Event:
    day: date
    rank: int
    emit: Callable[[], None]


class PartnershipBuilder:
    """Emit the commands of one partnership, from content determination to its state on AS_OF."""

    def __init__(self, spec: PartnershipSpec, index: int) -> None:
        self.spec = spec
        self.index = index
        self.unit = UNITS[spec.unit]
        self.theme = THEMES[spec.theme]
        self.stream = Stream()
        self.recorder = self.unit.officers[1]
        self.org = self.unit.profile.org
        self.partners = [PARTNERS[key] for key in spec.partners]
        self.scope = "nationwide" if self.unit.level == "central" else "provincial"
        self.authority = spec.authority or (GD if self.unit.level == "central" else PD)
        self.context = {
            "title": spec.title,
            "topic": spec.topic,
            "unit": self.unit.name,
            "place": self.unit.profile.place,
            "year": str(spec.year),
            "cost": str(rng.choice([60, 80, 120, 150, 200, 250, 350, 450])),
            "partners": ", ".join(p.short for p in self.partners),
            "sector": spec.sector or "xuất khẩu",
        }
        self.last_day = spec.start
        self.scope_day: date | None = None

    def fmt(self, template: str, **extra: str) -> str:
        return template.format(**self.context, **extra)

    def emit(
        self,
        command: str,
        day: date,
        data: dict[str, Any],
        legal_basis: dict[str, str] | None = None,
        actor: Person | None = None,
    ) -> None:
        assert day >= self.last_day, (self.spec.ref, command, day, self.last_day)
        self.last_day = day
        self.stream.add(
            command,
            actor or self.recorder,
            self.unit.code,
            day,
            {"partnership": self.spec.ref, **data},
            legal_basis,
        )

    def step(self, low: int, high: int) -> date:
        return later(self.last_day, low, high, self.spec.pace)

    # -- the procedure ---------------------------------------------------------------

    def build(self) -> None:
        """Emit the procedure's steps in order, stopping at the state in which the spec
        leaves the partnership (or ends it)."""
        spec = self.spec
        stop_state = spec.end_from or spec.target
        self.determine_content()
        if stop_state == S.PROPOSED:
            return self.finish()

        self.select_scope()
        if stop_state == S.SCOPED:
            return self.finish()

        self.draft_working_document()
        if stop_state == S.PREPARING and not spec.doc_approved:
            return self.finish()

        self.approve_working_document()
        if stop_state == S.PREPARING:
            return self.finish()

        self.inform_partners()
        sessions = spec.sessions
        if sessions is None:
            sessions = 2 if spec.theme in ("working_group", "advisory", "priority") else 1
        for number in range(sessions):
            self.hold_working_session(number)
        if stop_state == S.NEGOTIATING:
            return self.finish()

        self.sign_memorandum()
        if stop_state == S.MEMORANDUM_SIGNED:
            return self.finish()

        self.submit_feasibility_report()
        if stop_state == S.UNDER_APPROVAL:
            return self.finish()

        if spec.reject_reason:
            self.reject_proposal()
            if stop_state == S.REJECTED:
                return self.finish()

            assert spec.resubmit, spec.ref
            self.last_day = self.step(20, 40)
            self.submit_feasibility_report(resubmitted=True)

        self.approve_proposal()
        if stop_state == S.APPROVED:
            return self.finish()

        sign_day = self.sign_agreement()
        ends = [d for d in (spec.end_on, spec.violation_on) if d is not None]
        stop_day = min([ACTIVITY_CUTOFF, *(d - timedelta(days=1) for d in ends)])
        self.active_phase(sign_day, stop_day)
        if spec.violation_on is not None:
            self.record_violation(spec.violation_on)
        self.finish()

    def finish(self) -> None:
        """Emit the ending when the spec ends the partnership; an ended agreement needs a
        decision, a dropped proposal may have a notice or nothing."""
        spec = self.spec
        if spec.end_from is None:
            return
        day = spec.end_on or self.step(20, 60)
        legal_basis = None
        if spec.end_from == S.ACTIVE:
            legal_basis = basis(f"QĐ-{signing_org(self.unit)}", day)
        elif spec.end_from == S.REJECTED:
            legal_basis = basis(f"TB-{self.org}", day)
        self.emit("end_partnership", day, {"reason": spec.end_reason}, legal_basis)

    def determine_content(self) -> None:
        spec = self.spec
        assessment = {k: self.fmt(v) for k, v in self.theme["assessment"].items()}
        self.emit(
            "determine_content",
            spec.start,
            {
                "title": spec.title,
                "planning_year": spec.year,
                "lead_unit": spec.unit,
                "content_areas": spec.areas or THEME_AREAS[spec.theme],
                "assessment": assessment,
            },
            actor=self.unit.officers[0],
        )

    def select_scope(self) -> None:
        day = self.step(12, 30)
        self.scope_day = day
        for partner in self.partners:
            if partner.first_use is None or day < partner.first_use:
                partner.first_use = day
        self.emit(
            "select_scope",
            day,
            {
                "kind": self.spec.kind,
                "form": self.spec.form,
                "scope": self.scope,
                "beyond_customs_authority": self.spec.beyond,
                "partners": [p.tax_number for p in self.partners],
                "rationale": self.fmt(self.theme["rationale"]),
            },
        )

    def draft_working_document(self) -> None:
        summary = {k: self.fmt(v) for k, v in self.theme["summary"].items()}
        self.emit(
            "draft_working_document",
            self.step(10, 25),
            {"document_title": f"Tài liệu làm việc: {self.spec.title}", "summary": summary},
        )

    def approve_working_document(self) -> None:
        day = self.step(5, 15)
        if self.unit.level == "central":
            approver, org = UNITS["00"].deputy, "TCHQ"
        else:
            province = province_of(self.unit)
            approver, org = province.head, province.profile.org
        self.emit(
            "approve_working_document",
            day,
            {"approved_by": f"{approver.title} {approver.name}"},
            basis(f"QĐ-{org}", day),
        )

    def inform_partners(self) -> None:
        day = self.step(3, 8)
        leader = leader_of(self.unit)
        legal_basis = None
        if self.spec.channel == "official_letter":
            legal_basis = basis(f"{self.org}-{self.unit.profile.letter_suffix}", day)
        self.emit(
            "inform_partners",
            day,
            {"channel": self.spec.channel, "signed_by": f"{leader.title} {leader.name}"},
            legal_basis,
        )

    def hold_working_session(self, number: int) -> None:
        day = self.step(10, 21) if number == 0 else self.step(14, 28)
        leader = leader_of(self.unit)
        if self.unit.level == "central":
            location = f"Phòng họp {self.unit.name}, trụ sở Tổng cục Hải quan, Hà Nội"
        else:
            location = f"Phòng họp trụ sở {self.unit.name}"
        participants = [self.unit.leader_line(leader)]
        officer = self.unit.officers[0]
        participants.append(f"{officer.honorific}, {officer.title} {self.unit.name}")
        for partner in self.partners:
            person = partner.director if number == 0 else partner.contact
            assert person is not None
            participants.append(f"{person.honorific}, {person.title} {partner.name}")
        self.emit(
            "hold_working_session",
            day,
            {
                "chaired_by": self.unit.leader_line(leader),
                "location": location,
                "participants": participants,
                "outcome": self.fmt(self.theme["sessions"][min(number, 1)]),
            },
        )

    def sign_memorandum(self) -> None:
        day = self.step(7, 15)
        self.emit(
            "sign_memorandum",
            day,
            {"summary": self.fmt(self.theme["memorandum"])},
            basis(f"BBGN-{self.org}", day),
        )

    def submit_feasibility_report(self, resubmitted: bool = False) -> None:
        day = self.step(10, 20) if not resubmitted else self.last_day
        summary = self.fmt(self.theme["feasibility"])
        if resubmitted:
            summary = "Trình lại sau khi bổ sung theo ý kiến của cấp có thẩm quyền. " + summary
        self.emit(
            "submit_feasibility_report",
            day,
            {"submitted_to": self.authority, "summary": summary},
            basis(f"BC-{self.org}", day),
        )

    def approve_proposal(self) -> None:
        day = self.step(12, 30)
        self.emit(
            "approve_proposal",
            day,
            {"authority": self.authority},
            basis(decision_pattern(self.authority, self.unit), day),
        )

    def reject_proposal(self) -> None:
        day = self.step(12, 30)
        self.emit(
            "reject_proposal",
            day,
            {"authority": self.authority, "reason": self.spec.reject_reason},
            basis(rejection_pattern(self.authority, self.unit), day),
        )

    def sign_agreement(self) -> date:
        day = self.step(14, 30)
        if day.month == 1 and day.day < 26:
            # Enterprises declare the previous year's compliance in early January; the
            # signing waits for those declarations.
            day = workday(date(day.year, 1, 26))
        if self.scope == "nationwide":
            signatory, role = UNITS["00"].head, "director_general"
        else:
            signatory, role = province_of(self.unit).head, "provincial_director"
        effective_from = day
        if rng.random() < 0.5:
            effective_from = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
        document = "CK" if self.spec.kind == "conditional" or self.spec.form == AP else "TTHT"
        partner_signatories = []
        for partner in self.partners:
            assert partner.director is not None
            partner_signatories.append(
                {
                    "tax_number": partner.tax_number,
                    "name": partner.director.name,
                    "title": partner.director.title,
                }
            )
        self.emit(
            "sign_agreement",
            day,
            {
                "signatory_name": signatory.name,
                "signatory_role": role,
                "partner_signatories": partner_signatories,
                "effective_from": effective_from.isoformat(),
                "purpose": self.fmt(self.theme["purpose"]),
            },
            basis(f"{document}-{signing_org(self.unit)}", day),
        )
        return day

    def record_violation(self, day: date) -> None:
        partner = self.partners[0]
        self.emit(
            "record_violation",
            day,
            {
                "tax_number": partner.tax_number,
                "kind": "law_violation",
                "description": "Kiểm tra sau thông quan phát hiện doanh nghiệp khai sai mã số "
                "hàng hoá đối với thép hợp kim nhập khẩu năm 2024, dẫn đến thiếu số thuế phải "
                "nộp; doanh nghiệp bị xử phạt vi phạm hành chính và truy thu thuế.",
            },
            basis("QĐ-XPHC", day),
        )

    # -- while active -------------------------------------------------------------------

    def plan_activity(
        self, number: int, activity: Activity, due: date, suffix: str = ""
    ) -> dict[str, Any]:
        title, responsible, resources, cost, output, _fraction, _result = activity
        return {
            "code": f"HĐ-{number:02d}",
            "title": self.fmt(title) + suffix,
            "responsible": self.fmt(responsible),
            "resources": self.fmt(resources),
            "cost": cost,
            "output": self.fmt(output),
            "due_on": due.isoformat(),
        }

    def active_phase(self, sign_day: date, stop_day: date) -> None:
        spec, theme = self.spec, self.theme
        events: list[Event] = []

        def at(day: date, rank: int, emit: Callable[[], None]) -> None:
            if sign_day <= day <= stop_day:
                events.append(Event(day, rank, emit))

        def command(
            name: str, day: date, data: dict[str, Any], legal_basis: dict[str, str] | None = None
        ) -> Callable[[], None]:
            return lambda: self.emit(name, day, data, legal_basis)

        progress = {"completed": 0, "total": 0, "meetings": 0}
        plan_day = later(sign_day, 7, 20)

        # Publicity of the signing, and a second piece after most of a year.
        first_channel, first_text = theme["publicity"][0]
        day = workday(sign_day + timedelta(days=rng.randint(0, 3)))
        at(
            day,
            5,
            command(
                "record_publicity",
                day,
                {"channel": self.fmt(first_channel), "description": self.fmt(first_text)},
            ),
        )
        second_channel, second_text = theme["publicity"][1]
        day = later(plan_day, 240, 330)
        at(
            day,
            5,
            command(
                "record_publicity",
                day,
                {"channel": self.fmt(second_channel), "description": self.fmt(second_text)},
            ),
        )

        # The implementation plan, its yearly revisions and the completed activities.
        activities = [
            self.plan_activity(
                i + 1, a, workday(plan_day + timedelta(days=max(3, round(a[5] * spec.span))))
            )
            for i, a in enumerate(theme["activities"])
        ]
        results = {
            a["code"]: self.fmt(t[6]) for a, t in zip(activities, theme["activities"], strict=True)
        }
        created = {a["code"]: plan_day for a in activities}
        initial_count = len(activities)

        def adopt(day: date, items: list[dict[str, Any]]) -> Callable[[], None]:
            def run() -> None:
                progress["total"] = len(items)
                self.emit("adopt_plan", day, {"activities": items}, basis(f"KH-{self.org}", day))

            return run

        at(plan_day, 0, adopt(plan_day, list(activities)))

        def revise(day: date, items: list[dict[str, Any]], reason: str) -> Callable[[], None]:
            def run() -> None:
                progress["total"] = len(items)
                self.emit(
                    "revise_plan",
                    day,
                    {"activities": items, "reason": reason},
                    basis(f"KH-{self.org}", day),
                )

            return run

        if spec.span >= 300:
            for year in range(plan_day.year + 1, stop_day.year + 1):
                day = workday(date(year, 1, rng.randint(8, 20)))
                if day > stop_day - timedelta(days=30) or day <= plan_day:
                    continue
                # The first revision adds both items, later ones only the recurring second.
                items = (
                    theme["revision"] if len(activities) == initial_count else theme["revision"][1:]
                )
                for item in items:
                    # A revision plans the rest of its year: due dates run from January.
                    due = workday(date(year, 1, 1) + timedelta(days=round(item[5] * 365)))
                    new = self.plan_activity(len(activities) + 1, item, due, f" năm {year}")
                    activities.append(new)
                    results[new["code"]] = self.fmt(item[6])
                    created[new["code"]] = day
                reason = f"Bổ sung hoạt động năm {year} theo kết luận họp giao ban năm {year - 1}."
                at(day, 0, revise(day, [dict(a) for a in activities], reason))

        overdue: str | None = None
        candidates = [
            a["code"]
            for a in activities
            if date.fromisoformat(a["due_on"]) < stop_day - timedelta(days=20)
        ]
        if candidates and rng.random() < 0.4:
            overdue = rng.choice(candidates[1:] or candidates)

        def complete(day: date, code: str) -> Callable[[], None]:
            def run() -> None:
                progress["completed"] += 1
                self.emit("complete_plan_activity", day, {"code": code, "result": results[code]})

            return run

        for activity in activities:
            code = activity["code"]
            if code == overdue:
                continue
            due = date.fromisoformat(activity["due_on"])
            day = workday(due - timedelta(days=rng.randint(2, 20)))
            day = max(day, workday(created[code] + timedelta(days=3)))
            at(day, 7, complete(day, code))

        # Focal points on both sides; some units later replace their own.
        officer = self.unit.officers[0]
        customs_person = {**officer.contact(), "title": f"{officer.title}, {self.unit.name}"}
        at(
            plan_day,
            1,
            command(
                "designate_focal_point",
                plan_day,
                {"side": "customs", "tax_number": None, "person": customs_person},
            ),
        )
        for partner in self.partners:
            assert partner.contact is not None
            day = workday(plan_day + timedelta(days=rng.randint(0, 4)))
            at(
                day,
                1,
                command(
                    "designate_focal_point",
                    day,
                    {
                        "side": "partner",
                        "tax_number": partner.tax_number,
                        "person": partner.contact.contact(),
                    },
                ),
            )
        if self.index % 4 == 0 and (stop_day - plan_day).days > 300:
            day = later(plan_day, 200, 300)
            replacement = self.unit.officers[2]
            person = {**replacement.contact(), "title": f"{replacement.title}, {self.unit.name}"}
            at(
                day,
                1,
                command(
                    "designate_focal_point",
                    day,
                    {"side": "customs", "tax_number": None, "person": person},
                ),
            )

        # Review meetings, each followed by its conclusion report.
        meetings: list[tuple[date, str, str, str]] = []
        if spec.meetings in ("monthly", "advisory"):
            limit = 2 if spec.meetings == "advisory" else 99
            year, month = plan_day.year, plan_day.month
            while len([m for m in meetings if m[1] == "monthly"]) < limit:
                day = workday(date(year, month, rng.randint(23, 26)))
                if day > stop_day:
                    break
                if day > plan_day + timedelta(days=10):
                    meetings.append(
                        (day, "monthly", f"Tháng {month}/{year}", f"tháng {month}/{year}")
                    )
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        if spec.meetings != "monthly":
            year, quarter = plan_day.year, (plan_day.month - 1) // 3 + 1
            while True:
                if quarter < 4:
                    quarter_end = date(year, quarter * 3 + 1, 1) - timedelta(days=1)
                    day = later(quarter_end, 5, 15)
                    meeting = (
                        day,
                        "quarterly",
                        f"Quý {ROMAN[quarter]}/{year}",
                        f"quý {ROMAN[quarter]}/{year}",
                    )
                else:
                    day = workday(date(year, 12, rng.randint(14, 21)))
                    meeting = (day, "yearly", f"Năm {year}", f"năm {year}")
                if day > stop_day:
                    break
                if (day - plan_day).days >= 40:
                    meetings.append(meeting)
                year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
        meetings.sort()

        def meeting_held(
            day: date, period: str, label: str, text: str, slot: dict[str, int]
        ) -> Callable[[], None]:
            def run() -> None:
                progress["meetings"] += 1
                slot["no"] = progress["meetings"]
                agenda = self.fmt(rng_pick(theme["agendas"], slot["seed"]), period=text)
                self.emit(
                    "hold_review_meeting",
                    day,
                    {"period": period, "period_label": label, "agenda": agenda},
                )

            return run

        def conclusion(day: date, slot: dict[str, int], summary: str) -> Callable[[], None]:
            def run() -> None:
                self.emit(
                    "report_conclusion",
                    day,
                    {
                        "meeting_no": slot["no"],
                        "summary": summary,
                        "sent_to": CONCLUSION_RECIPIENTS,
                    },
                    basis(f"BC-{self.org}", day),
                )

            return run

        for number, (day, period, label, text) in enumerate(meetings):
            slot = {"no": 0, "seed": number}
            at(day, 3, meeting_held(day, period, label, text, slot))
            report_day = later(day, 2, 7)
            summary = self.fmt(theme["conclusions"][number % len(theme["conclusions"])])
            at(report_day, 4, conclusion(report_day, slot, summary))

        # One ad hoc meeting, called with prior notice by one side.
        if (stop_day - plan_day).days > 90:
            offset = int((stop_day - plan_day).days * rng.uniform(0.45, 0.7))
            notice_day = workday(plan_day + timedelta(days=offset))
            meeting_day = later(notice_day, 5, 10)
            subject, agenda, summary = (self.fmt(t) for t in theme["adhoc"])
            by_customs = self.index % 2 == 0
            notice = {
                "requested_by": "customs" if by_customs else "partner",
                "meeting_on": meeting_day.isoformat(),
                "form_of_notice": "Công văn gửi các đối tác"
                if by_customs
                else "Thư điện tử theo địa chỉ đã thống nhất tại văn bản thoả thuận",
                "subject": subject,
            }
            notice_basis = basis(f"TB-{self.org}", notice_day) if by_customs else None
            at(notice_day, 2, command("give_ad_hoc_notice", notice_day, notice, notice_basis))
            slot = {"no": 0, "seed": 0}

            def ad_hoc_held() -> None:
                progress["meetings"] += 1
                slot["no"] = progress["meetings"]
                self.emit("hold_ad_hoc_meeting", meeting_day, {"notice_no": 1, "agenda": agenda})

            at(meeting_day, 3, ad_hoc_held)
            report_day = later(meeting_day, 2, 6)
            at(report_day, 4, conclusion(report_day, slot, summary))

        # Supervision: yearly evaluations, the first half of 2026, and a closing one.
        evaluation_days: list[tuple[date, str]] = []
        for year in range(plan_day.year, 2026):
            day = workday(date(year, 12, rng.randint(22, 28)))
            if (day - plan_day).days > 60:
                evaluation_days.append((day, f"Năm {year}"))
        mid_year = workday(date(2026, 7, rng.randint(6, 17)))
        if plan_day < date(2026, 4, 1):
            evaluation_days.append((mid_year, "6 tháng đầu năm 2026"))
        else:
            evaluation_days.append((later(plan_day, 95, 120), "3 tháng đầu thực hiện"))
        if spec.end_on is not None:
            evaluation_days.append(
                (workday(spec.end_on - timedelta(days=rng.randint(8, 12))), "Tổng kết thoả thuận")
            )

        def evaluation(day: date, label: str, number: int) -> Callable[[], None]:
            def run() -> None:
                result, effectiveness = EVALUATIONS[(self.index + number) % len(EVALUATIONS)]
                counts = {"done": str(progress["completed"]), "total": str(progress["total"])}
                self.emit(
                    "record_evaluation",
                    day,
                    {
                        "period_label": label,
                        "result": self.fmt(result, **counts),
                        "satisfaction": rng.choice([3, 4, 4, 4, 5, 5]),
                        "effectiveness": self.fmt(effectiveness),
                    },
                )

            return run

        for number, (day, label) in enumerate(evaluation_days):
            at(day, 6, evaluation(day, label, number))

        for event in sorted(events, key=lambda e: (e.day, e.rank)):
            event.emit()


def rng_pick(options: list[str], seed: int) -> str:
    return options[seed % len(options)]


# -- partner commands ---------------------------------------------------------------

EVIDENCE = [
    "Xác nhận không nợ thuế quá hạn của cơ quan thuế quản lý trực tiếp năm {year}; báo cáo tài "
    "chính năm {year} đã kiểm toán.",
    "Báo cáo tài chính năm {year} đã kiểm toán và thông báo kết quả đánh giá tuân thủ của cơ quan "
    "hải quan năm {year}.",
    "Xác nhận của Cục Thuế {province} về việc hoàn thành nghĩa vụ thuế năm {year}; không có quyết "
    "định xử phạt vi phạm trong năm.",
]

# Exceptions to the otherwise full compliance of every enterprise: (key, year) -> flags
# and evidence. Hảo Vị had overdue tax for 2024, which is why its priority-enterprise
# proposal was rejected; Cửa Cấm declared its 2025 violation after the suspension.
NON_COMPLIANT: dict[tuple[str, int], tuple[dict[str, bool], str]] = {
    ("haovi", 2024): (
        {"tax_duties_met": False, "no_violation": True, "no_smuggling": True},
        "Thông báo của Cục Thuế Thành phố Hồ Chí Minh về tiền thuế nợ quá hạn trên 90 ngày "
        "tại thời điểm 31/12/2024.",
    ),
    ("cuacam", 2025): (
        {"tax_duties_met": True, "no_violation": False, "no_smuggling": True},
        "Quyết định xử phạt vi phạm hành chính về khai sai mã số hàng hoá ngày 16/09/2025; đã "
        "nộp đủ số thuế truy thu.",
    ),
}

# Partners whose details changed after registration: key -> (day, changed fields).
UPDATES: dict[str, tuple[date, dict[str, str]]] = {
    "dongduong": (
        date(2025, 6, 9),
        {"address": "Số 86 đường Nguyễn Văn Linh, phường Tân Phong, Quận 7, TP. Hồ Chí Minh"},
    ),
    "kinhbac": (date(2025, 3, 17), {}),
    "as_textile": (date(2025, 8, 4), {}),
    "vandon": (
        date(2025, 11, 10),
        {"address": "Thôn 5, xã Hạ Long, huyện Vân Đồn, tỉnh Quảng Ninh"},
    ),
}

# Provincial departments and the enterprises whose import-export tax they collected in
# the previous year, largest payer first.
YEARLY_TAX = {
    "01": ["hongha", "truongxuan", "gialam", "kimlien"],
    "02": ["lamhong", "phugia", "binhtay", "dongduong", "haovi"],
    "03": ["cuacam", "hongha", "bachdang", "doson"],
    "15": ["kylua", "dongdang"],
    "20": ["haiha", "vandon"],
    "34": ["hoakhanh", "sontra", "lienchieu"],
    "43": ["thuanan", "laithieu", "songthan", "tanuyen"],
    "47": ["longthanh", "hongha_dna", "bienhoa", "xuanloc"],
    "51": ["tanthanh", "longthanh", "phuoctinh"],
    "54": ["haugiang", "cairang", "phongdien"],
}
TAX_TIERS = [(180_000, 950_000), (40_000, 180_000), (8_000, 40_000), (500, 8_000), (200, 3_000)]
TAX_YEAR = 2025


def build_partner_commands() -> None:
    events: dict[str, list[Event]] = {key: [] for key in PARTNERS}

    def add(
        partner: Partner,
        day: date,
        rank: int,
        command: str,
        data: dict[str, Any],
        actor_unit: str | None = None,
        legal_basis: dict[str, str] | None = None,
    ) -> None:
        unit = UNITS[actor_unit or partner.home_unit]
        actor = unit.officers[2]

        def run() -> None:
            partner.stream.add(
                command,
                actor,
                unit.code,
                day,
                {"tax_number": partner.tax_number, **data},
                legal_basis,
            )

        events[partner.key].append(Event(day, rank, run))

    # Each partner is registered a few weeks before it is first needed: scoped into a
    # partnership, given a yearly tax figure early in the year after TAX_YEAR, or updated.
    taxed = {key for keys in YEARLY_TAX.values() for key in keys}
    for partner in PARTNERS.values():
        needed = [d for d in (partner.first_use,) if d is not None]
        if partner.key in taxed:
            needed.append(date(TAX_YEAR + 1, 2, 1))
        if partner.key in UPDATES:
            needed.append(UPDATES[partner.key][0])
        if needed:
            registered = workday(min(needed) - timedelta(days=rng.randint(15, 45)))
            registered = max(registered, workday(FIRST_DAY + timedelta(days=rng.randint(0, 6))))
            assert registered < min(needed), partner.key
        else:
            registered = workday(date(2023, 3, 1) + timedelta(days=rng.randint(0, 900)))
        name = partner.name
        if partner.key in NFD_PARTNERS:
            name = unicodedata.normalize("NFD", name)
        registration_basis = None
        if partner.partner_type == BA:
            issued = max(FIRST_DAY, registered - timedelta(days=rng.randint(20, 120)))
            issuer = "QĐ-BNV" if partner.province == "HN" else "QĐ-UBND"
            registration_basis = basis(issuer, issued)
        add(
            partner,
            registered,
            0,
            "register_partner",
            {
                "name": name,
                "partner_type": partner.partner_type,
                "service_kind": partner.service_kind,
                "legal_entity": True,
                "address": partner.address,
                "phone": partner.phone,
                "email": partner.email,
            },
            legal_basis=registration_basis,
        )

        assert partner.contact is not None and partner.director is not None
        day = later(registered, 1, 6)
        add(partner, day, 2, "add_partner_contact", {"contact": partner.contact.contact()})
        if rng.random() < 0.5:
            add(partner, day, 2, "add_partner_contact", {"contact": partner.director.contact()})

        if partner.is_enterprise:
            declared = [(registered, year) for year in (registered.year - 2, registered.year - 1)]
            for year in range(registered.year + 1, AS_OF.year + 1):
                declared.append((workday(date(year, 1, rng.randint(5, 14))), year - 1))
            for day, year in declared:
                flags, evidence = NON_COMPLIANT.get(
                    (partner.key, year),
                    (
                        {"tax_duties_met": True, "no_violation": True, "no_smuggling": True},
                        rng.choice(EVIDENCE),
                    ),
                )
                province = str(PROVINCES[partner.province]["name"])
                add(
                    partner,
                    day,
                    1,
                    "declare_compliance",
                    {
                        "year": year,
                        **flags,
                        "evidence": evidence.format(year=year, province=province),
                    },
                )

        if partner.key in UPDATES:
            day, fields = UPDATES[partner.key]
            assert day > registered, partner.key
            changes: dict[str, Any] = {"name": None, "address": None, "phone": None, "email": None}
            changes.update(fields)
            if not fields:
                changes["phone"] = landline_phone(str(PROVINCES[partner.province]["area"]))
                changes["email"] = email_for(["lienhe", *mailbox_words(partner)])
            add(partner, day, 3, "update_partner", changes)

    for unit_code, keys in YEARLY_TAX.items():
        for rank, key in enumerate(keys):
            low, high = TAX_TIERS[min(rank, len(TAX_TIERS) - 1)]
            amount = rng.randint(low, high) * 1_000_000
            day = workday(date(TAX_YEAR + 1, 2, 23) + timedelta(days=rng.randint(0, 20)))
            add(
                PARTNERS[key],
                day,
                4,
                "record_yearly_tax",
                {"year": TAX_YEAR, "provincial_unit": unit_code, "amount": amount},
                actor_unit=unit_code,
            )

    for key in PARTNERS:
        for event in sorted(events[key], key=lambda e: (e.day, e.rank)):
            event.emit()


# -- lines the application must reject, and the resubmitted line --------------------


def invalid_line(
    line_id: str, moment: datetime, envelope: dict[str, Any], raw_submitted_at: str | None = None
) -> None:
    envelope = {**envelope, "submitted_at": raw_submitted_at or moment.isoformat()}
    LINES.append(Line(moment, len(LINES), envelope, fixed_id=line_id))


def add_invalid_lines(builders: dict[str, PartnershipBuilder]) -> None:
    hcm = UNITS["02"]
    # A tax number whose check digit is wrong.
    valid = tax_number_for("HCM", {p.tax_number for p in PARTNERS.values()})
    wrong = valid[:9] + str((int(valid[9]) + 1) % 10)
    assert not mst.is_valid(wrong)
    moment = datetime(2024, 5, 14, 9, 20, tzinfo=VIETNAM_TIME)
    invalid_line(
        "INVALID-TAX-CHECK-DIGIT",
        moment,
        {
            "command": "register_partner",
            "actor": {"name": hcm.officers[2].name, "unit": hcm.code},
            "occurred_on": "2024-05-14",
            "legal_basis": None,
            "data": {
                "tax_number": wrong,
                "name": "Công ty TNHH Thương mại Quốc tế Bến Nghé",
                "partner_type": IE,
                "service_kind": None,
                "legal_entity": True,
                "address": "Số 27 đường Tôn Đức Thắng, phường Bến Nghé, Quận 1, TP. Hồ Chí Minh",
                "phone": landline_phone("028"),
                "email": "xnk.bennghe@example.com",
            },
        },
    )

    # A memorandum signed for a partnership whose working document is not even drafted.
    scoped = builders["HQHN-BTL-2026-001"]
    assert scoped.scope_day is not None
    day = workday(scoped.scope_day + timedelta(days=9))
    invalid_line(
        "INVALID-STEP-ORDER",
        datetime.combine(day, time(10, 5), VIETNAM_TIME),
        {
            "command": "sign_memorandum",
            "actor": {"name": scoped.recorder.name, "unit": scoped.unit.code},
            "occurred_on": day.isoformat(),
            "legal_basis": {"number": f"07/BBGN-{scoped.org}", "issued_on": day.isoformat()},
            "data": {
                "partnership": scoped.spec.ref,
                "summary": "Ghi nhận thống nhất thành lập tổ tư vấn và lịch họp định kỳ.",
            },
        },
    )

    # A publicity record with a field the schema does not know.
    port = builders["HQHCM-2023-001"]
    moment = datetime(2025, 4, 22, 14, 10, tzinfo=VIETNAM_TIME)
    invalid_line(
        "INVALID-UNKNOWN-FIELD",
        moment,
        {
            "command": "record_publicity",
            "actor": {"name": port.recorder.name, "unit": port.unit.code},
            "occurred_on": "2025-04-22",
            "legal_basis": None,
            "data": {
                "partnership": port.spec.ref,
                "channel": "Báo Hải quan",
                "description": "Phóng sự về giám sát hải quan tự động tại cảng Hiệp Phước.",
                "url": "https://www.example.com/tin-tuc/giam-sat-tu-dong-cang-hiep-phuoc",
            },
        },
    )

    # A submission time without its offset from UTC.
    action = builders["HQLS-2024-001"]
    moment = datetime(2025, 7, 15, 9, 30, tzinfo=VIETNAM_TIME)
    invalid_line(
        "INVALID-NO-UTC-OFFSET",
        moment,
        {
            "command": "record_evaluation",
            "actor": {"name": action.recorder.name, "unit": action.unit.code},
            "occurred_on": "2025-07-15",
            "legal_basis": None,
            "data": {
                "partnership": action.spec.ref,
                "period_label": "6 tháng đầu năm 2025",
                "result": "Các doanh nghiệp thực hiện nghiêm cam kết; tiếp nhận 12 tin báo.",
                "satisfaction": 4,
                "effectiveness": "Chương trình phát huy hiệu quả.",
            },
        },
        raw_submitted_at="2025-07-15T09:30:00",
    )


# -- output -----------------------------------------------------------------------------


def render(line_id: str, line: Line) -> str:
    return json.dumps({"id": line_id, **line.envelope}, ensure_ascii=False)


def check_coverage() -> None:
    """Check that the specs and the catalogue cover every form, kind, state, partner type
    and service kind, and that units lead at every level."""
    assert {s.form for s in SPECS} == {f.value for f in PartnershipForm}
    assert {s.kind for s in SPECS} == {k.value for k in PartnershipKind}
    assert {s.target for s in SPECS} == {s.value for s in State}
    assert {p[2] for p in PARTNER_CATALOGUE} == {t.value for t in PartnerType}
    assert {p[3] for p in PARTNER_CATALOGUE if p[3]} == {k.value for k in ServiceKind}
    assert {UNITS[s.unit].level for s in SPECS} == {"central", "provincial", "branch"}
    assert len(SPECS) >= 40
    assert len(PARTNERS) >= 60
    assert {p.value for p in MeetingPeriod} == {"monthly", "quarterly", "yearly"}


def main() -> None:
    check_coverage()
    builders: dict[str, PartnershipBuilder] = {}
    for index, spec in enumerate(SPECS):
        builder = PartnershipBuilder(spec, index)
        builder.build()
        builders[spec.ref] = builder
    build_partner_commands()
    add_invalid_lines(builders)

    ordered = sorted(LINES, key=lambda line: (line.submitted_at, line.order))
    rendered: list[str] = []
    number = 0
    for line in ordered:
        if line.fixed_id is None:
            number += 1
            rendered.append(render(f"DS-{number:04d}", line))
        else:
            rendered.append(render(line.fixed_id, line))

    # Resubmit one review meeting, unchanged, about forty lines after the original:
    # the application must recognise the id and apply the command only once.
    original = next(
        i
        for i, text in enumerate(rendered)
        if '"command": "hold_review_meeting"' in text and '"occurred_on": "2025-04' in text
    )
    rendered.insert(original + 40, rendered[original])

    OUTPUT_FILE.write_text("".join(text + "\n" for text in rendered), encoding="utf-8")
    print(f"wrote {len(rendered)} lines to {OUTPUT_FILE.relative_to(REPO_ROOT)}")


if __name__ == "__main__":
    main()
