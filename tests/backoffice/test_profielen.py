"""The workbench's profile list and profile page: the aanmeldingen per profile, a new
profile's first statuslog entry, and the printed poster and flyer for download."""
# ruff: noqa: F811  (pytest fixtures imported from other modules are arguments here)

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from sqlalchemy import Engine

from generator import pipeline
from generator.build import write_print_matter
from generator.forms import store
from tests.backoffice.test_workbench import (  # noqa: F401  (fixtures)
    NEW,
    TODAY,
    first_open,
    posted,
    project,
    session,
    url,
)
from tests.forms.conftest import database_url, engine, pg_url  # noqa: F401
from tests.forms.factories import submission


def sign_up(engine: Engine, gemeente: str, profile: str | None, n: int) -> None:
    for i in range(n):
        sub = submission(
            gemeente=gemeente, profile=profile, email=f"{gemeente}-{profile}-{i}@example.org"
        )
        store.insert(engine, sub, ["coordinator@example.org"])


def counts(page: str) -> dict[str, int]:
    """The Aanmeldingen column of the list, per profile id."""
    found = {}
    for row in re.findall(r"<tr><td><a href=\"/backoffice/profielen/profiel/.*?</tr>", page, re.S):
        cells = re.findall(r"<td>(.*?)</td>", row, re.S)
        profile_id = re.search(r"\(([^)]+)\)$", cells[0].strip())
        assert profile_id, row
        found[profile_id.group(1)] = int(cells[4])
    return found


def test_the_list_counts_the_aanmeldingen_of_each_profile_of_her_gemeenten(
    url: str, project: Path, engine: Engine
) -> None:
    haarlem, _ = first_open(project, "haarlem")
    wijchen, _ = first_open(project, "wijchen")
    sign_up(engine, "haarlem", haarlem, 3)
    sign_up(engine, "wijchen", wijchen, 2)
    sign_up(engine, "haarlem", None, 4)  # general sign-ups count for no profile
    ans, _ = session(url, engine, "ans", "coordinator", "haarlem")
    mine = counts(ans.get("/backoffice/profielen/").text)
    assert mine[haarlem] == 3
    assert wijchen not in mine  # another gemeente's profile, and its count, stay hidden
    assert set(mine.values()) == {0, 3}
    office, _ = session(url, engine, "bureau", "backoffice")
    everything = counts(office.get("/backoffice/profielen/").text)
    assert (everything[haarlem], everything[wijchen]) == (3, 2)
    assert sum(everything.values()) == 5


def test_a_new_profile_is_written_with_its_first_statuslog_entry(
    url: str, project: Path, engine: Engine
) -> None:
    ans, ans_csrf = session(url, engine, "ans", "coordinator", "haarlem")
    ans.post("/backoffice/profielen/opslaan", data=posted(ans_csrf, NEW, actie="indienen"))
    bob, bob_csrf = session(url, engine, "bob", "coordinator", "haarlem")
    waiting = bob.get("/backoffice/profielen/").text
    draft = re.search(r"/backoffice/profielen/beoordelen/(\d+)", waiting)
    assert draft
    bob.post(
        f"/backoffice/profielen/beoordelen/{draft.group(1)}/goedkeuren", data={"csrf": bob_csrf}
    )
    target = project / "profiles" / "haarlem" / "haarlem-nieuw1.yml"
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["statuslog"] == [{"status": "open", "datum": data["gepubliceerd"]}]
    catalog = pipeline.check(project / "site_config.yml", on=TODAY)
    assert [f for f in catalog.report.findings if f.file.endswith(target.name)] == []


def test_the_profile_page_offers_the_printed_poster_and_flyer(
    url: str, project: Path, engine: Engine
) -> None:
    profile_id, _ = first_open(project, "haarlem")
    ans, _ = session(url, engine, "ans", "coordinator", "haarlem")
    before = ans.get(f"/backoffice/profielen/profiel/{profile_id}").text
    assert "Er is nog geen drukwerk." in before
    poster = f"/backoffice/profielen/profiel/{profile_id}/drukwerk/poster.pdf"
    assert ans.get(poster).status_code == 404
    # Where build (and the approval job) writes print matter: site/printen/<gemeente>/<id>/.
    catalog = pipeline.checked(project / "site_config.yml", on=TODAY)
    write_print_matter(catalog, project / "site", project / ".cache" / "kaarten", "haarlem")
    page = html.unescape(ans.get(f"/backoffice/profielen/profiel/{profile_id}").text)
    assert f'<a href="{poster}"\n download>Poster (A4) downloaden</a>' in page
    assert "Flyer (A5) downloaden" in page
    for name in ("poster.pdf", "flyer.pdf"):
        got = ans.get(f"/backoffice/profielen/profiel/{profile_id}/drukwerk/{name}")
        assert got.status_code == 200
        assert got.headers["content-type"] == "application/pdf"
        assert f'filename="{profile_id}-{name}"' in got.headers["content-disposition"]
        built = project / "site" / "printen" / "haarlem" / profile_id / name
        assert got.content == built.read_bytes() and got.content.startswith(b"%PDF")
    # Nothing else from the folder, and nothing of another gemeente.
    assert ans.get(poster.replace("poster.pdf", "krant.txt")).status_code == 404
    carl, _ = session(url, engine, "carl", "coordinator", "wijchen")
    assert carl.get(poster).status_code == 404
