"""A profile's status over time, from its `statuslog` (or, failing that, its publication date).

We record status changes in the profile itself rather than deriving them from git history:
deployments and CI use shallow clones, a commit date is when someone pushed, not when a family
was coupled, and a coordinator who fixes a typo in a filled profile must not move its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from generator.model import LISTED_STATUSES, Status, Zoekprofiel


@dataclass(frozen=True)
class Change:
    on: date
    status: Status


def timeline(profile: Zoekprofiel) -> list[Change]:
    """Status changes in date order. Without a log, `gepubliceerd` counts as the day it opened."""
    changes = [Change(entry.on, entry.status) for entry in profile.history]
    if profile.published and not any(c.status is Status.OPEN for c in changes):
        changes.append(Change(profile.published, Status.OPEN))
    changes.sort(key=lambda c: c.on)
    return changes


def status_on(profile: Zoekprofiel, day: date) -> Status | None:
    """The status the profile had at the end of ``day``; None before it was published."""
    current: Status | None = None
    for change in timeline(profile):
        if change.on > day:
            break
        current = change.status
    if current is None and profile.published and profile.published <= day:
        current = profile.status
    return current


def was_looking_on(profile: Zoekprofiel, day: date, lifetime_days: int) -> bool:
    """Open or in conversation on ``day`` and not yet expired: a family still looking."""
    status = status_on(profile, day)
    if status not in LISTED_STATUSES:
        return False
    end = profile.expiry(lifetime_days)
    return end is None or end >= day


def opened_on(profile: Zoekprofiel) -> date | None:
    first_open = next((c.on for c in timeline(profile) if c.status is Status.OPEN), None)
    return first_open or profile.published


def coupled_on(profile: Zoekprofiel) -> date | None:
    """The day the profile reached `gekoppeld`, if the log says so."""
    return next((c.on for c in timeline(profile) if c.status is Status.GEKOPPELD), None)
