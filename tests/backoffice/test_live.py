"""The workbench's live privacy check and preview over HTTP (SQLite and PostgreSQL)."""
# ruff: noqa: F811  (pytest fixtures imported from tests.forms.conftest are arguments here)

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from generator.backoffice import form
from tests.forms.conftest import (  # noqa: F401  (fixtures)
    REPO,
    TestClient,  # imported there with starlette's own deprecation warning silenced
    add_user,
    catalog,
    client,
    database_url,
    engine,
    log_in,
    pg_url,
)

STORY = (
    "Sanne is een vrolijk meisje van 8 dat op basisschool De Regenboog in groep 5 zit. Haar moeder werkt "
    "veel en zoekt een gezin in de buurt voor een vaste middag in de week."
)
DRAFT: dict[str, Any] = {
    "id": "haarlem-live1",
    "gemeente": "haarlem",
    "wijk": "Schalkwijk",
    "titel": "Een vrolijk meisje van 8 zoekt een speelmaatje-gezin",
    "kinderen": [{"leeftijd": 8, "geslacht": "meisje"}],
    "steunvormen": ["speelmiddag"],
    "frequentie": "wekelijks",
    "verhaal": STORY,
    "status": "open",
    "gepubliceerd": "2026-11-20",
    "illustratie": "spelen",
}


def fields(csrf: str, **changes: Any) -> dict[str, Any]:
    """The draft as the profile form posts it (input names are check's field paths)."""
    values = form.values_from({**DRAFT, **changes})
    return {**{k: v for k, v in values.items() if v not in ("", [])}, "csrf": csrf}


def coordinator(client: TestClient, engine: Engine) -> str:
    password = add_user(engine, "ans", "coordinator", "haarlem")
    return log_in(client, "ans", password)


def test_check_returns_what_check_format_json_prints(
    client: TestClient, engine: Engine, tmp_path: Path
) -> None:
    csrf = coordinator(client, engine)
    response = client.post(
        "/backoffice/profielen/controle",
        data=fields(csrf),
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200
    found = response.json()["findings"]
    named = {f["text"]: f for f in found if f["code"].startswith("privacy-")}
    assert named["Sanne"]["severity"] == "error" and named["Sanne"]["field"] == "verhaal"
    assert (
        "basisschool De Regenboog" in named
        and named["basisschool De Regenboog"]["code"] == "privacy-institution"
    )
    assert named["Sanne"]["suggestion"]
    # The same draft as a file in a copy of the project, through the real command line.
    project = tmp_path / "project"
    project.mkdir()
    for name in ("site_config.yml",):
        (project / name).write_bytes((REPO / name).read_bytes())
    for folder in ("theme", "content"):
        subprocess.run(["cp", "-r", str(REPO / folder), str(project / folder)], check=True)
    target = project / "profiles" / "haarlem" / "haarlem-live1.yml"
    target.parent.mkdir(parents=True)
    target.write_text(form.to_yaml(form.data_from(fields(csrf), {})), encoding="utf-8")
    cli = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--format", "json", str(target)],
        cwd=project,
        capture_output=True,
        text=True,
        env={"BUURTSITE_TODAY": "2026-11-23", "PATH": "/usr/bin:/bin"},
    )
    printed = [json.loads(line) for line in cli.stdout.splitlines() if line.startswith("{")]
    assert printed, cli.stderr
    assert found == printed


def test_accepting_a_finding_with_a_reason_makes_it_info(
    client: TestClient, engine: Engine
) -> None:
    csrf = coordinator(client, engine)
    posted = fields(csrf)
    posted["privacy.toegestaan"] = "basisschool De Regenboog | zo heet de speeltuin, niet de school"
    found = client.post(
        "/backoffice/profielen/controle", data=posted, headers={"Accept": "application/json"}
    ).json()["findings"]
    regenboog = [f for f in found if f.get("text") == "basisschool De Regenboog"]
    assert [f["severity"] for f in regenboog] == ["info"]
    assert "zo heet de speeltuin" in regenboog[0]["message"]


def test_incomplete_draft_still_gets_its_privacy_findings(
    client: TestClient, engine: Engine
) -> None:
    csrf = coordinator(client, engine)
    posted = {"csrf": csrf, "gemeente": "haarlem", "verhaal": STORY}
    found = client.post(
        "/backoffice/profielen/controle", data=posted, headers={"Accept": "application/json"}
    ).json()["findings"]
    assert any(f["code"] == "missing-field" or f["severity"] == "error" for f in found)
    assert "Sanne" in {f.get("text") for f in found}


def test_without_javascript_controleren_renders_the_findings(
    client: TestClient, engine: Engine
) -> None:
    csrf = coordinator(client, engine)
    page = client.post("/backoffice/profielen/controle", data=fields(csrf))
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert re.search(r'<mark class="melding-error">\s*Sanne\s*</mark>', page.text)
    assert "Schrijf een omschrijving" in page.text


def test_check_needs_login_csrf_and_own_gemeente(client: TestClient, engine: Engine) -> None:
    anonymous = client.post("/backoffice/profielen/controle", data=fields("x"))
    assert anonymous.status_code in (303, 200) and "Sanne" not in anonymous.text
    csrf = coordinator(client, engine)
    forged = client.post(
        "/backoffice/profielen/controle",
        data=fields("vervalst"),
        headers={"Accept": "application/json"},
    )
    assert forged.status_code == 403
    other = client.post(
        "/backoffice/profielen/controle",
        data=fields(csrf, gemeente="wijchen"),
        headers={"Accept": "application/json"},
    )
    assert other.status_code == 403 and "Sanne" not in other.text


def test_preview_renders_page_and_card_from_the_unsaved_draft(
    client: TestClient, engine: Engine
) -> None:
    csrf = coordinator(client, engine)
    posted = fields(
        csrf,
        verhaal=STORY.replace("Sanne", "Dit meisje").replace("basisschool De Regenboog", "school"),
    )
    part = client.post(
        "/backoffice/profielen/voorbeeld", data=posted, headers={"X-Werkbank": "deel"}
    )
    assert part.status_code == 200
    assert "Een vrolijk meisje van 8 zoekt een speelmaatje-gezin" in part.text
    assert "<html" not in part.text  # a fragment for the script
    card = re.search(r'src="(/backoffice/profielen/voorbeeld/kaart/[0-9a-f]+\.png)"', part.text)
    assert card
    png = client.get(card.group(1))
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    whole = client.post("/backoffice/profielen/voorbeeld", data=posted)
    assert "<html" in whole.text and "Voorbeeld van het zoekprofiel" in whole.text
    # Nothing was written: the draft is not in profiles/.
    assert not list((REPO / "profiles").glob("*/haarlem-live1.yml"))


def test_preview_of_an_incomplete_draft_says_what_is_missing(
    client: TestClient, engine: Engine
) -> None:
    csrf = coordinator(client, engine)
    page = client.post(
        "/backoffice/profielen/voorbeeld", data={"csrf": csrf, "gemeente": "haarlem"}
    )
    assert page.status_code == 200 and "Nog geen voorbeeld" in page.text
    assert "fout" in page.text


def test_workbench_script_is_served_and_allowed_by_the_csp(client: TestClient) -> None:
    script = client.get("/backoffice/static/werkbank.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    csp = script.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "connect-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert client.get("/backoffice/static/..%2Fapp.py").status_code == 404
    login = client.get("/backoffice/inloggen")
    assert "script-src 'self'" in login.headers["content-security-policy"]


def test_the_profile_form_carries_the_workbench_hook(client: TestClient, engine: Engine) -> None:
    coordinator(client, engine)
    page = client.get("/backoffice/profielen/nieuw?gemeente=haarlem")
    assert page.status_code == 200
    assert page.text.count('src="/backoffice/static/werkbank.js"') == 1
    assert 'formaction="/backoffice/profielen/controle">Controleren</button>' in page.text
    assert 'formaction="/backoffice/profielen/voorbeeld">Voorbeeld</button>' in page.text
    assert int(page.headers["content-length"]) == len(page.content)
    # Other pages are left as they are.
    assert "werkbank.js" not in client.get("/backoffice/").text
