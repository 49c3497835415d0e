"""Schools named by their name only, found by the sentence around them.

A zoekprofiel says "zit in groep 6 van Het Palet", "zit op de taalbrug" or "op zijn nieuwe
school, De Schakel,": no kind word, and the name is often an ordinary word. The cue says what
the name is: a group number before "van", sitting "op" something that is no common word, or a
name in apposition after "school".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.privacy.entities import PLACE_ENDINGS
from generator.privacy.finding import CHECK, Hit
from generator.privacy.lexicon import lexicon
from generator.privacy.words import famous_words, is_dutch

_WORD = r"[\w'’-]+"
# "groep 6 van Het Palet", "groep 3/4 op de vlindertuin", "groep 7 van Kindcentrum Noord".
GROUP_OF = re.compile(
    rf"\b(?i:groep\s+\d{{1,2}}(?:\s*[/-]\s*\d{{1,2}})?\s+(?:van|op|bij))\s+"
    rf"((?:[Dd]e|[Hh]et|'t)\s+{_WORD}(?:\s+[A-Z]{_WORD})?|[A-Z]{_WORD}(?:\s+[A-Z]{_WORD})?)"
)
# Lower case: "zit op de taalbrug", "zitten allebei op de wilgenhoek", "gaat naar de taalbrug".
SITS_ON_LOWER = re.compile(
    rf"\b(?:(zit|zitten|zat|zaten)|gaat|gaan|ging)\s+(?:\w+\s+){{0,2}}?(?:op|naar)\s+"
    rf"(?:de|het|'t)\s+([a-zà-ÿ]{_WORD})"
)
# "op zijn nieuwe school, De Schakel," or "basisschool (De Vlinder)".
SCHOOL_APPOSITION = re.compile(
    rf"\b(?i:[a-z]*school|kindcentrum|opvang|bso)\s*[,:(]\s*((?:De|Het|'t)\s+[A-Z]{_WORD}"
    rf"(?:\s+[A-Z]{_WORD})?)"
)
# What a group number or "zit op" is "of" without naming a school.
_GENERIC = frozenset(
    [
        "school",
        "basisschool",
        "middelbare",
        "speciale",
        "klas",
        "bank",
        "bso",
        "opvang",
        "juf",
        "meester",
        "leerkracht",
        "vorig",
        "vorige",
        "dit",
        "deze",
        "zijn",
        "haar",
    ]
)


def _not_a_school(name: str, ignore: frozenset[str]) -> bool:
    words = name.split()
    last = words[-1].lower().strip(".,;:!?")
    places = lexicon().places
    return (
        last in _GENERIC
        or last in ignore
        or last in places
        or PLACE_ENDINGS.search(words[-1]) is not None
        or name.lower() in places
    )


def named_schools(text: str, ignore: frozenset[str] = frozenset()) -> Iterator[Hit]:
    """Schools by a group number, by "zit op" in lower case, or in apposition after "school"."""
    for m in GROUP_OF.finditer(text):
        name = m.group(1)
        if _not_a_school(name, ignore):
            continue
        capital = any(w[:1].isupper() for w in name.split() if w.lower() not in ("de", "het"))
        yield Hit(m.start(1), m.end(1), "institution", severity="" if capital else CHECK)
    for m in SCHOOL_APPOSITION.finditer(text):
        if not _not_a_school(m.group(1), ignore):
            yield Hit(m.start(1), m.end(1), "institution")
    for m in SITS_ON_LOWER.finditer(text):
        word = m.group(2)
        if _not_a_school(word, ignore) or word in famous_words():
            continue  # "zit op de bank", "gaat naar de opvang"
        # Sitting "op" a rare word is a school; going "naar" one only when it is no Dutch word
        # ("gaat naar de kinderboerderij" is an outing).
        if m.group(1) or not is_dutch(word):
            yield Hit(m.start(2), m.end(2), "institution", severity=CHECK)
