"""Progress figures per gemeente and nationally, for a period. Counts and durations only.

Inputs are the validated catalog (profiles and their status logs) and anonymous events from the
publisher's ledger and the forms database (`sources.py`). No name, e-mail or phone number ever
enters these structures: the event types have no field that could hold one.

Small numbers can identify people. A count for a combination finer than gemeente x period (per
profile, per channel) below ``SMALL`` is shown as "< 3". When a breakdown has exactly one such
cell, the smallest other non-zero cell is hidden too ("x"), so the suppressed one cannot be
recomputed from the gemeente total.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from generator.model import Status, count_families
from generator.report.history import coupled_on, opened_on, was_looking_on
from generator.settings import Gemeente
from generator.validate import Catalog

SMALL = 3


class Channel(StrEnum):
    """Values as ``generator.forms.store.channel`` records them; print ones are
    ``model.PRINT_CHANNELS`` (the utm_source of the QR codes on print matter)."""

    FACEBOOK = "facebook"
    WEBSITE = "website"
    OTHER = "anders"
    # After "anders", so the CSV's existing columns keep their place.
    POSTER = "poster"
    FLYER = "flyer"
    KRANT = "krant"
    SCHOOL = "school"
    MARKT = "markt"


CHANNEL_LABELS = {
    Channel.FACEBOOK: "Facebookbericht",
    Channel.WEBSITE: "Website (gemeente- of profielpagina)",
    Channel.OTHER: "Anders (via via, krant of school zonder QR-code ...)",
    Channel.POSTER: "Poster (QR-code)",
    Channel.FLYER: "Flyer (QR-code)",
    Channel.KRANT: "Krant (QR-code)",
    Channel.SCHOOL: "School (QR-code)",
    Channel.MARKT: "Markt (QR-code)",
}


def nl(value: float) -> str:
    """A number as Dutch readers write it: 10,8 rather than 10.8."""
    return f"{value:g}".replace(".", ",")


@dataclass(frozen=True)
class PostEvent:
    """A post the publisher made (from its ledger)."""

    profile_id: str
    on: date


@dataclass(frozen=True)
class SignupEvent:
    """One aanmelding, reduced to what the report may know."""

    gemeente: str
    profile_id: str | None
    channel: Channel
    on: date


@dataclass(frozen=True)
class Cell:
    """A count as it may be shown."""

    value: int
    shown: str

    @property
    def hidden(self) -> bool:
        return self.shown != str(self.value)


def protect(counts: dict[str, int]) -> dict[str, Cell]:
    """Primary suppression of 0 < n < SMALL, plus secondary suppression of a lone hidden cell."""
    cells = {k: Cell(v, "< 3" if 0 < v < SMALL else str(v)) for k, v in counts.items()}
    hidden = [k for k, c in cells.items() if c.hidden]
    if len(hidden) == 1:
        others = sorted((c.value, k) for k, c in cells.items() if not c.hidden and c.value > 0)
        if others:
            _, key = others[0]
            cells[key] = Cell(cells[key].value, "x")
    return cells


@dataclass
class GemeenteFigures:
    slug: str
    name: str
    open_at_start: int
    open_at_end: int
    new_profiles: int
    koppelingen: int
    target_per_year: int
    target_in_period: float
    median_days_to_koppeling: float | None
    signups: int
    signups_by_channel: dict[str, Cell]
    signups_by_profile: dict[str, Cell]
    posts: int
    koppelingen_by_month: list[tuple[date, int]] = field(default_factory=list)


@dataclass
class ProgressReport:
    start: date
    end: date
    made_on: date
    gemeenten: list[GemeenteFigures]
    titles: dict[str, str]

    @property
    def totals(self) -> dict[str, float]:
        g = self.gemeenten
        return {
            "open_at_start": sum(x.open_at_start for x in g),
            "open_at_end": sum(x.open_at_end for x in g),
            "new_profiles": sum(x.new_profiles for x in g),
            "koppelingen": sum(x.koppelingen for x in g),
            "target_in_period": round(sum(x.target_in_period for x in g), 1),
            "signups": sum(x.signups for x in g),
            "posts": sum(x.posts for x in g),
        }


def month_starts(start: date, end: date) -> list[date]:
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = (current + timedelta(days=32)).replace(day=1)
    return months


def compute(
    catalog: Catalog,
    start: date,
    end: date,
    posts: list[PostEvent],
    signups: list[SignupEvent],
    gemeenten: list[Gemeente] | None = None,
) -> ProgressReport:
    chosen = gemeenten if gemeenten is not None else list(catalog.settings.gemeenten)
    lifetime = catalog.settings.site.lifetime_days
    titles = {p.id: p.title for p in catalog.profiles if p.has_page()}
    figures = []
    for gemeente in chosen:
        profiles = [p for p in catalog.profiles_of(gemeente.slug) if p.status is not Status.CONCEPT]
        ids = {p.id for p in profiles}
        coupled = [
            (p, day) for p in profiles if (day := coupled_on(p)) is not None and start <= day <= end
        ]
        durations = [
            (day - opened).days for p, day in coupled if (opened := opened_on(p)) is not None
        ]
        in_period = [s for s in signups if s.gemeente == gemeente.slug and start <= s.on <= end]
        by_channel = Counter(s.channel.value for s in in_period)
        by_profile = Counter(s.profile_id for s in in_period if s.profile_id in titles)
        months = month_starts(start, end)
        cumulative = [
            (m, sum(1 for _, day in coupled if day < (m + timedelta(days=32)).replace(day=1)))
            for m in months
        ]
        days = (end - start).days + 1
        figures.append(
            GemeenteFigures(
                slug=gemeente.slug,
                name=gemeente.name,
                # Families, not oproepen: siblings' profiles are one family looking.
                open_at_start=count_families(
                    p for p in profiles if was_looking_on(p, start, lifetime)
                ),
                open_at_end=count_families(p for p in profiles if was_looking_on(p, end, lifetime)),
                new_profiles=sum(
                    1 for p in profiles if (o := opened_on(p)) is not None and start <= o <= end
                ),
                koppelingen=len(coupled),
                target_per_year=gemeente.target_per_year,
                target_in_period=round(gemeente.target_per_year * days / 365, 1),
                median_days_to_koppeling=statistics.median(durations) if durations else None,
                signups=len(in_period),
                signups_by_channel=protect({c.value: by_channel.get(c.value, 0) for c in Channel}),
                signups_by_profile=protect(
                    {pid: by_profile.get(pid, 0) for pid in sorted(ids) if pid in titles}
                ),
                posts=sum(1 for e in posts if e.profile_id in ids and start <= e.on <= end),
                koppelingen_by_month=cumulative,
            )
        )
    return ProgressReport(start, end, catalog.today, figures, titles)
