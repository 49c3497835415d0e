"""Fixtures of the character-rule tests.

The sign-up fixtures of tests/forms (SQLite AND PostgreSQL) are reused for the tests over real
HTTP, against uvicorn on 127.0.0.1 without the mail and purge loops (``quiet_server``): those
loops' threads could still hold a connection when the engine is disposed. Hypothesis keeps its files (it has no example
database here: ``database=None``) under .cache/, which git ignores, not in the repository root.
"""

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from hypothesis.configuration import set_hypothesis_home_dir
from sqlalchemy import Engine

from generator.forms.app import create_app
from generator.validate import Catalog
from tests.forms.conftest import (  # noqa: F401 - fixtures
    catalog,
    database_url,
    engine,
    free_port,
    make_runtime,
    pg_url,
)

set_hypothesis_home_dir(Path(__file__).resolve().parents[2] / ".cache" / "hypothesis")


@pytest.fixture
def quiet_server(
    catalog: Catalog,  # noqa: F811 - the fixtures imported above, requested by name
    engine: Engine,  # noqa: F811
    database_url: str,  # noqa: F811
) -> Iterator[str]:
    """The sign-up endpoint on 127.0.0.1 without mail or purge loops, for many sign-ups."""
    port = free_port()
    config = uvicorn.Config(
        create_app(catalog, make_runtime(database_url), engine),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
    )
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started:
        assert time.monotonic() < deadline, "uvicorn did not start within 10 s"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        uv.should_exit = True
        thread.join(timeout=10)
        assert not thread.is_alive()
