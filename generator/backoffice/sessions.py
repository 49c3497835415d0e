"""Backoffice sessions, kept in the database so that ending one ends it everywhere.

The cookie carries only a random session id, signed with ``BUURTSITE_SECRET_KEY`` so that a
forged one is turned away before any query. The database keeps a hash of the id (a copy of the
table opens no session), the user, the session's CSRF token and two times: a session ends after
``idle`` without a request and after ``absolute`` in any case. Log-out deletes the row; a
password change or a removed user deletes all rows of that user. Several app instances on one
PostgreSQL database share the table, so a log-out on one instance holds on all.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from itsdangerous import BadSignature, Signer
from sqlalchemy import Column, DateTime, Engine, String, Table, delete, or_, select, update
from sqlalchemy.engine import Connection

from generator.forms.store import metadata, users, utcnow

sessies = Table(
    "sessies",
    metadata,
    Column("id_hash", String(64), primary_key=True),
    Column("username", String(60), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("last_seen_at", DateTime, nullable=False, index=True),
)
# Writing last_seen_at on every request would make each page view a write; a minute is precise
# enough for an idle time-out counted in tens of minutes.
TOUCH_AFTER = timedelta(minutes=1)


@dataclass(frozen=True)
class Lifetimes:
    idle: timedelta = timedelta(minutes=30)
    absolute: timedelta = timedelta(hours=12)


@dataclass(frozen=True)
class Session:
    username: str
    csrf: str


def _hash(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


class Sessions:
    def __init__(self, engine: Engine, secret_key: str, lifetimes: Lifetimes) -> None:
        self.engine = engine
        self.signer = Signer(secret_key, salt="buurtsite-backoffice-sessie")
        self.lifetimes = lifetimes

    def start(self, username: str, now: datetime | None = None) -> tuple[str, Session]:
        """A new session; returns the cookie value and the session."""
        now = now or utcnow()
        session_id = secrets.token_urlsafe(32)
        session = Session(username, secrets.token_urlsafe(32))
        with self.engine.begin() as conn:
            self._expire(conn, now)
            conn.execute(
                sessies.insert().values(
                    id_hash=_hash(session_id),
                    username=username,
                    csrf=session.csrf,
                    created_at=now,
                    last_seen_at=now,
                )
            )
        return self.signer.sign(session_id).decode(), session

    def load(self, cookie: str | None, now: datetime | None = None) -> Session | None:
        """The live session behind a cookie, or None (unknown, ended, timed out, user gone)."""
        session_id = self._unsign(cookie)
        if session_id is None:
            return None
        now = now or utcnow()
        key = _hash(session_id)
        with self.engine.begin() as conn:
            row = conn.execute(
                select(sessies)
                .join(users, users.c.username == sessies.c.username)
                .where(sessies.c.id_hash == key)
            ).first()
            if row is None:
                return None
            if (
                now - row.last_seen_at > self.lifetimes.idle
                or now - row.created_at > self.lifetimes.absolute
            ):
                conn.execute(delete(sessies).where(sessies.c.id_hash == key))
                return None
            if now - row.last_seen_at > TOUCH_AFTER:
                conn.execute(
                    update(sessies).where(sessies.c.id_hash == key).values(last_seen_at=now)
                )
        return Session(row.username, row.csrf)

    def end(self, cookie: str | None) -> None:
        session_id = self._unsign(cookie)
        if session_id is not None:
            with self.engine.begin() as conn:
                conn.execute(delete(sessies).where(sessies.c.id_hash == _hash(session_id)))

    def _unsign(self, cookie: str | None) -> str | None:
        if not cookie:
            return None
        try:
            return self.signer.unsign(cookie).decode()
        except BadSignature:
            return None

    def _expire(self, conn: Connection, now: datetime) -> None:
        conn.execute(
            delete(sessies).where(
                or_(
                    sessies.c.last_seen_at < now - self.lifetimes.idle,
                    sessies.c.created_at < now - self.lifetimes.absolute,
                )
            )
        )


def end_all(conn: Connection, username: str) -> int:
    """End every session of a user (password changed, user removed)."""
    return conn.execute(delete(sessies).where(sessies.c.username == username)).rowcount
