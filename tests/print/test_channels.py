"""A sign-up that came through a poster's QR code counts as "poster" in the report."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from generator import pipeline
from generator.forms import migrate
from generator.forms.fields import Submission
from generator.forms.purge import purge
from generator.forms.store import insert_many, make_engine
from generator.model import PRINT_CHANNELS
from generator.report import figures, output, sources
from tests.forms import factories
from tests.print.conftest import TODAY


def submission(utm: dict[str, str]) -> Submission:
    return factories.submission(profile="haarlem-k3m9", source="anders", utm=utm)


def test_print_channels_are_report_channels() -> None:
    assert set(PRINT_CHANNELS) <= {c.value for c in figures.Channel}


def test_poster_signups_show_as_poster_and_survive_retention(
    demo_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    url = migrate.database_url()
    engine = make_engine(url)
    migrate.upgrade(engine)
    poster = {"utm_source": "poster", "utm_medium": "print"}
    for day in (2, 3, 4):
        insert_many(engine, [(submission(poster), [])], datetime(2026, 11, day, 10))
    for day in (5, 6, 7):
        flyer = submission({"utm_source": "flyer"})
        insert_many(engine, [(flyer, [])], datetime(2026, 11, day, 10))
    insert_many(engine, [(submission(poster), [])], datetime(2025, 1, 5, 10))
    purge(engine, 12, now=datetime(2026, 11, 23))  # the 2025 one becomes an anonymous count
    engine.dispose()
    events = sources.signup_events(url)
    assert sorted(e.channel.value for e in events) == ["flyer"] * 3 + ["poster"] * 4
    catalog = pipeline.checked(demo_project, on=TODAY)
    result = figures.compute(catalog, date(2026, 1, 1), date(2026, 11, 23), [], events)
    table = output.markdown(result)
    assert "| Poster (QR-code) | 3 |" in table
    assert "| Flyer (QR-code) | 3 |" in table
    assert "| Anders (via via, krant of school zonder QR-code ...) | 0 |" in table
