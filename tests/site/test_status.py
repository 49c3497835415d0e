"""Status decides everything at once: pages, listings, feeds, sitemap and robots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator import pipeline
from generator.render import page_state, render_pages, site_path
from tests.site.conftest import TODAY, Built

GEKOPPELD = "haarlem-b2dq"
IN_GESPREK = "haarlem-r4tn"
OPEN = "haarlem-p7wx"
CONCEPT_FILE = "profiles/heerenveen/concept-ouderavond.yml"


def set_fields(config: Path, relative: str, **fields: object) -> str:
    """Change fields of one demo profile file; returns its id."""
    path = config.parent / relative
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(fields)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return str(data["id"])


def listings(pages: dict[str, str]) -> str:
    """Every staged output that lists profiles: home, gemeente pages, feeds, sitemap."""
    names = [n for n in pages if n.endswith(("feed.xml", "feed.json"))]
    # Home and gemeente pages; a profile's own page (docs/<gemeente>/<id>/index.md) lists none.
    names += [n for n in pages if n.endswith("index.md") and n.count("/") <= 2]
    names.append("overrides/partials/sitemap-urls.html")
    return "\n".join(pages[n] for n in names)


@pytest.fixture
def staged(demo_project: Path) -> tuple[Path, dict[str, str]]:
    gesloten = set_fields(demo_project, "profiles/rijswijk/uitstapjes-meisje-14.yml",
                          status="gesloten")  # fmt: skip
    expired = set_fields(
        demo_project, "profiles/wijchen/samen-eten-jongen-16.yml", verloopt="2026-11-01"
    )
    assert (gesloten, expired) == ("rijswijk-q5jc", "wijchen-z4nf")
    catalog = pipeline.checked(demo_project, on=TODAY)
    return demo_project, render_pages(catalog, {})


def test_concept_appears_nowhere(staged: tuple[Path, dict[str, str]]) -> None:
    config, pages = staged
    concept_id = yaml.safe_load((config.parent / CONCEPT_FILE).read_text("utf-8"))["id"]
    assert all(concept_id not in text for text in pages.values())
    assert not any(concept_id in name for name in pages)


@pytest.mark.parametrize(
    ("profile_id", "banner"),
    [
        (GEKOPPELD, "Voor dit gezin is een steungezin gevonden"),
        ("rijswijk-q5jc", "Deze oproep is niet meer actueel"),  # gesloten
        ("wijchen-z4nf", "Deze oproep is niet meer actueel"),  # expired
    ],
)
def test_filled_closed_and_expired_keep_a_noindex_page_outside_every_listing(
    staged: tuple[Path, dict[str, str]], profile_id: str, banner: str
) -> None:
    _config, pages = staged
    gemeente = profile_id.split("-")[0]
    page = pages[f"docs/{gemeente}/{profile_id}/index.md"]
    assert banner in page
    assert "robots: noindex, follow" in page
    assert 'name="profiel"' not in page  # no "help this family" form any more
    assert f"/{profile_id}/" not in listings(pages)
    # Other open profiles of the gemeente are offered instead, when there are any.
    others = [p for p in re.findall(rf'href="/{gemeente}/([a-z0-9-]+)/"', page) if p != profile_id]
    if gemeente == "haarlem":
        assert OPEN in others


def test_open_and_in_gesprek_are_listed_everywhere(staged: tuple[Path, dict[str, str]]) -> None:
    _config, pages = staged
    everything = listings(pages)
    for profile_id in (OPEN, IN_GESPREK):
        assert everything.count(f"/{profile_id}/") >= 4  # home/gemeente, 2 feeds x 2, sitemap
        assert "robots" not in pages[f"docs/haarlem/{profile_id}/index.md"].split("---")[1]
    gemeente = pages["docs/haarlem/index.md"]
    assert 'class="bs-label">In gesprek<' in gemeente
    assert f'name="profiel" value="{OPEN}"' in pages[f"docs/haarlem/{OPEN}/index.md"]


def test_siblings_are_linked_both_ways(staged: tuple[Path, dict[str, str]]) -> None:
    _config, pages = staged
    assert 'href="/haarlem/haarlem-k3m9/"' in pages["docs/haarlem/haarlem-p7wx/index.md"]
    assert 'href="/haarlem/haarlem-p7wx/"' in pages["docs/haarlem/haarlem-k3m9/index.md"]


def test_page_state_follows_status_and_expiry(demo_project: Path) -> None:
    catalog = pipeline.checked(demo_project, on=TODAY)
    states = {p.id: page_state(p, catalog) for p in catalog.profiles if p.has_page()}
    assert states[GEKOPPELD] == "gekoppeld"
    assert states[IN_GESPREK] == "in_gesprek"
    assert states[OPEN] == "open"
    later = pipeline.checked(demo_project, on=TODAY.replace(year=2028))
    assert page_state(later.profile(OPEN), later) == "niet-actueel"  # type: ignore[arg-type]


def test_links_are_root_relative_from_the_configured_site_path() -> None:
    assert site_path("https://www.buurtgezinnen.example/") == "/"
    assert site_path("https://www.buurtgezinnen.example") == "/"
    assert site_path("https://example.org/buurtgezinnen/") == "/buurtgezinnen/"
    assert site_path("https://example.org/a/b") == "/a/b/"


def test_built_filled_page_has_noindex_banner_and_is_not_in_the_sitemap(built: Built) -> None:
    html = built.page(f"haarlem/{GEKOPPELD}")
    assert '<meta name="robots" content="noindex, follow">' in html
    assert "Voor dit gezin is een steungezin gevonden" in html
    sitemap = (built.site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{GEKOPPELD}/" not in sitemap
    assert f"/{OPEN}/" in sitemap
    assert "<loc>https://www.buurtgezinnen.example/over-ons/</loc>" in sitemap
    assert GEKOPPELD not in built.page("haarlem") and GEKOPPELD not in built.page("")
