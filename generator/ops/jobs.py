"""The scheduled jobs of the production process, each a ``scheduler.Job``.

- ``outbox``: send the mail queue (every few seconds, and at once after a sign-up);
- ``opschonen``: the daily purge of aanmeldingen past their retention, and of old run records;
- ``publiceren``: a publish run (``publish.schedule.plan_run``, the one planner: posting windows,
  daily cap) every ``facebook.run_elke_minuten``;
- ``backup``: the nightly backup of the SQLite databases at ``backups.tijdstip``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import Engine

from generator.errors import BuurtsiteError
from generator.forms import abuse, outbox, purge
from generator.forms.store import utcnow
from generator.ops import backup
from generator.ops.runs import RUNS_KEPT_DAYS, Run, prune_runs
from generator.ops.scheduler import Job, Scheduler, every
from generator.publish.ledger import Ledger
from generator.publish.planner import Kind
from generator.publish.runner import Result, Runner, card_images
from generator.publish.schedule import known_pages, next_publish_run, plan_run
from generator.publish.tokens import load_tokens
from generator.settings import Settings
from generator.timewindows import zone
from generator.validate import Catalog

PURGE_EVERY = 24 * 3600.0
PASSES_PER_RUN = 20  # up to 1,000 mails per outbox run


def outbox_job(
    engine: Engine,
    settings: Settings,
    smtp: outbox.Smtp,
    interval: float,
    claim: timedelta = outbox.LEASE,
) -> Job:
    def work(run: Run) -> None:
        # A full batch means more is waiting: go on (bounded) rather than wait for the next turn.
        sent = 0
        for _ in range(PASSES_PER_RUN):
            went = outbox.send_pass(engine, settings, smtp, claim=claim)
            sent += went
            if went < outbox.BATCH:
                break
        if sent:
            run.message_nl = f"{sent} e-mail(s) verstuurd"
            run.details = {"verstuurd": sent}

    return Job("outbox", work, every(interval), ttl_s=600, quiet=True)


def purge_job(engine: Engine, settings: Settings) -> Job:
    def work(run: Run) -> None:
        counts = purge.purge(engine, settings.forms.retention_months)
        forgotten = prune_runs(engine, utcnow() - timedelta(days=RUNS_KEPT_DAYS))
        abuse.forget_expired(engine)
        removed = sum(counts.values())
        run.message_nl = f"{removed} aanmelding(en) verwijderd na de bewaartermijn"
        run.details = {"verwijderd": counts, "oude_runs": forgotten}

    return Job("opschonen", work, every(PURGE_EVERY))


def publish_job(
    engine: Engine, settings: Settings, catalog_source: Callable[[], Catalog], data: Path
) -> Job:
    """A publish run on a fresh catalogue (profiles change between runs)."""

    def work(run: Run) -> None:
        catalog = catalog_source()
        with Ledger.in_dir(data, engine) as ledger:
            tokens = load_tokens(known_pages(catalog, ledger))
            plan = plan_run(catalog, ledger, tokens.keys())
            image_for = (
                card_images(catalog, data / "publish-images")
                if catalog.settings.facebook.post_type == "foto"
                and any(a.kind is Kind.CREATE for a in plan.actions)
                else None
            )
            outcomes = Runner(catalog, ledger, tokens, image_for).run(plan) if plan.actions else []
        counts = {r.value: sum(1 for o in outcomes if o.result is r) for r in Result}
        counts = {k: v for k, v in counts.items() if v}
        waiting = sum(1 for h in plan.held if not h.fails)
        run.details = {"resultaten": counts, "wachtend": waiting}
        failed = counts.get(Result.FAILED.value, 0) + sum(1 for h in plan.held if h.fails)
        run.ok = failed == 0
        summary = ", ".join(f"{n} {Result(k).dutch}" for k, n in counts.items()) or "niets te doen"
        run.message_nl = f"{summary}; {waiting} wachtend (tijdvak of daglimiet)"

    def next_at(now: datetime) -> datetime:
        return next_publish_run(settings, now)

    return Job("publiceren", work, next_at, ttl_s=3 * 3600)


def next_daily(at: str, tz_name: str, now: datetime) -> datetime:
    """The next moment after ``now`` when the local clock in ``tz_name`` shows ``at`` (UU:MM)."""
    tz = zone(tz_name)
    hours, minutes = (int(p) for p in at.split(":"))
    local = now.astimezone(tz)
    moment = datetime.combine(local.date(), time(hours, minutes), tzinfo=tz)
    if moment <= local:
        moment = datetime.combine(local.date() + timedelta(days=1), time(hours, minutes), tzinfo=tz)
    return moment.astimezone(UTC)


def backup_job(settings: Settings, data: Path) -> Job:
    def work(run: Run) -> None:
        made = backup.make_backup(data)
        gone = backup.prune(data, settings.backup.keep_days)
        rows = made.rows()
        run.message_nl = (
            f"backup {made.path.name}: {len(made.files)} database(s), {rows} rijen; "
            f"{len(gone)} oude backup(s) verwijderd"
        )
        run.details = {"map": made.path.name, "bestanden": sorted(made.files), "rijen": rows}

    def next_at(now: datetime) -> datetime:
        return next_daily(settings.backup.at, settings.site.timezone, now)

    return Job("backup", work, next_at, ttl_s=3 * 3600, at_start=False)


def production_scheduler(
    engine: Engine, settings: Settings, catalog_source: Callable[[], Catalog], data: Path
) -> Scheduler:
    """The production server's own jobs (the forms app runs the outbox and the purge):
    publishing when any gemeente has a Facebook Page, and the nightly backup.

    An old ledger file in ``data`` is imported into the database now, at start."""
    jobs = [backup_job(settings, data)]
    if any(g.facebook_page for g in settings.gemeenten):
        # A `buurtsite publish` holding the folder right now (SQLite) imports the file itself.
        with contextlib.suppress(BuurtsiteError):
            Ledger.in_dir(data, engine).close()
        jobs.append(publish_job(engine, settings, catalog_source, data))
    return Scheduler(engine, jobs)
