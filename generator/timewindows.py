"""Posting windows: "ma-vr 09:00-20:00", read once, asked "open now?" and "open when?".

A window names days (``ma``..``zo``, a range ``ma-vr``, a list ``za,zo``, or ``dagelijks``) and a
time span on those days in local time (Europe/Amsterdam unless configured otherwise). Spans do
not cross midnight: "22:00-02:00" is two windows. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")
EVERY_DAY = ("dagelijks", "elke dag")
WINDOW_RE = re.compile(
    r"^\s*(?P<days>.+?)\s+(?P<start>\d{1,2}:\d{2})\s*-\s*(?P<end>\d{1,2}:\d{2})\s*$"
)
EXAMPLE = "bv. 'ma-vr 09:00-20:00', 'za,zo 10:00-16:00' of 'dagelijks 09:00-21:00'"


@dataclass(frozen=True)
class Window:
    days: frozenset[int]  # 0 = Monday, as datetime.weekday()
    start: time
    end: time
    text: str

    def contains(self, local: datetime) -> bool:
        return local.weekday() in self.days and self.start <= local.time() < self.end


def _days(text: str) -> frozenset[int]:
    text = text.strip().lower()
    if text in EVERY_DAY:
        return frozenset(range(7))
    days: set[int] = set()
    for part in text.split(","):
        first, _, last = part.strip().partition("-")
        if first not in DAYS or (last and last not in DAYS):
            raise ValueError(f"onbekende dag in '{text}'; gebruik ma, di, wo, do, vr, za, zo")
        a, b = DAYS.index(first), DAYS.index(last or first)
        if b < a:
            raise ValueError(f"'{part.strip()}' loopt achteruit; schrijf bv. 'ma-vr'")
        days.update(range(a, b + 1))
    return frozenset(days)


def _time(text: str) -> time:
    hours, minutes = (int(p) for p in text.split(":"))
    if hours == 24 and minutes == 0:
        return time.max
    if not (0 <= hours < 24 and 0 <= minutes < 60):
        raise ValueError(f"'{text}' is geen tijd")
    return time(hours, minutes)


def parse_window(text: str) -> Window:
    """One window; a ValueError with a Dutch reason when it cannot be read."""
    match = WINDOW_RE.match(text)
    if not match:
        raise ValueError(f"tijdvak '{text}' is onleesbaar; {EXAMPLE}")
    start, end = _time(match["start"]), _time(match["end"])
    if end <= start:
        raise ValueError(
            f"tijdvak '{text}': het einde moet na het begin liggen (over middernacht: "
            "schrijf twee tijdvakken)"
        )
    return Window(_days(match["days"]), start, end, text.strip())


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"onbekende tijdzone '{name}'; bv. 'Europe/Amsterdam'") from None


def is_open(windows: tuple[Window, ...], moment: datetime, tz: ZoneInfo) -> bool:
    """No windows: always open. ``moment`` is aware (any zone)."""
    if not windows:
        return True
    local = moment.astimezone(tz)
    return any(w.contains(local) for w in windows)


def next_open(windows: tuple[Window, ...], moment: datetime, tz: ZoneInfo) -> datetime:
    """The first moment at or after ``moment`` when a window is open (``moment`` when open).

    Candidates are each window's start on the next eight local days, converted through the
    zone, so a daylight-saving change moves the UTC instant but not the local hour.
    """
    if is_open(windows, moment, tz):
        return moment
    local = moment.astimezone(tz)
    candidates = []
    for offset in range(8):
        day = (local + timedelta(days=offset)).date()
        for w in windows:
            if day.weekday() in w.days:
                start = datetime.combine(day, w.start, tzinfo=tz)
                if start > local:
                    candidates.append(start)
    return min(candidates).astimezone(UTC)
