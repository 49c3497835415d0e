"""Retention: aanmeldingen are deleted a set number of months after their last change.

What was purged is logged and audited as counts per gemeente, never as names or addresses.
"""

from __future__ import annotations

import logging
from calendar import monthrange
from collections import Counter
from datetime import datetime

from sqlalchemy import Engine, select

from generator.forms.store import aanmeldingen, delete_ids, record, utcnow

log = logging.getLogger("buurtsite.forms.purge")


def months_before(moment: datetime, months: int) -> datetime:
    """The same day ``months`` earlier, clamped to the month's end (31 March - 1 = 28 Feb)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = index // 12, index % 12 + 1
    return moment.replace(year=year, month=month, day=min(moment.day, monthrange(year, month)[1]))


def purge(
    engine: Engine, retention_months: int, now: datetime | None = None, actor: str = "systeem"
) -> dict[str, int]:
    """Delete what is past its retention; returns the count per gemeente."""
    cutoff = months_before(now or utcnow(), retention_months)
    with engine.begin() as conn:
        rows = conn.execute(
            select(aanmeldingen.c.id, aanmeldingen.c.gemeente).where(
                aanmeldingen.c.updated_at < cutoff
            )
        ).all()
        delete_ids(conn, [r.id for r in rows])
        counts = dict(sorted(Counter(r.gemeente for r in rows).items()))
        if counts:
            detail = ", ".join(f"{slug}: {n}" for slug, n in counts.items())
            record(conn, actor, "bewaartermijn", f"{len(rows)} verwijderd ({detail})")
    log.info(
        "bewaartermijn %d maanden: %d aanmelding(en) verwijderd %s",
        retention_months,
        len(rows),
        counts,
    )
    return counts
