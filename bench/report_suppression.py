"""How long small-number suppression takes for a national report, and that nothing leaks.

    .venv/bin/python bench/report_suppression.py [--gemeenten 342] [--profiles 10]

Builds the sums a national progress report publishes (per gemeente: three channels adding up to
its total of aanmeldingen, its profiles adding up to at most that total; the gemeenten adding up
to the national total), with small invented counts (many 0, 1 and 2), then times
``Sheet.protect`` and checks its outcome with one audit over every sum at once.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.report.suppress import Key, Sheet


def national_sheet(gemeenten: int, profiles: int, rng: random.Random) -> Sheet:
    sheet = Sheet()
    totals: list[Key] = []
    for g in range(gemeenten):
        channels = [rng.choice([0, 0, 1, 1, 2, 3, 5]) for _ in range(3)]
        per_profile = [rng.choice([0, 0, 0, 1, 1, 2, 4]) for _ in range(profiles)]
        while sum(per_profile) > sum(channels):
            per_profile[per_profile.index(max(per_profile))] -= 1
        channel_keys = [("kanaal", str(g), str(i)) for i in range(3)]
        profile_keys = [("profiel", str(g), str(i)) for i in range(profiles)]
        for key, value in [
            *zip(channel_keys, channels, strict=True),
            *zip(profile_keys, per_profile, strict=True),
        ]:
            sheet.add(key, value)
        total = ("aanmeldingen", str(g))
        sheet.add(total, sum(channels))
        sheet.tie(channel_keys, total)
        sheet.tie(profile_keys, total, exact=False)
        totals.append(total)
    sheet.add(("aanmeldingen",), sum(sheet.values[t] for t in totals))
    sheet.tie(totals, ("aanmeldingen",), hide_whole_first=True)
    return sheet


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--gemeenten", type=int, default=342)
    parser.add_argument("--profiles", type=int, default=10)
    args = parser.parse_args()
    sheet = national_sheet(args.gemeenten, args.profiles, random.Random(1))
    started = time.perf_counter()
    cells = sheet.protect()
    took = time.perf_counter() - started
    shown = {k: c.shown for k, c in cells.items()}
    found = sheet.bounds(shown)
    leaks = [
        k
        for k, v in sheet.values.items()
        if 0 < v < 3 and shown[k] != str(v) and found[k][0] == found[k][1]
    ]
    small = sum(1 for c in cells.values() if c.shown == "< 3")
    hidden = sum(1 for c in cells.values() if c.shown == "x")
    print(f"counts: {len(cells)}, shown as '< 3': {small}, hidden as 'x': {hidden}")
    print(f"protect: {took:.2f} s; small counts a reader can still work out: {len(leaks)}")


if __name__ == "__main__":
    main()
