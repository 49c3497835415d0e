"""The queries of the backoffice, the export and retention: read, handle, delete, audit.

Every query is parameterised; a coordinator's always carries her gemeenten (``visible``), so
another gemeente's row is simply not found.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from generator.forms.store import aanmeldingen, audit, email_key, outbox, utcnow


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
    where = [aanmeldingen.c.email_sleutel == email_key(email), visible(gemeenten)]
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
