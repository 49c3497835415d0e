"""The machine-readable outputs of the site: feeds, sitemap, JSON-LD, filter CSS.

Only listed profiles (open, in_gesprek, not expired) appear here; ``generator.render`` decides
which those are. Every date comes from the profiles themselves (publication and status log),
never from the clock, so the same input gives byte-identical files.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from generator import text as chars
from generator.model import AGE_GROUPS, SupportType, Zoekprofiel, age_groups
from generator.settings import Gemeente, SiteSettings
from generator.validate import Catalog

FEED_SIZE = 50


def slug(text: str) -> str:
    """A CSS- and URL-safe token: 'Skoatterwâld' -> 'skoatterwald'."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", flat.lower()).strip("-") or "x"


def page_date(profile: Zoekprofiel) -> date:
    """The last day the profile's public page changed meaning: publication or status change."""
    days = [profile.published or date.min] + [change.on for change in profile.history]
    return max(days)


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _xml(root: ET.Element, declared: str = "utf-8") -> str:
    """The document as text. ElementTree escapes markup; ``_element`` scrubs every text first,
    because XML 1.0 forbids most control characters even as character references."""
    head = f'<?xml version="1.0" encoding="{declared}"?>\n'
    return head + ET.tostring(root, encoding="unicode") + "\n"


def _element(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    """A child element on its own line, its text and attributes scrubbed (``generator.text``)."""
    element = ET.SubElement(parent, tag, {k: chars.scrub(v) for k, v in attrs.items()})
    if text is not None:
        element.text = chars.scrub(text)
    element.tail = "\n"
    return element


def _scrubbed(value: Any) -> Any:
    """``value`` with every string scrubbed: a lone surrogate cannot be written as UTF-8."""
    if isinstance(value, str):
        return chars.scrub(value)
    if isinstance(value, dict):
        return {k: _scrubbed(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_scrubbed(v) for v in value]
    return value


def atom_feed(
    title: str,
    self_url: str,
    page_url: str,
    entries: Sequence[Zoekprofiel],
    base: str,
    summary: Callable[[str], str],
    fallback: date,
) -> str:
    updated = max((page_date(p) for p in entries), default=fallback)
    feed = ET.Element("feed", {"xmlns": "http://www.w3.org/2005/Atom", "xml:lang": "nl"})
    feed.text = "\n"
    _element(feed, "title", title)
    _element(feed, "id", self_url)
    _element(feed, "link", rel="self", href=self_url)
    _element(feed, "link", rel="alternate", type="text/html", href=page_url)
    _element(feed, "updated", _stamp(updated))
    author = _element(feed, "author")
    ET.SubElement(author, "name").text = "Buurtgezinnen"
    for p in entries:
        url = f"{base}{p.gemeente}/{p.id}/"
        entry = _element(feed, "entry")
        entry.text = "\n"
        _element(entry, "title", p.title)
        _element(entry, "id", url)
        _element(entry, "link", rel="alternate", type="text/html", href=url)
        _element(entry, "published", _stamp(p.published or fallback))
        _element(entry, "updated", _stamp(page_date(p)))
        _element(entry, "content", summary(p.story), type="html")
    return _xml(feed)


def json_feed(
    title: str,
    self_url: str,
    page_url: str,
    entries: Sequence[Zoekprofiel],
    base: str,
    summary: Callable[[str], str],
) -> str:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": page_url,
        "feed_url": self_url,
        "language": "nl",
        "items": [
            {
                "id": f"{base}{p.gemeente}/{p.id}/",
                "url": f"{base}{p.gemeente}/{p.id}/",
                "title": p.title,
                "content_html": summary(p.story),
                "date_published": _stamp(p.published or page_date(p)),
                "date_modified": _stamp(page_date(p)),
                "tags": [s.value for s in p.support],
            }
            for p in entries
        ],
    }
    return json.dumps(_scrubbed(feed), ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def feed_files(
    catalog: Catalog,
    listed: Sequence[Zoekprofiel],
    gemeenten: Iterable[Gemeente],
    summary: Callable[[str], str],
) -> dict[str, str]:
    """Atom and JSON feeds, national and per gemeente, keyed by path below ``docs/``."""
    base = catalog.settings.site.base
    title = catalog.settings.site.title
    files: dict[str, str] = {}
    by_gemeente: dict[str, list[Zoekprofiel]] = {}
    for p in listed:
        by_gemeente.setdefault(p.gemeente, []).append(p)
    scopes = [("", f"{title}: nieuwe oproepen", list(listed))]
    scopes += [
        (f"{g.slug}/", f"{title} {g.name}: nieuwe oproepen", by_gemeente.get(g.slug, []))
        for g in gemeenten
    ]
    for prefix, name, entries in scopes:
        shown = entries[:FEED_SIZE]
        files[f"{prefix}feed.xml"] = atom_feed(
            name,
            f"{base}{prefix}feed.xml",
            f"{base}{prefix}",
            shown,
            base,
            summary,
            catalog.today,
        )
        files[f"{prefix}feed.json"] = json_feed(
            name, f"{base}{prefix}feed.json", f"{base}{prefix}", shown, base, summary
        )
    return files


def sitemap_xml(base: str, urls: Iterable[tuple[str, date | None]]) -> str:
    """The sitemap: only pages that are listed and indexable, each with its own date."""
    urlset = ET.Element("urlset", {"xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9"})
    urlset.text = "\n"
    for url, day in urls:
        item = _element(urlset, "url")
        ET.SubElement(item, "loc").text = chars.scrub(base + url)
        if day:
            ET.SubElement(item, "lastmod").text = day.isoformat()
    return _xml(urlset, "UTF-8")


def filter_stylesheet(listed: Sequence[Zoekprofiel]) -> str:
    """CSS that makes the gemeente page's radio-button filters work without JavaScript.

    A checked radio hides every card that lacks its value; the three groups combine because
    each rule hides independently. Only values that occur on the page get a rule.
    """
    rules: list[str] = []
    supports = {s for p in listed for s in p.support}
    for support in SupportType:
        if support in supports:
            key = slug(support.value)
            rules.append(_rule(f"f-steun-{key}", "steun", key))
    ages = {a for p in listed for a in age_groups(p)}
    rules += [_rule(f"f-leeftijd-{key}", "leeftijd", key) for key, *_ in AGE_GROUPS if key in ages]
    wijken = sorted({slug(p.wijk) for p in listed if p.wijk})
    rules += [_rule(f"f-wijk-{key}", "wijk", key) for key in wijken]
    header = "/* Generated by buurtsite (generator/feeds.py); edits are overwritten. */\n"
    return header + "\n".join(rules) + "\n"


def _rule(input_id: str, attribute: str, value: str) -> str:
    return (
        f'.md-content:has(#{input_id}:checked) .bs-cards > li:not([data-{attribute}~="{value}"])'
        " { display: none; }"
    )


def jsonld(*items: dict[str, Any]) -> str:
    """A schema.org graph for a ``<script type="application/ld+json">`` block."""
    graph = {"@context": "https://schema.org", "@graph": _scrubbed(list(items))}
    # "<" only occurs inside JSON strings; as \u003c no "</script" or "<!--" can end the block.
    return json.dumps(graph, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")


def organization(site: SiteSettings) -> dict[str, Any]:
    org: dict[str, Any] = {
        "@type": "Organization",
        "@id": site.base + "#organisatie",
        "name": site.title,
        "url": site.base,
        "email": site.contact.email,
    }
    if site.logo:
        org["logo"] = site.base + "assets/logo.png"
    return org


def breadcrumbs(base: str, *trail: tuple[str, str]) -> dict[str, Any]:
    """The home page, then ``trail`` as (name, site-root path) pairs."""
    items = [("Startpagina", ""), *trail]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": i, "name": name, "item": base + url}
            for i, (name, url) in enumerate(items, start=1)
        ],
    }


def feed_links(base: str, prefix: str, name: str) -> list[dict[str, str]]:
    """The <link rel="alternate"> entries of a page whose feeds live under ``prefix``."""
    return [
        {"type": "application/atom+xml", "title": f"Oproepen {name}",
         "href": base + prefix + "feed.xml"},
        {"type": "application/feed+json", "title": f"Oproepen {name} (JSON)",
         "href": base + prefix + "feed.json"},
    ]  # fmt: skip
