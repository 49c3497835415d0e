"""The staged project builds with Zensical too, with the same links, head tags and sitemap.

Zensical (the successor of mkdocs-material) is pinned in the dev extra at the newest version
that installs here. Its build of the demo takes about a second. When it cannot be installed,
the test is skipped and says why (see docs/decisions.md, "Zensical").
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.build import write_print_matter
from generator.crawl import Crawl, crawl
from tests.site.conftest import Built

BASE = "https://www.buurtgezinnen.example/"
ZENSICAL = Path(sys.executable).parent / "zensical"
PINNED = "zensical==0.0.73"

pytestmark = pytest.mark.zensical


@pytest.fixture(scope="module")
def engines(built: Built, tmp_path_factory: pytest.TempPathFactory) -> tuple[Crawl, Crawl, Path]:
    """Crawls of the MkDocs build and of a Zensical build of the same staged project."""
    if not ZENSICAL.is_file():
        pytest.skip(
            f"Zensical is not installed in this environment ({ZENSICAL} is missing): "
            f"`.venv/bin/pip install '{PINNED}'` (0.0.74 and later need zensical-ui, which the "
            "package registry does not have)"
        )
    project = tmp_path_factory.mktemp("zensical") / "staged"
    # Dot files are the build's bookkeeping (manifests, card scratch), not the MkDocs project.
    shutil.copytree(built.staged, project, ignore=shutil.ignore_patterns(".*"))
    done = subprocess.run(
        [str(ZENSICAL), "build", "--config-file", "mkdocs.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    site = project / "site"
    # buurtsite writes the print matter after the engine, whichever engine it is.
    write_print_matter(built.catalog, site, project.parent / ".cache" / "kaarten", None)
    return crawl(built.site, BASE), crawl(site, BASE), site


def test_zensical_build_has_no_broken_link_or_image(engines: tuple[Crawl, Crawl, Path]) -> None:
    _mkdocs, zensical, _site = engines
    assert zensical.checked > 500
    assert zensical.broken == []


def test_both_engines_give_the_same_pages_link_targets_and_head_tags(
    engines: tuple[Crawl, Crawl, Path],
) -> None:
    mkdocs, zensical, _site = engines
    assert sorted(zensical.pages) == sorted(mkdocs.pages)
    profile = "/haarlem/haarlem-p7wx/"
    assert "/haarlem/haarlem-k3m9/" in mkdocs.targets(profile)  # a sibling: it compares links
    assert mkdocs.targets("/over-ons/")  # Markdown links of content pages, in <article>
    for page in mkdocs.pages:
        assert zensical.targets(page) == mkdocs.targets(page), page
        assert zensical.facts(page) == mkdocs.facts(page), page
    assert mkdocs.facts("/haarlem/haarlem-b2dq/")["robots"] == "noindex, follow"


def test_both_engines_write_the_same_sitemap(engines: tuple[Crawl, Crawl, Path]) -> None:
    mkdocs, zensical, _site = engines
    assert len(mkdocs.sitemap) >= 10
    assert zensical.sitemap == mkdocs.sitemap


def test_zensical_search_is_off(engines: tuple[Crawl, Crawl, Path]) -> None:
    """`plugins: []` left Zensical's search on: an index with noindex pages' text, a dead button."""
    _mkdocs, _zensical, site = engines
    index = site / "search.json"
    if index.exists():
        assert json.loads(index.read_text(encoding="utf-8"))["items"] == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-component="search"' not in home
    assert 'for="__search"' not in home
