"""The composition root: the one place that builds the stores and the application
from settings. Entry points call these functions and build nothing themselves."""

from __future__ import annotations

import logging

from application.service import PartnershipApplication
from application.settings import Settings
from application.units import load_units


def configure_logging(settings: Settings) -> None:
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    logging.basicConfig(
        level=settings.log_level,
        filename=str(settings.var_dir / "doitac.log"),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
    )


def build_application(settings: Settings | None = None) -> PartnershipApplication:
    """Build the application on the event store that ``settings.database_url`` names."""
    settings = settings or Settings.from_env()
    return PartnershipApplication(
        units=load_units(settings.units_file), env=settings.eventsourcing_env()
    )
