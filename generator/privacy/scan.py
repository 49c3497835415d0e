"""``scan_text`` and ``scan_published``: run the detectors over one text and merge results.

Order matters: numbers and contact details claim their spans first, so the digits of an
IBAN are not also a phone number and "Sint Jozef" in a school name is not also a person.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from generator.privacy.context import HOME, context_items, lower_numbers, lower_organisations
from generator.privacy.countries import countries_and_languages, plain
from generator.privacy.entities import PUBLIC_PHRASES, public_spans
from generator.privacy.finding import CHECK, ERROR, KINDS, Hit, PrivacyFinding, make_finding
from generator.privacy.forms import initials, lowercase_names, nicknames
from generator.privacy.institutions import institutions
from generator.privacy.lexicon import lexicon
from generator.privacy.names import names
from generator.privacy.organisations import WORKPLACE, organisations
from generator.privacy.patterns import (
    addresses,
    birthdates,
    contacts,
    events,
    numbers,
    phones_and_emails,
)
from generator.privacy.sensitive import combinations, special_categories
from generator.privacy.titlecase import only, untitled
from generator.privacy.tokens import FUNCTION_WORDS, sloppy, tokens
from generator.privacy.view import back_to_stored, line_bounded, reading_view
from generator.privacy.words import famous_words


def _claimed(hits: list[Hit]) -> list[tuple[int, int]]:
    """Spans the name finders skip: everything found except whole-sentence events."""
    return [(h.start, h.end) for h in hits if h.type != "event"]


def _overlaps(hit: Hit, taken: list[Hit]) -> bool:
    return any(t.start < hit.end and hit.start < t.end for t in taken)


def _claim(found: list[Hit], hits: Iterable[Hit], text: str = "") -> None:
    """Add hits that do not overlap what is already found, longest first. With ``text``, an
    uncertain hit that is only a country or a language ("woont in syrie", "Dari") is dropped."""
    for hit in sorted(hits, key=lambda h: (h.start - h.end, h.start)):
        if text and hit.severity == CHECK and _country(text[hit.start : hit.end]):
            continue
        if hit.end <= hit.start:
            continue
        # An event spans a sentence ("Misschien heb je over hem gelezen, Tygo is de jongen
        # die ..."): a name inside it is reported as well.
        clashes = [
            t
            for t in found
            if t.start < hit.end
            and hit.start < t.end
            and (t.type == "event") == (hit.type == "event")
        ]
        if not clashes:
            found.append(hit)
        elif _severity(hit) == ERROR and all(
            _severity(t) == CHECK
            and hit.start <= t.start
            and t.end <= hit.end
            and hit.end - hit.start > t.end - t.start
            for t in clashes
        ):
            # "de JO13-2 van HHC Hardenberg": the club with its team code is an error; the
            # acronym with a place inside it was only worth a look.
            for t in clashes:
                found.remove(t)
            found.append(hit)


def _severity(hit: Hit) -> str:
    return hit.severity or KINDS[hit.type][0]


def _country(phrase: str) -> bool:
    return plain(phrase.strip(" .,;:!?")) in countries_and_languages()


@lru_cache(maxsize=256)
def _normalised(allowed_names: tuple[str, ...]) -> frozenset[str]:
    # Cached: a national check passes the same 350 allowed names with every profile text.
    return frozenset(n.strip().lower() for n in allowed_names if n and n.strip())


@lru_cache(maxsize=256)
def _allowed_places(allowed: frozenset[str]) -> tuple[str, ...]:
    first_names = lexicon().first_names
    return tuple(a for a in allowed if a.capitalize() not in first_names)


def _places_in(text: str, allowed: frozenset[str]) -> list[str]:
    """Allowed names that are places (not the pseudonym) plus known village names."""
    lex = lexicon()
    places = list(_allowed_places(allowed))
    for tok in tokens(text):
        if tok.capitalised and tok.word.lower() in lex.places:
            places.append(tok.word.lower())
    return places


def scan_text(text: str, allowed_names: Iterable[str] = ()) -> list[PrivacyFinding]:
    """Every privacy finding in ``text``, in order of appearance.

    ``allowed_names`` are the pseudonym and the place names (gemeente, wijken) that may appear.
    Each finding has a severity: ``error`` (the text must change), ``check`` (a person must
    confirm it is not about the family) or ``warning`` (informational). The detectors read the
    text as a reader sees it (``view.reading_view``); offsets point into ``text``.
    """
    view = reading_view(text)
    if view is None:
        return _scan_text(text, allowed_names)
    seen, positions = view
    return [back_to_stored(text, f, positions) for f in _scan_text(seen, allowed_names)]


def _scan_text(text: str, allowed_names: Iterable[str]) -> list[PrivacyFinding]:
    allowed = _normalised(tuple(allowed_names))
    lex = lexicon()
    # In Title Case sentences a capital is no evidence of a name: the name finders read them
    # as ordinary Dutch (``titlecase``, same offsets). Detectors that need a cue ("werkt
    # bij", "Bakkerij", "(at)") read the text as written and, where it was Title Case, the
    # lowered view as well.
    view, title_spans = untitled(text)
    titled = bool(title_spans)
    texts = (text, only(view, title_spans)) if titled else (text,)
    found: list[Hit] = []
    public = public_spans(text)
    for seen in texts:
        _claim(found, numbers(seen))
        _claim(found, lower_numbers(seen))
        _claim(found, birthdates(seen))  # before phones: "geboren op 05-06-2018" is no number
    for seen in texts:
        sloppy_text = seen is not text or sloppy(seen)  # the Title Case pass has no capitals
        _claim(found, _not_public(seen, contacts(seen), public))
        lines = line_bounded(seen)  # organisation names do not run on into the next line
        for hits in (
            institutions(lines, allowed),
            context_items(lines, allowed),
            lower_organisations(lines, allowed, sloppy_text),
            events(seen),
            organisations(lines, allowed, public),
            _not_allowed(seen, addresses(seen), allowed),
        ):
            hits = _not_public(seen, hits, public, allowed)
            _claim(found, _uncertain_titles(hits, text, view) if titled else hits, seen)
    _claim(found, initials(view, lex, _claimed(found) + public))
    _claim(found, nicknames(view, _claimed(found) + public))
    _claim(found, names(view, allowed, lex, _claimed(found), public), view)
    blocked = _claimed(found) + public
    _claim(found, lowercase_names(view, allowed, lex, blocked, public, title_spans), view)
    blocking = list(found)
    special = list(special_categories(text))
    found += special
    found += [  # a club already reported as an error needs no second, softer message
        h
        for h in combinations(text, _places_in(text, allowed), special)
        if not _overlaps(h, blocking)
    ]
    findings = [make_finding(text, hit) for hit in _unique(found)]
    return sorted(findings, key=lambda f: (f.start, f.end, f.type))


_CUE_TYPES = frozenset(["institution", "organisation", "club"])
# What a cue hit may carry around a public name: "Stichting Kinderpostzegels", "op school
# Kinderpostzegels", "Stichting Buurtgezinnen Breda".
_LEADING_CUE = re.compile(
    r"(?i)(?:(?:stichting|vereniging|fonds|school|de|het|'t|van|via|bij)\s+)+"
)
_LAST_WORD = re.compile(r"\s+([\w'’-]+)$")


def _public_name(
    text: str, start: int, end: int, public: list[tuple[int, int]], allowed: frozenset[str]
) -> bool:
    """Whether a cue hit's name is a known public entity once its cue word ("Stichting",
    "school") and a trailing allowed place name (the gemeente) are taken off."""
    lead = _LEADING_CUE.match(text, start, end)
    if lead:
        start = lead.end()
    places = lexicon().places
    while True:
        tail = text[start:end].lower()
        # "Stichting Buurtgezinnen Den Haag": an allowed name of several words at the end
        phrase = next((a for a in allowed if " " in a and tail.endswith(" " + a)), None)
        if phrase is not None:
            end -= len(phrase) + 1
            continue
        last = _LAST_WORD.search(text, start, end)
        if last is None or not (
            last.group(1).lower() in allowed or last.group(1).lower() in places
        ):
            break
        end = last.start()
    return start < end and any(s <= start and end <= e for s, e in public)


def _not_public(
    text: str,
    hits: Iterable[Hit],
    public: list[tuple[int, int]],
    allowed: frozenset[str] = frozenset(),
) -> Iterator[Hit]:
    """Drop hits inside a known public entity (also with a cue word and the gemeente around
    it), and web addresses and street names whose main word Dutch text uses often
    ("bol.com", "Museumplein", "Sesamstraat")."""
    famous = famous_words()
    for hit in hits:
        if hit.detail in (WORKPLACE, HOME):
            yield hit
            continue
        article = re.match(r"(?i)(?:de|het|'t)\s+", text[hit.start : hit.end])
        start = hit.start + (article.end() if article else 0)
        if any(s <= start and hit.end <= e for s, e in public):
            continue
        if hit.type in _CUE_TYPES and _public_name(text, start, hit.end, public, allowed):
            continue
        if hit.type in ("url", "address") and hit.severity == CHECK:
            bare = re.sub(r"^(?:https?://)?(?:www\.)?", "", text[start : hit.end].lower())
            main = re.split(r"[./\s]", bare)[0]
            personal_page = "/" in bare.rstrip("/")  # instagram.com/<someone> names a person
            if personal_page and bare.split("/")[1].startswith("buurtgezinnen"):
                continue  # facebook.com/BuurtgezinnenZwolle: our own organisation's page
            if personal_page:
                yield Hit(hit.start, hit.end, hit.type)
                continue
            if main in famous or main in PUBLIC_PHRASES or f"{main}.nl" in PUBLIC_PHRASES:
                continue
        yield hit


def _uncertain_titles(hits: Iterable[Hit], text: str, view: str) -> Iterator[Hit]:
    """A name read only from Title Case capitals ("Team Met Zijn Vrienden") is worth a look,
    not an error: where the view lowered a word inside the hit, its capital said nothing.
    Cue hits (institution, organisation, club) are also cut where the sentence takes over
    (``_sentence_cut``). Cutting every kind of hit at a capitalised little word ("En", "Is",
    "Of") was tried in the third round and dropped: on the Title Case stress run it cost 5
    labels for 4 clean texts."""
    for hit in hits:
        lowered = text[hit.start : hit.end] != view[hit.start : hit.end]
        if lowered and hit.type in ("institution", "organisation", "club"):
            cut = _sentence_cut(view, hit)
            if cut is None:
                continue
            hit = dataclasses.replace(hit, end=cut)
        if hit.severity != CHECK and lowered:
            yield dataclasses.replace(hit, severity=CHECK)
        else:
            yield hit


_NAME_PARTICLES = frozenset(["de", "het", "'t", "van", "der", "den", "ter", "ten"])
_COMPASS = frozenset(["noord", "oost", "zuid", "west", "midden", "centrum"])  # "Jeugdteam Zuid"
_WORD_AT = re.compile(r"[\w'’-]+")


def _sentence_cut(view: str, hit: Hit) -> int | None:
    """Where a cue hit read from Title Case stops being a name, or None when it is none.

    Such a hit may run on into the sentence ("Bij Parnassia En Heeft Weinig", "Op School
    Heeft Hij Het"): it is cut before the first pronoun, conjunction or preposition after its
    first word (names keep articles and particles: "Bakkerij Van Der Meer"). A hit that ran on
    and whose second word is a common Dutch word other than an article ("School Heeft", "School
    Wil Ophalen") was a sentence, not a name ("Basisschool Het Palet" starts with an article).
    """
    words = list(_WORD_AT.finditer(view, hit.start, hit.end))
    for k, w in enumerate(words[1:], start=1):
        if w.group() in FUNCTION_WORDS and w.group() not in _NAME_PARTICLES:
            second = words[1].group()
            common = second in lexicon().common_words and second not in _COMPASS
            if k > 1 and second not in _NAME_PARTICLES and common:
                return None
            return words[k - 1].end()
    return hit.end


def _not_allowed(text: str, hits: Iterable[Hit], allowed: frozenset[str]) -> Iterator[Hit]:
    for hit in hits:
        if text[hit.start : hit.end].lower() not in allowed:
            yield hit


def _unique(hits: Iterable[Hit]) -> list[Hit]:
    seen: set[tuple[int, int, str]] = set()
    result: list[Hit] = []
    for hit in hits:
        key = (hit.start, hit.end, hit.type)
        if key not in seen:
            seen.add(key)
            result.append(hit)
    return result


def normalise_contact(value: str) -> str:
    """Phones to their last nine digits, e-mail addresses to lower case without spaces."""
    if "@" in value or re.search(r"\[at\]|\s(?:at|apenstaartje)\s", value, re.IGNORECASE):
        compact = re.sub(r"\s*(?:\[at\]|\(at\)|\sat\s|\sapenstaartje\s)\s*", "@", value, flags=re.I)
        compact = re.sub(r"\s*(?:\[dot\]|\(dot\)|\spunt\s|\sdot\s)\s*", ".", compact, flags=re.I)
        return re.sub(r"\s", "", compact).lower()
    digits = re.sub(r"\D", "", value)
    return digits[-9:]


_TAG = re.compile(r"<[^<>]*>")


def scan_published(text: str, allowed_contacts: Iterable[str]) -> list[PrivacyFinding]:
    """Phone numbers and e-mail addresses in rendered output, except the configured contacts.

    Run over built HTML, feeds and Facebook post texts; any finding must stop the build or
    the post.
    """
    allowed = {normalise_contact(c) for c in allowed_contacts if c}
    found: list[Hit] = []
    # Markup is blanked out (same length, so offsets hold): the phone matcher read the digit of
    # "</h1>" as part of the number before it, so "01000</h1>" became a phone number that
    # `check` never saw in the profile's own text.
    view = reading_view(text)
    seen, positions = view if view is not None else (text, [])
    _claim(found, phones_and_emails(_TAG.sub(lambda m: " " * len(m.group()), seen)))
    findings = [
        back_to_stored(text, make_finding(seen, hit), positions)
        for hit in found
        if normalise_contact(seen[hit.start : hit.end]) not in allowed
    ]
    return sorted(findings, key=lambda f: f.start)
