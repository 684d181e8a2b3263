"""Customs units as data: the organisation of Vietnam Customs changes, so the code
keeps only the levels and the parent links, never a fixed list."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from domain.errors import InvalidValueError, UnknownUnitError
from domain.values import UnitLevel


@dataclass(frozen=True)
class CustomsUnit:
    code: str
    name: str
    level: UnitLevel
    parent: str | None = None


class UnitDirectory:
    """The customs units known to the system, looked up by code."""

    def __init__(self, units: Iterable[CustomsUnit]) -> None:
        self._units: dict[str, CustomsUnit] = {}
        for unit in units:
            if unit.code in self._units:
                raise InvalidValueError(f"Mã đơn vị «{unit.code}» bị trùng.", field="code")
            self._units[unit.code] = unit
        for unit in self._units.values():
            if unit.parent is not None and unit.parent not in self._units:
                raise UnknownUnitError(
                    f"Đơn vị «{unit.code}» có đơn vị cấp trên «{unit.parent}» không tồn tại.",
                    field="parent",
                )

    def __iter__(self) -> Iterator[CustomsUnit]:
        return iter(self._units.values())

    def __len__(self) -> int:
        return len(self._units)

    def get(self, code: str, field: str = "unit") -> CustomsUnit:
        try:
            return self._units[code]
        except KeyError:
            raise UnknownUnitError(
                f"Không tìm thấy đơn vị hải quan có mã «{code}».", field=field
            ) from None

    def ancestors(self, code: str) -> list[CustomsUnit]:
        """Return the parents of a unit, nearest first."""
        chain: list[CustomsUnit] = []
        unit = self.get(code)
        while unit.parent is not None:
            unit = self.get(unit.parent)
            chain.append(unit)
        return chain

    def is_within(self, code: str, scope_code: str) -> bool:
        """Tell whether unit ``code`` is ``scope_code`` itself or one of the units below it."""
        if code == scope_code:
            return True
        return any(unit.code == scope_code for unit in self.ancestors(code))

    def province_of(self, code: str) -> CustomsUnit | None:
        """Return the provincial department a unit belongs to, or None for central units."""
        unit = self.get(code)
        if unit.level == UnitLevel.PROVINCIAL:
            return unit
        for parent in self.ancestors(code):
            if parent.level == UnitLevel.PROVINCIAL:
                return parent
        return None
