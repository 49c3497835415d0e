"""The one plan: a dry run shows exactly what a real run then does (cap, tokens, statuses)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.publish.conftest import HAARLEM, PAGES, json_lines, run, set_facebook, set_profile
from tests.publish.fakegraph import FakeGraph, Fault
from tests.publish.test_daily_cap import EXTRA, add_open_profiles

R4TN_FILE = "haarlem/huiswerk-meisje-11.yml"  # the demo's in_gesprek profile


def planned(records: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(r["profile_id"], r["action"], r["result"]) for r in records]


def test_dry_run_plans_what_the_real_run_then_does(fake: FakeGraph, project: Path) -> None:
    add_open_profiles(project, EXTRA)
    set_facebook(project, max_per_dag=3)
    dry = run(project, "--proef", "--gemeente", "haarlem", "--format", "json")
    assert dry.exit_code == 0, dry.output
    plan = json_lines(dry.stdout)
    creates = [r["profile_id"] for r in plan if r["result"] == "planned"]
    deferred = [r["profile_id"] for r in plan if r["result"] == "skipped"]
    assert len(creates) == 3 and len(deferred) == 2  # five open profiles, a cap of three
    assert "haarlem-r4tn" not in creates + deferred  # in_gesprek: no new post
    assert all("daglimiet van 3" in str(r["reason"]) for r in plan if r["result"] == "skipped")
    assert fake.requests == []

    real = run(project, "--gemeente", "haarlem", "--format", "json")
    assert real.exit_code == 0, real.output
    done = json_lines(real.stdout)
    assert [r["profile_id"] for r in done if r["result"] == "done"] == creates
    assert [r["profile_id"] for r in done if r["result"] == "skipped"] == deferred
    assert len(fake.live_posts(HAARLEM)) == 3

    # Later the same day: the cap is used up, and the dry run knows it.
    again = json_lines(run(project, "--proef", "--gemeente", "haarlem", "--format", "json").stdout)
    assert [r["profile_id"] for r in again if r["result"] == "skipped"] == deferred
    assert [r for r in again if r["result"] == "planned"] == []


def test_in_gesprek_gets_no_new_post_but_keeps_and_closes_its_post(
    fake: FakeGraph, project: Path
) -> None:
    assert run(project, "--gemeente", "haarlem").exit_code == 0
    assert not [p for p in fake.live_posts() if "haarlem-r4tn" in p.message]
    set_profile(project, R4TN_FILE, status="open")
    assert run(project, "--gemeente", "haarlem").exit_code == 0
    [post] = [p for p in fake.live_posts() if "haarlem-r4tn" in p.message]
    # Back in conversation: the post stays as it is, nothing is planned.
    set_profile(project, R4TN_FILE, status="in_gesprek")
    dry = run(project, "--proef", "--profiel", "haarlem-r4tn", "--format", "json")
    assert json_lines(dry.stdout) == []
    # Filled: the post is edited, as --help says.
    set_profile(project, R4TN_FILE, status="gekoppeld")
    result = run(project, "--profiel", "haarlem-r4tn", "--format", "json")
    assert planned(json_lines(result.stdout)) == [("haarlem-r4tn", "edit", "done")]
    assert fake.posts[post.id].message.startswith("Update: voor dit gezin is een steungezin")
    # The koppeling did not last: in conversation again, the post keeps its update; only when
    # the profile is open again does the post ask for help again.
    set_profile(project, R4TN_FILE, status="in_gesprek")
    assert json_lines(run(project, "--profiel", "haarlem-r4tn", "--format", "json").stdout) == []
    set_profile(project, R4TN_FILE, status="open")
    result = run(project, "--profiel", "haarlem-r4tn", "--format", "json")
    assert planned(json_lines(result.stdout)) == [("haarlem-r4tn", "update", "done")]
    assert not fake.posts[post.id].message.startswith("Update:")


def test_dry_run_says_which_page_has_no_token(
    fake: FakeGraph, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    partial = tmp_path / "secrets" / "partial.json"
    partial.write_text(json.dumps({k: v for k, v in PAGES.items() if k != HAARLEM}))
    monkeypatch.setenv("BUURTSITE_FACEBOOK_TOKENS", str(partial))
    dry = run(project, "--proef")
    assert dry.exit_code == 1
    text = " ".join(dry.stdout.split())
    assert (
        f"let op: voor Facebookpagina {HAARLEM} (Haarlem) is geen token ingesteld; een echte run "
        "plaatst daar niets" in text
    )
    assert "Rijswijk) is geen token" not in text
    real = json_lines(run(project, "--format", "json").stdout)
    haarlem = [r for r in real if r["page_id"] == HAARLEM]
    assert haarlem and all(r["result"] == "failed" for r in haarlem)
    assert all("geen token voor Facebookpagina" in r["message"] for r in haarlem)
    assert fake.live_posts(HAARLEM) == [] and fake.live_posts()


def test_help_says_which_profiles_get_a_post() -> None:
    result = CliRunner().invoke(cli, ["publish", "--help"], terminal_width=200)
    text = " ".join(result.output.split())
    assert "Alleen een open profiel krijgt een nieuw bericht" in text
    assert "Een profiel in gesprek krijgt geen nieuw bericht" in text
    assert "max_per_dag" in text and "Elk open profiel" not in text


@pytest.mark.parametrize(
    ("fault", "found"), [("drop_after_store", True), ("drop_before_store", False)]
)
def test_unconfirmed_post_of_a_profile_now_in_gesprek_is_looked_up_never_reposted(
    fake: FakeGraph, project: Path, fault: str, found: bool
) -> None:
    set_facebook(project, pogingen=1)
    set_profile(project, R4TN_FILE, status="open")
    fake.fail_next("POST feed", Fault(fault))
    assert run(project, "--profiel", "haarlem-r4tn").exit_code == 1  # outcome unknown
    set_profile(project, R4TN_FILE, status="in_gesprek")
    dry = json_lines(
        run(project, "--proef", "--profiel", "haarlem-r4tn", "--format", "json").stdout
    )
    assert planned(dry) == [("haarlem-r4tn", "recover", "planned")]
    result = json_lines(run(project, "--profiel", "haarlem-r4tn", "--format", "json").stdout)
    assert planned(result) == [("haarlem-r4tn", "recover", "recovered" if found else "done")]
    assert fake.count("POST feed") == 1
    assert len([p for p in fake.live_posts() if "haarlem-r4tn" in p.message]) == int(found)
    # Settled: nothing more to do for it.
    assert json_lines(run(project, "--profiel", "haarlem-r4tn", "--format", "json").stdout) == []
