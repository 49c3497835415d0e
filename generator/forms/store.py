"""Tables and every query of the sign-up store; SQLite by default, PostgreSQL via DATABASE_URL.

SQLAlchemy Core (not the ORM): each request does one small insert, and Core keeps that cheap
and every statement parameterised. Timestamps are naive UTC throughout, because SQLite has no
time zones and mixing aware and naive values is how retention bugs start.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
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
    bindparam,
    create_engine,
    event,
    func,
    literal,
    select,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import IntegrityError, OperationalError

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
    # The address in one comparable form (``email_key``): what deletion on request looks up.
    Column("email_sleutel", String(320), index=True),
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


# A confirmation goes to whatever address was typed in: at most this many per address per day,
# so the form cannot be used to flood someone's mailbox from our address.
CONFIRMATIONS_PER_DAY = 3

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


def _create_private(path: str | None) -> None:
    """Create a new SQLite file readable by its owner only (0600): it holds residents' data.

    SQLite gives its -wal and -shm files the mode of the database file.
    """
    if not path or path == ":memory:" or path.startswith("file:"):
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def make_engine(url: str) -> Engine:
    """An engine; SQLite gets WAL and synchronous=FULL so an acknowledged row survives a crash."""
    if url.startswith("sqlite"):
        _create_private(make_url(url).database)
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


def email_key(email: str) -> str:
    """One form per address, for comparing: NFC and Unicode case folding, on both databases.

    SQLite's ``lower()`` folds ASCII only, so ``Éva@`` and ``éva@`` never met in SQL; the key is
    computed here and stored, and every lookup compares keys.
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", email.strip()).casefold())


def idem_key(email: str, profile: str | None, on: datetime) -> str | None:
    if profile is None:
        return None
    raw = f"{email_key(email)}|{profile}|{on:%Y-%m-%d}"
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
        "email_sleutel": email_key(sub.email),
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
    return _existing_many(conn, [key]).get(key)


# Constant statements with separate parameters: SQLAlchemy compiles each once (its compiled
# cache), and "expanding" IN lists take a whole batch in one round trip.
EXISTING = select(aanmeldingen.c.idem_key, aanmeldingen.c.public_id).where(
    aanmeldingen.c.idem_key.in_(bindparam("keys", expanding=True))
)
INSERT_AANMELDING = aanmeldingen.insert()
# An outbox row finds its aanmelding by ``public_id`` (unique, indexed), so a whole batch's rows
# go in one executemany after the aanmeldingen's, without fetching their ids first. (SQLAlchemy
# can return the ids of a multi-row insert in order, but on SQLite only one row per statement.)
OUTBOX_COLUMNS = ("aanmelding_id", "kind", "recipient", "created_at", "attempts", "next_attempt_at")
INSERT_OUTBOX_FOR = outbox.insert().from_select(
    OUTBOX_COLUMNS,
    select(
        aanmeldingen.c.id,
        bindparam("kind", type_=String),
        bindparam("recipient", type_=String),
        bindparam("now", type_=DateTime),
        literal(0, Integer),
        bindparam("now", type_=DateTime),
    ).where(aanmeldingen.c.public_id == bindparam("public_id")),
)
# Confirmations queued per address (``email_sleutel``) in the past day: the addresses'
# aanmeldingen by the indexed key first, then their outbox rows by the indexed aanmelding_id
# (a query shaped the other way round let SQLite scan the whole outbox: 1 ms per row).
RECENT_CONFIRMATIONS = (
    select(aanmeldingen.c.email_sleutel, func.count())
    .select_from(aanmeldingen)
    .join(outbox, outbox.c.aanmelding_id == aanmeldingen.c.id)
    .where(
        aanmeldingen.c.email_sleutel.in_(bindparam("addresses", expanding=True)),
        outbox.c.kind == "bevestiging",
        outbox.c.created_at > bindparam("since"),
        outbox.c.created_at <= bindparam("now"),
    )
    .group_by(aanmeldingen.c.email_sleutel)
)
IN_CHUNK = 500  # values per IN list: well under every database's limit on parameters


def _chunks(values: Sequence[str]) -> list[list[str]]:
    ordered = sorted(set(values))
    return [ordered[i : i + IN_CHUNK] for i in range(0, len(ordered), IN_CHUNK)]


def _existing_many(conn: Connection, keys: Sequence[str]) -> dict[str, str]:
    """Public ids of stored aanmeldingen by idempotency key, for the keys that have one."""
    found: dict[str, str] = {}
    for chunk in _chunks(keys):
        found.update((str(k), str(p)) for k, p in conn.execute(EXISTING, {"keys": chunk}))
    return found


def _recent_confirmations(
    conn: Connection, addresses: Sequence[str], now: datetime
) -> dict[str, int]:
    """Confirmations queued per address (its ``email_sleutel``) in the past day.

    Counted in the database, so that every app instance keeps to one limit per address.
    """
    counts: dict[str, int] = {}
    since = now - timedelta(days=1)
    for chunk in _chunks(addresses):
        params = {"addresses": chunk, "since": since, "now": now}
        counts.update((str(a), int(n)) for a, n in conn.execute(RECENT_CONFIRMATIONS, params))
    return counts


def _store_batch(conn: Connection, items: Sequence[Item], now: datetime) -> list[Stored]:
    """The batch in four statements, whatever its size: look up the idempotency keys, count the
    addresses' confirmations, insert the new aanmeldingen, insert their outbox rows."""
    rows = [_row(sub, now) for sub, _ in items]
    known = _existing_many(conn, [r["idem_key"] for r in rows if r["idem_key"]])
    results: list[Stored] = []
    new: list[tuple[dict[str, Any], Item]] = []
    for row, item in zip(rows, items, strict=True):
        key = row["idem_key"]
        duplicate = known.get(key) if key else None
        if duplicate:
            results.append(Stored(duplicate, duplicate=True))
            continue
        if key:
            known[key] = row["public_id"]  # a later answer in this batch is its duplicate
        new.append((row, item))
        results.append(Stored(row["public_id"], duplicate=False))
    if not new:
        return results
    # Confirmations per address in the last day, this batch's included as they are added.
    confirmed = _recent_confirmations(conn, [row["email_sleutel"] for row, _ in new], now)
    conn.execute(INSERT_AANMELDING, [row for row, _ in new])
    mails: list[dict[str, Any]] = []
    for row, (sub, coordinator_emails) in new:
        recipients = [("coordinator", r) for r in coordinator_emails]
        address = row["email_sleutel"]
        if confirmed.get(address, 0) < CONFIRMATIONS_PER_DAY:
            confirmed[address] = confirmed.get(address, 0) + 1
            recipients.append(("bevestiging", sub.email))
        mails.extend(
            {"public_id": row["public_id"], "kind": kind, "recipient": recipient, "now": now}
            for kind, recipient in recipients
        )
    if mails:  # none when no gemeente has a coordinator and every limit is reached
        conn.execute(INSERT_OUTBOX_FOR, mails)
    return results


def insert_many(
    engine: Engine, items: Sequence[Item], now: datetime | None = None
) -> list[Stored | Exception]:
    """Store aanmeldingen and their notifications in ONE transaction: one commit, one fsync.

    This is the group commit behind the endpoint's throughput: requests that arrive while the
    previous commit is on disk are written together, and each is acknowledged only after the
    commit that holds it. Each aanmelding and its outbox rows are always in the same transaction.

    One row the database refuses (a value PostgreSQL cannot hold, a duplicate stored by another
    instance in between) must not cost the others their sign-up: the failed transaction stored
    nothing, so the batch is split in halves and retried until the bad row stands alone. That
    row's place in the result holds its exception; every other row is stored exactly once.
    log2(batch) extra commits, only when something went wrong. A store that is down
    (``OperationalError``: no connection, locked, disk full) fails the whole batch at once.
    """
    now = now or utcnow()
    try:
        with engine.begin() as conn:
            return [*_store_batch(conn, items, now)]
    except OperationalError:
        raise
    except Exception as exc:
        if len(items) > 1:
            middle = len(items) // 2
            return insert_many(engine, items[:middle], now) + insert_many(
                engine, items[middle:], now
            )
        if isinstance(exc, IntegrityError):
            # Another app instance stored the same person's answer in between (PostgreSQL
            # with several instances): that is a duplicate, not an error.
            key = idem_key(items[0][0].email, items[0][0].profile, now)
            with engine.connect() as conn:
                existing = _existing(conn, key) if key else None
            if existing is not None:
                return [Stored(existing, duplicate=True)]
        return [exc]


def insert(
    engine: Engine, sub: Submission, coordinator_emails: Sequence[str], now: datetime | None = None
) -> Stored:
    """Store one aanmelding and its notifications in one transaction (the outbox pattern)."""
    [result] = insert_many(engine, [(sub, coordinator_emails)], now)
    if isinstance(result, Exception):
        raise result
    return result
