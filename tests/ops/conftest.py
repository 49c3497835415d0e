"""Fixtures of the operations tests: the sign-up store on SQLite AND PostgreSQL (all migrations)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, text

from generator.forms import store
from generator.forms.migrate import upgrade
from tests.forms.conftest import catalog, database_url, pg_url

__all__ = ["catalog", "database_url", "pg_url"]

OPS_TABLES = (
    "runs",
    "leases",
    "rate_hits",
    "outbox",
    "aanmeldingen",
    "gebruikers",
    "sessies",
    "audit",
    "ledger_posts",
    "ledger_actions",
)


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = store.make_engine(database_url)
    upgrade(eng)
    if eng.dialect.name == "postgresql":
        with eng.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(OPS_TABLES)} RESTART IDENTITY CASCADE"))
    yield eng
    checked_out = eng.pool.checkedout()  # type: ignore[attr-defined]
    eng.dispose()
    assert checked_out == 0, f"{checked_out} connection(s) still in use after the test"
