"""A built site/ -> every internal link, image and resource it refers to, and which are broken.

The crawl reads only the files an engine wrote, so it checks MkDocs and Zensical alike
(tests/site/test_crawl.py, tests/site/test_zensical.py, bench/crawl_bench.py). A reference is
internal when it resolves below the configured ``base`` (``site.base_url``); it is broken when
no file answers it, when it climbs above the site root (a browser would silently clamp it to
"/", which hid 9,576 broken image paths in a Zensical build), or when its ``#fragment`` names
no element of the target page.

Checked: ``<a href>``, ``<img>``/``<source>`` ``src`` and every ``srcset`` candidate,
``<script src>``, ``<link href>`` (stylesheets, icons, feeds, canonical), the og/twitter image
and URL tags, JSON-LD ``url``/``item``/``logo``, ``url()`` in stylesheets, the links in Atom and
JSON feeds, and the sitemap's ``<loc>``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

SKIPPED_SCHEMES = ("mailto", "tel", "javascript", "data", "sms")
URL_META = ("og:url", "og:image", "twitter:image")
COMPARED_META = ("og:title", "og:description", "og:type", "og:url", "og:image", "robots")
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")
FEED_HREF = re.compile(r'href="([^"]+)"')
SITEMAP_LOC = re.compile(r"<loc>([^<]+)</loc>")


@dataclass(frozen=True)
class Broken:
    page: str  # the referring file's site path, e.g. "/haarlem/" or "/feed.xml"
    url: str  # the reference as written
    reason: str


class PageParser(HTMLParser):
    """What the crawl needs from one HTML page: its references, ids and head facts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # (kind, url, inside the page content: our .bs-page or the theme's <article>); kind is
        # "link" (followed), "image",
        # "resource" (fetched with the page: scripts, stylesheets, icons) or "meta" (og/twitter)
        self.refs: list[tuple[str, str, bool]] = []
        self.ids: set[str] = set()
        self.meta: dict[str, str] = {}
        self.jsonld: list[str] = []
        self._divs = 0
        self._articles = 0
        self._content_at: int | None = None
        self._jsonld: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "div":
            self._divs += 1
            if self._content_at is None and "bs-page" in a.get("class", "").split():
                self._content_at = self._divs
        elif tag == "article":
            self._articles += 1
        inside = self._content_at is not None or self._articles > 0
        if tag == "a" and "href" in a:
            self.refs.append(("link", a["href"], inside))
        elif tag == "link" and "href" in a:
            rel = a.get("rel", "")
            if rel in ("canonical", "alternate"):  # followed, not fetched by the browser
                self.meta[f"{rel}:{a.get('type', '')}"] = a["href"]
                self.refs.append(("link", a["href"], False))
            else:
                self.refs.append(("resource", a["href"], False))
        elif tag in ("img", "source", "script", "iframe", "audio", "video"):
            if a.get("src"):
                self.refs.append(("image" if tag == "img" else "resource", a["src"], inside))
            for candidate in a.get("srcset", "").split(","):
                if candidate.strip():
                    self.refs.append(("image", candidate.split()[0], inside))
            if tag == "script" and a.get("type") == "application/ld+json":
                self._jsonld = []
        elif tag == "meta" and ("property" in a or "name" in a):
            key = a.get("property") or a["name"]
            self.meta[key] = a.get("content", "")
            if key in URL_META:
                self.refs.append(("meta", a.get("content", ""), False))

    def handle_endtag(self, tag: str) -> None:
        if tag == "div":
            if self._content_at == self._divs:
                self._content_at = None
            self._divs -= 1
        elif tag == "article":
            self._articles -= 1
        elif tag == "script" and self._jsonld is not None:
            self.jsonld.append("".join(self._jsonld))
            self._jsonld = None

    def handle_data(self, data: str) -> None:
        if self._jsonld is not None:
            self._jsonld.append(data)


def jsonld_urls(value: Any) -> Iterator[str]:
    """The ``url``, ``item`` and ``logo`` values anywhere in a JSON-LD document."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("url", "item", "logo") and isinstance(item, str):
                yield item
            else:
                yield from jsonld_urls(item)
    elif isinstance(value, list):
        for item in value:
            yield from jsonld_urls(item)


def merge(directory: str, reference: str) -> str | None:
    """RFC 3986 reference resolution of a path, but None when it climbs above "/"."""
    path = reference if reference.startswith("/") else directory + reference
    segments = path.split("/")[1:]
    out: list[str] = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        if segment == "..":
            if not out:
                return None
            out.pop()
        elif segment != ".":
            out.append(segment)
            continue
        if last:
            out.append("")
    return "/" + "/".join(out)


@dataclass
class Crawl:
    """The crawl of one built site; ``check()`` fills it."""

    site: Path
    base: str  # the configured site URL, ending in "/"
    pages: dict[str, PageParser] = field(default_factory=dict)
    broken: list[Broken] = field(default_factory=list)
    checked: int = 0
    sitemap: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts = urlsplit(self.base)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.root = parts.path or "/"
        self.files = {
            p.relative_to(self.site).as_posix() for p in self.site.rglob("*") if p.is_file()
        }

    def site_path(self, name: str) -> str:
        """The URL path of the file ``name`` (relative to site/)."""
        if name == "index.html" or name.endswith("/index.html"):
            name = name[: -len("index.html")]
        return self.root + name

    def target(self, page: str, url: str) -> tuple[str, str] | str | None:
        """(site path, fragment) of an internal reference; None if external; else the reason."""
        parts = urlsplit(url.strip())
        if parts.scheme in SKIPPED_SCHEMES:
            return None
        path: str | None
        if parts.scheme or parts.netloc:
            if f"{parts.scheme}://{parts.netloc}" != self.origin:
                return None
            path = merge("/", parts.path or "/")
        elif not parts.path:
            path = page
        else:
            path = merge(page[: page.rindex("/") + 1], parts.path)
        if path is None:
            return "climbs above the site root"
        if not path.startswith(self.root):
            return f"outside the site path {self.root}"
        return unquote(path), parts.fragment

    def exists(self, path: str) -> str | None:
        """The file that answers ``path``, or None."""
        name = path[len(self.root) :]
        if name == "" or name.endswith("/"):
            name += "index.html"
        return name if name in self.files else None

    def check_ref(self, page: str, url: str) -> tuple[str, str] | None:
        found = self.target(page, url)
        if found is None:
            return None
        self.checked += 1
        if isinstance(found, str):
            self.broken.append(Broken(page, url, found))
            return None
        path, fragment = found
        name = self.exists(path)
        if name is None:
            self.broken.append(Broken(page, url, "no such file"))
            return None
        target = self.pages.get(self.site_path(name))
        if fragment and target is not None and fragment not in target.ids:
            self.broken.append(Broken(page, url, f"no element with id '{fragment}'"))
        return found

    def check(self) -> Crawl:
        for name in sorted(self.files):
            if name.endswith(".html"):
                parser = PageParser()
                parser.feed((self.site / name).read_text(encoding="utf-8"))
                parser.close()
                self.pages[self.site_path(name)] = parser
        for page, parser in self.pages.items():
            urls = [url for _kind, url, _inside in parser.refs]
            for block in parser.jsonld:
                urls += jsonld_urls(json.loads(block))
            for url in urls:
                self.check_ref(page, url)
        for name in sorted(self.files):
            text = ""
            if name.endswith((".css", ".xml", ".json")):
                text = (self.site / name).read_text(encoding="utf-8")
            if name.endswith(".css"):
                urls = [u for u in CSS_URL.findall(text) if not u.startswith("data:")]
            elif name.endswith(".xml"):
                urls = FEED_HREF.findall(text) + SITEMAP_LOC.findall(text)
            elif name.endswith("feed.json"):
                feed = json.loads(text)
                urls = [feed["home_page_url"], feed["feed_url"]]
                urls += [item["url"] for item in feed["items"]]
            else:
                continue
            for url in urls:
                self.check_ref(self.root + name, url)
            if name == "sitemap.xml":
                self.sitemap = sorted(SITEMAP_LOC.findall(text))
        return self

    def targets(self, page: str, kinds: tuple[str, ...] = ("link", "image")) -> set[str]:
        """The resolved targets of the references in the page content (``.bs-page`` or
        ``<article>``), except anchors into the page itself: engines differ in the permalinks
        they add to headings, and the crawl checks every anchor exists anyway."""
        found: set[str] = set()
        parser = self.pages[page]
        for kind, url, inside in parser.refs:
            if inside and kind in kinds:
                target = self.target(page, url)
                if target is None:
                    found.add(url)  # external: compared as written
                elif isinstance(target, str):
                    found.add(f"{url} ({target})")
                elif not (target[0] == page and target[1]):
                    found.add(target[0] + ("#" + target[1] if target[1] else ""))
        return found

    def facts(self, page: str) -> dict[str, str]:
        """The head facts two engines must agree on: og tags and robots."""
        meta = self.pages[page].meta
        return {key: meta.get(key, "") for key in COMPARED_META}


def crawl(site: Path, base: str) -> Crawl:
    """Crawl ``site`` (a built site/ folder) published at ``base``."""
    return Crawl(site, base).check()
