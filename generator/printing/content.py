"""The words on print matter: which profiles get it, their facts, links, contact and the
newspaper text. No drawing here; ``sheets.py`` turns these into plain specs.

Printed texts come only from the checked catalogue: a profile gets print matter when it is
open (listed, not expired) and the privacy gate found nothing but warnings in it. Every text
that is about to be printed is scanned once more for phone numbers and e-mail addresses; only
the configured contacts of the coordinator and the national office may appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from generator import privacy
from generator.errors import BuurtsiteError, Severity
from generator.images.specs import children_fact, place_fact, support_fact
from generator.model import PRINT_CHANNELS, Status, Zoekprofiel, count_families
from generator.render import page_state, plain_summary, print_url, profile_url
from generator.settings import Gemeente, Settings
from generator.validate import Catalog

CHANNELS = PRINT_CHANNELS
MEDIUM = "print"
KRANT_MAX_WORDS = 120
GEMEENTE_POSTER_PROFILES = 4
# Findings that do not stop print: warnings a coordinator has seen, and accepted findings.
PASSING = frozenset({Severity.WARNING, Severity.INFO})
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


class PrintBlocked(BuurtsiteError):
    """Print matter would carry a detail that may not be printed; the message says which."""


@dataclass(frozen=True)
class Contact:
    """Who a reader of the poster contacts: the gemeente's coordinator(s), as configured."""

    name: str
    email: str
    phone: str | None

    def lines(self) -> tuple[str, ...]:
        return (self.name, self.email, *((self.phone,) if self.phone else ()))


def tracked_url(base: str, path: str, source: str) -> str:
    """The page's address with ``utm_source`` and ``utm_medium=print``, for a QR code."""
    if source not in CHANNELS:
        raise ValueError(f"unknown print channel {source!r}; use one of {CHANNELS}")
    return f"{base}{path}?{urlencode({'utm_source': source, 'utm_medium': MEDIUM})}"


def short_url(base: str, path: str) -> str:
    """What people type: host without scheme and www, and the path without its last slash."""
    host = urlsplit(base).netloc.removeprefix("www.")
    return f"{host}/{path}".rstrip("/")


def blocking_findings(catalog: Catalog, profile: Zoekprofiel) -> list[str]:
    """Messages of the findings that keep ``profile`` off paper (errors, or a finding the
    privacy gate wants a person to check): anything that is not a warning or accepted."""
    doc = catalog.documents.get(profile.id)
    if doc is None:
        return []
    return [
        f.message
        for f in catalog.report.findings
        if f.file == doc.display and f.severity not in PASSING
    ]


def blocked_files(catalog: Catalog) -> frozenset[str]:
    """The profile files with a finding that keeps them off paper, found in one pass."""
    return frozenset(f.file for f in catalog.report.findings if f.severity not in PASSING)


def printable(
    catalog: Catalog, profile: Zoekprofiel, blocked: frozenset[str] | None = None
) -> bool:
    """Open, listed and cleared by the privacy gate: only such a profile is printed.

    Gekoppeld, gesloten, expired and in_gesprek profiles get no new print matter. ``blocked``
    (from ``blocked_files``) saves a scan of every finding per profile at national scale."""
    if profile.status is not Status.OPEN or page_state(profile, catalog) != "open":
        return False
    doc = catalog.documents.get(profile.id)
    if doc is None:
        return True
    return doc.display not in (blocked if blocked is not None else blocked_files(catalog))


def contacts(settings: Settings, gemeente: Gemeente) -> list[Contact]:
    return [Contact(c.name, c.email, c.phone) for c in settings.coordinators_of(gemeente)]


def allowed_contacts(settings: Settings, gemeente: Gemeente) -> list[str]:
    """The only phone numbers and e-mail addresses print matter for ``gemeente`` may carry:
    its own coordinators' and the national office's."""
    allowed = [settings.site.contact.email, settings.site.contact.phone or ""]
    allowed += [x for c in settings.coordinators_of(gemeente) for x in (c.email, c.phone) if x]
    return [a for a in allowed if a]


def gate(texts: list[str], allowed: list[str], what: str) -> None:
    """Refuse print matter whose texts carry a phone number or e-mail address that is not a
    configured contact. The catalogue was checked already; this guards what we compose."""
    hits = privacy.scan_published("\n".join(texts), allowed)
    if hits:
        raise PrintBlocked(
            f"drukwerk voor {what} wordt niet gemaakt: '{hits[0].text}' zou erop komen "
            "en is geen ingesteld contactadres"
        )


def frequency_fact(profile: Zoekprofiel) -> str:
    """ "Om de week" / "Wekelijks (een middag na school)"; the same words as the page."""
    text = profile.frequency.value.capitalize()
    return f"{text} ({profile.frequency_note})" if profile.frequency_note else text


def facts(profile: Zoekprofiel, gemeente: Gemeente) -> tuple[str, ...]:
    """Children, support, how often and where: the short facts of every print format."""
    return (
        children_fact(profile),
        support_fact(profile),
        frequency_fact(profile),
        place_fact(profile, gemeente.name),
    )


def warm_line(profile: Zoekprofiel, limit: int = 170) -> str:
    """The first sentence of the story that does not just repeat the title."""
    flat = plain_summary(profile.story, 10_000)
    title = profile.title.rstrip(".!").casefold()
    for sentence in _SENTENCE.split(flat):
        if sentence and sentence.rstrip(".!").casefold() != title:
            return plain_summary(sentence, limit)
    return ""


def families_title(n: int, gemeente: Gemeente) -> str:
    """ "3 gezinnen in Haarlem zoeken een steungezin" (the gemeente poster's headline)."""
    if n == 0:
        return f"Word steungezin in {gemeente.name}"
    if n == 1:
        return f"1 gezin in {gemeente.name} zoekt een steungezin"
    return f"{n} gezinnen in {gemeente.name} zoeken een steungezin"


def gemeente_profiles(
    catalog: Catalog, gemeente: Gemeente, blocked: frozenset[str] | None = None
) -> tuple[int, list[Zoekprofiel]]:
    """How many families look for a steungezin, and the (at most four) profiles to show."""
    blocked = blocked if blocked is not None else blocked_files(catalog)
    shown = [p for p in catalog.listed(gemeente.slug) if printable(catalog, p, blocked)]
    return count_families(shown), shown[:GEMEENTE_POSTER_PROFILES]


def _words(text: str) -> int:
    return len(text.split())


def krant_text(
    catalog: Catalog,
    gemeente: Gemeente,
    profile: Zoekprofiel | None = None,
    blocked: frozenset[str] | None = None,
) -> tuple[str, str]:
    """A headline and a ready text of at most 120 words for a local paper, register "u".

    Without ``profile`` it is the gemeente's call; the contact is the coordinator's."""
    site = catalog.settings.site
    people = contacts(catalog.settings, gemeente)
    reach = " of ".join(
        f"{c.name} ({c.email}{', ' + c.phone if c.phone else ''})" for c in people[:2]
    )
    about = (
        f"{site.title} koppelt gezinnen die het even zwaar hebben aan een steungezin uit de "
        "buurt: een gezin, stel of alleenstaande die af en toe een kind opvangt. U krijgt "
        "begeleiding van de coördinator."
    )
    if profile is None:
        n, _shown = gemeente_profiles(catalog, gemeente, blocked)
        headline = families_title(n, gemeente)
        path = f"{gemeente.slug}/"
        body = [
            f"In {gemeente.name} zoeken gezinnen een steungezin in de buurt.",
            about,
            "Spelen, samen eten, een keer logeren: u bepaalt zelf wat bij u past.",
        ]
    else:
        headline = f"Gezocht: een steungezin in {profile.wijk or gemeente.name}"
        path = profile_url(profile)
        support = support_fact(profile)
        details = f"{support[:1].lower()}{support[1:]}, {profile.frequency.value}."
        body = [profile.title.rstrip(".!") + ".", warm_line(profile), f"Het gaat om {details}"]
        body.append(about)
    closing = (
        f"Meer weten of aanmelden? Kijk op {short_url(site.base, path)} of neem contact op "
        f"met {reach}."
    )
    parts = [b for b in body if b]
    # Drop the least essential sentences until the text fits the limit; never cut mid-word.
    while _words(" ".join([*parts, closing])) > KRANT_MAX_WORDS and len(parts) > 1:
        parts.pop(1 if len(parts) > 2 else -1)
    return headline, " ".join([*parts, closing])


def listing_url(gemeente: Gemeente, profile: Zoekprofiel | None = None) -> str:
    """Site path of the print listing of a gemeente or profile (the render link rule)."""
    return print_url(gemeente.slug, profile.id if profile else None)
