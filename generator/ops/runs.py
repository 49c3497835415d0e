"""A record of every job run: when it started and finished, whether it went well, and why not.

    with record_run(engine, "publiceren") as run:
        ...
        run.message_nl = "3 berichten geplaatst"
        run.details = {"geplaatst": 3}

The row is written when the run starts (so a run in progress shows) and completed when it
ends. An exception marks the run failed with its class name (never its text: an error message
can hold personal data) and goes on to the caller.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, delete, select, update

from generator.forms.store import utcnow
from generator.ops.tables import runs

MESSAGE_MAX = 500
RUNS_KEPT_DAYS = 90


@dataclass
class Run:
    """A run in progress; set ``message_nl`` and ``details`` to say what it did."""

    id: int
    job: str
    started: datetime
    message_nl: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    ok: bool = True  # set False to record a failure without raising


@dataclass(frozen=True)
class RunRecord:
    id: int
    job: str
    started: datetime
    finished: datetime | None
    ok: bool | None  # None: still running, or its process died
    message_nl: str
    details: dict[str, Any]


@contextmanager
def record_run(engine: Engine, job: str) -> Iterator[Run]:
    """Record one run of ``job``; the row is completed however the block ends."""
    started = utcnow()
    with engine.begin() as conn:
        pk = conn.execute(
            runs.insert().values(job=job, started=started, message_nl="", details="{}")
        ).inserted_primary_key
    assert pk is not None
    run = Run(id=int(pk[0]), job=job, started=started)
    try:
        yield run
    except BaseException as exc:
        run.ok = False
        run.message_nl = run.message_nl or f"Mislukt: {type(exc).__name__}"
        raise
    finally:
        _finish(engine, run)


def save_run(engine: Engine, run: Run) -> None:
    """Record a run after the fact, for jobs that record only runs that did something."""
    with engine.begin() as conn:
        conn.execute(
            runs.insert().values(
                job=run.job,
                started=run.started,
                finished=utcnow(),
                ok=run.ok,
                message_nl=run.message_nl[:MESSAGE_MAX],
                details=json.dumps(run.details, sort_keys=True, default=str),
            )
        )


def _finish(engine: Engine, run: Run) -> None:
    with engine.begin() as conn:
        conn.execute(
            update(runs)
            .where(runs.c.id == run.id)
            .values(
                finished=utcnow(),
                ok=run.ok,
                message_nl=run.message_nl[:MESSAGE_MAX],
                details=json.dumps(run.details, sort_keys=True, default=str),
            )
        )


def last_runs(engine: Engine, job: str | None = None, n: int = 20) -> list[RunRecord]:
    """The ``n`` most recent runs, newest first; of one job when ``job`` is given."""
    query = select(runs).order_by(runs.c.started.desc(), runs.c.id.desc()).limit(n)
    if job is not None:
        query = query.where(runs.c.job == job)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        RunRecord(
            id=row.id,
            job=row.job,
            started=row.started,
            finished=row.finished,
            ok=row.ok,
            message_nl=row.message_nl,
            details=json.loads(row.details or "{}"),
        )
        for row in rows
    ]


def last_success(engine: Engine, job: str) -> RunRecord | None:
    """The most recent run of ``job`` that finished well (for health checks)."""
    query = (
        select(runs)
        .where(runs.c.job == job, runs.c.ok.is_(True))
        .order_by(runs.c.started.desc(), runs.c.id.desc())
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    if row is None:
        return None
    return RunRecord(
        id=row.id,
        job=row.job,
        started=row.started,
        finished=row.finished,
        ok=row.ok,
        message_nl=row.message_nl,
        details=json.loads(row.details or "{}"),
    )


def prune_runs(engine: Engine, before: datetime) -> int:
    """Forget runs that started before ``before`` (the purge job keeps RUNS_KEPT_DAYS)."""
    with engine.begin() as conn:
        return int(conn.execute(delete(runs).where(runs.c.started < before)).rowcount)
