"""Settings, read from environment variables in this module only."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

DEFAULT_DATABASE_URL = "sqlite:///var/doitac.sqlite3"


@dataclass(frozen=True)
class Settings:
    """Every setting doitac reads, with its environment variable named in the README."""

    database_url: str = DEFAULT_DATABASE_URL
    var_dir: Path = Path("var")
    units_file: Path | None = None
    log_level: str = "INFO"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        units_file = env.get("DOITAC_UNITS_FILE")
        return cls(
            database_url=env.get("DOITAC_DATABASE_URL", DEFAULT_DATABASE_URL),
            var_dir=Path(env.get("DOITAC_VAR_DIR", "var")),
            units_file=Path(units_file) if units_file else None,
            log_level=env.get("DOITAC_LOG_LEVEL", "INFO").upper(),
        )

    def eventsourcing_env(self) -> dict[str, str]:
        """Translate the database URL into the eventsourcing library's persistence settings."""
        url = urlsplit(self.database_url)
        if url.scheme == "sqlite":
            # sqlite:///relative/path and sqlite:////absolute/path, as in SQLAlchemy.
            path = unquote(url.path[1:]) if url.path.startswith("/") else unquote(url.path)
            if not path:
                raise ValueError("DOITAC_DATABASE_URL: thiếu đường dẫn tệp SQLite.")
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            return {"PERSISTENCE_MODULE": "eventsourcing.sqlite", "SQLITE_DBNAME": path}
        if url.scheme in ("postgresql", "postgres"):
            env = {
                "PERSISTENCE_MODULE": "eventsourcing.postgres",
                "POSTGRES_DBNAME": unquote(url.path.lstrip("/")) or "doitac",
                "POSTGRES_HOST": url.hostname or "127.0.0.1",
                "POSTGRES_PORT": str(url.port or 5432),
                "POSTGRES_USER": unquote(url.username or "postgres"),
                "POSTGRES_PASSWORD": unquote(url.password or ""),
            }
            schema = parse_qs(url.query).get("schema")
            if schema:
                env["POSTGRES_SCHEMA"] = schema[0]
            return env
        raise ValueError(
            f"DOITAC_DATABASE_URL: lược đồ «{url.scheme}» không được hỗ trợ; "
            "dùng sqlite:///đường/dẫn hoặc postgresql://người_dùng@máy:cổng/csdl."
        )
