"""The job runner of the production process: each job on its own clock, one instance at a time.

A job is a plain function run in a worker thread. Before each run the scheduler takes the job's
lease (``ops.lease``): on PostgreSQL with several instances exactly one of them runs it, the
others skip that turn. Each run is recorded in ``runs`` (``ops.runs``); a ``quiet`` job (the
outbox sender, every few seconds) records only the runs that did something or failed.

    scheduler = Scheduler(engine, [job, ...])
    await scheduler.run(stopping)     # until ``stopping`` is set; then settles

Stopping settles: no job starts after ``stopping`` is set, a run in progress is waited for
(a thread cannot be cancelled, and a run cut off would leave its engine in use after the
caller disposed it), and ``run`` returns only when every loop has ended.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import anyio
from sqlalchemy import Engine

from generator.forms.store import utcnow
from generator.ops.lease import lease
from generator.ops.runs import Run, record_run, save_run

log = logging.getLogger("buurtsite.ops")
STOP_WAIT = 60.0  # seconds a run in progress may take to finish at shutdown


def every(seconds: float) -> Callable[[datetime], datetime]:
    """A clock for a job that runs every ``seconds``."""
    return lambda now: now + timedelta(seconds=seconds)


@dataclass(frozen=True)
class Job:
    name: str  # the lease and the ``runs.job`` value
    work: Callable[[Run], None]  # fills in run.message_nl / details; raises on failure
    next_at: Callable[[datetime], datetime]  # aware UTC now -> aware UTC moment of the next run
    ttl_s: float = 3600.0  # lease expiry on SQLite: longer than the longest run
    at_start: bool = True  # run once right at start-up (else wait for next_at)
    quiet: bool = False  # record only runs that did something (details) or failed


class Scheduler:
    def __init__(
        self,
        engine: Engine,
        jobs: list[Job],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.engine = engine
        self.jobs = {job.name: job for job in jobs}
        self.clock = clock
        self._wake: dict[str, asyncio.Event] = {}
        self._stopping: asyncio.Event | None = None

    def wake(self, name: str) -> None:
        """Run job ``name`` now rather than at its next time (e.g. the outbox after a sign-up)."""
        event = self._wake.get(name)
        if event is not None:
            event.set()

    async def run(self, stopping: asyncio.Event) -> None:
        """Run every job until ``stopping`` is set, then wait for runs in progress."""
        self._stopping = stopping
        self._wake = {name: asyncio.Event() for name in self.jobs}
        tasks = [asyncio.create_task(self._loop(job, stopping)) for job in self.jobs.values()]
        try:
            await stopping.wait()
        finally:
            for event in self._wake.values():
                event.set()
            if tasks:
                _, hanging = await asyncio.wait(tasks, timeout=STOP_WAIT)
                for task in hanging:
                    log.warning("taak stopte niet binnen %d s", STOP_WAIT)
                    task.cancel()
                for task in hanging:
                    with contextlib.suppress(asyncio.CancelledError):
                        await task

    async def _loop(self, job: Job, stopping: asyncio.Event) -> None:
        wake = self._wake[job.name]
        due = self.clock() if job.at_start else job.next_at(self.clock())
        while not stopping.is_set():
            wait = (due - self.clock()).total_seconds()
            if wait > 0:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(wake.wait(), wait)
            wake.clear()
            if stopping.is_set():
                return
            try:
                await anyio.to_thread.run_sync(self.run_job, job)
            except Exception:  # a failing run must not stop the job, nor the others
                log.exception("taak %s mislukt", job.name)
            due = job.next_at(self.clock())

    def run_job(self, job: Job) -> bool:
        """One turn of ``job`` under its lease; False when another instance holds it."""
        with lease(self.engine, job.name, job.ttl_s) as got:
            if not got:
                return False
            if not job.quiet:
                with record_run(self.engine, job.name) as run:
                    job.work(run)
                return True
            run = Run(id=0, job=job.name, started=utcnow())
            try:
                job.work(run)
            except Exception as exc:
                run.ok = False
                run.message_nl = run.message_nl or f"Mislukt: {type(exc).__name__}"
                save_run(self.engine, run)
                raise
            if run.details or not run.ok:
                save_run(self.engine, run)
            return True
