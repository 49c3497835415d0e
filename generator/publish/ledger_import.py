"""Bringing an old ledger file into the database, and copying a ledger for a snapshot.

Until issue 15 the ledger was a SQLite file per data folder (``facebook-ledger.sqlite3``). The
first run that opens the ledger of such a folder (``Ledger.in_dir``, and the production process
at start) imports it, so no post and no pending create is forgotten: a profile already in the
database keeps its row there (a pending one is looked for on the Page before any new post),
actions are added in their old order, without the ones already imported. The import is one
transaction; afterwards the file is renamed ``facebook-ledger.sqlite3.geimporteerd`` (kept for
reference, no longer read, and no longer in the nightly backup: its rows are in the database).
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, inspect, select
from sqlalchemy.dialects import postgresql, sqlite

from generator.publish.ledger_tables import actions, posts

log = logging.getLogger("buurtsite.publish")

LEDGER_FILE = "facebook-ledger.sqlite3"
IMPORTED_SUFFIX = ".geimporteerd"
POST_FIELDS = (
    "profile_id",
    "page_id",
    "post_id",
    "state",
    "link",
    "caption_digest",
    "created_at",
    "updated_at",
)
ACTION_FIELDS = ("at", "day", "profile_id", "page_id", "action", "state", "post_id", "detail")


@dataclass(frozen=True)
class Imported:
    posts: int  # rows added
    actions: int
    kept: int  # profiles the database already knew: its row stayed


def _read(path: Path, *, checkpoint: bool) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every row of a ledger file; ``checkpoint``: fold its WAL in, so the file stands alone."""
    conn = (
        sqlite3.connect(path)
        if checkpoint
        else sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    )
    try:
        conn.row_factory = sqlite3.Row
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        old_posts = (
            [dict(r) for r in conn.execute(f"SELECT {', '.join(POST_FIELDS)} FROM posts")]
            if "posts" in tables
            else []
        )
        old_actions = (
            [
                dict(r)
                for r in conn.execute(f"SELECT {', '.join(ACTION_FIELDS)} FROM actions ORDER BY id")
            ]
            if "actions" in tables
            else []
        )
        if checkpoint:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    return old_posts, old_actions


def _add(
    engine: Engine, new_posts: list[dict[str, Any]], new_actions: list[dict[str, Any]]
) -> Imported:
    """Add rows to the ledger of ``engine`` in one transaction; existing profiles keep theirs."""
    dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
    with engine.begin() as conn:
        known = set(conn.execute(select(posts.c.profile_id)).scalars())
        fresh = [p for p in new_posts if p["profile_id"] not in known]
        if fresh:
            upsert = dialect.insert(posts).on_conflict_do_nothing(index_elements=["profile_id"])
            conn.execute(upsert, fresh)
        a = actions.c
        seen = {
            tuple(r) for r in conn.execute(select(a.at, a.profile_id, a.action, a.page_id, a.state))
        }
        added = [
            r
            for r in new_actions
            if (r["at"], r["profile_id"], r["action"], r["page_id"], r["state"]) not in seen
        ]
        if added:
            conn.execute(actions.insert(), added)
    return Imported(len(fresh), len(added), len(new_posts) - len(fresh))


def import_file(folder: Path, engine: Engine) -> Imported | None:
    """Import ``folder``'s old ledger file into the database, then rename the file.

    The caller holds the folder's lock (``Ledger.in_dir``). None when there is no file.
    """
    path = folder / LEDGER_FILE
    if not path.is_file():
        return None
    old_posts, old_actions = _read(path, checkpoint=True)
    done = _add(engine, old_posts, old_actions)
    path.rename(path.with_name(LEDGER_FILE + IMPORTED_SUFFIX))
    log.info(
        "Facebook-logboek %s in de database gezet: %d bericht(en), %d actie(s); %d profiel(en) "
        "stond(en) er al in en bleven zoals ze waren",
        path,
        done.posts,
        done.actions,
        done.kept,
    )
    return done


def read_file(folder: Path, target: Engine) -> None:
    """Add ``folder``'s old ledger file, if any, to ``target`` without touching the file."""
    path = folder / LEDGER_FILE
    if path.is_file():
        _add(target, *_read(path, checkpoint=False))


def copy_database(source: Engine, target: Engine) -> None:
    """Copy the ledger tables of ``source`` (if it has them yet) into ``target``."""
    with source.connect() as conn:
        if not inspect(conn).has_table(posts.name):
            return
        rows = [dict(r._mapping) for r in conn.execute(select(posts))]
        steps = [dict(r._mapping) for r in conn.execute(select(actions).order_by(actions.c.id))]
    with target.begin() as conn:
        if rows:
            conn.execute(posts.insert(), rows)
        if steps:
            conn.execute(actions.insert(), steps)
