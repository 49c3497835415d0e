"""Tables and every query of the sign-up store; SQLite by default, PostgreSQL via DATABASE_URL.

SQLAlchemy Core (not the ORM): each request does one small insert, and Core keeps that cheap
and every statement parameterised. Timestamps are naive UTC throughout, because SQLite has no
time zones and mixing aware and naive values is how retention bugs start.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    func,
    select,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from generator.forms.fields import UTM_FIELDS, Submission
from generator.model import PRINT_CHANNELS

metadata = MetaData()

aanmeldingen = Table(
    "aanmeldingen",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("public_id", String(32), nullable=False, unique=True),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False, index=True),
    Column("soort", String(20), nullable=False),
    Column("rol", String(20)),
    Column("gemeente", String(60), nullable=False, index=True),
    Column("profiel", String(60)),
    Column("profiel_status", String(20)),
    Column("profiel_niet_open", Boolean, nullable=False, default=False),
    Column("naam", String(100), nullable=False),
    Column("email", String(254), nullable=False, index=True),
    Column("telefoon", String(20), nullable=False),
    Column("woonplaats", String(60), nullable=False),
    Column("huishouden", String(200)),
    Column("bericht", Text),
    Column("bron", String(20)),
    Column("toestemming_at", DateTime, nullable=False),
    Column("privacy_versie", String(20), nullable=False),
    *(Column(name, String(200)) for name in UTM_FIELDS),
    # sha256 of e-mail, profile and day: the same person answering the same profile twice on
    # one day is one aanmelding. A unique key makes that hold across app instances too.
    Column("idem_key", String(64), unique=True),
    Column("afgehandeld_at", DateTime),
    Column("afgehandeld_door", String(60)),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "aanmelding_id",
        Integer,
        ForeignKey("aanmeldingen.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("kind", String(20), nullable=False),  # "coordinator" or "bevestiging"
    Column("recipient", String(254), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_attempt_at", DateTime, nullable=False, index=True),
    Column("sent_at", DateTime),
    Column("last_error", String(200)),  # an exception class name, never personal data
)

users = Table(
    "gebruikers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(60), nullable=False, unique=True),
    Column("password_hash", String(300), nullable=False),
    Column("role", String(20), nullable=False),  # "coordinator" or "backoffice"
    Column("gemeenten", String(2000), nullable=False, default=""),  # comma-separated slugs
    Column("created_at", DateTime, nullable=False),
)

# Anonymous counts of aanmeldingen that retention removed, so progress reports over older
# periods keep their figures. No column can hold personal data.
tellingen = Table(
    "tellingen",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("dag", Date, nullable=False),
    Column("gemeente", String(60), nullable=False, index=True),
    Column("profiel", String(60)),
    Column("kanaal", String(20), nullable=False),
    Column("aantal", Integer, nullable=False),
)

audit = Table(
    "audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime, nullable=False),
    Column("actor", String(60), nullable=False),
    Column("action", String(30), nullable=False),
    Column("detail", String(500), nullable=False),  # counts and slugs only, no personal data
)


INSERT_AANMELDING = aanmeldingen.insert()
INSERT_OUTBOX = outbox.insert()


def channel(utm_source: str | None, bron: str | None) -> str:
    """Where an aanmelding came from, as the progress report counts it."""
    source = (utm_source or "").lower()
    if source in PRINT_CHANNELS:  # the QR code on a poster, flyer or newspaper kit
        return source
    if source == "facebook" or bron == "facebook":
        return "facebook"
    if bron in (None, "", "website"):
        return "website"
    return "anders"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL and synchronous=FULL so an acknowledged row survives a crash."""
    if url.startswith("sqlite"):
        # hide_parameters: a database error must never put a resident's data in a log line.
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA busy_timeout=5000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True, hide_parameters=True)


def idem_key(email: str, profile: str | None, on: datetime) -> str | None:
    if profile is None:
        return None
    raw = f"{email.lower()}|{profile}|{on:%Y-%m-%d}"
    return hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class Stored:
    public_id: str
    duplicate: bool


Item = tuple[Submission, Sequence[str]]  # a submission and its coordinators' e-mail addresses


def _row(sub: Submission, now: datetime) -> dict[str, Any]:
    return {
        "public_id": secrets.token_hex(8),
        "created_at": now,
        "updated_at": now,
        "soort": sub.kind,
        "rol": sub.role,
        "gemeente": sub.gemeente,
        "profiel": sub.profile,
        "profiel_status": sub.profile_status,
        "profiel_niet_open": sub.profile_not_open,
        "naam": sub.name,
        "email": sub.email,
        "telefoon": sub.phone,
        "woonplaats": sub.place,
        "huishouden": sub.household,
        "bericht": sub.message,
        "bron": sub.source,
        "toestemming_at": now,
        "privacy_versie": sub.privacy_version,
        "idem_key": idem_key(sub.email, sub.profile, now),
        **{name: sub.utm.get(name) for name in UTM_FIELDS},
    }


def _existing(conn: Connection, key: str) -> str | None:
    found = conn.execute(
        select(aanmeldingen.c.public_id).where(aanmeldingen.c.idem_key == key)
    ).scalar_one_or_none()
    return str(found) if found is not None else None


def insert_many(engine: Engine, items: Sequence[Item], now: datetime | None = None) -> list[Stored]:
    """Store aanmeldingen and their notifications in ONE transaction: one commit, one fsync.

    This is the group commit behind the endpoint's throughput: requests that arrive while the
    previous commit is on disk are written together, and each is acknowledged only after the
    commit that holds it. Each aanmelding and its outbox rows are always in the same transaction.
    """
    now = now or utcnow()
    results: list[Stored] = []
    try:
        with engine.begin() as conn:
            seen: dict[str, str] = {}
            for sub, coordinator_emails in items:
                row = _row(sub, now)
                key = row["idem_key"]
                duplicate = (seen.get(key) or _existing(conn, key)) if key else None
                if duplicate:
                    results.append(Stored(duplicate, duplicate=True))
                    continue
                if key:
                    seen[key] = row["public_id"]
                # A constant statement with separate parameters hits SQLAlchemy's compiled cache.
                pk = conn.execute(INSERT_AANMELDING, row).inserted_primary_key
                assert pk is not None
                mails = [("coordinator", r) for r in coordinator_emails]
                mails.append(("bevestiging", sub.email))
                conn.execute(
                    INSERT_OUTBOX,
                    [
                        {
                            "aanmelding_id": pk[0],
                            "kind": kind,
                            "recipient": recipient,
                            "created_at": now,
                            "attempts": 0,
                            "next_attempt_at": now,
                        }
                        for kind, recipient in mails
                    ],
                )
                results.append(Stored(row["public_id"], duplicate=False))
    except IntegrityError:
        # Another app instance stored the same person's answer in between (PostgreSQL with
        # several instances): retry one by one, so only the duplicate becomes a duplicate.
        if len(items) == 1:
            key = idem_key(items[0][0].email, items[0][0].profile, now)
            with engine.connect() as conn:
                existing = _existing(conn, key) if key else None
            if existing is None:
                raise
            return [Stored(existing, duplicate=True)]
        return [insert(engine, sub, emails, now) for sub, emails in items]
    return results


def insert(
    engine: Engine, sub: Submission, coordinator_emails: Sequence[str], now: datetime | None = None
) -> Stored:
    """Store one aanmelding and its notifications in one transaction (the outbox pattern)."""
    return insert_many(engine, [(sub, coordinator_emails)], now)[0]


def visible(gemeenten: Iterable[str] | None) -> Any:
    """A WHERE clause for the gemeenten a user may see (None: all)."""
    if gemeenten is None:
        return aanmeldingen.c.id.is_not(None)
    return aanmeldingen.c.gemeente.in_(list(gemeenten))


def listing(
    conn: Connection,
    gemeenten: Iterable[str] | None,
    gemeente: str | None = None,
    kind: str | None = None,
    handled: bool | None = None,
    limit: int = 500,
) -> list[dict[str, Any]]:
    query = select(aanmeldingen).where(visible(gemeenten))
    if gemeente:
        query = query.where(aanmeldingen.c.gemeente == gemeente)
    if kind:
        query = query.where(aanmeldingen.c.soort == kind)
    if handled is not None:
        column = aanmeldingen.c.afgehandeld_at
        query = query.where(column.is_not(None) if handled else column.is_(None))
    query = query.order_by(aanmeldingen.c.created_at.desc(), aanmeldingen.c.id.desc()).limit(limit)
    return [dict(r._mapping) for r in conn.execute(query)]


def one(conn: Connection, public_id: str, gemeenten: Iterable[str] | None) -> dict[str, Any] | None:
    row = conn.execute(
        select(aanmeldingen).where(aanmeldingen.c.public_id == public_id, visible(gemeenten))
    ).first()
    return dict(row._mapping) if row else None


def mark_handled(
    conn: Connection, public_id: str, gemeenten: Iterable[str] | None, actor: str
) -> bool:
    now = utcnow()
    result = conn.execute(
        update(aanmeldingen)
        .where(aanmeldingen.c.public_id == public_id, visible(gemeenten))
        .values(afgehandeld_at=now, afgehandeld_door=actor, updated_at=now)
    )
    return result.rowcount > 0


def delete_person(conn: Connection, email: str, gemeenten: Iterable[str] | None) -> int:
    """Delete every aanmelding (and its queued mail) of one e-mail address the user may see."""
    where = [func.lower(aanmeldingen.c.email) == email.strip().lower(), visible(gemeenten)]
    ids = [r[0] for r in conn.execute(select(aanmeldingen.c.id).where(*where))]
    return delete_ids(conn, ids)


def delete_ids(conn: Connection, ids: Sequence[int]) -> int:
    # Explicit outbox delete: SQLite only cascades with PRAGMA foreign_keys, which a
    # hand-opened connection may lack.
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        conn.execute(outbox.delete().where(outbox.c.aanmelding_id.in_(chunk)))
        conn.execute(aanmeldingen.delete().where(aanmeldingen.c.id.in_(chunk)))
    return len(ids)


def record(conn: Connection, actor: str, action: str, detail: str) -> None:
    """One audit-log entry; callers pass counts and slugs, never personal data."""
    conn.execute(audit.insert().values(at=utcnow(), actor=actor, action=action, detail=detail))


def audit_log(conn: Connection, limit: int = 200) -> list[dict[str, Any]]:
    query = select(audit).order_by(audit.c.id.desc()).limit(limit)
    return [dict(r._mapping) for r in conn.execute(query)]
