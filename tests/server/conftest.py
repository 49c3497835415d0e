"""Fixtures of the production server tests: a small built site, the demo built once, the store.

The store fixtures (SQLite AND PostgreSQL) are the sign-up tests' own, imported here.
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.build import precompress
from tests.forms.conftest import catalog, database_url, engine, pg_url  # noqa: F401

PAGE = "<!doctype html><html lang=nl><title>Profiel</title><p>" + "Een buurtgezin. " * 200


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A built site in miniature, with the .gz files the build writes."""
    site = tmp_path / "site"
    files = {
        "index.html": PAGE,
        "haarlem/index.html": PAGE.replace("Profiel", "Haarlem"),
        "404.html": "<!doctype html><title>Niet gevonden</title><p>Deze pagina bestaat niet.",
        "feed.xml": "<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>" * 20,
        "feed.json": '{"version": "https://jsonfeed.org/version/1.1", "items": []}' * 20,
        "sitemap.xml": "<?xml version='1.0'?><urlset/>" * 20,
        "assets/stylesheets/main.0a1b2c3d.min.css": "body{color:#1e3a5f}" * 50,
        "assets/stylesheets/buurtsite.css": ".bs{margin:0}" * 50,
        "assets/fonts/Lato-Regular.woff2": "wOF2-not-really",
    }
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(files["sitemap.xml"].encode(), mtime=0))
    precompress(site)
    return site
