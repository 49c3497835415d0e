"""Crawl the built demo site: links resolve, og tags are absolute, nothing comes from elsewhere.

The crawl itself is generator/crawl.py; bench/crawl_bench.py runs it on the national fixture."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.crawl import Broken, PageParser, crawl
from tests.site.conftest import Built, build

BASE = "https://www.buurtgezinnen.example/"
DATA_SCRIPTS = ("application/json", "application/ld+json")  # data, not code: allowed by the CSP
OG_REQUIRED = (
    "og:title",
    "og:description",
    "og:image",
    "og:url",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
)


class Page(PageParser):
    """The crawl's view of a page, plus what the CSP and accessibility checks need."""

    def __init__(self) -> None:
        super().__init__()
        self.inline_scripts: list[str] = []
        self.styles = 0
        self.images_without_alt = 0
        self.lang = ""
        self._script: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        a = {k: v or "" for k, v in attrs}
        if "style" in a or tag == "style":
            self.styles += 1
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "img" and not a.get("alt"):
            self.images_without_alt += 1
        elif tag == "script" and "src" not in a and a.get("type") not in DATA_SCRIPTS:
            self._script = ""

    def handle_data(self, data: str) -> None:
        super().handle_data(data)
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        if tag == "script" and self._script is not None:
            self.inline_scripts.append(self._script)
            self._script = None


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_internal_link_and_resource_resolves(built: Built) -> None:
    report = crawl(built.site, BASE)
    assert len(report.pages) >= 15
    site_pages = [p for p in report.pages if not p.startswith("/printen/")]
    printed = len(report.pages) - len(site_pages)
    assert printed > 0  # the coordinators' print listings are crawled too
    # Links, images, assets, og, feeds and sitemap on every site page; a print listing is short.
    assert report.checked > 40 * len(site_pages) + 5 * printed
    assert report.broken == []


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, body in pages.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("../../../kaarten/x.png", "climbs above the site root"),  # a browser clamps it to /
        ("../b/", "no such file"),
        ("/a/#nergens", "no element with id 'nergens'"),
        ("/a", "no such file"),  # a directory without its slash resolves relative links wrongly
        ("https://www.buurtgezinnen.example/kaarten/y.png", "no such file"),
    ],
)
def test_the_crawl_reports_each_kind_of_broken_reference(
    tmp_path: Path, href: str, reason: str
) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": '<p id="top"><a href="a/">a</a> <a href="#top">top</a></p>',
            "a/index.html": f'<div class="bs-page"><a href="{href}">x</a></div>',
            "kaarten/x.png": "png",
        },
    )
    report = crawl(site, BASE)
    assert report.broken == [Broken("/a/", href, reason)]
    assert report.checked == 3


def test_the_crawl_checks_css_feeds_sitemap_and_json_ld(tmp_path: Path) -> None:
    site = write_site(
        tmp_path,
        {
            "index.html": '<script type="application/ld+json">{"@graph": [{"item": "'
            + BASE
            + 'weg/"}]}</script><link rel="stylesheet" href="s.css">',
            "s.css": "@font-face { src: url(fonts/weg.woff2); }",
            "feed.json": json.dumps(
                {
                    "home_page_url": BASE,
                    "feed_url": BASE + "feed.json",
                    "items": [{"url": BASE + "p/"}],
                }
            ),
            "feed.xml": f'<feed><link rel="self" href="{BASE}feed.xml"/><link href="{BASE}q/"/></feed>',
            "sitemap.xml": f"<urlset><url><loc>{BASE}</loc></url><url><loc>{BASE}r/</loc></url></urlset>",
        },
    )
    report = crawl(site, BASE)
    assert sorted(b.url for b in report.broken) == sorted(
        [BASE + "weg/", "fonts/weg.woff2", BASE + "p/", BASE + "q/", BASE + "r/"]
    )
    assert report.sitemap == [BASE, BASE + "r/"]


def test_a_site_under_a_sub_path_keeps_working(make_demo: Callable[[str], Path]) -> None:
    """base_url with a path: every generated link carries it, and nothing leaves it."""
    config = make_demo("subpath")
    base = "https://www.buurtgezinnen.example/buurtgezinnen/"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace("base_url: https://www.buurtgezinnen.example/", f"base_url: {base}")
    )
    _catalog, result = build(config)
    report = crawl(result.site_dir, base)
    assert report.broken == []
    assert '<a href="/buurtgezinnen/haarlem/">' in (
        result.site_dir / "haarlem" / "haarlem-p7wx" / "index.html"
    ).read_text("utf-8")
    # The same site crawled as if it were published at the root would be broken.
    assert crawl(result.site_dir, BASE).broken


def test_no_page_requests_anything_from_another_host(built: Built) -> None:
    for path in sorted(built.site.rglob("*.html")):
        page = parse(path)
        fetched = [u for kind, u, _inside in page.refs if kind in ("image", "resource")]
        foreign = [u for u in fetched if urlsplit(u).scheme or u.startswith("//")]
        assert foreign == [], path
    for sheet in built.site.rglob("*.css"):
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", sheet.read_text(encoding="utf-8"))
        assert [u for u in urls if re.match(r"(https?:)?//", u)] == [], sheet
        assert "@import" not in sheet.read_text(encoding="utf-8") or "//" not in sheet.name
    for script in built.site.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in text and "google-analytics" not in text, script


def test_every_page_has_absolute_og_tags_lang_and_alt(built: Built) -> None:
    for path in sorted(built.site.rglob("index.html")):
        page = parse(path)
        missing = [k for k in OG_REQUIRED if not page.meta.get(k)]
        assert missing == [], path
        assert page.meta["og:url"].startswith(BASE)
        assert page.meta["og:image"].startswith(BASE)
        assert page.meta["twitter:card"] == "summary_large_image"
        assert page.meta["canonical:"] == page.meta["og:url"]
        assert page.lang == "nl"
        assert page.images_without_alt == 0, path
        image = built.site / page.meta["og:image"][len(BASE) :]
        assert image.is_file(), page.meta["og:image"]


def test_pages_satisfy_the_documented_csp(built: Built) -> None:
    """docs/hosting.md allows scripts and styles from 'self' only: no inline code at all."""
    hosting = (Path(__file__).resolve().parents[2] / "docs" / "hosting.md").read_text("utf-8")
    assert "script-src 'self'" in hosting and "'unsafe-inline'" not in hosting
    for path in sorted(built.site.rglob("*.html")):
        page = parse(path)
        hashes = [hashlib.sha256(s.encode()).hexdigest() for s in page.inline_scripts]
        assert hashes == [], f"{path}: inline script"
        assert page.styles == 0, f"{path}: inline style"


def test_json_ld_is_valid_with_organization_and_breadcrumbs(built: Built) -> None:
    for url in ("", "haarlem", "haarlem/haarlem-p7wx"):
        html = built.page(url)
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(blocks) == 1
        graph = json.loads(blocks[0])["@graph"]
        types = [item["@type"] for item in graph]
        assert "Organization" in types
        if url:
            crumbs = next(item for item in graph if item["@type"] == "BreadcrumbList")
            last = crumbs["itemListElement"][-1]["item"]
            assert last == BASE + url + "/"


def test_skip_link_and_labelled_form_fields(built: Built) -> None:
    html = built.page("haarlem")
    assert 'class="bs-skip" href="#inhoud"' in html and 'id="inhoud"' in html
    fields = re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html)
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    # mkdocs-material's own "__drawer"/"__search" toggles are CSS-hidden state, not form fields.
    visible = [f for f in fields if not f.startswith("__")]
    assert visible and set(visible) <= labelled
    assert html.count("<fieldset>") >= 2 and html.count("<legend>") >= 2
