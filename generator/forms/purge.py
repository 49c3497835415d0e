"""Retention: aanmeldingen are deleted a set number of months after their last change.

What was purged is logged and audited as counts per gemeente, never as names or addresses, and
kept as anonymous daily counts (table ``tellingen``) so progress reports over older periods
keep their figures. A deletion on request (backoffice) removes the aanmelding without a count.
"""

from __future__ import annotations

import logging
from calendar import monthrange
from collections import Counter
from datetime import datetime

from sqlalchemy import Engine, select

from generator.forms.queries import delete_ids, record
from generator.forms.store import aanmeldingen, channel, tellingen, utcnow

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
        a = aanmeldingen.c
        rows = conn.execute(
            select(a.id, a.gemeente, a.profiel, a.created_at, a.bron, a.utm_source).where(
                a.updated_at < cutoff
            )
        ).all()
        # Keep anonymous counts (day, gemeente, profile, channel) for progress reports.
        tally = Counter(
            (r.created_at.date(), r.gemeente, r.profiel, channel(r.utm_source, r.bron))
            for r in rows
        )
        if tally:
            conn.execute(
                tellingen.insert(),
                [
                    {"dag": d, "gemeente": g, "profiel": p, "kanaal": k, "aantal": n}
                    for (d, g, p, k), n in sorted(tally.items(), key=str)
                ],
            )
        delete_ids(conn, [r.id for r in rows])
        counts = dict(sorted(Counter(r.gemeente for r in rows).items()))
        detail = ", ".join(f"{slug}: {n}" for slug, n in counts.items())
        if counts:
            record(conn, actor, "bewaartermijn", f"{len(rows)} verwijderd ({detail})")
    log.info(
        "bewaartermijn %d maanden: %d aanmelding(en) verwijderd%s",
        retention_months,
        len(rows),
        f" ({detail})" if detail else "",
    )
    return counts
