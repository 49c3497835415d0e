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
from collections import Counter
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
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    bindparam,
    create_engine,
    event,
    literal,
    select,
    text,
    update,
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
    Column("next_attempt_at", DateTime, nullable=False),
    Column("sent_at", DateTime),
    Column("last_error", String(200)),  # an exception class name, never personal data
    # The confirmation slot this mail takes (``slot_keys``); NULL for other mails. Unique, so
    # that instances storing one address at the same moment cannot take more than the limit;
    # the index holds only the confirmations.
    Column("slot_key", String(64)),
    Index(
        "ix_outbox_slot_key",
        "slot_key",
        unique=True,
        postgresql_where=text("slot_key IS NOT NULL"),
        sqlite_where=text("slot_key IS NOT NULL"),
    ),
    # Only the mail not sent yet: the sender looks for due mail after every sign-up, and sent
    # mail stays as long as its aanmelding, so an index over all of it grows with the years.
    Index(
        "ix_outbox_unsent",
        "id",
        postgresql_where=text("sent_at IS NULL"),
        sqlite_where=text("sent_at IS NULL"),
    ),
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
    # A custom plan for every execution: psycopg prepares a statement after a few runs, and
    # PostgreSQL may then keep one generic plan for it, made for the tables as they were (empty,
    # on a new database) and kept until statistics change, which without autovacuum is never.
    # Planning each of these small statements costs microseconds; a stale plan cost seconds.
    options = {"options": "-c plan_cache_mode=force_custom_plan"}
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, connect_args=options)


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


def slot_keys(address: str) -> list[str]:
    """The keys of an address's (its ``email_key``) ``CONFIRMATIONS_PER_DAY`` confirmation slots.

    A queued confirmation holds one slot for a day; the outbox's unique index on the key lets
    one instance take a slot at a time, and finds an address's slots by a unique lookup, a plan
    that does not depend on the database's statistics. A sha256 of the address, so the key
    names no address, and the slot's number.
    """
    digest = hashlib.sha256(f"{address}|bevestiging".encode()).hexdigest()[:62]
    return [f"{digest}{n:02d}" for n in range(CONFIRMATIONS_PER_DAY)]


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
OUTBOX_COLUMNS = (
    "aanmelding_id",
    "kind",
    "recipient",
    "created_at",
    "attempts",
    "next_attempt_at",
    "slot_key",
)
INSERT_OUTBOX_FOR = outbox.insert().from_select(
    OUTBOX_COLUMNS,
    select(
        aanmeldingen.c.id,
        bindparam("kind", type_=String),
        bindparam("recipient", type_=String),
        bindparam("now", type_=DateTime),
        literal(0, Integer),
        bindparam("now", type_=DateTime),
        bindparam("slot_key", type_=String),
    ).where(aanmeldingen.c.public_id == bindparam("public_id")),
)
# The confirmation slots of a batch's addresses that are held, and since when. (Counting an
# address's confirmations by joining aanmeldingen and outbox needs statistics to be planned
# well: PostgreSQL without them scanned the whole outbox for every batch.)
HELD_SLOTS = select(outbox.c.slot_key, outbox.c.created_at).where(
    outbox.c.slot_key.in_(bindparam("keys", expanding=True))
)
# A slot whose confirmation is a day old is free again: its old mail lets go of the key in the
# transaction that takes it. The age is checked again here, so that a slot another instance
# has just taken is left alone.
RELEASE_SLOTS = (
    update(outbox)
    .where(
        outbox.c.slot_key.in_(bindparam("keys", expanding=True)),
        outbox.c.created_at <= bindparam("since"),
    )
    .values(slot_key=None)
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


@dataclass
class Slots:
    """An address's confirmation slots in one batch: the free ones, in order."""

    free: list[str]
    stale: set[str]  # free slots still named by an old confirmation, released before reuse


def _held(conn: Connection, keys: Sequence[str]) -> dict[str, datetime]:
    """Since when each of these slots is held, for those held."""
    held: dict[str, datetime] = {}
    for chunk in _chunks(keys):
        held.update((str(k), at) for k, at in conn.execute(HELD_SLOTS, {"keys": chunk}))
    return held


def _slots(conn: Connection, addresses: Sequence[str], now: datetime) -> dict[str, Slots]:
    """Per address (its ``email_sleutel``): slots not held by a confirmation of the past day.

    Looked up in the database, so that every app instance keeps to one limit per address. A
    confirmation newer than ``now`` holds its slot too: another instance's clock may be ahead.
    Any free slot will do, as there are only ``CONFIRMATIONS_PER_DAY`` of them: an address
    that comes once is asked for its first slot only, and for the others when that one is
    held (the usual sign-up, a new address, costs one key in the lookup, not three).
    """
    since = now - timedelta(days=1)
    times = Counter(addresses)
    keys = {address: slot_keys(address) for address in times}
    held = _held(conn, [own[0] for own in keys.values()])
    every = {
        address
        for address, own in keys.items()
        if times[address] > 1 or held.get(own[0], since) > since
    }
    held.update(_held(conn, [key for address in every for key in keys[address][1:]]))
    slots: dict[str, Slots] = {}
    for address, own in keys.items():
        looked = own if address in every else own[:1]
        free = [k for k in looked if k not in held or held[k] <= since]
        slots[address] = Slots(free, {k for k in free if k in held})
    return slots


def _store_batch(conn: Connection, items: Sequence[Item], now: datetime) -> list[Stored]:
    """The batch in a few statements, whatever its size: look up the idempotency keys and the
    addresses' confirmation slots, insert the new aanmeldingen, then their outbox rows."""
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
    slots = _slots(conn, [row["email_sleutel"] for row, _ in new], now)
    conn.execute(INSERT_AANMELDING, [row for row, _ in new])
    mails: list[dict[str, Any]] = []
    confirmations: list[dict[str, Any]] = []
    release: list[str] = []
    for row, (sub, coordinator_emails) in new:
        public_id = row["public_id"]
        mails.extend(
            {"public_id": public_id, "kind": "coordinator", "recipient": r, "now": now}
            for r in coordinator_emails
        )
        own = slots[row["email_sleutel"]]
        if own.free:  # else the limit is reached: stored, without a confirmation
            slot = own.free.pop(0)
            if slot in own.stale:
                release.append(slot)
            confirmations.append(
                {
                    "public_id": public_id,
                    "kind": "bevestiging",
                    "recipient": sub.email,
                    "now": now,
                    "slot_key": slot,
                }
            )
    if release:
        conn.execute(RELEASE_SLOTS, {"keys": release, "since": now - timedelta(days=1)})
    # Slots in one order in every transaction: two instances that want the same two slots wait
    # for each other in turn rather than deadlock.
    confirmations.sort(key=lambda mail: mail["slot_key"])
    if mails or confirmations:  # none when no coordinator is known and every slot is held
        conn.execute(INSERT_OUTBOX_FOR, [m | {"slot_key": None} for m in mails] + confirmations)
    return results


def insert_many(
    engine: Engine,
    items: Sequence[Item],
    now: datetime | None = None,
    retries: int = CONFIRMATIONS_PER_DAY,
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

    A row whose confirmation slot another instance took in between is stored again with the
    slots as they are now: each such conflict means one more slot held, so ``retries`` (one
    per slot) always suffices.
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
            return insert_many(engine, items[:middle], now, retries) + insert_many(
                engine, items[middle:], now, retries
            )
        if isinstance(exc, IntegrityError):
            # Another app instance stored the same person's answer in between (PostgreSQL
            # with several instances): that is a duplicate, not an error.
            key = idem_key(items[0][0].email, items[0][0].profile, now)
            with engine.connect() as conn:
                existing = _existing(conn, key) if key else None
            if existing is not None:
                return [Stored(existing, duplicate=True)]
            if retries > 0:  # or it took this row's confirmation slot
                return insert_many(engine, items, now, retries - 1)
        return [exc]


def insert(
    engine: Engine, sub: Submission, coordinator_emails: Sequence[str], now: datetime | None = None
) -> Stored:
    """Store one aanmelding and its notifications in one transaction (the outbox pattern)."""
    [result] = insert_many(engine, [(sub, coordinator_emails)], now)
    if isinstance(result, Exception):
        raise result
    return result
