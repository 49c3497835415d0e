"""Crawl the built demo site: links resolve, og tags are absolute, nothing comes from elsewhere."""

from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from tests.site.conftest import Built

BASE = "https://www.buurtgezinnen.example/"
OG_REQUIRED = (
    "og:title",
    "og:description",
    "og:image",
    "og:url",
    "og:image:width",
    "og:image:height",
    "og:image:alt",
)


class Page(HTMLParser):
    """Collects what the crawl checks from one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []  # <a href>
        self.resources: list[tuple[str, str]] = []  # (tag, url) the browser fetches itself
        self.meta: dict[str, str] = {}
        self.inline_scripts: list[str] = []
        self.styles = 0
        self.images_without_alt = 0
        self.lang = ""
        self.ids: set[str] = set()
        self._script: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if "style" in a:
            self.styles += 1
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "link" and "href" in a:
            rel = a.get("rel", "")
            if rel in ("stylesheet", "icon", "preload", "preconnect", "modulepreload"):
                self.resources.append((tag, a["href"]))
            elif rel == "alternate" or rel == "canonical":
                self.meta[rel + ":" + a.get("type", "")] = a["href"]
        elif tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag in ("img", "source", "iframe", "audio", "video"):
            for key in ("src", "srcset"):
                if key in a:
                    self.resources.append((tag, a[key].split()[0]))
            if tag == "img" and not a.get("alt"):
                self.images_without_alt += 1
        elif tag == "script":
            if "src" in a:
                self.resources.append((tag, a["src"]))
            elif a.get("type") not in ("application/json", "application/ld+json"):
                self._script = ""
        elif tag == "style":
            self.styles += 1

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline_scripts.append(self._script)
            self._script = None


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def site_url(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def resolves(site: Path, url: str) -> bool:
    path = urlsplit(url).path
    target = site / path.lstrip("/")
    return (target / "index.html").is_file() if path.endswith("/") else target.is_file()


def test_every_internal_link_and_resource_resolves(built: Built) -> None:
    broken: list[str] = []
    pages = sorted(built.site.rglob("*.html"))
    assert len(pages) >= 15
    for path in pages:
        page = parse(path)
        here = "http://site" + site_url(built.site, path)
        for url in page.links + [u for _t, u in page.resources]:
            absolute = urljoin(here, url)
            parts = urlsplit(absolute)
            if parts.netloc != "site":
                continue
            if not resolves(built.site, absolute):
                broken.append(f"{site_url(built.site, path)} -> {url}")
            elif (
                parts.fragment
                and parts.path == urlsplit(here).path
                and parts.fragment not in page.ids
            ):
                broken.append(f"{site_url(built.site, path)} -> #{parts.fragment}")
    assert broken == []


def test_no_page_requests_anything_from_another_host(built: Built) -> None:
    for path in sorted(built.site.rglob("*.html")):
        page = parse(path)
        foreign = [u for _t, u in page.resources if urlsplit(u).scheme or u.startswith("//")]
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
