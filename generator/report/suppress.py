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
        self._active: list[int] = []
        self._of: dict[Key, list[int]] = {}

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
        """Primary suppression of 1 and 2, then secondary suppression until nothing leaks.

        Two rounds: first without the sums whose whole goes first (the national total), so
        each gemeente is audited on its own and fast; then with every sum. Hiding a number
        never makes another one easier to work out, so the first round's work stands.
        """
        shown = {k: HIDDEN_SMALL if 0 < v < SMALL else str(v) for k, v in self.values.items()}
        everything = list(range(len(self.sums)))
        for active in ([i for i in everything if not self.sums[i].hide_whole_first], everything):
            self._activate(active)
            found = self.bounds(shown, active)
            for key in self.values:  # finest first, see ``_leaks``
                if self._is_leak(key, shown, found):
                    while self._pinned(shown, key):
                        self._hide_one_more(shown, key)
        return {k: Cell(v, shown[k]) for k, v in self.values.items()}

    # --- the audit ----------------------------------------------------------------------

    def bounds(
        self, shown: dict[Key, str], sums: list[int] | None = None
    ) -> dict[Key, tuple[float, float]]:
        """What a reader can work out: the interval each count (of ``sums``) must lie in."""
        chosen = [self.sums[i] for i in (range(len(self.sums)) if sums is None else sums)]
        keys = {k for s in chosen for k in (s.whole, *s.parts)} if sums is not None else shown
        low: dict[Key, float] = {}
        high: dict[Key, float] = {}
        for key in keys:
            text = shown[key]
            if text == HIDDEN_SMALL:
                low[key], high[key] = 1, SMALL - 1
            elif text == HIDDEN:
                low[key], high[key] = 0, math.inf
            else:
                low[key] = high[key] = self.values[key]
        changed = True
        while changed:
            changed = False
            for s in chosen:
                changed |= _narrow(s, low, high)
        return {k: (low[k], high[k]) for k in keys}

    def _is_leak(
        self, key: Key, shown: dict[Key, str], found: dict[Key, tuple[float, float]]
    ) -> bool:
        """A hidden count of 1 or 2 that a reader can work out exactly.

        Checked in the order the counts were added. Add the finest counts first: fixing those
        first keeps the totals as "< 3" where that suffices, rather than hiding a total and
        then the zeros beside it.
        """
        value = self.values[key]
        bound = found.get(key)
        return (
            0 < value < SMALL
            and shown[key] != str(value)
            and bound is not None
            and (bound[0] == bound[1])
        )

    def _activate(self, active: list[int]) -> None:
        self._active = active
        self._of = {}
        for index in active:
            s = self.sums[index]
            for key in (s.whole, *s.parts):
                self._of.setdefault(key, []).append(index)

    def _feeding(self, shown: dict[Key, str], key: Key) -> list[int]:
        """The active sums that can tell a reader something about ``key``, directly or not.

        A sum whose whole is hidden and in no other sum tells nothing about its parts (the
        national total once it is "x"): leaving it out keeps each gemeente's audit small.
        """
        found: list[int] = []
        seen_sums: set[int] = set()
        todo, seen_keys = [key], {key}
        while todo:
            member = todo.pop()
            for index in self._of.get(member, []):
                s = self.sums[index]
                inert = shown[s.whole] == HIDDEN and len(self._of[s.whole]) == 1
                if index in seen_sums or (inert and member != s.whole):
                    continue
                seen_sums.add(index)
                found.append(index)
                for other in (s.whole, *s.parts):
                    if other not in seen_keys:
                        seen_keys.add(other)
                        todo.append(other)
        return found

    def _pinned(self, shown: dict[Key, str], key: Key) -> bool:
        sums = self._feeding(shown, key)
        if not sums:
            return False
        low, high = self.bounds(shown, sums)[key]
        return low == high

    def _hide_one_more(self, shown: dict[Key, str], leak: Key) -> None:
        """Hide the first number that stops ``leak`` from being worked out.

        Numbers in the sums the leak takes part in come first; then, when a hidden number in
        those sums is pinned down as well (it is what gives the leak away), the sums of that
        number, and so on outwards. Within a sum the cheapest first (``_candidates``).
        """
        found = self.bounds(shown, self._feeding(shown, leak))
        frontier, seen_keys, seen_sums, tried = [leak], {leak}, set(), {leak}
        while frontier:
            pinned: list[Key] = []
            for key in frontier:
                for index in self._of.get(key, []):
                    if index in seen_sums:
                        continue
                    seen_sums.add(index)
                    s = self.sums[index]
                    for candidate in self._candidates(shown, s):
                        if candidate in tried:
                            continue
                        tried.add(candidate)
                        if not self._pinned({**shown, candidate: HIDDEN}, leak):
                            shown[candidate] = HIDDEN
                            return
                    for member in (s.whole, *s.parts):
                        if member not in seen_keys and self._is_leak_or_pinned(
                            member, shown, found
                        ):
                            seen_keys.add(member)
                            pinned.append(member)
            frontier = pinned
        # Nothing else helps: "< 3" itself says "at least 1". Widen the leak itself, or else
        # hide any number beside it; each step hides one more number, so protecting ends.
        if shown[leak] != HIDDEN:
            shown[leak] = HIDDEN
            return
        for index in self._of.get(leak, []):
            s = self.sums[index]
            for member in (s.whole, *s.parts):
                if shown[member] != HIDDEN:
                    shown[member] = HIDDEN
                    return
        raise RuntimeError(f"kleine aantallen: {leak} is niet te verbergen")  # unreachable

    def _is_leak_or_pinned(
        self, key: Key, shown: dict[Key, str], found: dict[Key, tuple[float, float]]
    ) -> bool:
        """A hidden number that the reader can work out (whatever its size)."""
        bound = found.get(key)
        return shown[key] != str(self.values[key]) and bound is not None and bound[0] == bound[1]

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
