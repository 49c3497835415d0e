"""axe-core on every server-rendered workbench page, filled with real drafts, a review and a
history: no serious or critical violation. (The live preview pane that werkbank.js adds to the
form is audited with JavaScript in tests/browser/test_workbench.py.)"""
# ruff: noqa: F811  (pytest fixtures imported from other modules are arguments here)

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from sqlalchemy import Engine

from generator import pipeline
from generator.backoffice import drafts
from generator.build import write_print_matter
from tests.backoffice.test_workbench import (  # noqa: F401  (fixtures)
    CLIENTS,
    NEW,
    TODAY,
    first_open,
    posted,
    project,
    session,
    url,
)
from tests.browser.steps import axe_violations
from tests.forms.conftest import database_url, engine, pg_url, rows  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_workbench_server_pages_have_no_serious_accessibility_problems(
    browser: Browser, axe_source: str, url: str, project: Path, engine: Engine
) -> None:
    ans, csrf = session(url, engine, "ans", "coordinator", "haarlem")
    named = {**NEW, "verhaal": "Daan Jansen is een vrolijke jongen van 8. " + NEW["verhaal"]}
    ans.post("/backoffice/profielen/opslaan", data=posted(csrf, named, actie="indienen"))
    second = {**NEW, "id": "haarlem-nieuw2"}
    ans.post("/backoffice/profielen/opslaan", data=posted(csrf, second, actie="indienen"))
    refused, waiting = rows(engine, drafts.concepten)
    profile_id, _ = first_open(project, "haarlem")
    # The profile page with its poster and flyer to download, as built while it was open.
    catalog = pipeline.checked(project / "site_config.yml", on=TODAY)
    write_print_matter(catalog, project / "site", project / ".cache" / "kaarten", "haarlem")
    ans.post(
        f"/backoffice/profielen/profiel/{profile_id}/status",
        data={"csrf": csrf, "status": "in_gesprek"},
    )
    session(url, engine, "bob", "coordinator", "haarlem")
    context = browser.new_context(bypass_csp=True)
    # The pages as the server renders them (as without JavaScript); axe itself needs scripts.
    context.route("**/werkbank.js", lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(url + "/backoffice/inloggen")
        page.get_by_label("Gebruikersnaam").fill("bob")
        page.get_by_label("Wachtwoord").fill("wachtwoord-bob-123")
        page.get_by_role("button", name="Inloggen").click()
        found = {}
        for path in (
            "",
            f"concept/{refused['id']}",
            f"beoordelen/{waiting['id']}",
            f"profiel/{profile_id}",
            f"bewerken/{profile_id}",
            f"nieuw?broer_zus={profile_id}",
            "taken",
        ):
            page.goto(f"{url}/backoffice/profielen/{path}")
            found[path] = axe_violations(page, axe_source)
            if path.startswith("profiel/"):
                assert page.get_by_role("link", name="Poster (A4) downloaden").count() == 1
    finally:
        context.close()
        for client in CLIENTS:
            client.close()
        CLIENTS.clear()
    assert not any(found.values()), json.dumps(found, ensure_ascii=False, indent=1)
