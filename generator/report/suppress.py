"""Small-number suppression that holds against the sums a reader can do.

A count of 1 or 2 aanmeldingen can point to a person, so it is shown as "< 3" (primary
suppression). That alone is not enough: counts are published together with the totals they add
up to, and "Aanmeldingen 1" next to one "< 3" tells the reader the hidden number. So after the
primary step we audit what a reader can work out, and hide more ("x", secondary suppression)
until no hidden count of 1 or 2 can be worked out exactly.

The audit is interval arithmetic over the published sums: a shown number is exact, "< 3" is
1 or 2, "x" is any number. Each sum (parts add up to a whole, or to at most a whole) narrows the
intervals of its members until nothing changes. This is exact for one sum and a sound
approximation for several that share members; the test suite checks the result by brute force.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SMALL = 3
HIDDEN_SMALL = "< 3"
HIDDEN = "x"

Key = tuple[str, ...]


@dataclass(frozen=True)
class Cell:
    """A count as it may be shown."""

    value: int
    shown: str

    @property
    def hidden(self) -> bool:
        return self.shown != str(self.value)


@dataclass(frozen=True)
class Sum:
    """Published counts tied together: ``sum(parts) == whole`` (or ``<=`` when not exact)."""

    parts: tuple[Key, ...]
    whole: Key
    exact: bool = True
    hide_whole_first: bool = False  # e.g. the national total, shown in one table only


class Sheet:
    """Every count published together, the sums between them, and how each may be shown."""

    def __init__(self) -> None:
        self.values: dict[Key, int] = {}
        self.sums: list[Sum] = []

    def add(self, key: Key, value: int) -> None:
        self.values[key] = value

    def tie(
        self,
        parts: Sequence[Key],
        whole: Key,
        *,
        exact: bool = True,
        hide_whole_first: bool = False,
    ) -> None:
        self.sums.append(Sum(tuple(parts), whole, exact, hide_whole_first))

    def protect(self) -> dict[Key, Cell]:
        """Primary suppression of 1 and 2, then secondary suppression until nothing leaks."""
        shown = {k: HIDDEN_SMALL if 0 < v < SMALL else str(v) for k, v in self.values.items()}
        while leaks := self._leaks(shown):
            self._hide_one_more(shown, leaks[0])
        return {k: Cell(v, shown[k]) for k, v in self.values.items()}

    # --- the audit ----------------------------------------------------------------------

    def bounds(self, shown: dict[Key, str]) -> dict[Key, tuple[float, float]]:
        """What a reader can work out: the interval each count must lie in."""
        low: dict[Key, float] = {}
        high: dict[Key, float] = {}
        for key, text in shown.items():
            if text == HIDDEN_SMALL:
                low[key], high[key] = 1, SMALL - 1
            elif text == HIDDEN:
                low[key], high[key] = 0, math.inf
            else:
                low[key] = high[key] = self.values[key]
        changed = True
        while changed:
            changed = False
            for s in self.sums:
                changed |= _narrow(s, low, high)
        return {k: (low[k], high[k]) for k in shown}

    def _leaks(self, shown: dict[Key, str]) -> list[Key]:
        """Hidden counts of 1 or 2 that a reader can work out exactly, in the order added.

        Add the finest counts first: fixing those first keeps the totals as "< 3" where that
        suffices, rather than hiding a total and then the zeros beside it.
        """
        found = self.bounds(shown)
        return [
            k
            for k, v in self.values.items()
            if 0 < v < SMALL and shown[k] != str(v) and found[k][0] == found[k][1]
        ]

    def _hide_one_more(self, shown: dict[Key, str], leak: Key) -> None:
        """Hide the first number that stops ``leak`` from being worked out.

        Numbers in the sums the leak takes part in come first; then, when a hidden number in
        those sums is pinned down as well (it is what gives the leak away), the sums of that
        number, and so on outwards. Within a sum the cheapest first (``_candidates``).
        """
        found = self.bounds(shown)
        frontier, seen_keys, seen_sums, tried = [leak], {leak}, set(), {leak}
        while frontier:
            pinned: list[Key] = []
            for key in frontier:
                for index, s in enumerate(self.sums):
                    if index in seen_sums or (key != s.whole and key not in s.parts):
                        continue
                    seen_sums.add(index)
                    for candidate in self._candidates(shown, s):
                        if candidate in tried:
                            continue
                        tried.add(candidate)
                        low, high = self.bounds({**shown, candidate: HIDDEN})[leak]
                        if low != high:
                            shown[candidate] = HIDDEN
                            return
                    for member in (s.whole, *s.parts):
                        is_point = found[member][0] == found[member][1]
                        hidden = shown[member] != str(self.values[member])
                        if member not in seen_keys and hidden and is_point:
                            seen_keys.add(member)
                            pinned.append(member)
            frontier = pinned
        # Nothing else helps: "< 3" itself says "at least 1". Widen the leak itself, or else
        # hide any number beside it; each step hides one more number, so protecting ends.
        if shown[leak] != HIDDEN:
            shown[leak] = HIDDEN
            return
        for s in self.sums:
            if leak == s.whole or leak in s.parts:
                for member in (s.whole, *s.parts):
                    if shown[member] != HIDDEN:
                        shown[member] = HIDDEN
                        return
        raise RuntimeError(f"kleine aantallen: {leak} is niet te verbergen")  # unreachable

    def _candidates(self, shown: dict[Key, str], s: Sum) -> list[Key]:
        """The numbers of one sum that could be hidden, cheapest and most useful first.

        The whole first when the sum asks so (the national total); then the smallest shown
        non-zero part, the whole, the "< 3" parts, the whole if "< 3", and last shown zeros.
        """
        members = [s.whole, *s.parts]
        exact = [k for k in members if shown[k] == str(self.values[k])]
        nonzero = [k for k in exact if self.values[k]]
        small = [k for k in members if shown[k] == HIDDEN_SMALL]
        ordered = [s.whole] if s.hide_whole_first and s.whole in nonzero + small else []
        ordered += sorted((k for k in s.parts if k in nonzero), key=lambda k: self.values[k])
        ordered += [s.whole] if s.whole in nonzero else []
        ordered += [k for k in s.parts if k in small]
        ordered += [s.whole] if s.whole in small else []
        ordered += [k for k in exact if not self.values[k]]
        return list(dict.fromkeys(ordered))


def _narrow(s: Sum, low: dict[Key, float], high: dict[Key, float]) -> bool:
    """Narrow the intervals of one sum's members; True if anything changed."""
    changed = False
    sum_low = sum(low[p] for p in s.parts)
    finite_high = sum(high[p] for p in s.parts if high[p] != math.inf)
    unbounded = sum(1 for p in s.parts if high[p] == math.inf)
    sum_high = math.inf if unbounded else finite_high
    w_low = max(low[s.whole], sum_low)
    w_high = min(high[s.whole], sum_high) if s.exact else high[s.whole]
    if (w_low, w_high) != (low[s.whole], high[s.whole]):
        low[s.whole], high[s.whole], changed = w_low, w_high, True
    for p in s.parts:
        others_low = sum_low - low[p]
        if high[p] == math.inf:
            others_high = math.inf if unbounded > 1 else finite_high
        else:
            others_high = math.inf if unbounded else finite_high - high[p]
        p_high = min(high[p], w_high - others_low)
        p_low = max(low[p], w_low - others_high) if s.exact else low[p]
        if (p_low, p_high) != (low[p], high[p]):
            low[p], high[p], changed = p_low, p_high, True
    return changed
