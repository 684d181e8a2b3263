"""Loading the customs units: the list shipped with doitac, or a file named in settings."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from domain.units import CustomsUnit, UnitDirectory
from domain.values import UnitLevel, normalise_text, parse_enum


def load_units(path: Path | None = None) -> UnitDirectory:
    """Read customs units from a JSON list of {code, name, level, parent}."""
    if path is None:
        text = resources.files("application").joinpath("data/customs_units.json").read_text("utf-8")
    else:
        text = path.read_text("utf-8")
    entries: list[dict[str, Any]] = json.loads(text)
    return UnitDirectory(
        CustomsUnit(
            code=normalise_text(entry["code"], "code"),
            name=normalise_text(entry["name"], "name"),
            level=UnitLevel(parse_enum(UnitLevel, entry["level"], "level")),
            parent=entry.get("parent"),
        )
        for entry in entries
    )
