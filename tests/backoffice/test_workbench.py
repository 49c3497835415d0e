"""The workbench over real HTTP (uvicorn on 127.0.0.1), on SQLite and PostgreSQL, against a
temporary git repository holding a copy of the demo project."""
# ruff: noqa: F811  (pytest fixtures imported from tests.forms.conftest are arguments here)

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from sqlalchemy import Engine, select

from generator import pipeline
from generator.backoffice import drafts, form
from generator.forms.app import create_app
from generator.forms.store import audit
from generator.validate import Catalog
from tests.forms.conftest import (  # noqa: F401  (fixtures)
    REPO,
    add_user,
    csrf_of,
    database_url,
    engine,
    log_in,
    make_runtime,
    pg_url,
    rows,
    serve,
)

TODAY = date(2026, 11, 23)
CLEAN_STORY = (
    "Een vrolijk meisje van 8 zoekt een gezin in de buurt voor een vaste middag in de week. "
    "Ze houdt van tekenen en buiten spelen."
)
NEW: dict[str, Any] = {
    "id": "haarlem-nieuw1",
    "gemeente": "haarlem",
    "wijk": "Schalkwijk",
    "titel": "Een vrolijk meisje van 8 zoekt een speelmaatje-gezin",
    "kinderen": [{"leeftijd": 8, "geslacht": "meisje"}],
    "steunvormen": ["speelmiddag"],
    "frequentie": "wekelijks",
    "verhaal": CLEAN_STORY,
    "status": "open",
    "gepubliceerd": "2026-11-20",
    "illustratie": "spelen",
}


def git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, check=True, timeout=30
    ).stdout


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo project in a fresh git repository with one commit."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "site_config.yml", root)
    shutil.copy(REPO / ".gitignore", root)
    for folder in ("profiles", "content", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    git(root, "init", "--quiet", "--initial-branch=main")
    git(root, "add", "-A")
    git(root, "-c", "user.name=demo", "-c", "user.email=demo@example.org", "commit", "-qm", "demo")
    monkeypatch.setenv("BUURTSITE_TODAY", TODAY.isoformat())
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path / "data"))
    return root


@pytest.fixture
def url(project: Path, engine: Engine, database_url: str) -> Iterator[str]:
    catalog: Catalog = pipeline.check(project / "site_config.yml", on=TODAY)
    with serve(create_app(catalog, make_runtime(database_url), engine)) as base:
        yield base
    for client in CLIENTS:
        client.close()
    CLIENTS.clear()


CLIENTS: list[httpx.Client] = []


def session(
    url: str, engine: Engine, name: str, role: str, *gemeenten: str
) -> tuple[httpx.Client, str]:
    password = add_user(engine, name, role, *gemeenten)
    client = httpx.Client(base_url=url, timeout=30)
    CLIENTS.append(client)
    return client, log_in(client, name, password)


def posted(csrf: str, data: dict[str, Any], **extra: str) -> dict[str, Any]:
    values = form.values_from(data)
    return {**{k: v for k, v in values.items() if v not in ("", [])}, "csrf": csrf, **extra}


def commits(root: Path) -> int:
    return int(git(root, "rev-list", "--count", "HEAD"))


def first_open(project: Path, gemeente: str) -> tuple[str, Path]:
    for path in sorted((project / "profiles" / gemeente).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if data["status"] == "open":
            return data["id"], path
    raise AssertionError(f"no open profile in {gemeente}")


def test_a_draft_with_a_privacy_error_never_reaches_profiles_or_git(
    url: str, project: Path, engine: Engine
) -> None:
    client, csrf = session(url, engine, "ans", "coordinator", "haarlem")
    before = commits(project)
    named = {**NEW, "verhaal": "Daan Jansen is een vrolijke jongen van 8. " + CLEAN_STORY}
    response = client.post(
        "/backoffice/profielen/opslaan", data=posted(csrf, named, actie="indienen")
    )
    assert response.status_code == 422
    # The message is check's, next to the field and linked to it.
    assert "`Daan Jansen` lijkt een naam" in html.unescape(response.text)
    assert 'aria-describedby="veld-verhaal-hulp veld-verhaal-fout"' in response.text
    assert not list(project.glob("profiles/*/haarlem-nieuw1.yml"))
    assert commits(project) == before
    assert git(project, "status", "--porcelain") == ""
    # The draft is not lost: it waits in the database.
    saved = rows(engine, drafts.concepten)
    assert [(d["profiel_id"], d["state"]) for d in saved] == [("haarlem-nieuw1", "concept")]
    assert "Daan Jansen" in saved[0]["yaml"]


def test_four_eyes_another_account_approves_and_git_names_the_author(
    url: str, project: Path, engine: Engine
) -> None:
    ans, ans_csrf = session(url, engine, "ans", "coordinator", "haarlem")
    response = ans.post(
        "/backoffice/profielen/opslaan",
        data=posted(ans_csrf, NEW, actie="indienen"),
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    waiting = ans.get(response.headers["location"]).text
    assert "wacht op goedkeuring door een tweede account" in waiting
    target = project / "profiles" / "haarlem" / "haarlem-nieuw1.yml"
    assert not target.exists()
    (draft,) = rows(engine, drafts.concepten)
    assert draft["state"] == "ter_beoordeling"
    # Her own change: she may not approve it.
    own = ans.post(
        f"/backoffice/profielen/beoordelen/{draft['id']}/goedkeuren", data={"csrf": ans_csrf}
    )
    assert own.status_code == 403
    assert "eigen wijziging" in own.text
    assert not target.exists()
    # A coordinator of another gemeente does not even see it.
    carl, carl_csrf = session(url, engine, "carl", "coordinator", "wijchen")
    assert carl.get(f"/backoffice/profielen/beoordelen/{draft['id']}").status_code == 404
    assert (
        carl.post(
            f"/backoffice/profielen/beoordelen/{draft['id']}/goedkeuren", data={"csrf": carl_csrf}
        ).status_code
        == 404
    )
    # A second account of Haarlem sees the diff and approves.
    bob, bob_csrf = session(url, engine, "bob", "coordinator", "haarlem")
    page = bob.get(f"/backoffice/profielen/beoordelen/{draft['id']}")
    assert "+titel: Een vrolijk meisje van 8" in page.text
    approved = bob.post(
        f"/backoffice/profielen/beoordelen/{draft['id']}/goedkeuren",
        data={"csrf": bob_csrf},
        follow_redirects=False,
    )
    assert approved.status_code == 303
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["titel"] == NEW["titel"]
    author, subject = git(project, "log", "-1", "--format=%an%x1f%s").strip().split("\x1f")
    assert author == "ans"
    assert subject.startswith("Zoekprofiel haarlem-nieuw1 nieuw: ")
    assert "verhaal" in subject and subject.endswith("(goedgekeurd door bob)")
    assert git(project, "status", "--porcelain") == ""
    assert rows(engine, drafts.concepten) == []
    with engine.connect() as conn:
        actions = [(r.actor, r.action) for r in conn.execute(select(audit))]
    assert ("bob", "goedgekeurd") in actions
    # And it is in the list, with who changed it last.
    listing = ans.get("/backoffice/profielen/")
    assert "haarlem-nieuw1" in listing.text


def test_sent_back_with_a_comment(url: str, engine: Engine) -> None:
    ans, ans_csrf = session(url, engine, "ans", "coordinator", "haarlem")
    ans.post("/backoffice/profielen/opslaan", data=posted(ans_csrf, NEW, actie="indienen"))
    (draft,) = rows(engine, drafts.concepten)
    bob, bob_csrf = session(url, engine, "bob", "coordinator", "haarlem")
    bob.post(
        f"/backoffice/profielen/beoordelen/{draft['id']}/terugsturen",
        data={"csrf": bob_csrf, "opmerking": "Noem de dag erbij."},
    )
    (back,) = rows(engine, drafts.concepten)
    assert back["state"] == "teruggestuurd"
    page = ans.get(f"/backoffice/profielen/concept/{draft['id']}")
    assert "Noem de dag erbij." in page.text


def test_a_file_changed_on_disk_is_not_overwritten_silently(
    url: str, project: Path, engine: Engine
) -> None:
    client, csrf = session(url, engine, "ans", "coordinator", "haarlem")
    profile_id, path = first_open(project, "haarlem")
    page = client.get(f"/backoffice/profielen/bewerken/{profile_id}")
    base = re.search(r'name="basis" value="([0-9a-f]{64})"', page.text)
    assert base
    opened = path.read_text(encoding="utf-8")
    assert "frequentie: maandelijks\n" in opened
    # Someone edits the file by hand meanwhile: a comment and another frequency.
    hand = opened.replace("frequentie: maandelijks", "# met de hand\nfrequentie: wekelijks")
    path.write_text(hand, encoding="utf-8")
    data = yaml.safe_load(opened)  # what she opened, and her change
    data["dagen"] = ["woensdag"]
    sent = posted(csrf, data, actie="indienen", basis=base.group(1), origineel=profile_id)
    before = commits(project)
    response = client.post("/backoffice/profielen/opslaan", data=sent)
    assert response.status_code == 409
    assert "Het bestand is intussen gewijzigd" in response.text
    # The difference is shown: her form would undo the hand-made frequency.
    assert "-frequentie: wekelijks" in response.text
    assert "+frequentie: maandelijks" in response.text
    assert path.read_text(encoding="utf-8") == hand and commits(project) == before
    # She chooses her version: her values, in the file as it is now (its comment stays).
    sent["actie"] = "overschrijven"
    done = client.post("/backoffice/profielen/opslaan", data=sent, follow_redirects=False)
    assert done.status_code == 303, done.text
    written = path.read_text(encoding="utf-8")
    assert yaml.safe_load(written)["dagen"] == ["woensdag"]
    assert "# met de hand\nfrequentie: maandelijks\n" in written
    assert commits(project) == before + 1


def test_two_coordinators_on_one_profile_are_told(url: str, project: Path, engine: Engine) -> None:
    profile_id, _ = first_open(project, "haarlem")
    ans, _ = session(url, engine, "ans", "coordinator", "haarlem")
    bob, _ = session(url, engine, "bob", "coordinator", "haarlem")
    assert "Let op" not in ans.get(f"/backoffice/profielen/bewerken/{profile_id}").text
    page = bob.get(f"/backoffice/profielen/bewerken/{profile_id}")
    assert "Let op: ans heeft dit zoekprofiel" in page.text


def test_status_change_appends_statuslog_and_can_be_reverted(
    url: str, project: Path, engine: Engine
) -> None:
    client, csrf = session(url, engine, "ans", "coordinator", "haarlem")
    profile_id, path = first_open(project, "haarlem")
    before = yaml.safe_load(path.read_text(encoding="utf-8"))
    # One click from the list.
    assert (
        f'aria-label="{profile_id}: zet op in gesprek"' in client.get("/backoffice/profielen/").text
    )
    response = client.post(
        f"/backoffice/profielen/profiel/{profile_id}/status",
        data={"csrf": csrf, "status": "in_gesprek"},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    after = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert after["status"] == "in_gesprek"
    assert after["statuslog"] == [
        *before.get("statuslog", []),
        {"status": "in_gesprek", "datum": TODAY},
    ]
    assert git(project, "log", "-1", "--format=%an").strip() == "ans"
    # The history shows it, and the earlier version can be restored (a new commit).
    detail = client.get(f"/backoffice/profielen/profiel/{profile_id}")
    assert "status, statuslog" in detail.text
    first = git(project, "rev-list", "--max-parents=0", "HEAD").strip()
    restored = client.post(
        f"/backoffice/profielen/profiel/{profile_id}/terugdraaien",
        data={"csrf": csrf, "commit": first},
        follow_redirects=False,
    )
    assert restored.status_code == 303, restored.text
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["status"] == "open"
    assert commits(project) == 3


def test_a_sibling_profile_starts_linked(url: str, project: Path, engine: Engine) -> None:
    client, _ = session(url, engine, "ans", "coordinator", "haarlem")
    profile_id, _ = first_open(project, "haarlem")
    page = client.get(f"/backoffice/profielen/nieuw?broer_zus={profile_id}")
    assert page.status_code == 200
    assert "<h1>Nog een kind uit dit gezin</h1>" in page.text
    field = re.search(r'<textarea id="veld-broers-zussen"[^>]*>([^<]*)</textarea>', page.text)
    assert field and field.group(1).strip() == profile_id


def test_a_coordinator_sees_only_her_gemeenten(url: str, project: Path, engine: Engine) -> None:
    haarlem_id, _ = first_open(project, "haarlem")
    wijchen_id, _ = first_open(project, "wijchen")
    carl, _ = session(url, engine, "carl", "coordinator", "wijchen")
    listing = carl.get("/backoffice/profielen/").text
    assert wijchen_id in listing and haarlem_id not in listing
    assert carl.get(f"/backoffice/profielen/profiel/{haarlem_id}").status_code == 404
    assert carl.get(f"/backoffice/profielen/bewerken/{haarlem_id}").status_code == 404
    assert carl.get(f"/backoffice/profielen/nieuw?broer_zus={haarlem_id}").status_code == 404
    office, _ = session(url, engine, "bureau", "backoffice")
    everything = office.get("/backoffice/profielen/").text
    assert haarlem_id in everything and wijchen_id in everything


def test_without_review_a_clean_profile_is_committed_at_once(
    project: Path, engine: Engine, database_url: str
) -> None:
    config = project / "site_config.yml"
    settings = yaml.safe_load(config.read_text(encoding="utf-8"))
    for gemeente in settings["gemeenten"]:
        if gemeente["slug"] == "haarlem":
            gemeente["review"] = "Uit"  # a choice, in any case
    config.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), "utf-8")
    git(project, "commit", "-qam", "review uit", "--author", "demo <demo@example.org>")
    catalog = pipeline.check(config, on=TODAY)
    with serve(create_app(catalog, make_runtime(database_url), engine)) as base:
        ans, csrf = session(base, engine, "ans", "coordinator", "haarlem")
        done = ans.post(
            "/backoffice/profielen/opslaan",
            data=posted(csrf, NEW, actie="indienen"),
            follow_redirects=False,
        )
        assert done.status_code == 303, done.text
        assert done.headers["location"] == "/backoffice/profielen/profiel/haarlem-nieuw1"
        author, subject = git(project, "log", "-1", "--format=%an%x1f%s").strip().split("\x1f")
        assert author == "ans" and subject.startswith("Zoekprofiel haarlem-nieuw1 nieuw: id, ")
        assert rows(engine, drafts.concepten) == []
        for client in CLIENTS:
            client.close()
        CLIENTS.clear()
