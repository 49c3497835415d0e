"""Person names: first names from deduce's list, surnames after a name or a title.

Dutch capitalises proper nouns only, so a capitalised word in the middle of a sentence that
is a known first name is almost always a name. At the start of a sentence we also need the
word not to be a common word ("Storm of niet, ..."). A title or family word ("juf", "meester",
"moeder", "dokter") before a capitalised word makes it a name even when no list knows it.
Not names: allowed names (pseudonym, gemeente and wijk), places, public figures and fictional
characters, and anything right after "fan van", "boeken van", "net als" and the like.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.privacy.finding import Hit
from generator.privacy.lexicon import INTERFIXES, PUBLIC_FIGURES, TITLES, Lexicon

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.-]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿ]")
SENTENCE_END = ".!?:;(\n\"'“‘-–•*#>"
# Phrases after which a name is somebody famous, a character or an author, not the family.
FAN_CONTEXT = re.compile(
    r"\b(?:fan\s+van|fans?\s+van|boeken\s+van|boek\s+van|liedjes\s+van|muziek\s+van|"
    r"films?\s+van|series?\s+van|verhalen\s+van|net\s+als|held|idool|zoals|kijkt\s+naar|"
    r"leest|luistert\s+naar)\s+(?:(?:de|het)\s+)?$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    word: str
    sentence_start: bool

    @property
    def capitalised(self) -> bool:
        return self.word[0].isupper() and not (len(self.word) > 1 and self.word.isupper())


def tokens(text: str) -> list[Token]:
    found: list[Token] = []
    for m in WORD.finditer(text):
        before = text[: m.start()].rstrip()
        starts = not before or before[-1] in SENTENCE_END
        found.append(Token(m.start(), m.end(), m.group().rstrip("."), starts))
    return found


def blocked_spans(text: str, allowed: frozenset[str], lex: Lexicon) -> list[tuple[int, int]]:
    """Spans that are never names: allowed names, public figures, multi-word places."""
    lowered = text.lower()
    spans: list[tuple[int, int]] = []
    for phrase in (*allowed, *PUBLIC_FIGURES):
        # A substring test first: with all 342 gemeente names allowed, a regex per phrase
        # per text made the national check 10x slower.
        if not phrase or phrase not in lowered:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", lowered):
            spans.append((m.start(), m.end()))
    return spans


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def names(
    text: str, allowed: frozenset[str], lex: Lexicon, claimed: list[tuple[int, int]]
) -> Iterator[Hit]:
    """Every likely person name in ``text``, skipping spans other detectors already claimed."""
    blocked = blocked_spans(text, allowed, lex) + claimed
    toks = tokens(text)
    i = 0
    while i < len(toks):
        hit = _name_at(text, toks, i, lex, blocked)
        if hit is None:
            i += 1
            continue
        start, last = hit
        # Extend over a surname: "Pieter de Groot", "Juf Marloes Jansen".
        j = last + 1
        while j < len(toks) and toks[j].word.lower() in INTERFIXES and not toks[j].capitalised:
            j += 1
        if (
            j < len(toks)
            and toks[j].word in lex.surnames
            and toks[j].capitalised
            and not _inside(toks[j].start, toks[j].end, blocked)
        ):
            last = j
        yield Hit(start, toks[last].end, "name")
        i = last + 1


def _name_at(
    text: str, toks: list[Token], i: int, lex: Lexicon, blocked: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """(start offset, index of the last token) of a name starting at token ``i``, or None."""
    tok = toks[i]
    lower = tok.word.lower()
    if lower in TITLES and i + 1 < len(toks):
        nxt = toks[i + 1]
        if (
            nxt.capitalised
            and not _inside(nxt.start, nxt.end, blocked)
            and nxt.word.lower() not in lex.common_words
            and nxt.word.lower() not in lex.places
            and text[tok.end : nxt.start].strip() == ""
        ):
            keep_title = lower not in ("heet", "genaamd", "moeder", "vader", "mama", "papa")
            return (tok.start if keep_title else nxt.start), i + 1
    if not tok.capitalised or _inside(tok.start, tok.end, blocked):
        return None
    if FAN_CONTEXT.search(text[max(0, tok.start - 40) : tok.start]):
        return None
    if lower in lex.places or lower in lex.common_words:
        return None
    if tok.word in lex.first_names and tok.word not in lex.first_name_exceptions:
        return tok.start, i
    return None
