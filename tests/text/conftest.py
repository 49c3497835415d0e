"""Fixtures of the character-rule tests.

The sign-up fixtures of tests/forms (SQLite AND PostgreSQL, uvicorn on 127.0.0.1, a real SMTP
server) are reused for the tests over real HTTP. Hypothesis keeps its files (it has no example
database here: ``database=None``) under .cache/, which git ignores, not in the repository root.
"""

from pathlib import Path

from hypothesis.configuration import set_hypothesis_home_dir

from tests.forms.conftest import (  # noqa: F401 - fixtures
    catalog,
    database_url,
    engine,
    pg_url,
    smtp_server,
)
from tests.forms.test_http import server  # noqa: F401 - fixture

set_hypothesis_home_dir(Path(__file__).resolve().parents[2] / ".cache" / "hypothesis")
