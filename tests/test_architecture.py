"""The domain stays pure: it imports no package of doitac and no I/O library."""

from __future__ import annotations

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parent.parent / "domain"
PROJECT_PACKAGES = {"application", "projections", "workers", "api", "doitac"}
IO_LIBRARIES = {"sqlite3", "psycopg", "celery", "flask", "redis", "smtplib", "requests", "jinja2"}


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_domain_imports_no_project_package() -> None:
    for path in sorted(DOMAIN.glob("*.py")):
        assert imported_roots(path).isdisjoint(PROJECT_PACKAGES), path.name


def test_domain_imports_no_io_library() -> None:
    for path in sorted(DOMAIN.glob("*.py")):
        assert imported_roots(path).isdisjoint(IO_LIBRARIES), path.name
