"""Person names, recognised by form and position, with deduce's lists as one signal of several.

Dutch capitalises proper nouns only. So a capitalised word that is not a Dutch word is a
proper noun; whether it is a *person* comes from its position and from lists:

- ``error`` (confident): right after a role word ("moeder Oksana", "juf Roos", "meneer De
  Vries"), after "heet"/"genaamd", before an age in brackets ("Mirela (7)"), in a possessive
  ("Mirela's"), as the subject of a sentence about a child ("Mirela is 7"), or a first name
  from deduce's list that is no Dutch word;
- ``check`` (a person must confirm): any other capitalised word that is no Dutch word, no
  place, no allowed name and no known public entity; and a listed first name that is also a
  Dutch word ("Storm", "Noor") in the middle of a sentence.

A name found once is found everywhere in the text, with its strongest severity.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.privacy.finder import SURNAME_ROLES, NameFinder
from generator.privacy.finding import CHECK, ERROR, Hit
from generator.privacy.lexicon import INTERFIXES, ROLE_WORDS, Lexicon
from generator.privacy.notnames import compact_places, pet_before
from generator.privacy.tokens import FUNCTION_WORDS, base_word, inside
from generator.privacy.words import is_dutch


def names(
    text: str,
    allowed: frozenset[str],
    lex: Lexicon,
    claimed: list[tuple[int, int]],
    public: list[tuple[int, int]] | None = None,
) -> Iterator[Hit]:
    """Every likely person name in ``text``, skipping spans other detectors already claimed."""
    finder = NameFinder(text, allowed, lex, claimed, public)
    toks = finder.toks
    found: list[tuple[int, int, str]] = []  # first token, last token, severity
    i = 0
    while i < len(toks):
        surname = finder.role_particle_name(i)
        if surname is not None:
            # "meneer De Vries" is a surname for sure; "moeder De Kleine Prins" may be a title.
            title = toks[i - 1].word.lower() in SURNAME_ROLES
            found.append((i - 1, surname, ERROR if title else CHECK))
            i = surname + 1
            continue
        severity = finder.severity_at(i)
        if severity is not None:
            severity = finder.demoted(i, severity)
        if severity is None:
            i += 1
            continue
        last = finder.extend(i)
        start = i
        prev = toks[i - 1] if i else None
        if severity == ERROR and last > i and not finder.cued(i, last):
            # A full name with no role, age or family cue around it is far more often a
            # public figure ("Fabio Jakobsen", "Ronnie Flex") than a neighbour: a person looks.
            severity = CHECK
        if prev and prev.word.lower() in ROLE_WORDS and prev.word.lower() not in _FAMILY_ROLES:
            start = i - 1  # keep the title with the name: "juf Marloes", "Dokter Jansen"
        found.append((start, last, severity))
        i = last + 1
    yield from _everywhere(finder, _not_excused(finder, found))
    yield from _hashtags(finder)
    for m in _SURNAME_AFTER_AGE.finditer(text):
        if not inside(m.start(1), m.end(1), finder.blocked):
            yield Hit(m.start(1), m.end(1), "name", severity=ERROR)


# The family name after the children's names and ages: "Sanne (14) en Ruben (11) van der
# Linden wonen ...", "Kees (6) Bosma woont ...".
_SURNAME_AFTER_AGE = re.compile(
    r"\b[A-Z][\w'’-]+\s*\(\s*\d{1,2}\s*\)\s+"
    r"((?:(?:van|de|der|den|ter|ten|te|op|in)\s+)*[A-Z][\w'’-]+)"
    r"(?=\s+(?:wonen|woont|zijn|is|zitten|zit|zoeken|zoekt|hebben|heeft|gaan|gaat)\b)"
)


_HASHTAG = re.compile(r"#(\w{3,})")
_CAMEL_PART = re.compile(
    r"[A-ZÀ-Ö][a-zà-ÿ]{2,}|^(?!team|hup|forza)[a-zà-ÿ]{3,}$"
    # "#teamnoah", "#hupsara": a cheering prefix glued to a name in lower case
    r"|(?<=^team)[a-zà-ÿ]{3,}$|(?<=^hup)[a-zà-ÿ]{3,}$|(?<=^forza)[a-zà-ÿ]{3,}$"
)


def _hashtags(finder: NameFinder) -> Iterator[Hit]:
    """Names inside hashtags: "#teamIlias", "#Mirela", "#mirela" (not "#buurtgezinnen")."""
    for tag in _HASHTAG.finditer(finder.text):
        lower = tag.group(1).lower()
        if finder.slogan(tag.group(1)):
            continue
        if lower.startswith("buurtgezinnen") or lower in compact_places(finder.allowed):
            continue  # "#BuurtgezinnenBreda", "#BergenopZoom": the organisation, a place
        for part in _CAMEL_PART.finditer(tag.group(1)):
            start, end = tag.start(1) + part.start(), tag.start(1) + part.end()
            word = part.group()
            name = word[0].upper() + word[1:]
            if inside(start, end, finder.blocked) or word.lower() in finder.allowed:
                continue
            if word.lower() in finder.lex.places or word.lower() in FUNCTION_WORDS:
                continue
            if finder.known_first_name(name) and not is_dutch(name):
                yield Hit(start, end, "name", severity=ERROR)
            elif word[0].isupper() and finder.unknown(name):
                yield Hit(start, end, "name", severity=CHECK)


# Family words are left out of the span: "moeder Oksana" reports "Oksana".
_FAMILY_ROLES = frozenset({"moeder", "vader", "mama", "papa", "heet", "genaamd", "zoon", "dochter"})


def _not_excused(
    finder: NameFinder, found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """Drop names that are a pet or a public figure elsewhere in the text and have no cue
    here ("een hond die Max heet ... wandelen met Max"; "favoriete boeken zijn Matilda ...
    net zo slim als Matilda"). A role word, an age or a family sentence still makes a name."""
    toks = finder.toks
    candidates = {base_word(t.word)[0] for s, last, _ in found for t in toks[s : last + 1]}
    excused: set[str] = set()
    for i, tok in enumerate(toks):
        if not tok.capitalised or base_word(tok.word)[0] not in candidates:
            continue
        pet = pet_before(finder.text, tok.start)
        if pet or finder.public(i):
            excused.add(base_word(tok.word)[0])
    if not excused:
        return found
    kept = []
    for start, last, severity in found:
        words = [base_word(t.word)[0] for t in toks[start : last + 1] if t.capitalised]
        words = [w for w in words if w.lower() not in ROLE_WORDS]
        if words and all(w in excused for w in words) and not finder.cued(start, last):
            continue
        kept.append((start, last, severity))
    return kept


def _spelled(token: str) -> str:
    """A name as it is normally written: "DAVUT" in a title in capitals is "Davut"."""
    word, _ = base_word(token)
    if len(word) > 2 and word.isupper() and word.isalpha():
        return word.capitalize()
    return word


def _everywhere(finder: NameFinder, found: list[tuple[int, int, str]]) -> Iterator[Hit]:
    """Each found name, plus every other occurrence of its words, with the strongest severity."""
    toks = finder.toks
    strongest: dict[str, str] = {}
    for start, last, severity in found:
        for tok in toks[start : last + 1]:
            word = _spelled(tok.word)
            if (
                (tok.capitalised or word != base_word(tok.word)[0])
                and word.lower() not in ROLE_WORDS
                and word not in INTERFIXES
                and strongest.get(word) != ERROR
            ):
                strongest[word] = severity
    covered: set[int] = set()
    for start, last, _severity in found:
        covered.update(range(start, last + 1))
        words = [base_word(t.word)[0] for t in toks[start : last + 1]]
        level = ERROR if any(strongest.get(w) == ERROR for w in words) else CHECK
        yield Hit(toks[start].start, toks[last].end, "name", severity=level)
    for i, tok in enumerate(toks):
        word = _spelled(tok.word)
        if i in covered or word not in strongest or inside(tok.start, tok.end, finder.blocked):
            continue
        if word.lower() in FUNCTION_WORDS:
            continue
        yield Hit(tok.start, tok.end, "name", severity=strongest[word])
