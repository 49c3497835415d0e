"""Posting windows: read from text, open or closed at a moment, and when they open next."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from generator.timewindows import is_open, next_open, parse_window, zone

AMS = zone("Europe/Amsterdam")


def test_days_ranges_lists_and_every_day() -> None:
    assert parse_window("ma-vr 09:00-20:00").days == frozenset(range(5))
    assert parse_window("za,zo 10:00-16:00").days == frozenset({5, 6})
    assert parse_window("ma,wo-vr 9:00-12:30").days == frozenset({0, 2, 3, 4})
    assert parse_window("dagelijks 00:00-24:00").days == frozenset(range(7))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("werkdagen 09:00-20:00", "onbekende dag"),
        ("vr-ma 09:00-20:00", "achteruit"),
        ("ma-vr 20:00-09:00", "einde moet na het begin"),
        ("ma-vr 25:00-26:00", "geen tijd"),
        ("ma-vr", "onleesbaar"),
    ],
)
def test_unreadable_windows_say_why_in_dutch(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_window(text)


def test_open_and_next_open_in_local_time() -> None:
    weekdays = (parse_window("ma-vr 09:00-20:00"),)
    # Monday 30 November 2026, 08:30 UTC = 09:30 in Amsterdam (CET, UTC+1).
    assert is_open(weekdays, datetime(2026, 11, 30, 8, 30, tzinfo=UTC), AMS)
    # 07:30 UTC = 08:30 local: closed, opens at 09:00 local = 08:00 UTC the same day.
    early = datetime(2026, 11, 30, 7, 30, tzinfo=UTC)
    assert not is_open(weekdays, early, AMS)
    assert next_open(weekdays, early, AMS) == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    # Friday 19:30 UTC = 20:30 local: next is Monday 09:00 local.
    friday = datetime(2026, 12, 4, 19, 30, tzinfo=UTC)
    assert next_open(weekdays, friday, AMS) == datetime(2026, 12, 7, 8, 0, tzinfo=UTC)


def test_summer_time_moves_the_utc_instant_not_the_local_hour() -> None:
    weekdays = (parse_window("ma-vr 09:00-20:00"),)
    # Saturday 28 March 2026; summer time starts Sunday 29 March: Monday 09:00 CEST = 07:00 UTC.
    saturday = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    assert next_open(weekdays, saturday, AMS) == datetime(2026, 3, 30, 7, 0, tzinfo=UTC)


def test_no_windows_is_always_open() -> None:
    moment = datetime(2026, 12, 6, 3, 0, tzinfo=UTC)
    assert is_open((), moment, AMS)
    assert next_open((), moment, AMS) == moment


def test_unknown_time_zone_is_a_dutch_error() -> None:
    with pytest.raises(ValueError, match="onbekende tijdzone"):
        zone("Europe/Amsterdamm")
