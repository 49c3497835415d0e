"""Drafts of zoekprofielen, kept in the backoffice database and never in ``profiles/``.

A draft is the YAML text a coordinator is writing, with the digest of the file on disk when she
opened it (None for a new profile), so that saving can tell when someone changed the file in
the meantime. Its ``state`` says where it stands: ``concept`` (being written),
``ter_beoordeling`` (waiting for a second account), ``teruggestuurd`` (sent back with a
comment). An approved or directly published draft is deleted: from then on git has the text.

``bewerkers`` is a soft lock: who has a profile open in the editor, refreshed on every page
view and forgotten after ``PRESENCE``; it only warns, it never blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Column, DateTime, Engine, Integer, String, Table, Text, delete, select
from sqlalchemy.engine import Connection

from generator.forms.store import metadata, utcnow

PRESENCE = timedelta(minutes=10)
STATES = ("concept", "ter_beoordeling", "teruggestuurd")
STATE_LABELS = {
    "concept": "concept",
    "ter_beoordeling": "ter beoordeling",
    "teruggestuurd": "teruggestuurd",
}

concepten = Table(
    "concepten",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("profiel_id", String(60), nullable=False, index=True),
    Column("gemeente", String(60), nullable=False, index=True),
    Column("yaml", Text, nullable=False),
    Column("basis_digest", String(64)),  # sha256 of the file when the editor opened it
    Column("state", String(20), nullable=False),
    Column("author", String(60), nullable=False),
    Column("comment", Text),
    Column("created_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)

bewerkers = Table(
    "bewerkers",
    metadata,
    Column("profiel_id", String(60), primary_key=True),
    Column("username", String(60), primary_key=True),
    Column("seen_at", DateTime, nullable=False),
)


@dataclass(frozen=True)
class Draft:
    id: int
    profile_id: str
    gemeente: str
    yaml: str
    base_digest: str | None
    state: str
    author: str
    comment: str | None
    updated_at: datetime

    @property
    def state_label(self) -> str:
        return STATE_LABELS.get(self.state, self.state)


def _draft(row: object) -> Draft:
    r = row._mapping  # type: ignore[attr-defined]
    return Draft(
        r["id"],
        r["profiel_id"],
        r["gemeente"],
        r["yaml"],
        r["basis_digest"],
        r["state"],
        r["author"],
        r["comment"],
        r["updated_at"],
    )


def save(
    engine: Engine,
    *,
    draft_id: int | None,
    profile_id: str,
    gemeente: str,
    yaml_text: str,
    base_digest: str | None,
    state: str,
    author: str,
) -> int:
    """Insert or update a draft; returns its id. The comment of a sent-back draft is kept."""
    now = utcnow()
    values = {
        "profiel_id": profile_id,
        "gemeente": gemeente,
        "yaml": yaml_text,
        "basis_digest": base_digest,
        "state": state,
        "author": author,
        "updated_at": now,
    }
    with engine.begin() as conn:
        if draft_id is not None:
            changed = conn.execute(
                concepten.update().where(concepten.c.id == draft_id).values(**values)
            ).rowcount
            if changed:
                return draft_id
        result = conn.execute(concepten.insert().values(created_at=now, **values))
        new_id: int = result.inserted_primary_key[0]  # type: ignore[index]
        return new_id


def get(engine: Engine, draft_id: int, scope: tuple[str, ...] | None) -> Draft | None:
    query = select(concepten).where(concepten.c.id == draft_id)
    if scope is not None:
        query = query.where(concepten.c.gemeente.in_(scope))
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else _draft(row)


def listing(engine: Engine, scope: tuple[str, ...] | None) -> list[Draft]:
    query = select(concepten).order_by(concepten.c.updated_at.desc())
    if scope is not None:
        query = query.where(concepten.c.gemeente.in_(scope))
    with engine.connect() as conn:
        return [_draft(r) for r in conn.execute(query)]


def of_profile(engine: Engine, profile_id: str) -> list[Draft]:
    query = select(concepten).where(concepten.c.profiel_id == profile_id)
    with engine.connect() as conn:
        return [_draft(r) for r in conn.execute(query.order_by(concepten.c.id))]


def set_state(conn: Connection, draft_id: int, state: str, comment: str | None) -> None:
    conn.execute(
        concepten.update()
        .where(concepten.c.id == draft_id)
        .values(state=state, comment=comment, updated_at=utcnow())
    )


def remove(conn: Connection, draft_id: int) -> None:
    conn.execute(delete(concepten).where(concepten.c.id == draft_id))


def here(engine: Engine, profile_id: str, username: str, now: datetime | None = None) -> list[str]:
    """Note that ``username`` has the profile open; returns the others who have it open too."""
    now = now or utcnow()
    with engine.begin() as conn:
        conn.execute(delete(bewerkers).where(bewerkers.c.seen_at < now - PRESENCE))
        conn.execute(
            delete(bewerkers).where(
                bewerkers.c.profiel_id == profile_id, bewerkers.c.username == username
            )
        )
        conn.execute(
            bewerkers.insert().values(profiel_id=profile_id, username=username, seen_at=now)
        )
        others = conn.execute(
            select(bewerkers.c.username).where(
                bewerkers.c.profiel_id == profile_id, bewerkers.c.username != username
            )
        )
        return sorted(r.username for r in others)


def leave(engine: Engine, profile_id: str, username: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            delete(bewerkers).where(
                bewerkers.c.profiel_id == profile_id, bewerkers.c.username == username
            )
        )
