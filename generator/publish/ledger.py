"""The publish ledger: what was posted where, and every step on the way (SQLite).

Exactly-once rests on one rule: the intent to create a post is committed to disk *before*
the call to Facebook, and the post id *after* it. A row in state ``pending`` therefore means
"a post may exist that we have no id for" — after a crash, a timeout or a dropped connection.
The runner never creates a post for a pending profile without first looking for it on the
Page (see ``runner.Runner._recover``).
"""

from __future__ import annotations

import fcntl
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO

from generator.errors import BuurtsiteError

LEDGER_FILE = "facebook-ledger.sqlite3"

SCHEMA = """
CREATE TABLE IF NOT EXISTS posts (
    profile_id TEXT PRIMARY KEY,
    page_id TEXT NOT NULL,
    post_id TEXT,
    state TEXT NOT NULL,
    link TEXT NOT NULL,
    caption_digest TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    day TEXT NOT NULL,
    profile_id TEXT NOT NULL,
    page_id TEXT NOT NULL,
    action TEXT NOT NULL,
    state TEXT NOT NULL,
    post_id TEXT,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS actions_page_day ON actions (page_id, day, action);
"""


class PostState(StrEnum):
    PENDING = "pending"  # intent recorded, outcome unknown: look before posting again
    LIVE = "live"
    FILLED = "filled"  # edited to say the profile is filled or closed
    DELETED = "deleted"


class ActionState(StrEnum):
    INTENT = "intent"
    DONE = "done"
    FAILED = "failed"  # definitely did not happen
    UNCERTAIN = "uncertain"  # may have happened; the post is looked for before any retry
    RECOVERED = "recovered"  # an uncertain create turned out to exist on the Page


@dataclass(frozen=True)
class PostRecord:
    profile_id: str
    page_id: str
    post_id: str | None
    state: PostState
    link: str
    caption_digest: str
    updated_at: str


@dataclass(frozen=True)
class ActionRecord:
    id: int
    at: str
    day: str
    profile_id: str
    page_id: str
    action: str
    state: ActionState
    post_id: str | None
    detail: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Ledger:
    """One SQLite file; every write is committed at once so a crash loses nothing."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock: IO[str] | None = None
        # isolation_level=None: autocommit, each statement is durable on return.
        self._db = sqlite3.connect(path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.executescript(SCHEMA)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """Group statements: the post row and its action row change together or not at all."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    @classmethod
    def in_dir(cls, folder: Path) -> Ledger:
        """The ledger in ``folder``, held exclusively: two runs at once could both post."""
        folder.mkdir(parents=True, exist_ok=True)
        lock = (folder / (LEDGER_FILE + ".lock")).open("a")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            lock.close()
            raise BuurtsiteError(
                "er loopt al een `buurtsite publish` met dezelfde gegevensmap; wacht tot die klaar is"
            ) from None
        ledger = cls(folder / LEDGER_FILE)
        ledger._lock = lock
        return ledger

    @classmethod
    def snapshot(cls, folder: Path) -> Ledger:
        """An in-memory copy of the ledger in ``folder`` (or an empty one): for dry runs."""
        ledger = cls(Path(":memory:"))
        source = folder / LEDGER_FILE
        if source.is_file():
            original = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
            try:
                original.backup(ledger._db)
            finally:
                original.close()
        return ledger

    def close(self) -> None:
        self._db.close()
        if self._lock is not None:
            self._lock.close()  # closing the file releases the flock
            self._lock = None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- reading ------------------------------------------------------------------------

    def post(self, profile_id: str) -> PostRecord | None:
        row = self._db.execute(
            "SELECT profile_id, page_id, post_id, state, link, caption_digest, updated_at "
            "FROM posts WHERE profile_id = ?",
            (profile_id,),
        ).fetchone()
        return _post(row) if row else None

    def posts(self, page_id: str | None = None) -> list[PostRecord]:
        sql = (
            "SELECT profile_id, page_id, post_id, state, link, caption_digest, updated_at "
            "FROM posts"
        )
        rows = (
            self._db.execute(sql + " WHERE page_id = ? ORDER BY updated_at, profile_id", (page_id,))
            if page_id
            else self._db.execute(sql + " ORDER BY updated_at, profile_id")
        )
        return [_post(r) for r in rows]

    def actions(self, profile_id: str | None = None) -> list[ActionRecord]:
        sql = "SELECT id, at, day, profile_id, page_id, action, state, post_id, detail FROM actions"
        rows = (
            self._db.execute(sql + " WHERE profile_id = ? ORDER BY id", (profile_id,))
            if profile_id
            else self._db.execute(sql + " ORDER BY id")
        )
        return [
            ActionRecord(r[0], r[1], r[2], r[3], r[4], r[5], ActionState(r[6]), r[7], r[8])
            for r in rows
        ]

    def created_on(self, page_id: str, day: date) -> int:
        """New posts attempted on ``page_id`` on ``day`` (uncertain ones count: they may exist)."""
        row = self._db.execute(
            "SELECT COUNT(*) FROM actions WHERE page_id = ? AND day = ? AND action = 'create' "
            "AND state IN ('intent', 'done', 'uncertain')",
            (page_id, day.isoformat()),
        ).fetchone()
        return int(row[0])

    def create_counted(self, profile_id: str, day: date) -> bool:
        """Whether an unconfirmed create of ``profile_id`` on ``day`` already counts today."""
        row = self._db.execute(
            "SELECT 1 FROM actions WHERE profile_id = ? AND day = ? AND action = 'create' "
            "AND state IN ('intent', 'uncertain') LIMIT 1",
            (profile_id, day.isoformat()),
        ).fetchone()
        return row is not None

    def last_post(self, page_id: str) -> ActionRecord | None:
        row = self._db.execute(
            "SELECT id FROM actions WHERE page_id = ? AND action IN ('create', 'recover') "
            "AND state IN ('done', 'recovered') ORDER BY id DESC LIMIT 1",
            (page_id,),
        ).fetchone()
        if not row:
            return None
        return next(a for a in self.actions() if a.id == row[0])

    # --- writing ------------------------------------------------------------------------

    def begin(
        self,
        profile_id: str,
        page_id: str,
        action: str,
        day: date,
        *,
        link: str = "",
        post_id: str | None = None,
    ) -> int:
        """Record the intent of ``action``; for a create, mark the profile's post pending."""
        now = _now()
        with self._transaction():
            if action == "create":
                self._db.execute(
                    "INSERT INTO posts (profile_id, page_id, post_id, state, link, created_at, "
                    "updated_at) VALUES (?, ?, NULL, 'pending', ?, ?, ?) "
                    "ON CONFLICT (profile_id) DO UPDATE SET page_id = excluded.page_id, "
                    "post_id = NULL, state = 'pending', link = excluded.link, "
                    "updated_at = excluded.updated_at",
                    (profile_id, page_id, link, now, now),
                )
            cursor = self._db.execute(
                "INSERT INTO actions (at, day, profile_id, page_id, action, state, post_id) "
                "VALUES (?, ?, ?, ?, ?, 'intent', ?)",
                (now, day.isoformat(), profile_id, page_id, action, post_id),
            )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish(
        self,
        action_id: int,
        profile_id: str,
        post_state: PostState,
        *,
        post_id: str | None = None,
        caption_digest: str | None = None,
        state: ActionState = ActionState.DONE,
        detail: str = "",
    ) -> None:
        """The action succeeded: store the post id and the post's new state."""
        now = _now()
        with self._transaction():
            self._db.execute(
                "UPDATE actions SET state = ?, post_id = COALESCE(?, post_id), detail = ?, at = ? "
                "WHERE id = ?",
                (state.value, post_id, detail, now, action_id),
            )
            self._db.execute(
                "UPDATE posts SET state = ?, post_id = COALESCE(?, post_id), "
                "caption_digest = COALESCE(?, caption_digest), updated_at = ? "
                "WHERE profile_id = ?",
                (post_state.value, post_id, caption_digest, now, profile_id),
            )

    def fail(self, action_id: int, detail: str, *, uncertain: bool = False) -> None:
        """The action failed; ``uncertain`` if it may still have happened."""
        state = ActionState.UNCERTAIN if uncertain else ActionState.FAILED
        with self._transaction():
            self._db.execute(
                "UPDATE actions SET state = ?, detail = ?, at = ? WHERE id = ?",
                (state.value, detail, _now(), action_id),
            )

    def forget_pending(self, profile_id: str, detail: str = "") -> None:
        """A create definitely failed, or recovery found no post: no post exists.

        Earlier creates of the profile whose outcome was unknown are now known to have failed:
        they stop counting against the Page's daily cap (``created_on``).
        """
        with self._transaction():
            self._db.execute(
                "DELETE FROM posts WHERE profile_id = ? AND state = 'pending'", (profile_id,)
            )
            if detail:
                self._db.execute(
                    "UPDATE actions SET state = 'failed', detail = ?, at = ? "
                    "WHERE profile_id = ? AND action = 'create' AND state IN ('intent', 'uncertain')",
                    (detail, _now(), profile_id),
                )


def _post(row: tuple[str, str, str | None, str, str, str, str]) -> PostRecord:
    return PostRecord(row[0], row[1], row[2], PostState(row[3]), row[4], row[5], row[6])
