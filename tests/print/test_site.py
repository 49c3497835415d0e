"""`build` puts print matter on the site and links it from the pages coordinators use."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.build import build_site
from tests.print.conftest import TODAY, copy_demo


@pytest.mark.slow
def test_build_writes_and_links_print_matter(tmp_path: Path) -> None:
    config = copy_demo(tmp_path / "project")
    root = config.parent
    catalog = pipeline.checked(config, on=TODAY)
    site = root / "site"
    build_site(catalog, site, root / "build" / "staged", root / ".cache" / "kaarten")
    printed = site / "printen" / "haarlem" / "haarlem-k3m9"
    assert (printed / "poster.pdf").is_file() and (printed / "flyer.pdf").is_file()
    assert (site / "printen" / "haarlem" / "poster.pdf").is_file()
    page = (site / "haarlem" / "haarlem-k3m9" / "index.html").read_text("utf-8")
    assert "Printen en verspreiden" in page
    assert 'href="/printen/haarlem/haarlem-k3m9/" rel="nofollow"' in page
    gemeente = (site / "haarlem" / "index.html").read_text("utf-8")
    assert 'href="/printen/haarlem/" rel="nofollow"' in gemeente
    filled = (site / "haarlem" / "haarlem-b2dq" / "index.html").read_text("utf-8")
    assert "Printen en verspreiden" not in filled
    listing = (printed / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in listing
    assert '<a href="poster.pdf">' in listing and 'href="/haarlem/haarlem-k3m9/"' in listing
    # Not in the navigation, the sitemap or any feed.
    for name in ("sitemap.xml", "haarlem/feed.xml", "feed.xml"):
        path = site / name
        if path.is_file():
            assert "printen" not in path.read_text("utf-8"), name
    home = (site / "index.html").read_text("utf-8")
    assert "printen" not in home
