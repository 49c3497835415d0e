"""Feeds, sitemap and filter stylesheet of the built demo site are valid and complete."""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET

from generator.feeds import slug
from tests.site.conftest import Built

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_atom_and_json_feeds_list_exactly_the_listed_profiles(built: Built) -> None:
    listed = {f"{p.gemeente}/{p.id}/" for p in built.catalog.listed()}
    atom = ET.fromstring((built.site / "feed.xml").read_bytes())
    links = {e.find(f"{ATOM}id").text for e in atom.iter(f"{ATOM}entry")}  # type: ignore[union-attr]
    assert {link.split(".example/")[1] for link in links if link} == listed
    data = json.loads((built.site / "feed.json").read_text("utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert {i["url"].split(".example/")[1] for i in data["items"]} == listed
    haarlem = ET.fromstring((built.site / "haarlem" / "feed.xml").read_bytes())
    entries = list(haarlem.iter(f"{ATOM}entry"))
    assert len(entries) == len(built.catalog.listed("haarlem"))


def test_sitemap_is_valid_xml_and_its_gzip_matches(built: Built) -> None:
    raw = (built.site / "sitemap.xml").read_bytes()
    tree = ET.fromstring(raw)
    locs = [u.find(f"{SITEMAP}loc").text for u in tree]  # type: ignore[union-attr]
    assert all(loc and loc.startswith("https://www.buurtgezinnen.example/") for loc in locs)
    assert len(locs) == len(set(locs))
    assert gzip.decompress((built.site / "sitemap.xml.gz").read_bytes()) == raw


def test_filter_stylesheet_has_a_rule_for_every_filter_option(built: Built) -> None:
    css = (built.site / "haarlem" / "filters.css").read_text("utf-8")
    page = built.page("haarlem")
    for profile in built.catalog.listed("haarlem"):
        for support in profile.support:
            key = slug(support.value)
            assert f'id="f-steun-{key}"' in page
            assert f"#f-steun-{key}:checked" in css
        if profile.wijk:
            assert f"#f-wijk-{slug(profile.wijk)}:checked" in css
    assert "filters.css" in page  # linked from the gemeente page only
    assert "filters.css" not in built.page("")


def test_home_lists_every_gemeente_with_its_count(built: Built) -> None:
    home = built.page("")
    for g in built.catalog.settings.gemeenten:
        count = len(built.catalog.listed(g.slug))
        assert f'href="/{g.slug}/">{g.name}</a>' in home
        assert f"({count} open oproep" in home
    assert 'id="gemeente-zoeken"' in home and 'for="gemeente-zoeken"' in home
