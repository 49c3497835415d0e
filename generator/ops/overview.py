"""What the status panel shows of the scheduled jobs: the last runs and the next publish run."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from generator.ops.runs import last_runs
from generator.publish.schedule import next_publish_run, next_window_open
from generator.settings import Settings
from generator.timewindows import zone

JOB_NAMES = {
    "outbox": "e-mails versturen",
    "opschonen": "opschonen (bewaartermijn)",
    "publiceren": "publiceren op Facebook",
    "backup": "backup",
}


def schedule_overview(
    engine: Engine, settings: Settings, now: datetime | None = None
) -> dict[str, Any]:
    """Local times (``site.tijdzone``) as text, for the page; runs newest first."""
    now = now or datetime.now(UTC)
    tz = zone(settings.site.timezone)

    def local(moment: datetime | None) -> str | None:
        if moment is None:
            return None
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return f"{aware.astimezone(tz):%d-%m-%Y %H:%M}"

    has_pages = any(g.facebook_page for g in settings.gemeenten)
    return {
        "volgende_publicatie": local(next_publish_run(settings, now)) if has_pages else None,
        "nieuwe_berichten_vanaf": local(next_window_open(settings, now)) if has_pages else None,
        "runs": [
            {
                "taak": JOB_NAMES.get(r.job, r.job),
                "start": local(r.started),
                "klaar": local(r.finished),
                "resultaat": {True: "gelukt", False: "mislukt", None: "bezig of afgebroken"}[r.ok],
                "melding": r.message_nl,
            }
            for r in last_runs(engine, n=15)
        ],
    }
