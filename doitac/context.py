"""The context every ``doitac`` subcommand receives: the settings and, built on first
use, the application."""

from __future__ import annotations

from dataclasses import dataclass, field

from application.service import PartnershipApplication
from application.settings import Settings
from doitac.bootstrap import build_application


@dataclass
class CliContext:
    settings: Settings
    _app: PartnershipApplication | None = field(default=None, init=False)

    @property
    def app(self) -> PartnershipApplication:
        if self._app is None:
            self._app = build_application(self.settings)
        return self._app

    def close(self) -> None:
        if self._app is not None:
            self._app.close()
