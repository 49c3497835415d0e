"""Progress figures per gemeente and nationally, for a period. Counts and durations only.

Inputs are the validated catalog (profiles and their status logs) and anonymous events from the
publisher's ledger and the forms database (`sources.py`). No name, e-mail or phone number ever
enters these structures: the event types have no field that could hold one.

Small numbers can identify people. Every count of aanmeldingen below ``SMALL`` (per profile, per
channel, per gemeente and nationally) is shown as "< 3", and more counts are hidden ("x") until
none of those can be worked out from the numbers shown beside it (``suppress.Sheet``).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from generator.model import Status, count_families
from generator.report.history import coupled_on, opened_on, was_looking_on
from generator.report.suppress import Cell, Key, Sheet
from generator.settings import Gemeente
from generator.validate import Catalog


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
    signups: Cell
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
    signups_total: Cell  # all gemeenten together; shown only in the national overview

    @property
    def totals(self) -> dict[str, float]:
        g = self.gemeenten
        return {
            "open_at_start": sum(x.open_at_start for x in g),
            "open_at_end": sum(x.open_at_end for x in g),
            "new_profiles": sum(x.new_profiles for x in g),
            "koppelingen": sum(x.koppelingen for x in g),
            "target_in_period": round(sum(x.target_in_period for x in g), 1),
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
                signups=_raw(len(in_period)),
                signups_by_channel={c.value: _raw(by_channel.get(c.value, 0)) for c in Channel},
                signups_by_profile={
                    pid: _raw(by_profile.get(pid, 0)) for pid in sorted(ids) if pid in titles
                },
                posts=sum(1 for e in posts if e.profile_id in ids and start <= e.on <= end),
                koppelingen_by_month=cumulative,
            )
        )
    total = protect_signups(figures, national=len(figures) > 1)
    return ProgressReport(start, end, catalog.today, figures, titles, total)


def _raw(value: int) -> Cell:
    """A count before suppression; ``protect_signups`` decides how it is shown."""
    return Cell(value, str(value))


def protect_signups(figures: list[GemeenteFigures], national: bool) -> Cell:
    """Suppress small counts of aanmeldingen in every place the report shows them, together.

    Per gemeente the channels add up to its total and the profiles to at most its total (some
    aanmeldingen name no profile); nationally the gemeenten add up to the national total, which
    is hidden first when needed, so a gemeente's figures read the same in a report of that
    gemeente alone. Returns the national total's cell.
    """
    sheet = Sheet()  # finest counts first: see ``Sheet._leaks``
    for f in figures:
        total: Key = ("aanmeldingen", f.slug)
        channels = [("kanaal", f.slug, k) for k in f.signups_by_channel]
        profiles = [("profiel", f.slug, k) for k in f.signups_by_profile]
        for key in channels:
            sheet.add(key, f.signups_by_channel[key[2]].value)
        for key in profiles:
            sheet.add(key, f.signups_by_profile[key[2]].value)
        sheet.add(total, f.signups.value)
        sheet.tie(channels, total)
        sheet.tie(profiles, total, exact=False)
    everyone: Key = ("aanmeldingen",)
    sheet.add(everyone, sum(f.signups.value for f in figures))
    if national:
        sheet.tie([("aanmeldingen", f.slug) for f in figures], everyone, hide_whole_first=True)
    cells = sheet.protect()
    for f in figures:
        f.signups = cells["aanmeldingen", f.slug]
        f.signups_by_channel = {k: cells["kanaal", f.slug, k] for k in f.signups_by_channel}
        f.signups_by_profile = {k: cells["profiel", f.slug, k] for k in f.signups_by_profile}
    return cells[everyone]
