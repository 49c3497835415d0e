"""Approval -> page live: re-render only what one profile's change touches, then MkDocs dirty.

A full ``build_site`` at national scale spends most of a one-edit rebuild on work the edit does
not need (every card's digest, every page rendered again). After a coordinator's profile is
approved (or its status changes) the backoffice calls ``publish_profile``, which

1. checks the whole project the normal way (``pipeline.checked``: no errors anywhere, as a
   full build demands);
2. plans only the cards the re-rendered pages show and draws only that profile's cards and
   its gemeente's card (from the card cache when their digest did not change);
3. renders only the pages the change can alter with the real renderer: the home page, the
   gemeente page and its filter stylesheet, every profile page of that gemeente (they list
   each other), pages of the profile's siblings, the national and gemeente feeds and the
   sitemap;
4. runs the published-text privacy gate over exactly those files (``build.privacy_findings``);
5. writes the changed ones into the staged project and runs MkDocs in dirty mode, which turns
   only the newer Markdown files into HTML and always re-renders sitemap.xml; then the
   files MkDocs and the print step wrote get their .gz like after a full build
   (``build.precompress`` over those files only, not a walk of the whole site).

Everything goes through the code a full build uses, so the output is the same file for file;
``tests/backoffice/test_publishsite.py`` compares the whole site/ tree with a full build.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import pipeline
from generator.build import (
    PrivacyBlocked,
    precompress,
    privacy_findings,
    run_mkdocs,
    source_date,
    write_print_matter,
)
from generator.errors import BuurtsiteError
from generator.feeds import feed_files, filter_stylesheet
from generator.images.build import ENCODING, SUFFIX, CardSet, render_bytes
from generator.images.build import _card_sets as card_sets
from generator.images.cache import Cache, FileHashes, digest
from generator.images.specs import Planned, plan
from generator.model import Zoekprofiel
from generator.render import CONTENT_PAGES, NEWEST_ON_HOME, SITEMAP, Renderer, site_map
from generator.stage import CARD_SCRATCH
from generator.validate import Catalog


class NotPublished(BuurtsiteError):
    """The profile cannot be published quickly; the message says why, in Dutch."""


@dataclass
class FastResult:
    seconds: float
    written: list[str] = field(default_factory=list)  # staged files that changed
    timings: dict[str, float] = field(default_factory=dict)


def _lap(timings: dict[str, float], name: str, started: float) -> float:
    now = time.perf_counter()
    timings[name] = now - started
    return now


def planned_cards(catalog: Catalog, profile: Zoekprofiel) -> list[Planned]:
    """The cards of the profiles whose cards the re-rendered pages show, planned by the card
    code: every profile of the gemeenten involved (pages list each other; the gemeente card
    counts them), and the newest on the home page. Planning all 7,000 cards took a second."""
    siblings = set(profile.siblings) | {p.id for p in catalog.profiles if profile.id in p.siblings}
    gemeenten = {profile.gemeente} | {p.gemeente for p in catalog.profiles if p.id in siblings}
    needed = {p.id: p for g in gemeenten for p in catalog.profiles_of(g)}
    needed.update({p.id: p for p in catalog.listed()[:NEWEST_ON_HOME]})
    view = Catalog(project=catalog.project, today=catalog.today, profiles=list(needed.values()))
    return plan(view)


class _Cards(dict[str, CardSet]):
    """Card sets that refuse to fall back to the default card for a profile they lack:
    the fast path would then write another page than a full build (the job builds all)."""

    def __init__(self, sets: dict[str, CardSet], with_page: set[str]) -> None:
        super().__init__(sets)
        self.with_page = with_page

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self and key in self.with_page:
            raise NotPublished(f"kaart {key} niet voorbereid; de hele site wordt gebouwd")
        return super().get(key, default)


def _cards(planned: list[Planned], keys: set[str], staged_dir: Path, cache_dir: Path) -> list[str]:
    """Draw (or take from the cache) the cards of ``keys``; returns their staged paths written.

    The cards go into both the staged docs/ and the card scratch folder, so the next full
    build finds them unchanged and does not copy them again.
    """
    cache = Cache(cache_dir)
    hashes = FileHashes()
    written: list[str] = []
    for item in planned:
        if item.key not in keys:
            continue
        card_digest = digest(item.spec, hashes, ENCODING)
        cached = cache.file_for(card_digest, SUFFIX)
        data = (
            cached.read_bytes()
            if cache.hit(item.spec.path, card_digest, SUFFIX)
            else render_bytes(item.spec)
        )
        for root in (staged_dir / "docs", staged_dir / CARD_SCRATCH):
            target = root / item.spec.path
            try:
                if target.read_bytes() == data:
                    continue
            except OSError:
                target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            if root.name == "docs":
                written.append(f"docs/{item.spec.path}")
    return written


def render_affected(
    catalog: Catalog, profile_id: str, staged_dir: Path, planned: list[Planned]
) -> dict[str, str]:
    """The staged text files one profile's change can alter, rendered by the real renderer."""
    profile = catalog.profile(profile_id)
    if profile is None:
        raise NotPublished(f"oproep '{profile_id}' niet gevonden in de zoekprofielen")
    settings = catalog.settings
    gemeente = settings.gemeente(profile.gemeente)
    if gemeente is None:
        raise NotPublished(f"gemeente '{profile.gemeente}' staat niet in site_config.yml")
    with_page = {f"profiel:{p.id}" for p in catalog.profiles if p.has_page()}
    renderer = Renderer(catalog, _Cards(card_sets(planned), with_page))
    by_slug = {g.slug: g for g in settings.gemeenten}
    pages: dict[str, str] = {
        "index.md": renderer.home(list(settings.gemeenten)),
        f"{gemeente.slug}/index.md": renderer.gemeente(gemeente),
        f"{gemeente.slug}/filters.css": filter_stylesheet(
            renderer.listed_in.get(gemeente.slug, [])
        ),
    }
    related = set(catalog.profiles_of(gemeente.slug))
    related |= {p for p in catalog.profiles if p.id in renderer.sibling_ids.get(profile.id, set())}
    for p in sorted(related, key=lambda p: p.id):
        if p.has_page() and p.gemeente in by_slug:
            pages[f"{p.gemeente}/{p.id}.md"] = renderer.profile(p, by_slug[p.gemeente])
    pages.update(feed_files(catalog, renderer.listed, [gemeente], renderer.markdown_html))
    staged = {f"docs/{name}": text for name, text in pages.items()}
    content = [name for name, _t in CONTENT_PAGES if (staged_dir / "docs" / f"{name}.md").is_file()]
    staged[SITEMAP] = site_map(renderer, list(settings.gemeenten), content, renderer.listed)
    return staged


def publish_profile(
    config_path: Path, profile_id: str, site_dir: Path, staged_dir: Path, cache_dir: Path
) -> FastResult:
    """Bring ``site_dir`` up to date after a change to one profile, in seconds.

    ``cache_dir`` is the card cache, as for ``build_site``. Needs a previous full build into ``site_dir`` from ``staged_dir`` (otherwise it raises
    NotPublished and the caller runs ``build_site``). Raises ValidationFailed when the project
    has errors and PrivacyBlocked when a rendered file would publish contact details.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}
    if not (site_dir / "index.html").is_file() or not (staged_dir / "mkdocs.yml").is_file():
        raise NotPublished("de site is nog niet volledig gebouwd; bouw eerst de hele site")
    catalog = pipeline.checked(config_path)
    lap = _lap(timings, "check", started)
    profile = catalog.profile(profile_id)
    if profile is None:
        raise NotPublished(f"oproep '{profile_id}' niet gevonden in de zoekprofielen")
    planned = planned_cards(catalog, profile)
    keys = {f"profiel:{profile_id}", f"gemeente:{profile.gemeente}"}
    written = _cards(planned, keys, staged_dir, cache_dir)
    lap = _lap(timings, "cards", lap)
    texts = render_affected(catalog, profile_id, staged_dir, planned)
    lap = _lap(timings, "render", lap)
    files = {name: text.encode("utf-8") for name, text in texts.items()}
    problems = privacy_findings(catalog, files)
    if problems:
        raise PrivacyBlocked(
            f"niet gepubliceerd: {len(problems)} telefoonnummer(s) of e-mailadres(sen) "
            "zouden op de site komen; haal ze uit het zoekprofiel",
            problems,
        )
    for name, data in sorted(files.items()):
        target = staged_dir / name
        try:
            if target.read_bytes() == data:
                continue
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(name)
    lap = _lap(timings, "stage", lap)
    changed: list[Path] = []  # the site files written since, to compress
    if written:
        with source_date(catalog):
            changed += run_mkdocs(staged_dir, site_dir, dirty=True)
    lap = _lap(timings, "mkdocs", lap)
    # Its gemeente's posters, flyers and kits, as a full build would leave them (issue 16).
    changed += write_print_matter(catalog, site_dir, cache_dir, profile.gemeente)
    lap = _lap(timings, "print", lap)
    precompress(site_dir, changed)
    _lap(timings, "compress", lap)
    return FastResult(time.perf_counter() - started, written, timings)
