"""The composition root on PostgreSQL: processes that start together on an empty schema
all create or find their tables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

BUILD_EVERYTHING = """
from application.settings import Settings
from doitac.bootstrap import build_http_app, build_states_projection, build_worker_services
settings = Settings.from_env()
services = build_worker_services(settings)
build_states_projection(services.app, settings)
build_http_app(settings, application=services.app)
services.app.close()
"""


def test_concurrent_starts_create_tables_once(postgres_url: str, tmp_path: Path) -> None:
    environment = {
        **os.environ,
        "DOITAC_DATABASE_URL": postgres_url,
        "DOITAC_VAR_DIR": str(tmp_path / "var"),
        "DOITAC_MASTER_KEY": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
    }
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", BUILD_EVERYTHING],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]

    results = [process.communicate(timeout=120) for process in processes]

    for process, (_, error_output) in zip(processes, results, strict=True):
        assert process.returncode == 0, error_output[-2000:]
