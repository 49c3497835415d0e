"""Capitalised words in a name's position that name no person.

The name finder (``names``) asks these before it reports a word: a pet or a cuddly toy ("een
labrador die Max heet"), a thing named after somebody ("Bluey-fan"), a title in quotes
("“Oerend Hard”"), a thing among lower-case activities ("houdt van dansen, Bluey en
knutselen"), a slogan glued into a hashtag ("#PikachuZoektVriend") and a place written as one
word in a hashtag ("#BergenopZoom"); and the people of a place ("Arnhemmers"). Each was a
false alarm on blind corpora c6-c9 and c11 (docs/decisions.md, "Sixth to eighth rounds",
"Eleventh round").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from generator.privacy.lexicon import ROLE_WORDS, lexicon
from generator.privacy.words import is_dutch

# A pet or a cuddly toy, also in a compound ("knuffelhond", "waakhond", "poezen"), by its
# breed, with "ook"/"nu" before the name or "die" before it: "zijn knuffelhond heet ook
# Vincent", "een hond, Guus,", "een labrador die Max heet", "twee cavia's, Bert en Ernie".
_PET_WORD = (
    r"(?:kat|katje|katten|poes|poesje|poezen|kater|hond|hondje|honden|puppy|pup|konijn|"
    r"konijntje|konijnen|cavia|cavia's|hamster|hamsters|paard|pony|vis|visje|parkiet|vogel|kip|"
    r"kippen|schildpad|geit|knuffel|knuffelbeer|knuffelbeest|pop|beer|beertje|labrador|"
    r"herder|herdershond|teckel|poedel|retriever|husky|chihuahua|collie|beagle|sennen|"
    r"dalmatiër|jack\s+russell|maine\s+coon)"
)
_PET = re.compile(
    rf"{_PET_WORD}(?:\s+van\s+(?:(?:de|hun|haar|zijn|het|mijn|onze)\s+)?\w+)?"
    r"(?:\s+(?:heet|heette|heten|genaamd|noemen\s+we|noemt\s+ze|noemt\s+hij)"
    r"(?:\s+(?:ook|nu|trouwens|natuurlijk))?|\s+die|\s+dat)?\s*,?\s*"
    r"(?:[A-Z][\w'’-]*\s*(?:,|en|&)\s*)?$",
    re.IGNORECASE,
)
# "Bluey-fan", "Krabbegat-sjaal", "Ajax-shirt": a thing named after somebody or something,
# not a person (double names keep their capitals: "Anne-Fleur").
_THING_COMPOUND = re.compile(
    r"-(?:fan|fans|sjaal|shirt|shirtje|muts|pet|kaarten|knuffel|beker|tas|boek|boeken|film|"
    r"serie|liedje|muziek|feest|dag|tocht|rit|museum|park)$"
)
# People in a list are not things: "speelt met buren, Oksana en anderen".
_PEOPLE = frozenset(
    [
        "buren",
        "vrienden",
        "vriendjes",
        "vriendinnen",
        "vriendinnetjes",
        "anderen",
        "kinderen",
        "neven",
        "nichten",
        "ouders",
        "broers",
        "zussen",
        "klasgenoten",
        "leeftijdgenoten",
        "familie",
        "familieleden",
        "mensen",
        "iedereen",
        "jongens",
        "meisjes",
        "collega's",
        "jongen",
        "meisje",
        "kind",
        "zoon",
        "dochter",
        "baby",
        "peuter",
        "kleuter",
        "tiener",
        "puber",
    ]
)
_THING_BEFORE = re.compile(r"\b([a-z]{3,})\s*,\s*$")
_THING_AFTER = re.compile(r"\s+(?:en|of)\s+([a-z]{3,})\b")
_QUOTED = re.compile(r"[\"“‘„]([^\"”’“‘\n]{3,60})[\"”’]")
_LOWER_IN_TITLES = frozenset(["de", "het", "een", "van", "en", "in", "op", "met", "der", "den"])
_NAMING_BEFORE = re.compile(
    r"(?i)\b(?:bijnaam|heet|heten|noemen|noemt|noemde|genaamd|roepnaam|naam)\b[^.!?\n]*$"
)
_CAMEL = re.compile(r"[A-ZÀ-Ö][a-zà-ÿ]+")


def pet_before(text: str, start: int) -> bool:
    """Whether the words right before ``start`` say a pet's or a cuddly toy's name follows."""
    return _PET.search(text, max(0, start - 30), start) is not None


def thing_compound(word: str) -> bool:
    return _THING_COMPOUND.search(word) is not None


def among_things(text: str, start: int, end: int) -> bool:
    """ "houdt van dansen, Bluey en knutselen": a capitalised word between two ordinary
    lower-case words of one list is a thing (a series, a game), not a person."""
    before = _THING_BEFORE.search(text, max(0, start - 40), start)
    after = _THING_AFTER.match(text, end)
    return (
        before is not None
        and after is not None
        and is_dutch(before.group(1))
        and is_dutch(after.group(1))
        and not {before.group(1), after.group(1)} & (ROLE_WORDS | _PEOPLE)
    )


def quoted_title(text: str, start: int, end: int) -> bool:
    """A name of two or more words in quotes is a title or a slogan ("“Oerend Hard”"),
    unless a naming word comes before it ("bijnaam ‘de Kralingse Pijl’")."""
    for m in _QUOTED.finditer(text, max(0, start - 80), min(len(text), end + 80)):
        words = m.group(1).split()
        if m.start(1) <= start and end <= m.end(1) and len(words) > 1:
            # A title capitalises its words ("De Kleine Prins"); a quoted sentence does not.
            title = all(w[0].isupper() or w.lower() in _LOWER_IN_TITLES for w in words)
            cue = _NAMING_BEFORE.search(text, max(0, m.start() - 60), m.start())
            return title and cue is None
    return False


def slogan(tag: str, first_name: Callable[[str], bool]) -> bool:
    """ "#PikachuZoektVriend", "#BuurtomaGezocht": a hashtag glued from several words of which
    one is ordinary Dutch and none a first name is a slogan, not a person."""
    parts = _CAMEL.findall(tag)
    return (
        len(parts) > 1
        and any(is_dutch(p) and p.lower() not in ROLE_WORDS for p in parts[1:])
        and not any(first_name(p) for p in parts)
    )


def compact_places(allowed: frozenset[str]) -> frozenset[str]:
    """Place names and allowed names written as one word, as in a hashtag."""
    return _compact(lexicon().places) | frozenset(re.sub(r"[\s'’-]", "", a) for a in allowed)


@cache
def _compact(places: frozenset[str]) -> frozenset[str]:
    return frozenset(re.sub(r"[\s'’-]", "", p) for p in places)


_INHABITANTS = ("enaren", "naren", "aren", "ërs", "ers")


@cache
def _place_heads(places: frozenset[str]) -> frozenset[str]:
    """The first word of every place name of several words: "krimpen" (aan den IJssel)."""
    return frozenset(p.split()[0] for p in places if " " in p)


def inhabitants(lower: str, places: frozenset[str]) -> bool:
    """The people of a place, in the plural: "Arnhemmers", "Zoetermeerders", "Hengeloërs",
    "Krimpenaren" (Krimpen aan den IJssel). No family name is a plural."""
    for suffix in _INHABITANTS:
        if not lower.endswith(suffix) or len(lower) - len(suffix) < 3:
            continue
        stem = lower[: -len(suffix)]
        stems = {stem}
        if len(stem) > 3 and stem[-1] == stem[-2]:
            stems.add(stem[:-1])  # "Arnhemmers"
        if stem.endswith("rd"):
            stems.add(stem[:-1])  # "Zoetermeerders"
        if stems & places or stems & _place_heads(places):
            return True
    return False
