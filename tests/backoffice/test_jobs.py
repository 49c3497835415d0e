"""Jobs after approval: the site is rebuilt and the post goes to the (fake) Graph API, in a
background thread of the server; the page polls for progress and shows the last runs."""
# ruff: noqa: F811  (pytest fixtures imported from other conftest modules are arguments here)

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.routing import Mount

from generator import load, pipeline
from generator.backoffice.jobs import LEASE, Jobs
from generator.forms.app import create_app
from generator.ops.lease import lease
from generator.server.app import Production
from tests.backoffice.test_workbench import (  # noqa: F401  (fixtures)
    CLIENTS,
    NEW,
    TODAY,
    posted,
    project,
    session,
    url,
)
from tests.forms.conftest import (  # noqa: F401
    database_url,
    engine,
    free_port,
    make_runtime,
    pg_url,
    rows,
    serve,
)
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


def test_the_server_warms_the_project_at_start_and_stops_its_jobs_cleanly(
    project: Path, engine: Engine, database_url: str, tmp_path: Path
) -> None:
    """Production's lifespan enters the forms app's, which enters the backoffice's."""
    catalog = pipeline.check(project / "site_config.yml", on=TODAY)
    app = Production(
        catalog, make_runtime(database_url, background=True), project / "site", tmp_path, engine
    )
    (office,) = [r.app for r in app.forms.routes if isinstance(r, Mount)]
    assert isinstance(office, Starlette)
    jobs: Jobs = office.state.workbench.jobs
    load._PARSED.clear()  # the process-wide parse cache; the warm-up must fill it again
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + JOB_DEADLINE_S
        while jobs.warmed_cpu_s is None:  # checked once, before any approval
            assert thread.is_alive() and time.monotonic() < deadline, "no warm-up"
            time.sleep(0.05)
        profiles = {str(p) for p in (project / "profiles").rglob("*.yml")}
        assert profiles <= {key[0] for key in load._PARSED}
        jobs.submit_site()
        jobs.submit_profile("haarlem-b2dq")  # waits behind the full build
        while jobs.status()[0] is None:
            assert time.monotonic() < deadline, "the site job did not start"
            time.sleep(0.02)
    finally:
        server.should_exit = True
        thread.join(JOB_DEADLINE_S)
    assert not thread.is_alive(), "the server did not stop"
    assert [t.name for t in threading.enumerate() if t.name == "backoffice-taken"] == []
    runs = {r.job: r for r in reversed(jobs.recent())}  # PostgreSQL keeps earlier tests' runs
    site = runs["backoffice:site"]
    assert site.finished is not None  # finished, or ended at a step: never left "bezig"
    assert site.ok or site.message_nl.startswith("Afgebroken: de server stopte voordat ")
    dropped = runs["backoffice:profiel:haarlem-b2dq"]
    assert dropped.ok is False
    assert dropped.message_nl.startswith("Niet uitgevoerd: de server stopte.")


def test_a_broken_project_at_warm_up_is_one_dutch_log_line_not_a_traceback(
    engine: Engine, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # A coordinator's broken site_config.yml is their mistake: the server log says so in
    # Dutch; the job that needs the project reports it again when it runs.
    (tmp_path / "site_config.yml").write_text("site: [\n", encoding="utf-8")
    jobs = Jobs(engine, tmp_path / "site_config.yml", work=False)
    with caplog.at_level("INFO", logger="buurtsite.backoffice.jobs"):
        jobs._warm_up()
    records = [r for r in caplog.records if r.name == "buurtsite.backoffice.jobs"]
    assert [r.exc_info for r in records] == [None]
    assert "site_config.yml" in records[0].getMessage()
    assert jobs.warmed_cpu_s is None
