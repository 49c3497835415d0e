"""The text as a reader sees it: invisible characters taken out before the detectors run.

A phone number typed in keycap emoji ("0️⃣6️⃣1️⃣…"), or with zero-width spaces or soft hyphens
between its digits, is invisible to a pattern over the stored characters but reads as a number
on the page, the poster and the post (the print and card code drop the marks). The detectors
therefore scan this view; offsets are mapped back so findings still point into the stored text.
"""

from __future__ import annotations

import dataclasses
import re

from generator.privacy.finding import PrivacyFinding

# Variation selectors, the enclosing keycap, soft hyphen, zero-width and word-joining marks,
# bidi marks and the byte-order mark: none of them shows between two visible characters.
INVISIBLE = re.compile(
    "[\ufe0e\ufe0f\u20e3\u00ad\u200b-\u200f\u2060-\u2064\u202a-\u202e\u2066-\u2069\ufeff]"
)


def reading_view(text: str) -> tuple[str, list[int]] | None:
    """``(view, positions)`` where ``positions[i]`` is the stored offset of ``view[i]``;
    ``None`` when nothing is invisible (the common case, and no copy is made)."""
    if INVISIBLE.search(text) is None:
        return None
    positions = [i for i, c in enumerate(text) if not INVISIBLE.fullmatch(c)]
    return "".join(text[i] for i in positions), positions


def back_to_stored(text: str, finding: PrivacyFinding, positions: list[int]) -> PrivacyFinding:
    """A finding on the view, re-anchored on the stored ``text`` (its invisible marks included)."""
    if finding.end <= finding.start or not positions:
        return finding
    start = positions[finding.start]
    end = positions[finding.end - 1] + 1
    return dataclasses.replace(finding, start=start, end=end, text=text[start:end])


# A line this long that does not end a sentence was most likely wrapped by hand inside a
# paragraph (YAML `|` keeps such breaks); a shorter one is a title, a heading or a list item.
WRAPPED_LINE = 60
_BREAK = re.compile(r"\n")
_NEW_ITEM = re.compile(r"\s*(?:[-*•–]|\d+[.)]|[\w’'-]+(?:\s+[\w’'-]+)?\s*:)")
# "Praktisch" alone on its line: up to three words without a sentence's end, then a break
_HEADING = re.compile(r"[^\S\n]*[\w’'-]+(?:[^\S\n]+[\w’'-]+){0,2}[^\S\n]*\n")
LINE_END = "¶"  # neither a space nor a word character: no name pattern runs across it


def line_bounded(text: str) -> str:
    """``text`` with each line break that ends a line (a title, a heading, a list item, a
    sentence) replaced by ``LINE_END``, same offsets: a name the organisation detectors read
    ("VV Rood Wit") stops there instead of running on into "Wanneer:" on the next line. A
    break inside a hand-wrapped paragraph stays, so a name wrapped across it is still found."""
    if "\n" not in text:
        return text
    chars = list(text)
    line_start = 0
    for match in _BREAK.finditer(text):
        line = text[line_start : match.start()].rstrip()
        following = text[match.end() :]
        if (
            len(line) < WRAPPED_LINE
            or line.endswith((".", "!", "?", ":", ";"))
            or _NEW_ITEM.match(line)  # a list item ends at its line break, however long
            or _NEW_ITEM.match(following)
            or _HEADING.match(following)
        ):
            chars[match.start()] = LINE_END
        line_start = match.end()
    return "".join(chars)
