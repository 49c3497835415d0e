"""Jobs after approval: the site is rebuilt and the post goes to the (fake) Graph API, in a
background thread of the server; the page polls for progress and shows the last runs."""
# ruff: noqa: F811  (pytest fixtures imported from other conftest modules are arguments here)

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine

from generator import pipeline
from generator.backoffice.jobs import LEASE, Jobs
from generator.forms.app import create_app
from generator.ops.lease import lease
from tests.backoffice.test_workbench import (  # noqa: F401  (fixtures)
    CLIENTS,
    NEW,
    TODAY,
    posted,
    project,
    session,
    url,
)
from tests.forms.conftest import database_url, engine, make_runtime, pg_url, rows, serve  # noqa: F401
from tests.publish.conftest import HAARLEM, fake  # noqa: F401
from tests.publish.fakegraph import FakeGraph, Fault

JOB_DEADLINE_S = 180  # a bound, not a measurement: a demo build takes seconds


@pytest.fixture
def working_url(project: Path, engine: Engine, database_url: str) -> Iterator[str]:
    """The app with its background work on: jobs run in the server's own thread."""
    catalog = pipeline.check(project / "site_config.yml", on=TODAY)
    runtime = make_runtime(database_url, background=True)
    with serve(create_app(catalog, runtime, engine)) as base:
        yield base
    for client in CLIENTS:
        client.close()
    CLIENTS.clear()


def wait_idle(client: httpx.Client) -> dict[str, Any]:
    deadline = time.monotonic() + JOB_DEADLINE_S
    while True:
        state: dict[str, Any] = client.get("/backoffice/profielen/taken.json").json()
        if not state["bezig"]:
            return state
        assert time.monotonic() < deadline, f"job still running after {JOB_DEADLINE_S} s: {state}"
        time.sleep(0.2)


def test_approval_rebuilds_the_site_and_posts_to_facebook(
    working_url: str, project: Path, engine: Engine, fake: FakeGraph
) -> None:
    from generator.backoffice import drafts

    ans, ans_csrf = session(working_url, engine, "ans", "coordinator", "haarlem")
    ans.post("/backoffice/profielen/opslaan", data=posted(ans_csrf, NEW, actie="indienen"))
    (draft,) = rows(engine, drafts.concepten)
    bob, bob_csrf = session(working_url, engine, "bob", "coordinator", "haarlem")
    before = len(fake.live_posts(HAARLEM))
    bob.post(f"/backoffice/profielen/beoordelen/{draft['id']}/goedkeuren", data={"csrf": bob_csrf})
    state = wait_idle(bob)
    last = state["laatste"][0]
    assert last["taak"] == "profiel:haarlem-nieuw1"
    assert last["gelukt"] is True, last["melding"]
    assert "Facebook: 1 actie(s) uitgevoerd" in last["melding"]
    assert len(fake.live_posts(HAARLEM)) == before + 1
    pages = [p for p in (project / "site").rglob("index.html") if "haarlem-nieuw1" in str(p)]
    assert pages, "no page for the approved profile in site/"
    # The page lists the run, in Dutch.
    assert "gelukt" in bob.get("/backoffice/profielen/taken").text


def test_only_the_backoffice_role_starts_a_full_site_run(url: str, engine: Engine) -> None:
    carl, carl_csrf = session(url, engine, "carl", "coordinator", "wijchen")
    refused = carl.post("/backoffice/profielen/taken/site-bijwerken", data={"csrf": carl_csrf})
    assert refused.status_code == 403
    assert (
        'name="csrf"' in refused.text
        and "Site bijwerken</button>" not in carl.get("/backoffice/profielen/taken").text
    )
    office, csrf = session(url, engine, "bureau", "backoffice")
    started = office.post(
        "/backoffice/profielen/taken/site-bijwerken", data={"csrf": csrf}, follow_redirects=False
    )
    assert started.status_code == 303
    # Background work is off in this app: the run waits in the queue, and the page says so.
    assert "In de wachtrij: Site bijwerken" in office.get("/backoffice/profielen/taken").text


def test_one_job_at_a_time_across_instances(project: Path, engine: Engine) -> None:
    jobs = Jobs(engine, project / "site_config.yml")
    # Another instance holds the lease: this one records that it did not start, in Dutch.
    with lease(engine, LEASE, 60) as got:
        assert got
        jobs.submit_profile("haarlem-b2dq")
        deadline = time.monotonic() + JOB_DEADLINE_S
        while jobs.busy():
            assert time.monotonic() < deadline, "the job did not give up"
            time.sleep(0.05)
    jobs.stop()
    run = jobs.recent()[0]  # PostgreSQL keeps the runs of earlier tests
    assert run.job == "backoffice:profiel:haarlem-b2dq" and run.ok is False
    assert run.message_nl.startswith("Niet gestart: een andere server voert al een taak uit.")


def test_a_failing_facebook_post_is_reported_in_dutch(
    working_url: str, engine: Engine, fake: FakeGraph
) -> None:
    from generator.backoffice import drafts

    fake.fail_next("POST photos", Fault("error", code=368, message="Tijdelijk geblokkeerd"))
    ans, ans_csrf = session(working_url, engine, "ans", "coordinator", "haarlem")
    ans.post("/backoffice/profielen/opslaan", data=posted(ans_csrf, NEW, actie="indienen"))
    (draft,) = rows(engine, drafts.concepten)
    bob, bob_csrf = session(working_url, engine, "bob", "coordinator", "haarlem")
    bob.post(f"/backoffice/profielen/beoordelen/{draft['id']}/goedkeuren", data={"csrf": bob_csrf})
    last = wait_idle(bob)["laatste"][0]
    assert last["gelukt"] is False
    assert last["melding"].startswith("Mislukt: Facebook: 0 gelukt, 1 mislukt: ")
    assert "mislukt" in bob.get("/backoffice/profielen/taken").text
