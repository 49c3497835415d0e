"""Posting windows in the one plan: new posts wait for the window, a filled profile does not."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from generator import pipeline
from generator.publish.ledger import Ledger
from generator.publish.planner import Kind
from generator.publish.schedule import next_publish_run, next_window_open, plan_run
from generator.timewindows import zone
from tests.publish.conftest import HAARLEM, PAGES, json_lines, run, set_facebook, set_profile
from tests.publish.fakegraph import FakeGraph

OPEN_FILE = "haarlem/speelmiddag-jongen-7.yml"
REPO = Path(__file__).resolve().parents[2]
DAYS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def set_gemeente(config: Path, slug: str, **values: object) -> None:
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    [g] = [g for g in data["gemeenten"] if g["slug"] == slug]
    g.update(values)
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def closed_all_day_today() -> str:
    """A window on the weekday after tomorrow only (Amsterdam time): closed for the whole test."""
    today = datetime.now(UTC).astimezone(zone("Europe/Amsterdam")).weekday()
    return f"{DAYS[(today + 2) % 7]} 09:00-20:00"


def test_new_posts_wait_for_the_window_and_filled_profiles_are_edited_at_once(
    fake: FakeGraph, project: Path
) -> None:
    assert run(project, "--gemeente", "haarlem").exit_code == 0
    before = len(fake.live_posts(HAARLEM))
    assert before >= 2
    set_facebook(project, tijdvakken=[closed_all_day_today()])
    set_profile(project, OPEN_FILE, status="gekoppeld")
    set_profile(project, "haarlem/huiswerk-meisje-11.yml", status="open")  # needs a new post

    result = run(project, "--gemeente", "haarlem", "--format", "json")
    assert result.exit_code == 0, result.output
    records = {r["profile_id"]: r for r in json_lines(result.stdout)}
    assert records["haarlem-r4tn"]["result"] == "skipped"
    assert "buiten het tijdvak" in str(records["haarlem-r4tn"]["message"])
    edited = [r for r in records.values() if r["action"] == "edit"]
    assert [r["result"] for r in edited] == ["done"]
    assert len(fake.live_posts(HAARLEM)) == before  # edited in place, nothing new
    assert not [p for p in fake.live_posts(HAARLEM) if "haarlem-r4tn" in p.message]


def test_a_gemeente_window_overrides_the_national_one(project: Path, tmp_path: Path) -> None:
    set_facebook(project, tijdvakken=["ma-vr 09:00-20:00"])
    set_gemeente(project, "rijswijk", facebook_tijdvakken=["za 10:00-12:00"])
    catalog = pipeline.check(project)
    saturday = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)  # 11:00 in Amsterdam
    with Ledger.in_dir(tmp_path / "ledger") as ledger:
        plan = plan_run(catalog, ledger, PAGES.keys(), now=saturday)
    creates = {a.gemeente for a in plan.actions if a.kind is Kind.CREATE}
    waiting = {h.action.gemeente for h in plan.held if "tijdvak" in h.reason}
    assert "rijswijk" in creates and "rijswijk" not in waiting
    assert "haarlem" in waiting and "haarlem" not in creates
    [reason] = {h.reason for h in plan.held if h.action.gemeente == "haarlem"}
    assert reason.endswith("wordt geplaatst vanaf 07-12-2026 09:00")
    assert all(not h.fails for h in plan.held)
    assert next_window_open(catalog.settings, saturday) == saturday


def test_next_publish_run_is_the_next_whole_interval() -> None:
    from generator.settings import Settings

    data = yaml.safe_load((REPO / "site_config.yml").read_text(encoding="utf-8"))
    data.setdefault("facebook", {})["run_elke_minuten"] = 15
    settings = Settings.model_validate(data)
    now = datetime(2026, 12, 2, 9, 7, 30, tzinfo=UTC)
    assert next_publish_run(settings, now) == datetime(2026, 12, 2, 9, 15, tzinfo=UTC)
    on_the_dot = datetime(2026, 12, 2, 9, 15, tzinfo=UTC)
    assert next_publish_run(settings, on_the_dot) == on_the_dot + timedelta(minutes=15)
