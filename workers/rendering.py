"""Jinja2 rendering of notifications: a subject, a text part and an HTML part per kind,
from the Vietnamese templates in ``templates/notifications/``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates" / "notifications"


@dataclass(frozen=True)
class RenderedMessage:
    subject: str
    text: str
    html: str


def format_vietnamese_date(value: date | str | None) -> str:
    """Format a date as dd/mm/yyyy; ISO strings are accepted as stored in events."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.strftime("%d/%m/%Y")


def build_environment(templates_dir: Path = TEMPLATES_DIR) -> Environment:
    environment = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        keep_trailing_newline=False,
    )
    environment.filters["vn_date"] = format_vietnamese_date
    return environment


class NotificationRenderer:
    """Render each kind's ``<kind>.subject.txt``, ``<kind>.txt`` and ``<kind>.html``."""

    def __init__(self, environment: Environment | None = None) -> None:
        self.environment = environment or build_environment()

    def render(self, kind: str, context: dict[str, Any]) -> RenderedMessage:
        subject = self.environment.get_template(f"{kind}.subject.txt").render(context)
        return RenderedMessage(
            subject=" ".join(subject.split()),
            text=self.environment.get_template(f"{kind}.txt").render(context),
            html=self.environment.get_template(f"{kind}.html").render(context),
        )

    def render_document(self, name: str, context: dict[str, Any]) -> str:
        return self.environment.get_template(name).render(context)
