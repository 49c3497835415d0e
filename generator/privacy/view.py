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
