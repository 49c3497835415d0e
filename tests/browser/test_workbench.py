"""The coordinator's workbench in Chromium, at phone and desktop width, with and without
JavaScript: write a profile that names a child and a school, see both marked, fix them,
preview page and card, submit; a second account approves; the YAML is committed, `check`
passes, page and card are live in site/; a post appears on the fake Graph server; the profile
is set to gekoppeld and page, listing and post follow.

Everything runs for real on 127.0.0.1: the demo project in a git repository, the app under
uvicorn with its background jobs, the built site behind a static server, the fake Graph API
(tests/publish/fakegraph.py). Screenshots of the steps go to docs/screenshots/ for the guide
(docs/backoffice-zoekprofiel.md).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, expect

from generator import pipeline
from generator.backoffice import accounts
from generator.build import build_site
from generator.forms import store
from generator.forms.app import Runtime, create_app
from tests.browser.conftest import (
    REPO,
    TODAY,
    QuietHandler,
    Visit,
    configure,
    free_port,
    open_visit,
    wait_until,
)
from tests.browser.conftest import Stack as SiteStack
from tests.browser.steps import axe_violations
from tests.publish.fakegraph import FakeGraph

pytestmark = pytest.mark.browser

HAARLEM_PAGE = "100000000000001"
TOKEN = "tok-haarlem-werkbank-SECRET"
WRITER, REVIEWER = "schrijver-haarlem", "lezer-haarlem"
PASSWORD = "een-lang-werkbank-wachtwoord-7"
SHOTS = REPO / "docs" / "screenshots"
STORY_WITH_NAMES = (
    "Sanne is een vrolijk meisje van 8 dat op basisschool De Regenboog zit. Haar moeder werkt "
    "veel en zoekt een gezin in de buurt voor een vaste middag in de week."
)
STORY_FIXED = (
    "Dit vrolijke meisje van 8 zit op een basisschool in de buurt. Haar moeder werkt "
    "veel en zoekt een gezin in de buurt voor een vaste middag in de week."
)


@dataclass
class Bench:
    root: Path
    url: str  # the app's origin
    site: SiteStack
    graph: FakeGraph

    def git_log(self) -> str:
        return subprocess.run(
            ["git", "log", "--format=%an|%s", "--name-only"],
            cwd=self.root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout


@pytest.fixture(scope="module")
def bench(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Bench]:
    root = tmp_path_factory.mktemp("werkbank") / "project"
    root.mkdir()
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("profiles", "content", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    site_port, app_port = free_port(), free_port()
    configure(root / "site_config.yml", site_port, app_port)
    (root / ".gitignore").write_text("site/\nbuild/\n.cache/\n*.sqlite3\n", encoding="utf-8")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "demo"], cwd=root, check=True)
    secrets = root.parent / "geheim" / "tokens.json"
    secrets.parent.mkdir()
    secrets.write_text(json.dumps({HAARLEM_PAGE: TOKEN}), encoding="utf-8")
    graph = FakeGraph()
    graph.add_page(HAARLEM_PAGE, TOKEN)
    with pytest.MonkeyPatch.context() as mp, graph.running():
        mp.setenv("BUURTSITE_TODAY", TODAY.isoformat())
        mp.setenv("BUURTSITE_FACEBOOK_TOKENS", str(secrets))
        mp.setenv("BUURTSITE_DATA_DIR", str(root.parent / "data"))
        mp.setenv("BUURTSITE_GRAPH_URL", graph.url)
        catalog = pipeline.checked(root / "site_config.yml", on=TODAY)
        site_dir, staged = root / "site", root / "build" / "staged"
        build_site(catalog, site_dir, staged, root / ".cache" / "kaarten")
        httpd = ThreadingHTTPServer(
            ("127.0.0.1", site_port), partial(QuietHandler, directory=str(site_dir))
        )
        httpd.daemon_threads = True
        static = threading.Thread(target=httpd.serve_forever, name="werkbank-site", daemon=True)
        static.start()
        database = f"sqlite:///{root / 'werkbank.sqlite3'}"
        engine = store.make_engine(database)
        runtime = Runtime(
            database_url=database,
            rate=None,
            secret_key="werkbank-test-" + "k" * 40,
            smtp=None,
            secure_cookies=False,
            background=True,
        )
        app = create_app(catalog, runtime, engine)
        for name in (WRITER, REVIEWER):
            accounts.add_user(engine, name, PASSWORD, "coordinator", ("haarlem",))
        server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=app_port, log_level="warning", ws="none")
        )
        thread = threading.Thread(target=server.run, name="werkbank-app", daemon=True)
        thread.start()
        try:
            wait_until(lambda: server.started, 15, "de backoffice startte niet")
            site = SiteStack(
                f"http://127.0.0.1:{site_port}/",
                f"http://127.0.0.1:{app_port}",
                site_dir,
                engine,
                None,  # type: ignore[arg-type]  # no mail in these journeys
            )
            yield Bench(root, f"http://127.0.0.1:{app_port}", site, graph)
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            httpd.shutdown()
            httpd.server_close()
            static.join(timeout=5)
            engine.dispose()


@pytest.fixture(params=["met-js", "zonder-js"])
def javascript(request: pytest.FixtureRequest) -> bool:
    return bool(request.param == "met-js")


@pytest.fixture
def writer(browser: Browser, bench: Bench, viewport: str, javascript: bool) -> Iterator[Visit]:
    v = open_visit(browser, bench.site, viewport, javascript=javascript)
    yield v
    v.context.close()


def log_in(page: Page, bench: Bench, user: str) -> None:
    page.goto(f"{bench.url}/backoffice/inloggen")
    page.get_by_label("Gebruikersnaam").fill(user)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page.locator("h1")).to_have_text("Aanmeldingen")


def shot(visit: Visit, name: str, javascript: bool, part: str = "main") -> None:
    """An artefact of every run, and for the guide (phone, with JavaScript) the part shown."""
    visit.screenshot(f"werkbank-{name}-{'js' if javascript else 'zonder-js'}")
    if javascript and visit.viewport == "telefoon":
        SHOTS.mkdir(parents=True, exist_ok=True)
        visit.page.locator(part).first.screenshot(path=str(SHOTS / f"werkbank-{name}.png"))


def fill_profile(page: Page, title: str) -> str:
    form = page.locator("form", has=page.locator('[name="verhaal"]'))
    form.locator('[name="titel"]').fill(title)
    form.locator('[name="kinderen[0].leeftijd"]').fill("8")
    form.locator('[name="kinderen[0].geslacht"]').select_option("meisje")
    form.locator('[name="steunvormen"][value="speelmiddag"]').check()
    form.locator('[name="frequentie"]').select_option("wekelijks")
    form.locator('[name="verhaal"]').fill(STORY_WITH_NAMES)
    return form.locator('[name="id"]').input_value()


def test_profile_from_draft_to_site_and_facebook(
    writer: Visit,
    bench: Bench,
    browser: Browser,
    javascript: bool,
    axe_source: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    # A fresh publish ledger per journey: four journeys would pass Haarlem's daily cap of 3.
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path / "data"))
    page = writer.page
    title = "Een vrolijk meisje van 8 zoekt een gezin voor een vaste middag"
    log_in(page, bench, WRITER)
    page.goto(f"{bench.url}/backoffice/profielen/nieuw?gemeente=haarlem")
    expect(page.locator("h1")).to_have_text("Nieuw zoekprofiel")
    profile_id = fill_profile(page, title)
    form = page.locator("form", has=page.locator('[name="verhaal"]'))

    # (1) The child's name and the school are marked: live, or after "Controleren".
    if javascript:
        marked = page.locator('.werkbank-kopie[data-veld="verhaal"] mark')
        expect(marked.filter(has_text="Sanne")).to_have_count(1)
        expect(marked.filter(has_text="basisschool De Regenboog")).to_have_count(1)
        expect(page.locator('.werkbank-kopie[data-veld="verhaal"]')).to_contain_text(
            "lijkt een voornaam of naam"
        )
        shot(writer, "controle", javascript, '.werkbank-kopie[data-veld="verhaal"]')
        form.locator('[name="verhaal"]').fill(STORY_FIXED)
        expect(page.locator('.werkbank-kopie[data-veld="verhaal"]')).to_be_hidden()
        preview = page.locator("#werkbank-voorbeeld")
        expect(preview).to_contain_text(title)
        expect(preview.locator("img.voorbeeld-kaart")).to_be_visible()
        shot(writer, "voorbeeld", javascript, "#werkbank-voorbeeld")
    else:
        form.get_by_role("button", name="Controleren").click()
        expect(page.locator("h1")).to_have_text("Controle van het zoekprofiel")
        expect(page.locator("mark", has_text="Sanne")).to_have_count(1)
        expect(page.locator("mark", has_text="basisschool De Regenboog")).to_have_count(1)
        page.go_back()
        form.locator('[name="verhaal"]').fill(STORY_FIXED)
        form.get_by_role("button", name="Voorbeeld").click()
        expect(page.locator("h1").first).to_have_text("Voorbeeld van het zoekprofiel")
        expect(page.locator(".voorbeeld-pagina")).to_contain_text(title)
        card = page.locator("img.voorbeeld-kaart")
        expect(card).to_be_visible()
        page.go_back()
    # Going back without JavaScript loads the form again: the browser restores what was typed,
    # the server hands out a fresh code for the new profile.
    profile_id = form.locator('[name="id"]').input_value()
    form.get_by_role("button", name="Indienen").click()
    expect(page).to_have_url(f"{bench.url}/backoffice/profielen/?ingediend=1")
    assert not list((bench.root / "profiles").rglob(f"{profile_id}.yml"))  # not yet in git

    # (2) A second account approves it.
    reviewer = open_visit(browser, bench.site, writer.viewport, javascript=javascript)
    try:
        rpage = reviewer.page
        log_in(rpage, bench, REVIEWER)
        rpage.goto(f"{bench.url}/backoffice/profielen/")
        row = rpage.locator("tr", has_text=profile_id)
        row.get_by_role("link", name="beoordelen").click()
        expect(rpage.locator("h1")).to_contain_text(profile_id)
        shot(reviewer, "beoordelen", javascript, "main")
        rpage.get_by_role("button", name="Goedkeuren en publiceren").click()
        expect(rpage.locator("h1")).to_have_text("Publicatietaken")
    finally:
        reviewer.context.close()

    # (3) Committed with the writer as author; check passes; page and card are in site/.
    yaml_file = bench.root / "profiles" / "haarlem" / f"{profile_id}.yml"
    log = bench.git_log()
    assert f"profiles/haarlem/{profile_id}.yml" in log and WRITER in log
    assert not pipeline.check(bench.root / "site_config.yml", on=TODAY).report.errors
    live = bench.site.site_dir / "haarlem" / profile_id / "index.html"
    card_file = bench.site.site_dir / "kaarten" / "profiel" / f"{profile_id}.png"
    wait_until(lambda: live.is_file() and card_file.is_file(), 30, "de pagina kwam niet live")
    assert title in live.read_text(encoding="utf-8") and "Sanne" not in yaml_file.read_text()
    page.goto(f"{bench.site.site_url}haarlem/{profile_id}/")
    expect(page.locator("h1").first).to_contain_text("vrolijk meisje")

    # (4) A post appears on the fake Graph server.
    def posted() -> list[str]:
        return [
            p.message
            for p in bench.graph.live_posts(HAARLEM_PAGE)
            if profile_id in p.link + p.message
        ]

    wait_until(lambda: bool(posted()), 30, "er kwam geen bericht op Facebook")

    # (5) Gekoppeld: page, listing and post follow.
    before = posted()
    page.goto(f"{bench.url}/backoffice/profielen/profiel/{profile_id}")
    page.get_by_role("button", name="Zet op gekoppeld").click()
    wait_until(
        lambda: (
            "gekoppeld"
            in (bench.root / "profiles" / "haarlem" / f"{profile_id}.yml").read_text(
                encoding="utf-8"
            )
        ),
        30,
        "de status werd niet opgeslagen",
    )
    listing = bench.site.site_dir / "haarlem" / "index.html"
    wait_until(lambda: profile_id not in listing.read_text(encoding="utf-8"), 30, "lijst")
    wait_until(lambda: posted() != before, 30, "het Facebookbericht werd niet bijgewerkt")
    page.goto(f"{bench.site.site_url}haarlem/{profile_id}/")
    expect(page.locator("main")).to_contain_text("gevonden", ignore_case=True)
    writer.assert_private()


@pytest.mark.parametrize("kind", ["lijst", "formulier", "controle", "voorbeeld"])
def test_workbench_pages_have_no_serious_accessibility_problems(
    browser: Browser, bench: Bench, viewport: str, axe_source: str, kind: str
) -> None:
    visit = open_visit(browser, bench.site, viewport, audit=True)
    page = visit.page
    try:
        log_in(page, bench, WRITER)
        if kind == "lijst":
            page.goto(f"{bench.url}/backoffice/profielen/")
        else:
            page.goto(f"{bench.url}/backoffice/profielen/nieuw?gemeente=haarlem")
            fill_profile(page, "Een vrolijk meisje van 8 zoekt een gezin")
            expect(page.locator(".werkbank-kopie mark").first).to_be_visible()
            expect(page.locator("#werkbank-voorbeeld img.voorbeeld-kaart")).to_be_visible()
            if kind != "formulier":
                page.get_by_role("button", name=kind.capitalize()).click()
                expect(page.locator("h1").first).to_contain_text(f"{kind.capitalize()} van")
        visit.screenshot(f"werkbank-axe-{kind}")
        violations = axe_violations(page, axe_source)
        assert not violations, json.dumps(violations, ensure_ascii=False, indent=1)
    finally:
        visit.context.close()
