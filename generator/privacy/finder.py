"""Where a capitalised word stands, and what it is: the name finder behind ``names.names``.

``NameFinder.severity_at`` decides, token by token, whether a word starts a person's name and
how sure that is (the rules are summed up in ``names``' docstring); the other methods extend a
name over a surname, tell a public figure, brand or place from a neighbour by the words around
it, and drop a title or an article before it.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cached_property

from generator.privacy.cues import AGE_AFTER, APPOSITION, NAMED, NAMING_VERBS, SUBJECT_CUE
from generator.privacy.entities import (
    PLACE_ENDINGS,
    PLACE_HEAD,
    PUBLIC_AFTER,
    in_public_context,
    public_spans,
)
from generator.privacy.finding import CHECK, ERROR
from generator.privacy.lexicon import INTERFIXES, ROLE_WORDS, Lexicon
from generator.privacy.notnames import (
    among_things,
    compact_places,
    inhabitants,
    pet_before,
    quoted_title,
    slogan,
    thing_compound,
)
from generator.privacy.tokens import (
    FUNCTION_WORDS,
    Token,
    base_word,
    inside,
    sloppy,
    tokens,
)
from generator.privacy.words import famous_words, is_dutch, is_frisian, is_known_compound

# Prepositions of place: nobody is "in" or "naar" a person.
_PLACE_BEFORE = re.compile(
    r"\b(?:in|naar|uit|rond|richting|langs|nabij|vlakbij|tussen|door)\s+(?:de\s+|het\s+|'t\s+)?$",
    re.IGNORECASE,
)
_NEXT_CAPS = re.compile(r"(?: [A-Z][\w'’-]*)*")  # "Genneper Parken": the rest of the name
_OF = re.compile(r"\s+van\s+(?:de\s+|het\s+)?")  # "Marshall van Paw Patrol"
# What may stand between the names of one list: "Snelle en Davina Michelle", "Chase, Marshall".
_CAP_WORD = r"(?:[A-ZÀ-Ö][\w'’.-]*|de|het|van|der|den)"
_GAP = (
    r"(?:\s*,\s*(?:vooral\s+(?:op\s+|van\s+)?)?(?:van\s+)?|\s+(?:en|of|&)\s+(?:van\s+)?|\s+"
    r"|[^\S\n]*:[^\S\n]*)"  # "Sesamstraat: Pino en Tommie"
)
_LIST_BEFORE = re.compile(rf"(?:{_CAP_WORD}{_GAP})+$")
_LIST_AFTER = re.compile(rf"(?:{_GAP}{_CAP_WORD})*")
# The end of a sentence or paragraph: a public list does not run on past it (a single line
# break may be a hard wrap inside a sentence).
_SENTENCE_END = re.compile(r"[.!?…](?=\s|$)|\n\s*\n")
_SURNAME_ROLES_TEXT = """
    meneer mevrouw mevr mevr. juf juffrouw meester dokter dr dr. familie fam fam. gezin dhr dhr. mw mw. mr
    mr. huisarts mentor directeur directrice dominee pastoor
"""
SURNAME_ROLES = frozenset(_SURNAME_ROLES_TEXT.split())
_COMPOUND_ROLES = ("oma", "opa", "moeder", "vader", "mama", "papa", "tante", "oom", "juf", "maatje")
_LOWER_PARTICLES = frozenset({"de", "van", "den", "der", "ter", "ten", "te", "'t"})
_CAPITAL_PARTICLES = frozenset({"De", "Van", "Den", "Der", "Ter", "Ten", "Te", "Op", "In", "'t"})


def _shouted(word: str) -> bool:
    """A word in capitals, as in a title typed in capitals: "DAVUT (6) ZOEKT ..."."""
    return len(word) > 2 and word.isupper() and word.isalpha()


class NameFinder:
    """One text's tokens, with what blocks them (claimed spans, public entities, allowed
    names) and the lists, for deciding name by name."""

    def __init__(
        self,
        text: str,
        allowed: frozenset[str],
        lex: Lexicon,
        claimed: list[tuple[int, int]],
        public: list[tuple[int, int]] | None = None,
    ) -> None:
        self.text = text
        self.allowed = allowed
        self.lex = lex
        self.toks = tokens(text)
        self.public_spans = public_spans(text) if public is None else public
        self.blocked = claimed + self.public_spans + _allowed_spans(text, allowed)
        self.public_memo: dict[int, bool] = {}
        self.counts = Counter(base_word(t.word)[0] for t in self.toks if t.capitalised)
        # Words the writer also types in lower case mid-sentence, in a text with capitals:
        # "Vur unne jongen ... zorgt vur haar moeder" is dialect, not a name.
        self.lower_words = (
            frozenset()
            if sloppy(text)
            else frozenset(
                t.word.lower() for t in self.toks if t.word[:1].islower() and not t.sentence_start
            )
        )

    @cached_property
    def frisian(self) -> bool:
        """Whether the text is (partly) Frisian: two or more words that are Frisian and not
        Dutch. Only then is a Frisian word no name: "bij Reade" in a Dutch text is a clinic."""
        words = {t.word.lower() for t in self.toks if t.word.lower() not in FUNCTION_WORDS}
        return sum(1 for w in words if is_frisian(w) and not is_dutch(w)) >= 2

    def proper(self, tok: Token) -> bool:
        """A capitalised word that could be a name: not blocked, a place or a function word."""
        word, _ = base_word(tok.word)
        lower = word.lower()
        return (
            tok.capitalised
            and not inside(tok.start, tok.end, self.blocked)
            and lower not in FUNCTION_WORDS
            and lower not in self.lex.places
            and lower not in self.allowed
            and any(c.isalpha() for c in word[1:])
            and not thing_compound(word)
            and not (tok.start and self.text[tok.start - 1] == "#" and self.slogan(tok.word))
        )

    def slogan(self, tag: str) -> bool:
        return slogan(tag, self.known_first_name)

    def known_first_name(self, word: str) -> bool:
        lex = self.lex
        return (
            word in lex.first_names
            and word not in lex.first_name_exceptions
            and word.lower() not in lex.common_words
        )

    def unknown(self, word: str) -> bool:
        """Neither a Dutch or Frisian word nor a well-known brand, place or public figure."""
        lower = word.lower()
        return (
            not is_dutch(word)
            and not (self.frisian and is_frisian(word))
            and lower not in famous_words()
            and lower not in self.lex.places
            and not is_known_compound(word)
            and not self.derived(lower)
        )

    def derived(self, lower: str) -> bool:
        """A word made from a known one: a place adjective ("Achtse" from Acht), a compound
        on a role word ("Voorleesoma") or a plural of a brand ("Barbies")."""
        adjective = re.match(r"(.{3,}?)(?:se|sche)$", lower)
        if adjective and adjective.group(1) in self.lex.places:
            return True
        role = next((r for r in _COMPOUND_ROLES if lower.endswith(r)), None)
        if role and len(lower) - len(role) >= 4:
            return True
        if inhabitants(lower, self.lex.places):
            return True
        return lower.endswith("s") and lower[:-1] in famous_words() and len(lower) > 4

    def severity_at(self, i: int) -> str | None:
        """The severity of a name starting at token ``i``, or None when it is no name."""
        tok = self.toks[i]
        if (
            (tok.capitalised or _shouted(tok.word))
            and AGE_AFTER.match(self.text, tok.end)
            and not inside(tok.start, tok.end, self.blocked)
            and tok.word.lower() not in FUNCTION_WORDS
        ):
            # "Saba (11)": a child with an age, even when the name is also a place; but
            # "Voetbalgek (9)" is a Dutch word used as a nickname for the profile.
            if not is_dutch(tok.word):
                return ERROR
            return CHECK if tok.word in self.lex.first_names else None
        if (
            tok.capitalised
            and tok.word in self.lex.first_names
            and tok.word.lower() not in self.allowed
            and not inside(tok.start, tok.end, self.blocked)
            and SUBJECT_CUE.match(self.text, tok.end)
        ):
            # "Linde woont met haar moeder": a first name that is also a village or a word,
            # as the subject of a sentence about the family (places do not live with anyone)
            return CHECK if is_dutch(tok.word) else ERROR
        if not self.proper(tok):
            return None
        word, possessive = base_word(tok.word)
        prev = self.toks[i - 1] if i else None
        if pet_before(self.text, tok.start):
            return None  # "hun kat heet Garfield", "de hond Bobby": a pet or a cuddly toy
        gap = self.text[prev.end : tok.start] if prev else ""
        # "fam. Hermans", "dhr. Bakker": the abbreviation's full stop ends no sentence.
        abbreviated = prev is not None and gap == ". " and f"{prev.word.lower()}." in SURNAME_ROLES
        if prev and ((gap == " " and not tok.sentence_start) or abbreviated):
            p = prev.word.lower()
            if p in ROLE_WORDS or p in NAMING_VERBS or p in SURNAME_ROLES:
                # "kijkt het liefst naar Juf Roos": a character after a media cue; a person looks.
                return CHECK if p in ROLE_WORDS and self.public(i) else ERROR
        if APPOSITION.search(self.text, max(0, tok.start - 30), tok.start):
            return ERROR  # "een jongen, Liam, ...", "zijn moeder, Hodan, ..."
        if NAMED.search(self.text, max(0, tok.start - 40), tok.start):
            return ERROR  # "thuis heet hij Semere", "we noemen haar Mimi"
        if self.public(i):
            return None
        first = self.known_first_name(word)
        unknown = self.unknown(word)
        hashtag = tok.start > 0 and self.text[tok.start - 1] == "#"
        if hashtag and (
            word.lower().startswith("buurtgezinnen") or word.lower() in compact_places(self.allowed)
        ):
            return None  # "#BuurtgezinnenBreda", "#BergenopZoom"
        if unknown and not first and word.lower() in self.lower_words:
            return None
        if not first and not unknown:
            if SUBJECT_CUE.match(self.text, tok.end) and (
                word in self.lex.first_names or word.lower() not in famous_words()
            ):
                # "Fleur is 12": a first name that is also a word, as a subject; "Taras
                # werkt als monteur": a rare word ("taras") as the subject of a person's verb
                return CHECK
            return CHECK if possessive and not is_dutch(word) else None
        subject = SUBJECT_CUE.match(self.text, tok.end) is not None
        if hashtag and not first and not subject and len(word) > 12:
            return CHECK  # "#Samenhelpenwijelkaar": a slogan glued together, names are short
        if possessive or hashtag or subject:
            return ERROR  # "Mirela's moeder", "#teamMirela", "Mirela is 7"
        if not first:
            if _PLACE_BEFORE.search(self.text, max(0, tok.start - 20), tok.start):
                return None  # "naar de Kersenboogerd", "rond Hollandscheveld": a place
            if prev and prev.word in ("de", "het", "'t") and not tok.sentence_start:
                return None  # "bij de Waterpoort": Dutch puts no article before a person
            return CHECK
        if not is_dutch(word):
            # Said more than once, a first name is who the profile is about; said once and
            # without any cue it may be a character or a singer ("wil Elsa zijn"): a person looks.
            return ERROR if self.counts[word] > 1 else CHECK
        if tok.sentence_start:
            return None  # "Storm of niet, ...": a first name that is a Dutch word, capitalised
        return CHECK

    def cued(self, first: int, last: int) -> bool:
        """Whether a role word, an age, a possessive or a family sentence marks the name."""
        prev = self.toks[first - 1] if first else None
        if prev and prev.word.lower() in ROLE_WORDS | NAMING_VERBS:
            return True
        end = self.toks[last].end
        return (
            base_word(self.toks[last].word)[1]
            or AGE_AFTER.match(self.text, end) is not None
            or SUBJECT_CUE.match(self.text, end) is not None
        )

    def demoted(self, i: int, severity: str) -> str | None:
        """Dutch puts no article before a person's name: "naar de Albert Cuyp", "bij de Jumbo"
        name a street, market or shop, so such a name is at most worth a look, and after a
        preposition of place ("naar de Maas") it is a place."""
        if not i:
            return severity
        prev, tok = self.toks[i - 1], self.toks[i]
        if prev.word.lower() not in ("de", "het", "'t") or self.text[prev.end : tok.start] != " ":
            return severity
        if prev.word[0].isupper() and severity == ERROR:
            return severity  # "De Vries is 7": a surname at the start of a sentence
        if _PLACE_BEFORE.search(self.text, max(0, tok.start - 20), tok.start):
            return None
        if is_dutch(base_word(tok.word)[0]):
            return None  # "De Maas", "de Peel": a river or region whose name is also a word
        return CHECK

    def public(self, i: int) -> bool:
        """Whether the words around token ``i`` say it names a public figure, brand or place.

        The context counts for a whole list: "fan van Snelle en Davina Michelle", "Chase en
        Marshall van Paw Patrol".
        """
        if i in self.public_memo:
            return self.public_memo[i]
        tok, text = self.toks[i], self.text
        # A list ends with its sentence: "... en Taylor Swift.\n\nEmil wil ..." names a person.
        lo = max(0, tok.start - 80)
        for opening in _SENTENCE_END.finditer(text, lo, tok.start):
            lo = opening.end()
        before = _LIST_BEFORE.search(text, lo, tok.start)
        start = before.start() if before else tok.start
        closing = _SENTENCE_END.search(text, tok.end)
        after = _LIST_AFTER.match(text, tok.end, closing.start() if closing else len(text))
        end = after.end() if after else tok.end
        of = _OF.match(text, end)
        starts = [t.start for t in self.toks if start <= t.start <= tok.start and t.capitalised]
        result = (
            among_things(text, tok.start, tok.end)
            or self.titled(i)
            or quoted_title(text, tok.start, tok.end)
            or any(in_public_context(text, at) for at in starts)
            # listed with a known public entity: "Jip en Janneke, Pluk van de Petteflet"
            or any(s < tok.start and start < e and e <= tok.start for s, e in self.public_spans)
            or any(tok.end < s < end for s, _e in self.public_spans)  # "Bluey en Paw Patrol"
            or PUBLIC_AFTER.match(text, end) is not None
            or (of is not None and any(s == of.end() for s, _e in self.public_spans))
            or (self.unknown(base_word(tok.word)[0]) and self.part_of_place(tok))
            or PLACE_HEAD.search(text, max(0, tok.start - 60), tok.start) is not None
        )
        self.public_memo[i] = result
        return result

    def part_of_place(self, tok: Token) -> bool:
        """ "Genneper Parken", "Beekse Bergen": a name ending like a park or in a place name."""
        rest = self.text[tok.start : self.caps_end(tok.end)]
        if PLACE_ENDINGS.search(rest):
            return True
        words = rest.split()
        return len(words) > 1 and words[-1].lower() in self.lex.places

    def caps_end(self, at: int) -> int:
        """The end of the capitalised words that continue a name at ``at``: "Genneper Parken"."""
        more = _NEXT_CAPS.match(self.text, at)
        return more.end() if more else at

    def titled(self, i: int) -> bool:
        """A capitalised word right after a capitalised Dutch or well-known word in the middle
        of a sentence is part of a title or a brand: "Pluk van de Petteflet", "Golden Earring",
        "Lightning McQueen" (role words are handled before: "Oma Truus")."""
        if not i:
            return False
        prev, tok = self.toks[i - 1], self.toks[i]
        if not prev.capitalised or prev.sentence_start or self.text[prev.end : tok.start] != " ":
            return False
        word = base_word(prev.word)[0]
        if word.lower() in ROLE_WORDS or self.known_first_name(word):
            return False
        return is_dutch(word) or word.lower() in famous_words()

    def role_particle_name(self, i: int) -> int | None:
        """'meneer De Vries', 'juf Van Dam': index of the surname after a capital particle."""
        tok = self.toks[i]
        prev = self.toks[i - 1] if i else None
        if (
            prev is None
            or self.text[prev.end : tok.start] != " "
            or prev.word.lower() not in ROLE_WORDS
            or (tok.word not in _CAPITAL_PARTICLES and tok.word not in _LOWER_PARTICLES)
            or inside(tok.start, tok.end, self.blocked)
        ):
            return None
        if tok.word in _LOWER_PARTICLES and prev.word.lower() not in SURNAME_ROLES:
            return None  # "zusje van 4": only a title takes a surname with "de" or "van"
        j = i + 1
        while j < len(self.toks) and self.toks[j].word.lower() in INTERFIXES:
            j += 1
        if j >= len(self.toks) or not self.toks[j].capitalised or j - i > 3:
            return None
        between = self.text[tok.start : self.toks[j].start]
        return j if re.fullmatch(r"[A-Za-z'’ ]+", between) else None

    def extend(self, last: int) -> int:
        """Extend a name over a surname: 'Pieter de Groot', 'Mirela Popescu'."""
        j = last + 1
        while j < len(self.toks) and self.toks[j].word in INTERFIXES:
            j += 1
        if j >= len(self.toks) or j - last > 3:
            return last
        nxt = self.toks[j]
        gap = self.text[self.toks[j - 1].end : nxt.start]
        if "\n" in gap or any(c in gap for c in ",.;:!?()#"):
            return last
        word, _ = base_word(nxt.word)
        if self.proper(nxt) and (word in self.lex.surnames or self.unknown(word)):
            return j
        return last


def _allowed_spans(text: str, allowed: frozenset[str]) -> list[tuple[int, int]]:
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for phrase in allowed:
        # A substring test first: with all 342 gemeente names allowed, a regex per phrase
        # per text made the national check 10x slower.
        if not phrase or phrase not in lowered:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", lowered):
            spans.append((m.start(), m.end()))
    return spans
