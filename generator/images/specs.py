"""The catalog -> one ``CardSpec`` per image, plus the Dutch alt text for each card.

This is where the words on the cards are chosen: the title, the key facts (children and
their ages, the kind of support, wijk and gemeente) and the footer. Status decides the
treatment: a gekoppeld profile gets the "Gevonden!" stamp, a gesloten or expired one is
muted with "Niet meer actueel".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PIL import Image

from generator import fonts
from generator.errors import BuurtsiteError
from generator.images.layout import GEVONDEN, VERLOPEN, CardSpec
from generator.images.text import clean

if TYPE_CHECKING:
    from generator.model import Zoekprofiel
    from generator.settings import Gemeente
    from generator.validate import Catalog

OG_SIZE = (1200, 630)
# Portrait 4:5 is the tallest ratio Facebook shows uncropped in the feed: on a phone it takes
# about a third more screen than a square image, which is what a recruiting post wants.
FEED_SIZE = (1080, 1350)
FALLBACK_ILLUSTRATION = "samen"
FALLBACK_TITLE = "Wie helpt dit gezin in de buurt?"


@dataclass(frozen=True)
class Planned:
    """One card to make: its catalog key, which slot of the CardSet, its spec and alt text."""

    key: str
    slot: str  # "og" or "feed"
    spec: CardSpec
    alt: str


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def _age(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}-{high}"


def children_fact(profile: Zoekprofiel) -> str:
    """ "Meisje van 4 jaar", "Jongen, jonger dan 1 jaar" or "3 kinderen van 2, 5 en 8 jaar"."""
    if len(profile.children) == 1:
        child = profile.children[0]
        noun = {"jongen": "Jongen", "meisje": "Meisje"}.get(str(child.gender or ""), "Kind")
        if child.age == 0:
            return f"{noun}, jonger dan 1 jaar"
        return f"{noun} van {child.age_label()}"
    ordered = sorted(profile.children, key=lambda c: (c.min_age, c.max_age))
    ages = _join([_age(c.min_age, c.max_age) for c in ordered])
    return f"{len(profile.children)} kinderen van {ages} jaar"


MAX_SUPPORT_LABELS = 3


def support_fact(profile: Zoekprofiel) -> str:
    """ "Logeren, weekenddag"; past three kinds "…, huiswerk en 4 meer" keeps it legible."""
    labels = profile.support_labels()
    shown = [labels[0], *(label[:1].lower() + label[1:] for label in labels[1:])]
    if len(shown) > MAX_SUPPORT_LABELS:
        rest = len(shown) - MAX_SUPPORT_LABELS
        return ", ".join(shown[:MAX_SUPPORT_LABELS]) + f" en {rest} meer"
    return ", ".join(shown)


def place_fact(profile: Zoekprofiel, gemeente_name: str) -> str:
    return f"{profile.wijk}, {gemeente_name}" if profile.wijk else f"Gemeente {gemeente_name}"


def profile_alt(profile: Zoekprofiel, gemeente_name: str, expired: bool = False) -> str:
    """Dutch alt text: what the card says, for <img alt>, og:image:alt and Facebook."""
    facts = "; ".join(
        [children_fact(profile), support_fact(profile), place_fact(profile, gemeente_name)]
    )
    text = f"Oproep van Buurtgezinnen {gemeente_name}: {profile.title.rstrip('.')}. {facts}."
    if str(profile.status) == "gekoppeld":
        text += " Gevonden: er is een steungezin gekoppeld."
    elif str(profile.status) == "gesloten" or expired:
        text += " Deze oproep is niet meer actueel."
    return text


class _Context:
    """Settings every spec shares: colours, fonts, logo, footer host, illustration folder."""

    def __init__(self, catalog: Catalog) -> None:
        site = catalog.settings.site
        self.catalog = catalog
        self.site_title = site.title
        self.colours = (site.colours.primary, site.colours.secondary, site.colours.background)
        self.host = urlsplit(site.base).netloc.removeprefix("www.")
        self._readable: set[Path] = set()
        logo = catalog.project.path(site.logo) if site.logo else None
        # An SVG logo is for the site only: Pillow cannot draw it, so such cards go without.
        self.logo = self.checked(logo, "logo") if logo and logo.suffix.lower() == ".png" else None
        self.art_dir = catalog.project.theme_dir / "illustraties"
        self.regular = str(fonts.font_file("regular"))
        self.bold = str(fonts.font_file("bold"))

    def illustration(self, key: str) -> str:
        path = self.art_dir / f"{key}.png"
        if not path.is_file():
            path = self.art_dir / f"{FALLBACK_ILLUSTRATION}.png"
        return self.checked(path, "illustratie")

    def checked(self, path: Path, what: str) -> str:
        """``path`` if Pillow can read it; otherwise a Dutch error naming the file, raised here
        rather than as a traceback from a worker process halfway through the build."""
        if path not in self._readable:
            try:
                with Image.open(path) as image:
                    image.verify()
            except (OSError, SyntaxError, ValueError) as exc:
                shown = _relative(path, self.catalog.project.root)
                raise BuurtsiteError(
                    f"de {what} {shown} ontbreekt of is geen leesbare afbeelding; "
                    "maak de illustraties opnieuw met `python scripts/make_illustrations.py`"
                ) from exc
            self._readable.add(path)
        return str(path)

    def spec(
        self,
        path: str,
        size: tuple[int, int],
        kicker: str,
        title: str,
        facts: tuple[str, ...],
        footer: str,
        art: str,
        badge: str | None = None,
    ) -> CardSpec:
        bold, regular = self.bold, self.regular
        return CardSpec(
            path=path,
            width=size[0],
            height=size[1],
            kicker=clean(kicker, bold),
            # A title of only emoji cleans to nothing; the card still needs a headline.
            title=clean(title, bold) or FALLBACK_TITLE,
            facts=tuple(c for f in facts if (c := clean(f, regular))),
            footer=clean(footer, bold),
            illustration=self.illustration(art),
            logo=self.logo,
            colours=self.colours,
            regular_font=self.regular,
            bold_font=self.bold,
            badge=badge,
        )


def _profile_cards(ctx: _Context, profile: Zoekprofiel, gemeente: Gemeente) -> Iterator[Planned]:
    catalog = ctx.catalog
    expired = profile.is_expired(catalog.today, catalog.settings.site.lifetime_days)
    status = str(profile.status)
    badge = (
        GEVONDEN if status == "gekoppeld" else VERLOPEN if status == "gesloten" or expired else None
    )
    footer = {
        GEVONDEN: f"Dank je wel, buurt! · {ctx.host}",
        VERLOPEN: f"Bekijk de actuele oproepen · {ctx.host}",
    }.get(badge or "", f"Word steungezin · {ctx.host}")
    facts = (children_fact(profile), support_fact(profile), place_fact(profile, gemeente.name))
    kicker = f"{ctx.site_title} {gemeente.name}"
    alt = profile_alt(profile, gemeente.name, expired)
    key = f"profiel:{profile.id}"
    base = f"kaarten/profiel/{profile.id}"
    for slot, size, suffix in (("og", OG_SIZE, ""), ("feed", FEED_SIZE, "-feed")):
        spec = ctx.spec(
            f"{base}{suffix}.png",
            size,
            kicker,
            profile.title,
            facts,
            footer,
            profile.illustration,
            badge,
        )
        yield Planned(key, slot, spec, alt)


def plan(catalog: Catalog) -> list[Planned]:
    """Every card of the site, in a stable order (profiles, gemeenten, home, default)."""
    ctx = _Context(catalog)
    settings = catalog.settings
    planned: list[Planned] = []
    for profile in sorted(catalog.profiles, key=lambda p: p.id):
        gemeente = settings.gemeente(profile.gemeente)
        if profile.has_page() and gemeente is not None:
            planned.extend(_profile_cards(ctx, profile, gemeente))
    for gemeente in settings.gemeenten:
        n = len(catalog.listed(gemeente.slug))
        first = f"{n} open oproepen" if n != 1 else "1 open oproep"
        facts = (
            first if n else "Meld je aan als steungezin",
            f"Provincie {gemeente.province}",
            "Met begeleiding van een coördinator",
        )
        title = f"Steungezinnen gezocht in {gemeente.name}"
        spec = ctx.spec(
            f"kaarten/gemeente/{gemeente.slug}.png",
            OG_SIZE,
            f"{ctx.site_title} {gemeente.name}",
            title,
            facts,
            f"Word steungezin · {ctx.host}",
            FALLBACK_ILLUSTRATION,
        )
        alt = f"{title}. {facts[0]}. {ctx.site_title} {gemeente.name}."
        planned.append(Planned(f"gemeente:{gemeente.slug}", "og", spec, alt))
    n_gemeenten = len(settings.gemeenten)
    home_facts = (
        f"Actief in {n_gemeenten} gemeente{'n' if n_gemeenten != 1 else ''}",
        "Een vaste plek in de buurt voor een kind",
        "Ouders krijgen even lucht",
    )
    home_title = "Gezinnen helpen gezinnen in de buurt"
    planned.append(
        Planned(
            "home",
            "og",
            ctx.spec(
                "kaarten/home.png",
                OG_SIZE,
                ctx.site_title,
                home_title,
                home_facts,
                f"Word steungezin · {ctx.host}",
                FALLBACK_ILLUSTRATION,
            ),
            f"{ctx.site_title}: {home_title}.",
        )
    )
    default_title = "Word steungezin bij jou in de buurt"
    default_facts = (
        "Spelen, logeren of samen eten",
        "Een dagdeel per week of per maand",
        "Met begeleiding van een coördinator",
    )
    planned.append(
        Planned(
            "default",
            "og",
            ctx.spec(
                "kaarten/standaard.png",
                OG_SIZE,
                ctx.site_title,
                default_title,
                default_facts,
                f"Meer weten? · {ctx.host}",
                FALLBACK_ILLUSTRATION,
            ),
            f"{ctx.site_title}: {default_title}.",
        )
    )
    return planned


def asset_paths(spec: CardSpec) -> list[Path]:
    """The files whose bytes decide the card's pixels besides the spec's own text."""
    paths = [spec.illustration, spec.regular_font, spec.bold_font]
    if spec.logo:
        paths.append(spec.logo)
    return [Path(p) for p in paths]
