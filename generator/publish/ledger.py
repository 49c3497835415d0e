"""The publish ledger: what was posted where, and every step on the way.

Exactly-once rests on one rule: the intent to create a post is committed *before* the call to
Facebook, and the post id *after* it. A row in state ``pending`` therefore means "a post may
exist that we have no id for" — after a crash, a timeout or a dropped connection. The runner
never creates a post for a pending profile without first looking for it on the Page (see
``runner.Runner._once``).

The ledger lives in the forms database (``ledger_posts``, ``ledger_actions``; migration 0007):
SQLite in ``BUURTSITE_DATA_DIR`` on one host, or PostgreSQL (``DATABASE_URL``) that every
instance shares, so that after a failover the other host knows what was posted and pending.
Two runs must never work on one profile at once, or the second could look for a post that the
first has not made yet, find nothing and post it again:

- SQLite (one host): one run at a time per data folder, by a file lock (``flock``);
- PostgreSQL (several hosts): a run holds each Page while it works on it (``hold``: an advisory
  lock, freed by the server the moment the holder's connection dies), and a create claims the
  profile's row with one conditional upsert on its primary key (``begin``), so a run that
  planned from an older state cannot create what another run already created.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from sqlalchemy import (
    Engine,
    String,
    bindparam,
    create_engine,
    delete,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.engine import make_url
from sqlalchemy.pool import StaticPool

from generator.errors import BuurtsiteError
from generator.forms.migrate import database_url, upgrade
from generator.forms.store import make_engine, metadata
from generator.ops.lease import lease
from generator.publish.ledger_tables import (
    ACTION_COLUMNS,
    COUNTED,
    POST_COLUMNS,
    ActionRecord,
    ActionState,
    Claimed,
    PostRecord,
    PostState,
    action_record,
    actions,
    post_record,
    posts,
)

__all__ = ["ActionRecord", "ActionState", "Claimed", "Ledger", "PostRecord", "PostState"]

LOCK_FILE = "facebook-publish.lock"
PAGE_LEASE = "facebook-pagina:"  # + page id: the name of a Page's lease (PostgreSQL)

# Constant statements with bound parameters: compiled once, then served from SQLAlchemy's
# cache (building them per call cost several times the database's own work).
ADD_ACTION = insert(actions).returning(actions.c.id)
FINISH_ACTION = (
    update(actions)
    .where(actions.c.id == bindparam("b_action"))
    .values(
        state=bindparam("b_state"),
        post_id=func.coalesce(bindparam("b_post_id", type_=String), actions.c.post_id),
        detail=bindparam("b_detail"),
        at=bindparam("b_now"),
    )
)
FINISH_POST = (
    update(posts)
    .where(posts.c.profile_id == bindparam("b_profile"))
    .values(
        state=bindparam("b_post_state"),
        post_id=func.coalesce(bindparam("b_post_id", type_=String), posts.c.post_id),
        caption_digest=func.coalesce(bindparam("b_digest", type_=String), posts.c.caption_digest),
        updated_at=bindparam("b_now"),
    )
)
# Reads the planner makes for every run.
POST_OF = select(*POST_COLUMNS).where(posts.c.profile_id == bindparam("b_profile"))
CREATED_ON = select(func.count()).where(
    actions.c.page_id == bindparam("b_page"),
    actions.c.day == bindparam("b_day"),
    actions.c.action == "create",
    actions.c.state.in_(COUNTED),
)
UNCONFIRMED_CREATES = select(actions.c.profile_id).where(
    actions.c.day == bindparam("b_day"),
    actions.c.action == "create",
    actions.c.state.in_(("intent", "uncertain")),
)
# A create's claim: the row is inserted, or taken over when its post was deleted; RETURNING
# (not rowcount, which psycopg reports as -1 here) says whether either happened. Plain SQL
# that SQLite and PostgreSQL both speak; SQLAlchemy cannot cache its ON CONFLICT construct.
CLAIM = text(
    "INSERT INTO ledger_posts (profile_id, page_id, post_id, state, link, caption_digest, "
    "created_at, updated_at) VALUES (:profile_id, :page_id, NULL, 'pending', :link, '', :now, "
    ":now) ON CONFLICT (profile_id) DO UPDATE SET page_id = excluded.page_id, post_id = NULL, "
    "state = 'pending', link = excluded.link, updated_at = excluded.updated_at "
    "WHERE ledger_posts.state = 'deleted' RETURNING profile_id"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_UPGRADED: set[str] = set()


def _upgraded(engine: Engine) -> Engine:
    """Bring the schema up to date once per database and process (every start does it)."""
    key = engine.url.render_as_string(hide_password=False)
    if key not in _UPGRADED:
        upgrade(engine)
        _UPGRADED.add(key)
    return engine


def _flock(folder: Path, wait: bool) -> IO[str]:
    folder.mkdir(parents=True, exist_ok=True)
    lock = (folder / LOCK_FILE).open("a")
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except OSError:
        lock.close()
        raise BuurtsiteError(
            "er loopt al een `buurtsite publish` met dezelfde gegevensmap; wacht tot die klaar is"
        ) from None
    return lock


def memory_engine() -> Engine:
    """An empty ledger in memory (dry runs, reports): the two tables and nothing else."""
    engine = create_engine(
        "sqlite://", poolclass=StaticPool, connect_args={"check_same_thread": False}
    )
    metadata.create_all(engine, tables=[posts, actions])
    return engine


class Ledger:
    """The ledger on one database; every write is committed at once so a crash loses nothing."""

    def __init__(
        self, engine: Engine, *, owns_engine: bool = False, lock: IO[str] | None = None
    ) -> None:
        self.engine = engine
        self._owns_engine = owns_engine
        self._lock = lock

    @classmethod
    def in_dir(cls, folder: Path, engine: Engine | None = None) -> Ledger:
        """The live ledger of the data folder ``folder`` (its forms database, or
        ``DATABASE_URL``), after importing an old ledger file found there.

        On SQLite the folder is held exclusively: two runs at once could both post.
        ``engine``: the forms engine when the caller has one (the production process).
        """
        from generator.publish.ledger_import import import_file

        folder.mkdir(parents=True, exist_ok=True)
        owns = engine is None
        engine = _upgraded(engine or make_engine(database_url(folder)))
        shared = engine.dialect.name == "postgresql"
        try:
            # On PostgreSQL the lock only keeps two processes of this host from importing the
            # same file at once; Pages are held in the database (``hold``).
            lock = _flock(folder, wait=shared)
        except BaseException:
            if owns:
                engine.dispose()
            raise
        try:
            import_file(folder, engine)
        except BaseException:
            lock.close()
            if owns:
                engine.dispose()
            raise
        if shared:
            lock.close()
            return cls(engine, owns_engine=owns)
        return cls(engine, owns_engine=owns, lock=lock)

    @classmethod
    def snapshot(cls, folder: Path) -> Ledger:
        """An in-memory copy of the ledger of ``folder`` (or an empty one): for dry runs and
        reports. Leaves no trace: no database or table is created for it."""
        from generator.publish.ledger_import import copy_database, read_file

        ledger = cls(memory_engine(), owns_engine=True)
        url = database_url(folder)
        if not url.startswith("sqlite") or Path(str(make_url(url).database)).is_file():
            source = make_engine(url)
            try:
                copy_database(source, ledger.engine)
            finally:
                source.dispose()
        read_file(folder, ledger.engine)  # an old ledger file not imported yet
        return ledger

    def close(self) -> None:
        if self._owns_engine:
            self.engine.dispose()
        if self._lock is not None:
            self._lock.close()  # closing the file releases the flock
            self._lock = None

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def hold(self, page_id: str) -> Iterator[bool]:
        """Work on ``page_id`` alone; yields False when another run holds it (never waits).

        On SQLite the data folder's lock already keeps every other run out.
        """
        if self.engine.dialect.name != "postgresql":
            yield True
            return
        # ttl_s is unused on PostgreSQL: the lock lasts as long as this run holds it.
        with lease(self.engine, PAGE_LEASE + page_id, ttl_s=0) as got:
            yield got

    # --- reading ------------------------------------------------------------------------

    def post(self, profile_id: str) -> PostRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(POST_OF, {"b_profile": profile_id}).first()
        return post_record(row) if row else None

    def posts(self, page_id: str | None = None) -> list[PostRecord]:
        query = select(*POST_COLUMNS).order_by(posts.c.updated_at, posts.c.profile_id)
        if page_id:
            query = query.where(posts.c.page_id == page_id)
        with self.engine.connect() as conn:
            return [post_record(r) for r in conn.execute(query)]

    def actions(self, profile_id: str | None = None) -> list[ActionRecord]:
        query = select(*ACTION_COLUMNS).order_by(actions.c.id)
        if profile_id:
            query = query.where(actions.c.profile_id == profile_id)
        with self.engine.connect() as conn:
            return [action_record(r) for r in conn.execute(query)]

    def created_on(self, page_id: str, day: date) -> int:
        """New posts attempted on ``page_id`` on ``day`` (uncertain ones count: they may exist)."""
        with self.engine.connect() as conn:
            found = conn.execute(CREATED_ON, {"b_page": page_id, "b_day": day.isoformat()})
            return int(found.scalar_one())

    def unconfirmed_creates(self, day: date) -> set[str]:
        """Profiles whose create on ``day`` is still unconfirmed: it already counts today."""
        with self.engine.connect() as conn:
            found = conn.execute(UNCONFIRMED_CREATES, {"b_day": day.isoformat()})
            return set(found.scalars())

    def last_post(self, page_id: str) -> ActionRecord | None:
        a = actions.c
        query = (
            select(*ACTION_COLUMNS)
            .where(
                a.page_id == page_id,
                a.action.in_(("create", "recover")),
                a.state.in_(("done", "recovered")),
            )
            .order_by(a.id.desc())
            .limit(1)
        )
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return action_record(row) if row else None

    def last_success(self) -> str | None:
        """When the last action of any kind succeeded (ISO text, UTC): for the health check."""
        query = select(func.max(actions.c.at)).where(actions.c.state.in_(("done", "recovered")))
        with self.engine.connect() as conn:
            found = conn.execute(query).scalar()
        return None if found is None else str(found)

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
        """Record the intent of ``action``; for a create, claim the profile's post as pending.

        A create claims the row only when there is none or its post was deleted; otherwise
        another run has created (or is creating) it since the plan was read: ``Claimed``.
        """
        now = _now()
        values = {
            "at": now,
            "day": day.isoformat(),
            "profile_id": profile_id,
            "page_id": page_id,
            "action": action,
            "state": ActionState.INTENT.value,
            "post_id": post_id,
            "detail": "",
        }
        with self.engine.begin() as conn:
            if action == "create":
                claim = {"profile_id": profile_id, "page_id": page_id, "link": link, "now": now}
                if conn.execute(CLAIM, claim).first() is None:
                    raise Claimed(profile_id)
            action_id = conn.execute(ADD_ACTION, values).scalar_one()
        return int(action_id)

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
        values = {
            "b_action": action_id,
            "b_profile": profile_id,
            "b_state": state.value,
            "b_post_state": post_state.value,
            "b_post_id": post_id,
            "b_digest": caption_digest,
            "b_detail": detail,
            "b_now": _now(),
        }
        with self.engine.begin() as conn:
            conn.execute(FINISH_ACTION, values)
            conn.execute(FINISH_POST, values)

    def fail(self, action_id: int, detail: str, *, uncertain: bool = False) -> None:
        """The action failed; ``uncertain`` if it may still have happened."""
        state = ActionState.UNCERTAIN if uncertain else ActionState.FAILED
        with self.engine.begin() as conn:
            conn.execute(
                update(actions)
                .where(actions.c.id == action_id)
                .values(state=state.value, detail=detail, at=_now())
            )

    def forget_pending(self, profile_id: str, detail: str = "") -> None:
        """A create definitely failed, or recovery found no post: no post exists.

        Earlier creates of the profile whose outcome was unknown are now known to have failed:
        they stop counting against the Page's daily cap (``created_on``).
        """
        a = actions.c
        with self.engine.begin() as conn:
            conn.execute(
                delete(posts).where(
                    posts.c.profile_id == profile_id, posts.c.state == PostState.PENDING.value
                )
            )
            if detail:
                conn.execute(
                    update(actions)
                    .where(
                        a.profile_id == profile_id,
                        a.action == "create",
                        a.state.in_(("intent", "uncertain")),
                    )
                    .values(state=ActionState.FAILED.value, detail=detail, at=_now())
                )
