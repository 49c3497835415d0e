"""The catalog -> one ``Sheet`` per PDF and one ``Kit`` per newspaper kit: plain, picklable
data that says everything that decides the output (and so its cache digest).

Words and facts come from ``content``; colours, fonts, illustration and logo are the share
card's (``generator.images.specs``), so a poster looks like the card on Facebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from generator.images.layout import CardSpec
from generator.images.specs import FALLBACK_TITLE, Planned
from generator.images.specs import plan as plan_cards
from generator.images.text import clean as clean_text
from generator.model import Zoekprofiel
from generator.printing import content
from generator.render import profile_url
from generator.settings import Gemeente
from generator.validate import Catalog

# Facts, kickers, contacts and footers repeat across thousands of sheets; cleaning a text
# checks every letter against the font, so each distinct text is cleaned once.
clean = lru_cache(maxsize=16384)(clean_text)

A4 = "A4"
A5 = "A5"


@dataclass(frozen=True)
class Tile:
    """One profile on the gemeente poster."""

    title: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class Sheet:
    """One printed page: a profile poster (A4) or flyer (A5), or a gemeente poster (A4)."""

    path: str  # relative to the output folder, e.g. "haarlem/haarlem-k3m9/poster.pdf"
    size: str  # A4 or A5
    subject: str  # the PDF's document title
    kicker: str
    title: str
    facts: tuple[str, ...]
    line: str  # a warm line from the story ("" on the gemeente poster)
    tiles: tuple[Tile, ...]  # profiles shown on the gemeente poster, else ()
    contact: tuple[str, ...]  # name, e-mail, phone of the coordinator(s)
    qr_data: str
    short_url: str
    footer: str
    illustration: str  # file path of a PNG
    logo: str | None  # file path of a PNG, or None
    colours: tuple[str, str, str]  # primary, secondary, background
    regular_font: str
    bold_font: str


@dataclass(frozen=True)
class Kit:
    """A newspaper kit: text (for the paper and for an e-mail to its editors), the card at
    print resolution and a QR code that counts as ``krant``."""

    folder: str  # relative to the output folder, e.g. "haarlem/haarlem-k3m9"
    headline: str
    text: str
    qr_data: str
    card: CardSpec


@dataclass
class Listing:
    """The coordinators' page of one folder: what it offers, or why it offers nothing."""

    folder: str
    title: str
    files: list[str]
    kit: Kit | None = None
    profiles: list[tuple[str, str]] = field(default_factory=list)  # (folder name, title)
    note: str = ""


@dataclass(frozen=True)
class Plan:
    sheets: list[Sheet]
    kits: list[Kit]
    listings: list[Listing]
    skipped: dict[str, str]  # profile id -> why it gets no print matter


def _cards(catalog: Catalog, gemeenten: list[Gemeente] | None) -> dict[str, CardSpec]:
    """The share cards' specs (the kit redraws them; sheets take their illustration). Only
    the chosen gemeenten's profiles are planned: the other cards are not needed."""
    if gemeenten is not None:
        slugs = {g.slug for g in gemeenten}
        profiles = [p for p in catalog.profiles if p.gemeente in slugs]
        # _cache_key=None: the catalog's index is keyed by the number of profiles.
        catalog = replace(catalog, profiles=profiles, _cache_key=None)
    found: list[Planned] = plan_cards(catalog)
    return {p.key: p.spec for p in found if p.slot == "og"}


class _Sheets:
    def __init__(
        self, catalog: Catalog, channel: str | None, gemeenten: list[Gemeente] | None
    ) -> None:
        self.catalog = catalog
        site = catalog.settings.site
        self.base = site.base
        self.site_title = site.title
        self.channel = channel
        self.colours = (site.colours.primary, site.colours.secondary, site.colours.background)
        self.cards = _cards(catalog, gemeenten)
        any_card = next(iter(self.cards.values()))
        self.regular, self.bold, self.logo = (
            any_card.regular_font,
            any_card.bold_font,
            any_card.logo,
        )
        self.blocked = content.blocked_files(catalog)

    def sheet(
        self,
        path: str,
        size: str,
        gemeente: Gemeente,
        title: str,
        page: str,
        card: str,
        facts: tuple[str, ...] = (),
        line: str = "",
        tiles: tuple[Tile, ...] = (),
    ) -> Sheet:
        """``card`` is the catalog key of the share card whose illustration the sheet shows
        (the card already checked that the file is a readable image)."""
        r, b = self.regular, self.bold
        people = content.contacts(self.catalog.settings, gemeente)
        contact = tuple(clean(x, r) for c in people[:2] for x in c.lines())
        source = self.channel or ("poster" if size == A4 else "flyer")
        host = content.short_url(self.base, "")
        tiles = tuple(
            Tile(clean(t.title, b), tuple(c for f in t.facts if (c := clean(f, r)))) for t in tiles
        )
        sheet = Sheet(
            path=path,
            size=size,
            subject=clean(title, b) or FALLBACK_TITLE,
            kicker=clean(f"{self.site_title} {gemeente.name}", b),
            title=clean(title, b) or FALLBACK_TITLE,  # a title of only emoji cleans to ""
            facts=tuple(c for f in facts if (c := clean(f, r))),
            line=clean(line, r),
            tiles=tiles,
            contact=contact,
            qr_data=content.tracked_url(self.base, page, source),
            short_url=content.short_url(self.base, page),
            footer=clean(f"Word steungezin · {host}", b),
            illustration=self.cards[card].illustration,
            logo=self.logo,
            colours=self.colours,
            regular_font=r,
            bold_font=b,
        )
        texts = [sheet.title, *sheet.facts, sheet.line, *sheet.contact]
        texts += [t for tile in sheet.tiles for t in (tile.title, *tile.facts)]
        content.gate(texts, content.allowed_contacts(self.catalog.settings, gemeente), path)
        return sheet

    def kit(
        self, folder: str, key: str, gemeente: Gemeente, page: str, profile: Zoekprofiel | None
    ) -> Kit:
        headline, text = content.krant_text(self.catalog, gemeente, profile, self.blocked)
        allowed = content.allowed_contacts(self.catalog.settings, gemeente)
        content.gate([headline, text], allowed, folder)
        return Kit(
            folder=folder,
            headline=headline,
            text=text,
            qr_data=content.tracked_url(self.base, page, "krant"),
            card=self.cards[key],
        )


KIT_FILES = ("krant.txt", "krant.jpg", "krant-qr.png")


def plan(
    catalog: Catalog,
    gemeenten: list[Gemeente] | None = None,
    profile_ids: list[str] | None = None,
    channel: str | None = None,
) -> Plan:
    """Every sheet and kit for ``gemeenten`` (default: all), or only for ``profile_ids``.

    ``channel`` overrides the QR's utm_source (``school``, ``markt``) for posters and flyers.
    """
    make = _Sheets(catalog, channel, gemeenten)
    chosen = list(gemeenten or catalog.settings.gemeenten)
    sheets: list[Sheet] = []
    kits: list[Kit] = []
    listings: list[Listing] = []
    skipped: dict[str, str] = {}
    wanted = set(profile_ids or ())
    for g in chosen:
        profiles = sorted(catalog.profiles_of(g.slug), key=lambda p: p.id)
        if profile_ids is None:
            n, shown = content.gemeente_profiles(catalog, g, make.blocked)
            tiles = tuple(Tile(p.title, content.facts(p, g)) for p in shown)
            sheets.append(
                make.sheet(
                    f"{g.slug}/poster.pdf",
                    A4,
                    g,
                    content.families_title(n, g),
                    page=f"{g.slug}/",
                    card=f"gemeente:{g.slug}",
                    tiles=tiles,
                    facts=(),
                )
            )
            kit = make.kit(g.slug, f"gemeente:{g.slug}", g, f"{g.slug}/", None)
            kits.append(kit)
            listed = [
                (p.id, p.title) for p in profiles if content.printable(catalog, p, make.blocked)
            ]
            title = f"Drukwerk voor {g.name}"
            listings.append(Listing(g.slug, title, ["poster.pdf", *KIT_FILES], kit, listed))
        for p in profiles:
            if (profile_ids is not None and p.id not in wanted) or not p.has_page():
                continue
            folder = f"{g.slug}/{p.id}"
            if not content.printable(catalog, p, make.blocked):
                skipped[p.id] = _why_not(catalog, p)
                listings.append(Listing(folder, p.title, [], note=skipped[p.id]))
                continue
            facts = content.facts(p, g)
            line = content.warm_line(p)
            page = profile_url(p)
            for name, size in (("poster.pdf", A4), ("flyer.pdf", A5)):
                sheets.append(
                    make.sheet(
                        f"{folder}/{name}",
                        size,
                        g,
                        p.title,
                        page=page,
                        facts=facts,
                        line=line,
                        card=f"profiel:{p.id}",
                    )
                )
            kit = make.kit(folder, f"profiel:{p.id}", g, page, p)
            kits.append(kit)
            listings.append(Listing(folder, p.title, ["poster.pdf", "flyer.pdf", *KIT_FILES], kit))
    return Plan(sheets, kits, listings, skipped)


def _why_not(catalog: Catalog, profile: Zoekprofiel) -> str:
    if content.blocking_findings(catalog, profile):
        return (
            "de privacycontrole vraagt eerst om een controle door een mens (zie `buurtsite "
            "check`); daarna komt er drukwerk"
        )
    return "alleen open oproepen krijgen drukwerk; deze oproep is dat niet (meer)"


def asset_paths(sheet: Sheet) -> list[Path]:
    """The files whose bytes decide the PDF besides the sheet's own text."""
    paths = [sheet.illustration, sheet.regular_font, sheet.bold_font]
    if sheet.logo:
        paths.append(sheet.logo)
    return [Path(p) for p in paths]
