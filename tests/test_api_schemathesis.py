"""Schemathesis over /openapi.json: generated requests to every operation never get a
server error. The number of examples per operation is bounded to keep the run short.

The app is built when this module is imported, on a SQLite file in a temporary folder,
because schemathesis needs the schema when it collects the tests.
NOTE: ``schemathesis.pytest.from_fixture`` (schemathesis 4.32) fails under pytest 9.2
with "'Function' object has no attribute '_nodeid'", so the lazy loader is not used."""

from __future__ import annotations

import atexit
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.case import Case

from tests.api_helpers import client_for, http_app_on, partner_lines
from tests.scenario import procedure_lines

EXAMPLES_PER_OPERATION = 15

_resources = ExitStack()
atexit.register(_resources.close)
_folder = Path(_resources.enter_context(tempfile.TemporaryDirectory(prefix="doitac-schema-")))
_app = _resources.enter_context(http_app_on(f"sqlite:///{_folder / 'doitac.sqlite3'}", _folder))
_officer = client_for(_app, "officer", "00")
for _line in partner_lines() + procedure_lines():
    _officer.send(_line)

schema = schemathesis.openapi.from_wsgi("/openapi.json", _app)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_server_error(case: Case[Any]) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {_officer.bearer}"}, checks=[not_a_server_error]
    )
