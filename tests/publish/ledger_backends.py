"""The ledger's two databases for tests: SQLite in a data folder, or PostgreSQL (DATABASE_URL).

The old ledger file's schema lives here too: the format of the files that are imported.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from generator.forms.migrate import upgrade
from generator.forms.store import make_engine

# The schema of `facebook-ledger.sqlite3` before issue 15 (generator/publish/ledger.py then).
OLD_SCHEMA = """
CREATE TABLE posts (
    profile_id TEXT PRIMARY KEY, page_id TEXT NOT NULL, post_id TEXT, state TEXT NOT NULL,
    link TEXT NOT NULL, caption_digest TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, day TEXT NOT NULL,
    profile_id TEXT NOT NULL, page_id TEXT NOT NULL, action TEXT NOT NULL, state TEXT NOT NULL,
    post_id TEXT, detail TEXT NOT NULL DEFAULT ''
);
"""


def old_ledger_file(
    folder: Path,
    posts: list[tuple[str, str, str | None, str, str]],
    actions: list[tuple[str, str, str, str, str, str | None]],
) -> Path:
    """A ledger file as the publisher wrote it before issue 15, in WAL mode like the real ones.

    posts: (profile_id, page_id, post_id, state, link);
    actions: (at, profile_id, page_id, action, state, post_id).
    """
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "facebook-ledger.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(OLD_SCHEMA)
    for profile_id, page_id, post_id, state, link in posts:
        conn.execute(
            "INSERT INTO posts VALUES (?, ?, ?, ?, ?, 'digest', '2026-11-01T10:00:00+00:00', "
            "'2026-11-01T10:00:00+00:00')",
            (profile_id, page_id, post_id, state, link),
        )
    for at, profile_id, page_id, action, state, post_id in actions:
        conn.execute(
            "INSERT INTO actions (at, day, profile_id, page_id, action, state, post_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (at, at[:10], profile_id, page_id, action, state, post_id),
        )
    conn.close()
    return path


def use_postgresql(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the ledger at PostgreSQL (``DATABASE_URL``), migrated, with an empty ledger."""
    engine = make_engine(url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE ledger_posts, ledger_actions RESTART IDENTITY"))
    engine.dispose()
    monkeypatch.setenv("DATABASE_URL", url)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The database the ledger uses: "sqlite" (in the data folder) or "postgresql"."""
    if request.param == "sqlite":
        monkeypatch.delenv("DATABASE_URL", raising=False)
    else:
        use_postgresql(request.getfixturevalue("pg_url"), monkeypatch)
    yield request.param
