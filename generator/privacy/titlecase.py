"""Title Case read as ordinary Dutch: where every word has a capital, a capital says nothing.

Some writers capitalise Every Word Of A Sentence ("Papa Werkt Veel En Mama Is Herstellende").
Dutch capitalises proper nouns only, so the name finder reads a capital in the middle of a
sentence as evidence of a name; in such a sentence "Werkt", "Is" and "Gezocht" after a role
word became hard errors on clean profiles. A sentence (or title line) is Title Case when
almost none of its words is in lower case and at least one capitalised word after the first
is an ordinary Dutch word. In it, we lower the first letter of every Dutch word after the
first, so the detectors see "Papa werkt veel en mama is herstellende": words that are no
Dutch word ("Lan", "Bilgaard", "Memphis Depay") keep their capital and are still judged by
form and position, and the lower-case detectors (which need a kind word, a role word or a
naming verb) read the rest. Offsets do not move: only single letters change case.
"""

from __future__ import annotations

import re

from generator.privacy.tokens import FUNCTION_WORDS, WORD, base_word
from generator.privacy.words import is_dutch

# A sentence or a title line: the text between sentence punctuation and line breaks.
_ENDS = ".!?:;\n"
_SEGMENT = re.compile(rf"[^{_ENDS}]+")
_TWO_CAPITALS = re.compile(r"[A-ZÀ-Ö][\w'’-]*[ \t]+[A-ZÀ-Ö][a-zà-ÿ]")


def _capitalised(word: str) -> bool:
    return word[0].isupper() and not (len(word) > 1 and word.isupper())


def _dutch(word: str) -> bool:
    bare = base_word(word)[0]
    return bare.lower() in FUNCTION_WORDS or is_dutch(bare)


def untitled(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with Dutch words in Title Case sentences lowered (same length), and the spans
    of those sentences (none: ``text`` itself is returned, no copy made)."""
    if _TWO_CAPITALS.search(text) is None:
        return text, []  # no two capitalised words in a row: the common case
    chars: list[str] | None = None
    spans: list[tuple[int, int]] = []
    for segment in _SEGMENT.finditer(text):
        words = [
            m
            for m in WORD.finditer(segment.group())
            if m.group().rstrip(".").isalpha() or "-" in m.group() or "'" in m.group()
        ]
        if len(words) < 2:
            continue
        lower = sum(1 for m in words if m.group()[0].islower())
        if lower * 8 > len(words):
            continue
        rest = [m for m in words[1:] if _capitalised(m.group()) and _dutch(m.group().rstrip("."))]
        if not rest:
            continue
        if chars is None:
            chars = list(text)
        spans.append(segment.span())
        for m in rest:
            at = segment.start() + m.start()
            low = chars[at].lower()
            if len(low) == 1:
                chars[at] = low
    if chars is None:
        return text, []
    return "".join(chars), spans


def only(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` blanked (sentence punctuation and line
    breaks kept, same length), so a second pass of the detectors reads the Title Case
    sentences only, each still ending where it ended."""
    chars = [c if c in _ENDS else " " for c in text]
    for start, end in spans:
        chars[start:end] = text[start:end]
    return "".join(chars)
