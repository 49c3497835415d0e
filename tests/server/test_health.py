"""generator.ops.health and the status panel: each sign of trouble shows, nothing personal does."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from generator.forms import store
from generator.forms.app import create_app
from generator.ops.health import Sources, TokenWatch, health
from generator.ops.runs import record_run
from generator.ops.tables import runs
from generator.validate import Catalog
from tests.forms.conftest import ORIGIN, add_user, log_in, make_runtime, serve, valid
from tests.publish.conftest import HAARLEM, PAGES, RIJSWIJK
from tests.publish.fakegraph import FakeGraph


@pytest.fixture(autouse=True)
def _no_runs_of_other_tests(request: pytest.FixtureRequest) -> None:
    """The PostgreSQL test database lives for the session; runs of earlier tests stay in it."""
    if "engine" in request.fixturenames:
        engine: Engine = request.getfixturevalue("engine")
        with engine.begin() as conn:
            conn.execute(runs.delete())


def sources(engine: Engine, small_site: Path, tmp_path: Path) -> Sources:
    return Sources(engine, small_site, tmp_path / "data")


def test_a_fresh_installation_warns_only_about_the_missing_backup(
    engine: Engine, small_site: Path, tmp_path: Path
) -> None:
    report = health(sources(engine, small_site, tmp_path))
    assert report["status"] == "waarschuwing"
    assert report["database"] == {"bereikbaar": True}
    assert report["wachtrij"] == {"wachtend": 0, "oudste_seconden": None}
    assert report["backup"]["laatste"] is None and report["site"]["laatst_gebouwd"]
    assert report["meldingen"] == [
        "De laatste backup is ouder dan anderhalve dag (of er is er geen)."
    ]


def test_backup_age_and_runs_are_reported(engine: Engine, small_site: Path, tmp_path: Path) -> None:
    backups = tmp_path / "data" / "backups"
    backups.mkdir(parents=True)
    old = backups / "aanmeldingen-1.sqlite3"
    old.write_bytes(b"x")
    two_days = time.time() - 2 * 24 * 3600
    os.utime(old, (two_days, two_days))
    assert health(sources(engine, small_site, tmp_path))["backup"]["leeftijd_uren"] >= 47.9
    (backups / "aanmeldingen-2.sqlite3").write_bytes(b"x")
    with record_run(engine, "publiceren") as run:
        run.message_nl = "1 bericht geplaatst"
    report = health(sources(engine, small_site, tmp_path))
    assert report["status"] == "ok" and report["meldingen"] == []
    assert report["backup"]["leeftijd_uren"] < 1
    assert report["publicatie"]["laatst_gelukt"] is not None


def test_an_unreachable_database_is_a_failure_not_an_exception(
    small_site: Path, tmp_path: Path
) -> None:
    # Nothing listens on port 1: the connection is refused at once.
    broken = store.make_engine("postgresql://buurtsite@127.0.0.1:1/buurtsite?connect_timeout=2")
    try:
        report = health(sources(broken, small_site, tmp_path))
    finally:
        broken.dispose()
    assert report["status"] == "storing" and report["database"]["bereikbaar"] is False
    assert "De database is niet bereikbaar." in report["meldingen"]


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeGraph]:
    fake = FakeGraph()
    for page_id, token in PAGES.items():
        fake.add_page(page_id, token)
    tokens = tmp_path / "tokens.json"
    tokens.write_text(json.dumps(PAGES), encoding="utf-8")
    monkeypatch.setenv("BUURTSITE_FACEBOOK_TOKENS", str(tokens))
    with fake.running():
        monkeypatch.setenv("BUURTSITE_GRAPH_URL", fake.url)
        yield fake


def test_tokens_that_expire_within_14_days_are_named_never_shown(
    graph: FakeGraph, catalog: Catalog, engine: Engine, small_site: Path, tmp_path: Path
) -> None:
    now = int(time.time())
    graph.token_expiry[PAGES[HAARLEM]] = now + int(timedelta(days=5).total_seconds())
    graph.token_expiry[PAGES[RIJSWIJK]] = now + int(timedelta(days=30).total_seconds())
    watch = TokenWatch()
    watch.refresh(catalog.settings)
    found = sources(engine, small_site, tmp_path)
    found.tokens = watch
    report = health(found)
    assert report["tokens"]["verlopen_binnen_14_dagen"] == [HAARLEM]
    assert "Een Facebook-token verloopt binnen 14 dagen of is ongeldig." in report["meldingen"]
    text = json.dumps(report)
    assert not any(token in text for token in PAGES.values())


def test_status_panel_for_the_backoffice_role_only_and_without_personal_data(
    catalog: Catalog, engine: Engine, database_url: str
) -> None:
    app = create_app(catalog, make_runtime(database_url), engine)
    boss = add_user(engine, "landelijk", "backoffice")
    local = add_user(engine, "haarlem", "coordinator", "haarlem")
    with serve(app) as url:
        with httpx.Client(base_url=url, headers={"Origin": ORIGIN}) as c:
            assert c.post("/aanmelden", data=valid(), follow_redirects=False).status_code == 303
        with httpx.Client(base_url=url) as c:
            log_in(c, "haarlem", local)
            assert c.get("/backoffice/status").status_code == 403
        with httpx.Client(base_url=url) as c:
            log_in(c, "landelijk", boss)
            panel = c.get("/backoffice/status")
    assert panel.status_code == 200
    assert "E-mails in de wachtrij</th><td>2" in panel.text
    assert valid()["email"] not in panel.text and valid()["naam"] not in panel.text


def test_a_backup_run_of_another_instance_counts(
    engine: Engine, small_site: Path, tmp_path: Path
) -> None:
    with record_run(engine, "backup") as run:
        run.message_nl = "backup gemaakt"
    report = health(sources(engine, small_site, tmp_path))
    assert report["backup"]["laatste"] is not None and report["backup"]["leeftijd_uren"] < 1
    assert report["status"] == "ok"


def test_a_post_in_the_publishers_ledger_counts_as_the_last_publish(
    engine: Engine, small_site: Path, tmp_path: Path
) -> None:
    from datetime import date

    from generator.publish.ledger import Ledger, PostState

    assert health(sources(engine, small_site, tmp_path))["publicatie"]["laatst_gelukt"] is None
    # The ledger is in the same database as everything else (SQLite or PostgreSQL).
    with Ledger.in_dir(tmp_path / "data", engine) as ledger:
        failed = ledger.begin("haarlem-p7wx", HAARLEM, "create", date(2026, 11, 23))
        ledger.fail(failed, "GraphError")
        ledger.forget_pending("haarlem-p7wx")  # a definite refusal: no post (as the runner does)
    assert health(sources(engine, small_site, tmp_path))["publicatie"]["laatst_gelukt"] is None
    with Ledger.in_dir(tmp_path / "data", engine) as ledger:
        done = ledger.begin("haarlem-p7wx", HAARLEM, "create", date(2026, 11, 23))
        ledger.finish(done, "haarlem-p7wx", PostState.LIVE, post_id="1_2")
    report = health(sources(engine, small_site, tmp_path))
    assert report["publicatie"]["laatst_gelukt"] is not None
