"""Words of a text with their offsets, and whether each starts a sentence.

Shared by the name finder and the place check of ``scan``: a capitalised word means
something else at the start of a sentence than in the middle of one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][\w'’.-]*[\w]|[A-Za-zÀ-ÖØ-öø-ÿ]")
SENTENCE_END = ".!?:;(\n\"'“‘-–•*#>"
_SYMBOLS = frozenset(["So", "Sk", "Sm", "Cf", "Mn", "Cs", "Co"])  # emoji, their joiners
# Capitalised words that start a sentence or follow a role word without being a name. Kept
# in a data file: its pronouns are words to recognise, not how we address anybody.
_LINES = (Path(__file__).parent / "data" / "function-words.txt").read_text(encoding="utf-8")
FUNCTION_WORDS = frozenset(
    w.strip() for w in _LINES.splitlines() if w.strip() and not w.startswith("#")
)


@dataclass(frozen=True)
class Token:
    """A word at ``start:end``; ``sentence_start`` when only punctuation or nothing precedes it."""

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
        word = m.group().rstrip(".")
        k = m.start() - 1
        # Emoji and other symbols count as nothing: "💛 Lieve oppas-oma gezocht" starts a line.
        while k >= 0 and (
            (text[k].isspace() and text[k] != "\n") or unicodedata.category(text[k]) in _SYMBOLS
        ):
            k -= 1
        starts = k < 0 or text[k] in SENTENCE_END
        found.append(Token(m.start(), m.start() + len(word), word, starts))
    return found


def sloppy(text: str) -> bool:
    """Whether the writer skips capitals: most sentences start with a lower-case letter."""
    starts = re.findall(r"(?:^|[.!?]\s+|\n\s*)([A-Za-z])", text)
    if len(starts) < 1:
        return False
    lower = sum(1 for s in starts if s.islower())
    return lower * 2 > len(starts)


def base_word(word: str) -> tuple[str, bool]:
    """The word without a possessive ending, and whether it had one."""
    for ending in ("'s", "’s", "'", "’"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[: -len(ending)], True
    return word, False


def inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)
