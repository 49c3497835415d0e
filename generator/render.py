"""Model -> staged pages: a plain MkDocs project (mkdocs.yml + docs/) rendered with Jinja2.

Every page is a Markdown file whose body is HTML rendered from ``theme/pages/`` and whose front
matter carries what the head needs (og tags, robots, JSON-LD); ``theme/overrides/`` turns that
front matter into tags. Feeds, the sitemap and the filter stylesheets are rendered by
``generator.feeds``. Nothing here runs MkDocs: ``generator.build`` does, on what we stage,
and tests inspect the staged tree directly.

Status decides everything in one place (``page_state``): a concept has no page; open and
in_gesprek are listed; gekoppeld, gesloten and expired keep their page with a banner, leave
every listing, feed and the sitemap, and get ``noindex``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import quote, urlsplit

import jinja2
import markdown
import yaml
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.feeds import (
    breadcrumbs,
    feed_files,
    feed_links,
    filter_stylesheet,
    jsonld,
    organization,
    page_date,
    sitemap_xml,
    slug,
)
from generator.model import (
    AGE_GROUPS,
    SUPPORT_LABELS,
    Status,
    Zoekprofiel,
    age_groups,
    count_families,
)
from generator.settings import Gemeente
from generator.validate import Catalog

# libyaml's emitter: the pure-Python one was half of a national render (8 of 14 s profiled).
_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
REPO_THEME = Path(__file__).resolve().parent.parent / "theme"
MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
CONTENT_PAGES = (
    ("over-ons", "Over ons"),
    ("veelgestelde-vragen", "Veelgestelde vragen"),
    ("verhalen", "Verhalen"),
    ("privacyverklaring", "Privacyverklaring"),
)
SOURCES = (
    ("facebook", "Via Facebook"),
    ("website", "Via deze website"),
    ("krant", "Via de krant"),
    ("school", "Via school"),
    ("via-via", "Via via"),
    ("anders", "Anders"),
)
NEWEST_ON_HOME = 6


def families_label(n: int) -> str:
    """The live counter: "3 gezinnen zoeken nu een steungezin" (computed at build time)."""
    if n == 0:
        return "Op dit moment zoekt geen gezin een steungezin"
    if n == 1:
        return "1 gezin zoekt nu een steungezin"
    return f"{n} gezinnen zoeken nu een steungezin"


class CardLike(Protocol):
    """The part of ``generator.images.Card`` the pages use."""

    @property
    def path(self) -> str: ...
    @property
    def width(self) -> int: ...
    @property
    def height(self) -> int: ...
    @property
    def alt(self) -> str: ...


class CardSetLike(Protocol):
    @property
    def og(self) -> CardLike: ...


def theme_dir(catalog: Catalog) -> Path:
    """The project's own theme when it has page templates, else the one shipped with buurtsite."""
    own = catalog.project.theme_dir
    return own if (own / "pages").is_dir() else REPO_THEME


def page_state(profile: Zoekprofiel, catalog: Catalog) -> str:
    """``open``, ``in_gesprek``, ``gekoppeld`` or ``niet-actueel``; one rule for every output."""
    if profile.is_listed(catalog.today, catalog.settings.site.lifetime_days):
        return profile.status.value
    return "gekoppeld" if profile.status is Status.GEKOPPELD else "niet-actueel"


def site_path(base: str) -> str:
    """The path the site is published under: "/" or a sub-path such as "/buurtgezinnen/"."""
    return (urlsplit(base).path.rstrip("/")) + "/"


def profile_url(profile: Zoekprofiel) -> str:
    return f"{profile.gemeente}/{profile.id}/"


def profile_page(profile: Zoekprofiel) -> str:
    """The staged Markdown file of a profile, below ``docs/``.

    A folder with ``index.md`` (not ``<id>.md``): the page's URL is then the folder of its
    source file, so an engine that resolves links against the source file (Zensical) and one
    that resolves them against the URL (MkDocs) agree (issue 17)."""
    return profile_url(profile) + "index.md"


PRINT_ROOT = "printen"


def print_url(gemeente: str, profile_id: str | None = None) -> str:
    """The coordinators' print listing (posters, flyers, newspaper kit; generator.printing)."""
    return f"{PRINT_ROOT}/{gemeente}/{profile_id}/" if profile_id else f"{PRINT_ROOT}/{gemeente}/"


def nl_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def plain_summary(text: str, limit: int = 160) -> str:
    """The first words of a Markdown story as plain text, for descriptions and feeds."""
    linked = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", " ".join(text.split()))
    flat = re.sub(r"[*_`#>\[\]]", "", linked)
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


_SAFE_SCHEMES = frozenset({"", "http", "https", "mailto"})


def safe_url(url: str) -> bool:
    """Whether a link in a story may stay: relative, or to the web or an e-mail address.

    Browsers ignore whitespace and controls inside a scheme ("java\\tscript:"), so we do too.
    """
    compact = "".join(c for c in url if c.isprintable() and not c.isspace()).lower()
    scheme, colon, _rest = compact.partition(":")
    return not colon or any(c in scheme for c in "/?#") or scheme in _SAFE_SCHEMES


class _SafeLinks(Treeprocessor):
    """Drops ``href``/``src`` values that would run script: ``[x](javascript:...)`` in a story
    is Markdown, not raw HTML, so escaping ``<`` alone does not stop it."""

    def run(self, root: Any) -> None:
        for element in root.iter():
            for name in ("href", "src"):
                if not safe_url(element.get(name, "")):
                    del element.attrib[name]


class SafeLinksExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SafeLinks(md), "buurtsite_safe_links", 0)


class Renderer:
    """Renders every staged text file of one catalog; holds the Jinja2 and Markdown engines."""

    def __init__(self, catalog: Catalog, cards: Mapping[str, CardSetLike]) -> None:
        self.catalog = catalog
        self.settings = catalog.settings
        self.site = catalog.settings.site
        self.base = self.site.base
        self.root = site_path(self.base)
        self.cards = cards
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(theme_dir(catalog) / "pages"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=jinja2.StrictUndefined,
        )
        self.md = markdown.Markdown(extensions=[SafeLinksExtension()], output_format="html")
        self._converted: dict[str, str] = {}
        self.lifetime = self.site.lifetime_days
        self.listed = catalog.listed()
        # Indexes built once: per-profile scans of the whole catalog would make a national
        # render quadratic (3,420 profiles x 3,420).
        self.by_id = {p.id: p for p in catalog.profiles}
        self.listed_in: dict[str, list[Zoekprofiel]] = {}
        for p in self.listed:
            self.listed_in.setdefault(p.gemeente, []).append(p)
        self.sibling_ids: dict[str, set[str]] = {}
        for p in catalog.profiles:
            for sid in p.siblings:
                self.sibling_ids.setdefault(p.id, set()).add(sid)
                self.sibling_ids.setdefault(sid, set()).add(p.id)

    # --- helpers -------------------------------------------------------------------------

    def href(self, to: str) -> str:
        """A root-relative link to ``to`` (a path below the site root, or an absolute URL).

        Links in our raw HTML are never page-relative: MkDocs leaves them alone, Zensical
        rewrites them against the Markdown file, and a page-relative link means something
        else to each. A root-relative link from the configured ``base_url`` means the same to
        every engine and keeps a site under a sub-path working (issue 17)."""
        if urlsplit(to).scheme or to.startswith("/"):
            return to
        return self.root + to

    def markdown_html(self, text: str) -> str:
        """Markdown -> HTML with raw HTML neutralised: stories are text, never markup.

        Memoised: each story appears on its page and in two feeds."""
        if (done := self._converted.get(text)) is not None:
            return done
        self.md.reset()
        result = str(self.md.convert(text.replace("&", "&amp;").replace("<", "&lt;")))
        self._converted[text] = result
        return result

    def card(self, key: str) -> CardLike | None:
        found = self.cards.get(key) or self.cards.get("default")
        return found.og if found else None

    def image(self, key: str) -> dict[str, Any] | None:
        card = self.card(key)
        if card is None:
            return None
        return {
            "src": self.href(card.path),
            "width": card.width,
            "height": card.height,
            "alt": card.alt,
        }

    def og_image(self, key: str) -> dict[str, Any] | None:
        card = self.card(key)
        if card is None:
            return None
        return {
            "url": self.base + card.path,
            "width": card.width,
            "height": card.height,
            "alt": html.escape(card.alt),
        }

    def form(self, prefix: str, gemeente: str, **extra: Any) -> dict[str, Any]:
        return {
            "prefix": prefix,
            "action": str(self.site.signup_url),
            "gemeente": gemeente,
            "profile": None,
            "privacy_version": self.site.privacy_version,
            "privacy_href": self.href(self.site.privacy_page),
            "sources": SOURCES,
            "message_label": "Waarom wilt u steungezin worden?",
            "button": "Meld mij aan als steungezin",
            **extra,
        }

    def card_view(self, profile: Zoekprofiel) -> dict[str, Any]:
        state = page_state(profile, self.catalog)
        return {
            "href": self.href(profile_url(profile)),
            "title": profile.title,
            "image": self.image(f"profiel:{profile.id}"),
            "label": "In gesprek" if state == "in_gesprek" else "",
            "children": profile.children_label(),
            "support": ", ".join(profile.support_labels()),
            "frequency": self.frequency(profile),
            "wijk": profile.wijk or "",
            "support_keys": " ".join(slug(s.value) for s in profile.support),
            "age_keys": " ".join(age_groups(profile)),
            "wijk_key": slug(profile.wijk) if profile.wijk else "",
        }

    @staticmethod
    def frequency(profile: Zoekprofiel) -> str:
        text = profile.frequency.value.capitalize()
        return f"{text} ({profile.frequency_note})" if profile.frequency_note else text

    def page(self, meta: dict[str, Any], body: str) -> str:
        """Front matter + body. Values are HTML-escaped here because MkDocs' theme
        environment does not autoescape, and mkdocs-material prints them into attributes."""
        meta = {"hide": ["navigation", "toc"], **meta}
        for key in ("title", "description"):
            meta[key] = html.escape(meta[key])
        front = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=True, width=1000)
        # Python-Markdown ends a raw HTML block at a blank line: keep the body one block.
        lines = [line for line in body.splitlines() if line.strip()]
        return f"---\n{front}---\n\n" + "\n".join(lines) + "\n"

    # --- pages ---------------------------------------------------------------------------

    def home(self, gemeenten: list[Gemeente]) -> str:
        counts = {g.slug: 0 for g in gemeenten}
        for profile in self.listed:
            if profile.gemeente in counts:
                counts[profile.gemeente] += 1
        views = [
            {
                "name": g.name,
                "province": g.province,
                "href": self.href(f"{g.slug}/"),
                "count_label": f"{counts[g.slug]} open oproep"
                + ("en" if counts[g.slug] != 1 else ""),
            }
            for g in sorted(gemeenten, key=lambda g: g.name)
        ]
        shown = [p for p in self.listed if p.gemeente in counts][:NEWEST_ON_HOME]
        body = self.env.get_template("home.html.j2").render(
            site_title=self.site.title,
            looking=families_label(count_families(p for p in self.listed if p.gemeente in counts)),
            gemeenten=views,
            newest=[self.card_view(p) for p in shown],
            contact_email=self.site.contact.email,
        )
        meta = {
            "title": f"{self.site.title}: word steungezin in uw buurt",
            "description": "Gezinnen die het even zwaar hebben zoeken een steungezin in de buurt. "
            "Vind de oproepen in uw gemeente.",
            "og_image": self.og_image("home"),
            "jsonld": jsonld(organization(self.site)),
            "feeds": feed_links(self.base, "", "landelijk"),
        }
        return self.page(meta, body)

    def gemeente(self, g: Gemeente) -> str:
        url = f"{g.slug}/"
        listed = self.listed_in.get(g.slug, [])
        present_support = {s for p in listed for s in p.support}
        present_ages = {a for p in listed for a in age_groups(p)}
        present_wijken = {p.wijk for p in listed if p.wijk}
        filters = {
            "support": [
                (slug(s.value), SUPPORT_LABELS[s]) for s in SUPPORT_LABELS if s in present_support
            ],
            "ages": [(key, label) for key, label, _lo, _hi in AGE_GROUPS if key in present_ages],
            "wijken": [(slug(w), w) for w in g.wijken if w in present_wijken],
        }
        coordinators = [
            {
                "name": c.name,
                "email": c.email,
                "phone": c.phone,
                "phone_link": re.sub(r"[^0-9+]", "", c.phone or ""),
            }
            for c in self.settings.coordinators_of(g)
        ]
        body = self.env.get_template("gemeente.html.j2").render(
            g=g,
            looking=families_label(count_families(listed)),
            intro=self.markdown_html(g.intro) if g.intro else "",
            cards=[self.card_view(p) for p in listed],
            filters=filters,
            signup=self.form("aanmelden", g.slug),
            help=self.form("hulpvraag", g.slug),
            coordinators=coordinators,
            facebook_url=f"https://www.facebook.com/{g.facebook_page}" if g.facebook_page else "",
            feed_href=self.href(f"{g.slug}/feed.xml"),
            json_feed_href=self.href(f"{g.slug}/feed.json"),
            print_href=self.href(print_url(g.slug)),
        )
        meta = {
            "title": f"Steungezin worden in {g.name}",
            "description": plain_summary(g.intro)
            or f"Gezinnen in {g.name} zoeken een steungezin in de buurt.",
            "og_image": self.og_image(f"gemeente:{g.slug}"),
            "jsonld": jsonld(organization(self.site), breadcrumbs(self.base, (g.name, url))),
            "feeds": feed_links(self.base, url, g.name),
            "stylesheets": [f"{g.slug}/filters.css"],
        }
        return self.page(meta, body)

    def profile(self, p: Zoekprofiel, g: Gemeente) -> str:
        url = profile_url(p)
        state = page_state(p, self.catalog)
        by_id = self.by_id
        sibling_ids = self.sibling_ids.get(p.id, set())
        siblings = [
            {
                "href": self.href(profile_url(q)),
                "title": q.title,
                "label": {"open": "", "in_gesprek": "In gesprek"}.get(
                    page_state(q, self.catalog), "Niet meer actueel"
                ),
            }
            for sid in sorted(sibling_ids)
            if (q := by_id.get(sid)) is not None and q.has_page()
        ]
        others = [q for q in self.listed_in.get(g.slug, []) if q.id != p.id]
        absolute = self.base + url
        text = f"{p.title} — help jij mee? {absolute}"
        days = ", ".join([d.value for d in p.days] + [d.value for d in p.dagdelen])
        body = self.env.get_template("profiel.html.j2").render(
            p=p,
            g=g,
            state=state,
            url=absolute,
            gemeente_href=self.href(f"{g.slug}/"),
            image=self.image(f"profiel:{p.id}"),
            story=self.markdown_html(p.story),
            children=p.children_label(),
            support=", ".join(p.support_labels()),
            frequency=self.frequency(p),
            days=days,
            published=nl_date(p.published) if p.published else "",
            siblings=siblings,
            others=[self.card_view(q) for q in others[:NEWEST_ON_HOME]],
            signup=self.form(
                "helpen",
                g.slug,
                profile=p.id,
                message_label="Vertel kort iets over uzelf",
                button="Ik wil dit gezin helpen",
            ),
            print_href=self.href(print_url(g.slug, p.id)) if state == "open" else "",
            share={
                "facebook": "https://www.facebook.com/sharer/sharer.php?u=" + quote(absolute, ""),
                "whatsapp": "https://wa.me/?text=" + quote(text, ""),
                "email": "mailto:?subject=" + quote(p.title, "") + "&body=" + quote(text, ""),
            },
        )
        meta: dict[str, Any] = {
            "title": p.title,
            "og_title": html.escape(p.title),
            "og_type": "article",
            "description": plain_summary(p.story),
            "og_image": self.og_image(f"profiel:{p.id}"),
            "jsonld": jsonld(
                organization(self.site),
                breadcrumbs(self.base, (g.name, f"{g.slug}/"), (p.title, url)),
            ),
        }
        if state not in ("open", "in_gesprek"):
            meta["robots"] = "noindex, follow"
        return self.page(meta, body)

    def content_page(self, source: Path, name: str, fallback_title: str) -> str:
        """A page from ``content/``: its own Markdown, with our front matter added."""
        text = source.read_text(encoding="utf-8")
        own: dict[str, Any] = {}
        if text.startswith("---\n"):
            head, _sep, text = text[4:].partition("\n---\n")
            loaded = yaml.safe_load(head)
            own = loaded if isinstance(loaded, dict) else {}
        heading = re.search(r"^# (.+)$", text, re.MULTILINE)
        title = str(own.get("title") or (heading.group(1) if heading else fallback_title))
        description = str(
            own.get("description") or plain_summary(re.sub(r"^#.*$", "", text, flags=re.MULTILINE))
        )
        meta: dict[str, Any] = {
            "title": title,
            "description": description,
            "og_image": self.og_image("default"),
            "jsonld": jsonld(organization(self.site), breadcrumbs(self.base, (title, f"{name}/"))),
            "hide": ["navigation"],
        }
        front = yaml.dump(
            {**meta, "title": html.escape(title), "description": html.escape(description)},
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=True,
            width=1000,
        )
        return f"---\n{front}---\n\n{text.lstrip()}"


def render_pages(
    catalog: Catalog, cards: Mapping[str, CardSetLike], only_gemeente: str | None = None
) -> dict[str, str]:
    """Every rendered text file, keyed by its path in the staged project (``docs/...``).

    ``only_gemeente`` (for ``serve --gemeente``) renders that gemeente, its profiles, the home
    page and the content pages, and nothing else.
    """
    renderer = Renderer(catalog, cards)
    settings = catalog.settings
    gemeenten = [g for g in settings.gemeenten if only_gemeente in (None, g.slug)]
    wanted = {g.slug for g in gemeenten}
    pages: dict[str, str] = {"index.md": renderer.home(gemeenten)}
    for g in gemeenten:
        pages[f"{g.slug}/index.md"] = renderer.gemeente(g)
        pages[f"{g.slug}/filters.css"] = filter_stylesheet(renderer.listed_in.get(g.slug, []))
    by_slug = {g.slug: g for g in gemeenten}
    for p in catalog.profiles:
        if p.has_page() and p.gemeente in wanted:
            pages[profile_page(p)] = renderer.profile(p, by_slug[p.gemeente])
    content_dir = catalog.project.content_dir
    for name, title in CONTENT_PAGES:
        source = content_dir / f"{name}.md"
        if not source.is_file():
            source = REPO_THEME.parent / "content" / f"{name}.md"
        if source.is_file():
            pages[f"{name}.md"] = renderer.content_page(source, name, title)
    listed = [p for p in renderer.listed if p.gemeente in wanted]
    pages.update(feed_files(catalog, listed, gemeenten, renderer.markdown_html))
    staged = {f"docs/{name}": text for name, text in pages.items()}
    content = [name for name, _t in CONTENT_PAGES if f"{name}.md" in pages]
    staged[SITEMAP] = site_map(renderer, gemeenten, content, listed)
    return staged


SITEMAP = "overrides/partials/sitemap-urls.html"


def site_map(
    renderer: Renderer, gemeenten: list[Gemeente], content: list[str], listed: list[Zoekprofiel]
) -> str:
    """The sitemap's URL entries: home, content pages, gemeenten and listed profiles.

    Also used by the backoffice's fast publish (generator.backoffice.publishsite)."""
    urls: list[tuple[str, date | None]] = [("", None)]
    urls += [(f"{name}/", None) for name in content]
    for g in gemeenten:
        dates = [page_date(p) for p in renderer.listed_in.get(g.slug, [])]
        urls.append((f"{g.slug}/", max(dates) if dates else None))
    urls.extend((profile_url(p), page_date(p)) for p in listed)
    return sitemap_xml(renderer.base, urls)
