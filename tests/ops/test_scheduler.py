"""The job runner: runs each job on its clock under its lease, records runs, and settles."""

from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime

from sqlalchemy import Engine

from generator.ops.lease import lease
from generator.ops.runs import Run, last_runs
from generator.ops.scheduler import Job, Scheduler, every


def test_stop_settles_no_run_starts_after_stop_and_a_run_in_progress_finishes(
    engine: Engine,
) -> None:
    calls: list[str] = []
    slow_started = threading.Event()

    def fast(run: Run) -> None:
        calls.append("snel")

    def slow(run: Run) -> None:
        slow_started.set()
        threading.Event().wait(0.3)  # still running when stop is asked
        calls.append("traag-klaar")

    scheduler = Scheduler(engine, [Job("snel", fast, every(0.02)), Job("traag", slow, every(0.02))])

    async def scenario() -> tuple[int, int, bool]:
        stopping = asyncio.Event()
        task = asyncio.create_task(scheduler.run(stopping))
        while not slow_started.is_set() or len(calls) < 3:
            await asyncio.sleep(0.01)
        stopping.set()
        await task
        settled = (len(calls), len(last_runs(engine, n=1000)), "traag-klaar" in calls)
        await asyncio.sleep(0.3)  # the quiet after: fifteen intervals, nothing may happen
        return settled

    calls_at_stop, runs_at_stop, slow_finished = asyncio.run(scenario())
    assert slow_finished  # the run in progress was waited for, not cut off
    assert (len(calls), len(last_runs(engine, n=1000))) == (calls_at_stop, runs_at_stop)
    assert all(r.finished is not None and r.ok for r in last_runs(engine, n=1000))


def test_a_job_held_by_another_instance_is_skipped_not_run(engine: Engine) -> None:
    ran: list[int] = []
    job = Job("backup", lambda run: ran.append(1), every(60))
    scheduler = Scheduler(engine, [job])
    with lease(engine, "backup", ttl_s=60) as got:
        assert got
        assert scheduler.run_job(job) is False
    assert ran == [] and last_runs(engine) == []
    assert scheduler.run_job(job) is True
    assert ran == [1] and [r.job for r in last_runs(engine)] == ["backup"]


def test_a_failing_run_is_recorded_and_the_job_goes_on(engine: Engine) -> None:
    attempts: list[int] = []

    def flaky(run: Run) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise ConnectionError("smtp weg")

    scheduler = Scheduler(engine, [Job("outbox", flaky, every(0.01))])

    async def scenario() -> None:
        stopping = asyncio.Event()
        task = asyncio.create_task(scheduler.run(stopping))
        while len(attempts) < 2:
            await asyncio.sleep(0.01)
        stopping.set()
        await task

    asyncio.run(scenario())
    oldest = last_runs(engine, n=1000)[-1]
    assert oldest.ok is False and oldest.message_nl == "Mislukt: ConnectionError"
    assert last_runs(engine, n=1000)[0].ok is True


def test_a_quiet_job_records_only_runs_that_did_something(engine: Engine) -> None:
    turns: list[int] = []

    def work(run: Run) -> None:
        turns.append(1)
        if len(turns) == 3:
            run.message_nl = "2 e-mail(s) verstuurd"
            run.details = {"verstuurd": 2}

    job = Job("outbox", work, every(1), quiet=True)
    scheduler = Scheduler(engine, [job])
    for _ in range(4):
        assert scheduler.run_job(job)
    [only] = last_runs(engine)
    assert only.details == {"verstuurd": 2} and only.ok is True


def test_wake_runs_a_job_before_its_time(engine: Engine) -> None:
    ran: list[datetime] = []
    job = Job("outbox", lambda run: ran.append(datetime.now(UTC)), every(3600), at_start=False)
    scheduler = Scheduler(engine, [job])

    async def scenario() -> None:
        stopping = asyncio.Event()
        task = asyncio.create_task(scheduler.run(stopping))
        await asyncio.sleep(0.05)
        assert ran == []
        scheduler.wake("outbox")
        while not ran:
            await asyncio.sleep(0.01)
        stopping.set()
        await task

    asyncio.run(scenario())
    assert len(ran) == 1
