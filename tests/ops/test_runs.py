"""Run records: written at the start, completed however the run ends, newest first."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine

from generator.ops.runs import last_runs, last_success, record_run


def test_a_good_run_is_recorded_with_its_message_and_details(engine: Engine) -> None:
    with record_run(engine, "publiceren") as run:
        [going] = last_runs(engine)
        assert going.ok is None and going.finished is None
        run.message_nl = "3 berichten geplaatst"
        run.details = {"geplaatst": 3}
    [done] = last_runs(engine)
    assert done.ok is True
    assert done.finished is not None and done.finished >= done.started
    assert done.message_nl == "3 berichten geplaatst"
    assert done.details == {"geplaatst": 3}


def test_an_exception_marks_the_run_failed_by_class_name_only(engine: Engine) -> None:
    with pytest.raises(ValueError), record_run(engine, "backup"):
        raise ValueError("jan@example.org")  # an error text may hold personal data
    [failed] = last_runs(engine, "backup")
    assert failed.ok is False
    assert failed.message_nl == "Mislukt: ValueError"
    assert "jan@" not in failed.message_nl


def test_last_runs_newest_first_per_job_and_last_success(engine: Engine) -> None:
    for job in ("backup", "publiceren", "backup"):
        with record_run(engine, job):
            pass
    with record_run(engine, "backup") as run:
        run.ok = False
    assert [r.job for r in last_runs(engine)] == ["backup", "backup", "publiceren", "backup"]
    assert len(last_runs(engine, "backup", n=2)) == 2
    assert [r.ok for r in last_runs(engine, "backup")] == [False, True, True]
    good = last_success(engine, "backup")
    assert good is not None and good.ok is True
    assert last_success(engine, "bouwen") is None
