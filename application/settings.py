"""Settings, read from environment variables in this module only."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    workers: WorkerSettings = field(default_factory=lambda: WorkerSettings())
    projection_batch_size: int = 500
    projection_poll_seconds: float = 1.0
    master_key: str | None = field(default=None, repr=False)
    key_file: Path | None = None
    aggregate_cache_size: int = 0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        units_file = env.get("DOITAC_UNITS_FILE")
        return cls(
            database_url=env.get("DOITAC_DATABASE_URL", DEFAULT_DATABASE_URL),
            var_dir=Path(env.get("DOITAC_VAR_DIR", "var")),
            units_file=Path(units_file) if units_file else None,
            log_level=_log_level(env),
            workers=WorkerSettings.from_env(env),
            projection_batch_size=int(_env_float(env, "DOITAC_PROJECTION_BATCH_SIZE", 500)),
            projection_poll_seconds=_env_float(env, "DOITAC_PROJECTION_POLL_SECONDS", 1.0),
            master_key=env.get("DOITAC_MASTER_KEY") or None,
            key_file=Path(env["DOITAC_KEY_FILE"]) if env.get("DOITAC_KEY_FILE") else None,
            aggregate_cache_size=int(_env_float(env, "DOITAC_AGGREGATE_CACHE_SIZE", 0)),
        )

    @property
    def key_file_path(self) -> Path:
        """The master key file: DOITAC_KEY_FILE, or ``doitac.key`` in the var folder."""
        return self.key_file or self.var_dir / "doitac.key"

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


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def _log_level(env: Mapping[str, str]) -> str:
    level = env.get("DOITAC_LOG_LEVEL", "INFO").upper()
    if level not in LOG_LEVELS:
        raise ValueError(
            f"DOITAC_LOG_LEVEL: mức «{level}» không hợp lệ; "
            f"chọn một trong: {', '.join(LOG_LEVELS)}."
        )
    return level


def _env_float(env: Mapping[str, str], name: str, default: float) -> float:
    text = env.get(name)
    if not text:
        return default
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{name}: «{text}» không phải là một số.") from None


@dataclass(frozen=True)
class WorkerSettings:
    """Settings of the Celery workers, the beat and mail delivery."""

    broker_url: str = ""
    queue: str = "doitac"
    broker_visibility_timeout: float = 3600.0
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_security: str = "none"
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_timeout: float = 30.0
    delivery_lease: float = 300.0
    mail_from: str = "doitac@localhost"
    retry_backoff: int = 30
    retry_backoff_max: int = 900
    max_retries: int = 8
    process_interval: float = 5.0
    dispatch_interval: float = 60.0
    requeue_after: float = 300.0
    reminder_days_ahead: int = 7
    notify_max_age_days: int = 30

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> WorkerSettings:
        security = env.get("DOITAC_SMTP_SECURITY", "none").lower()
        if security not in SMTP_SECURITY_MODES:
            raise ValueError(
                f"DOITAC_SMTP_SECURITY: «{security}» không hợp lệ; "
                f"dùng một trong {', '.join(SMTP_SECURITY_MODES)}."
            )
        smtp_timeout = _env_float(env, "DOITAC_SMTP_TIMEOUT", 30.0)
        delivery_lease = _env_float(env, "DOITAC_DELIVERY_LEASE", 300.0)
        # smtplib's timeout bounds each socket operation, and one send makes up to
        # SMTP_OPERATIONS_PER_SEND of them, so a claim must last at least that long.
        if delivery_lease <= SMTP_OPERATIONS_PER_SEND * smtp_timeout:
            raise ValueError(
                f"DOITAC_DELIVERY_LEASE phải lớn hơn {SMTP_OPERATIONS_PER_SEND} lần "
                f"DOITAC_SMTP_TIMEOUT (hiện là {delivery_lease} và {smtp_timeout} giây)."
            )
        retry_backoff_max = int(_env_float(env, "DOITAC_MAIL_RETRY_BACKOFF_MAX", 900))
        visibility_timeout = _env_float(env, "DOITAC_BROKER_VISIBILITY_TIMEOUT", 3600.0)
        # Redis hands a task that waits for its countdown to another worker once the
        # visibility timeout has passed, so no retry may wait that long.
        if retry_backoff_max >= visibility_timeout:
            raise ValueError(
                "DOITAC_MAIL_RETRY_BACKOFF_MAX phải nhỏ hơn DOITAC_BROKER_VISIBILITY_TIMEOUT "
                f"(hiện là {retry_backoff_max} và {visibility_timeout} giây)."
            )
        return cls(
            broker_url=env.get("DOITAC_BROKER_URL", ""),
            queue=env.get("DOITAC_QUEUE", "doitac"),
            broker_visibility_timeout=visibility_timeout,
            smtp_host=env.get("DOITAC_SMTP_HOST", ""),
            smtp_port=int(_env_float(env, "DOITAC_SMTP_PORT", 25)),
            smtp_security=security,
            smtp_user=env.get("DOITAC_SMTP_USER", ""),
            smtp_password=env.get("DOITAC_SMTP_PASSWORD", ""),
            smtp_timeout=smtp_timeout,
            delivery_lease=delivery_lease,
            mail_from=env.get("DOITAC_MAIL_FROM", "doitac@localhost"),
            retry_backoff=int(_env_float(env, "DOITAC_MAIL_RETRY_BACKOFF", 30)),
            retry_backoff_max=retry_backoff_max,
            max_retries=int(_env_float(env, "DOITAC_MAIL_MAX_RETRIES", 8)),
            process_interval=_env_float(env, "DOITAC_NOTIFY_INTERVAL", 5.0),
            dispatch_interval=_env_float(env, "DOITAC_DISPATCH_INTERVAL", 60.0),
            requeue_after=_env_float(env, "DOITAC_REQUEUE_AFTER", 300.0),
            reminder_days_ahead=int(_env_float(env, "DOITAC_REMINDER_DAYS_AHEAD", 7)),
            notify_max_age_days=int(_env_float(env, "DOITAC_NOTIFY_MAX_AGE_DAYS", 30)),
        )

    @property
    def eager(self) -> bool:
        """True when no broker is set, so tasks run in the calling process."""
        return not self.broker_url


SMTP_SECURITY_MODES = ("none", "starttls", "ssl")
# Connect, EHLO, STARTTLS or login, MAIL FROM, RCPT TO, and DATA with the message.
SMTP_OPERATIONS_PER_SEND = 6
