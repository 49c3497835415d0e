"""One instance at a time: a lease per scheduled job, held for the length of one run.

PostgreSQL: ``pg_try_advisory_lock`` on a connection of its own. We chose the advisory lock over
a lease row there because the server ends it the moment its holder's connection goes: an
instance that is SIGKILLed mid-job frees the job at once, and a job that runs longer than any
guessed expiry is never taken over while it is still running. The lock is session-level, so the
connection is kept out of any transaction's fate and unlocked (or thrown away) before it goes
back to the pool.

SQLite has no such lock: a row in ``leases`` (name, owner, until) is taken with one atomic
upsert that succeeds only when the row is free, expired or already ours. A holder that dies
keeps the job until ``until``; ``ttl_s`` must therefore exceed the job's longest run.

    with lease(engine, "backup", ttl_s=3600) as got:
        if got:
            ...  # only one instance gets here at a time
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import Engine, delete, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from generator.forms.store import utcnow
from generator.ops.tables import leases

# Advisory lock keys are one bigint in a space shared with anything else on the database: a
# fixed prefix in the hash keeps ours apart from other applications' small integer keys.
KEY_PREFIX = "buurtsite-lease:"


def advisory_key(name: str) -> int:
    """A stable signed 64-bit key for a lease name (PostgreSQL's bigint)."""
    digest = hashlib.sha256((KEY_PREFIX + name).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def owner_id() -> str:
    """Who holds a lease: host and process for people reading the table, and a random part."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(6)}"


@contextmanager
def lease(engine: Engine, name: str, ttl_s: float) -> Iterator[bool]:
    """Try to take the job ``name``; yields True when this caller holds it, False otherwise.

    Never waits: an instance that does not get the lease skips this run of the job.
    """
    if engine.dialect.name == "postgresql":
        with _advisory(engine, name) as got:
            yield got
    else:
        with _row_lease(engine, name, ttl_s) as got:
            yield got


@contextmanager
def _advisory(engine: Engine, name: str) -> Iterator[bool]:
    key = advisory_key(name)
    conn = engine.connect()
    try:
        got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
        conn.commit()  # a session-level lock outlives the transaction; end it to stay idle
    except BaseException:
        conn.invalidate()
        conn.close()
        raise
    try:
        yield got
    finally:
        if got:
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                conn.commit()
            except Exception:
                # A connection we cannot unlock must not go back to the pool still holding
                # the lock: closing it for good ends the session and with it the lock.
                conn.invalidate()
        conn.close()


@contextmanager
def _row_lease(engine: Engine, name: str, ttl_s: float) -> Iterator[bool]:
    me = owner_id()
    now = utcnow()
    until = now + timedelta(seconds=ttl_s)
    upsert = sqlite_insert(leases).values(name=name, owner=me, until=until)
    upsert = upsert.on_conflict_do_update(
        index_elements=[leases.c.name],
        set_={"owner": me, "until": until},
        where=leases.c.until < now,
    )
    with engine.begin() as conn:
        conn.execute(upsert)
        holder = conn.execute(select(leases.c.owner).where(leases.c.name == name)).scalar()
    got = holder == me
    try:
        yield got
    finally:
        if got:
            with engine.begin() as conn:
                conn.execute(delete(leases).where(leases.c.name == name, leases.c.owner == me))


def holder(engine: Engine, name: str) -> str | None:
    """Who holds the row lease ``name`` now (SQLite; None when free or expired)."""
    with engine.connect() as conn:
        row = conn.execute(
            select(leases.c.owner, leases.c.until).where(leases.c.name == name)
        ).first()
    if row is None or row.until < utcnow():
        return None
    return str(row.owner)
