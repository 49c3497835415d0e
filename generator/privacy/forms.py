"""Names in the forms the capital-letter rule of ``names`` cannot see.

1. Lower case: some writers type a whole post without capitals ("mijn zoon luuk en zijn
   zusje lana"). A lower-case word is a name when it sits in a name position (after a role
   word, after "heet"/"noemen", before an age "(7)") and is a listed first name or no Dutch
   word; a listed first name that is no Dutch word, in a text written without capitals, is
   worth a look even without a cue ("thijs en mila"). The OpenTaal lexicon keeps "zoon
   speelt" and "zusje leest" from being names.
2. Initials with a surname: "J. Koster", "mevr. A. de Wit".
3. Short capital nicknames in a name position: "KJ (9)", "noemen hem TJ".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.privacy.cues import AGE_AFTER, SUBJECT_CUE
from generator.privacy.entities import PUBLIC_AFTER, in_public_context
from generator.privacy.finding import CHECK, ERROR, Hit
from generator.privacy.lexicon import ROLE_WORDS, Lexicon
from generator.privacy.tokens import FUNCTION_WORDS, base_word, inside, sloppy
from generator.privacy.words import is_dutch

_NAMING = re.compile(
    r"\b(?:heet|heten|genaamd|bijnaam|naam\s+is|ik\s+ben|noemen\s+(?:hem|haar|ze|hij)|noemt\s+(?:hem|haar)|"
    r"noemde\s+(?:hem|haar))\s+(?:(?:eigenlijk|gewoon|ook|thuis|liever)\s+)?$"
)
_LOWER_WORD = re.compile(r"(?<![\w@#/.-])[a-zà-öø-ÿ][a-zà-öø-ÿ'’-]{1,}[a-zà-öø-ÿ](?![\w@/-])")
_ROLE_BEFORE = re.compile(r"([a-zA-Z.]+)[^\S\n]$")  # on the same line: not "moeder\nWIE:"
# Lower-case words that are listed first names but in a sloppy post are ordinary words.
_NOT_NAMES = frozenset(
    [
        "ok",
        "oke",
        "oké",
        "okay",
        "xx",
        "xxx",
        "mam",
        "pap",
        "jongen",
        "meid",
        "kids",
        "baby",
        "sorry",
        "hoi",
        "doei",
        "thanks",
        "love",
        "yes",
        "anders",  # "hij heet eigenlijk anders"
    ]
)
# The lower-case list a name stands in: "freek vonk en yvon jaspers", "chase en marshall".
_LIST_BEFORE = re.compile(r"(?:[a-zà-ÿ'’-]+(?:\s*,\s*|\s+(?:en|of|&)\s+|\s+))+$")
_OF_PUBLIC = re.compile(r"\s+van\s+(?:de\s+|het\s+)?$")


def _public(text: str, start: int, end: int, public: list[tuple[int, int]]) -> bool:
    """A lower-case name in a list that a fan or media cue governs: "vindt freek vonk en yvon
    jaspers geweldig", "chase en marshall zijn zijn helden", "sam en marshall van paw patrol"."""
    if in_public_context(text, start):
        return True
    before = _LIST_BEFORE.search(text, max(0, start - 60), start)
    if before is not None and before.start() < start:
        for m in re.finditer(r"[a-zà-ÿ'’-]+", text[before.start() : start]):
            if in_public_context(text, before.start() + m.start()):
                return True
    for stop in range(end, min(len(text), end + 60) + 1):
        if stop < len(text) and text[stop].isalnum():
            continue
        if PUBLIC_AFTER.match(text, stop):
            return True
        if any(s > stop and s - stop <= 12 and _OF_PUBLIC.match(text[stop:s]) for s, _ in public):
            return True
        if stop < len(text) and text[stop] in ".!?\n":
            break
    return False


INITIALS = re.compile(
    r"(?<![\w.])((?:[A-Z]\.\s?){1,3})\s?((?:(?:van|de|der|den|ter|ten|te|'t|van\s+de|van\s+der|"
    r"van\s+den)\s+)?[A-Z][a-zà-ÿ'’-]{2,}(?:-[A-Z][a-zà-ÿ'’-]{2,})?)"
)
_NICKNAME = re.compile(r"(?<![\w.-])[A-Z]{2,3}(?![\w.-])")


def _first_name(word: str, lex: Lexicon) -> bool:
    name = word[0].upper() + word[1:]
    return (
        name in lex.first_names
        and name not in lex.first_name_exceptions
        and word not in lex.common_words
        and word not in _NOT_NAMES
    )


_ROLES = ROLE_WORDS | {"gezin", "familie"}  # "het gezin rahimi"
_TITLE_SURNAME = re.compile(
    r"\b(?i:meneer|mevrouw|mevr\.?|dhr\.?|mw\.?|juf|meester|familie|fam\.?|gezin)\s+"
    r"((?:van\s+der|van\s+den|van\s+de|van\s+'t|van|de|der|den|ter|ten|te)\s+"
    r"[a-zà-ÿ][a-zà-ÿ'’-]+)"
)


_TITLE_BARE = re.compile(
    r"\b(?i:meneer|mevrouw|mevr\.?|dhr\.?|mw\.?|familie|fam\.?|juf|meester)\s+"
    r"([a-zà-ÿ][a-zà-ÿ'’-]{3,})\b"
)


# A child described, then named: "jongen van 10 shurendy zoekt", "meisje (8) lina".
_AGED_ROLE_BEFORE = re.compile(
    r"\b(?:jongen|meisje|meid|knul|kind|zoon|zoontje|dochter|dochtertje|broertje|zusje)\s+"
    r"(?:van\s+)?\(?\d{1,2}\s*(?:jaar|jr\.?)?\)?,?\s+$"
)
# What a sentence about a child goes on with, after its subject: "shurendy zoekt een maatje".
_CHILD_SUBJECT = re.compile(
    r"\s+(?:zoekt|is\s+dol\s+op|is\s+gek\s+op|houdt\s+van|zit\s+in\s+groep|gaat\s+naar\s+groep|"
    r"is\s+een\s+(?:\w+\s+){0,2}(?:jongen|meisje|meid|knul|kind))\b"
)


def _cued(text: str, start: int, end: int, possessive: bool) -> bool:
    role = _ROLE_BEFORE.search(text, max(0, start - 20), start)
    return (
        possessive
        or _AGED_ROLE_BEFORE.search(text, max(0, start - 30), start) is not None
        or _CHILD_SUBJECT.match(text, end) is not None
        or (role is not None and role.group(1).lower() in _ROLES)
        or _NAMING.search(text, max(0, start - 40), start) is not None
        or AGE_AFTER.match(text, end) is not None
        or SUBJECT_CUE.match(text, end) is not None  # "noah is 7"
    )


def lowercase_names(
    text: str,
    allowed: frozenset[str],
    lex: Lexicon,
    blocked: list[tuple[int, int]],
    public: list[tuple[int, int]],
    title_spans: list[tuple[int, int]] = [],  # noqa: B006 (read only)
) -> Iterator[Hit]:
    """Lower-case names in name positions, and everywhere else in the text once found.

    ``title_spans`` are Title Case sentences whose Dutch words ``titlecase`` lowered: there
    a first name that is also a word after a role word ("Moeder Ama", "Juf Roos") is worth
    a look, as its capital may have been a name's."""
    lower_case = sloppy(text)
    found: dict[str, str] = {}
    for m in _TITLE_SURNAME.finditer(text):
        surname = m.group(1).split()[-1]
        dutch = is_dutch(surname)
        # "juf de boer" is a surname, "meester van de school" a description.
        particle = " ".join(m.group(1).split()[:-1])
        known = (
            not dutch
            or particle in ("van der", "van den", "der", "den", "ter", "ten")
            or (particle == "de" and surname.capitalize() in lex.surnames)
        )
        if known and not inside(m.start(1), m.end(1), blocked):
            yield Hit(m.start(1), m.end(1), "name", severity=ERROR)  # "meneer de graaf"
    for m in _TITLE_BARE.finditer(text):
        surname = m.group(1)
        if (
            surname.capitalize() in lex.surnames
            and surname not in FUNCTION_WORDS
            and not inside(m.start(1), m.end(1), blocked)
        ):
            # "meneer visser", "familie bakker": a listed surname after a title
            yield Hit(m.start(1), m.end(1), "name", severity=CHECK if is_dutch(surname) else ERROR)
    for m in _LOWER_WORD.finditer(text):
        word, possessive = base_word(m.group())
        end = m.start() + len(word)
        if (
            word in FUNCTION_WORDS
            or word in allowed
            or word in _ROLES
            or inside(m.start(), end, blocked)
        ):
            continue
        listed = _first_name(word, lex)
        dutch = is_dutch(word)
        aged = AGE_AFTER.match(text, end) is not None
        if not listed and dutch:
            # "ze heet roos", "mei (7)": a first name that is also a word, where only a name
            # can stand, is worth a look.
            naming = _NAMING.search(text, max(0, m.start() - 40), m.start())
            named = aged or (naming is not None and not naming.group().startswith("ik"))
            if inside(m.start(), end, title_spans):
                role = _ROLE_BEFORE.search(text, max(0, m.start() - 20), m.start())
                named = named or (role is not None and role.group(1).lower() in _ROLES)
            first = word.capitalize() in lex.first_names and word not in _NOT_NAMES
            if named and first and found.get(word) != ERROR:
                found[word] = CHECK
            continue
        if word in lex.places and not aged:
            continue  # "saba (11)" is a child, "naar saba" an island
        severity = None
        if not lower_case and not listed and not aged:
            continue  # a writer who uses capitals: "zorgt vur haar moeder" is dialect
        if _cued(text, m.start(), end, possessive and not dutch):
            severity = ERROR if listed and not dutch else CHECK  # "zusje noor": a look
        elif (lower_case and listed and not dutch and len(word) > 2) and not _public(
            text, m.start(), end, public
        ):
            severity = CHECK
        if severity is not None and found.get(word) != ERROR:
            found[word] = severity
    if not found:
        return
    for m in _LOWER_WORD.finditer(text):
        word, _ = base_word(m.group())
        end = m.start() + len(word)
        if word not in found or inside(m.start(), end, blocked):
            continue
        nxt = re.match(r"\s+([a-zà-ÿ][a-zà-ÿ'’-]+)", text[end:])
        if nxt and nxt.group(1).capitalize() in lex.surnames and not is_dutch(nxt.group(1)):
            end += nxt.end()  # "vader dennis hofman"
        yield Hit(m.start(), end, "name", severity=found[word])


def initials(text: str, lex: Lexicon, blocked: list[tuple[int, int]]) -> Iterator[Hit]:
    """ "J. Koster", "mevr. A. de Wit": initials before a surname are a person."""
    for m in INITIALS.finditer(text):
        surname = m.group(2).split()[-1]
        if surname.lower() in FUNCTION_WORDS or inside(m.start(), m.end(), blocked):
            continue
        if len(m.group(1).replace(" ", "")) == 2 and m.start() and text[m.start() - 1] != " ":
            continue
        title = _ROLE_BEFORE.search(text, max(0, m.start() - 20), m.start())
        known = (
            surname in lex.surnames
            or not is_dutch(surname)
            or " " in m.group(2)  # a particle: "A. de Wit"
            or (title is not None and title.group(1).lower() in ROLE_WORDS)
        )
        if known:  # "B. Neem contact op" is a list item, not a person
            yield Hit(m.start(), m.end(), "name", severity=ERROR)


def nicknames(text: str, blocked: list[tuple[int, int]]) -> Iterator[Hit]:
    """ "KJ (9)", "noemen hem TJ", "zoon DJ": short capitals in a name position."""
    for m in _NICKNAME.finditer(text):
        if inside(m.start(), m.end(), blocked):
            continue
        role = _ROLE_BEFORE.search(text, max(0, m.start() - 20), m.start())
        if (
            (role is not None and role.group(1).lower() in ROLE_WORDS)
            or _NAMING.search(text, max(0, m.start() - 40), m.start()) is not None
            or AGE_AFTER.match(text, m.end()) is not None
            or SUBJECT_CUE.match(text, m.end()) is not None  # "JJ en zijn broertje"
        ):
            yield Hit(m.start(), m.end(), "name", severity=ERROR)
