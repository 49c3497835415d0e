"""`buurtsite publish` against the fake Graph API: exactly once, whatever fails in between."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from generator.publish.ledger import Ledger, PostState
from tests.publish.conftest import (
    HAARLEM,
    PAGES,
    RIJSWIJK,
    json_lines,
    run,
    set_facebook,
    set_profile,
)
from tests.publish.fakegraph import FakeGraph, Fault

K3M9 = "haarlem-k3m9"
K3M9_FILE = "haarlem/speelmiddag-jongen-7.yml"


def ledger_post(tmp_path: Path, profile_id: str) -> tuple[PostState, str | None] | None:
    with Ledger.in_dir(tmp_path / "data") as ledger:
        post = ledger.post(profile_id)
        return (post.state, post.post_id) if post else None


def ledger_actions(tmp_path: Path, profile_id: str) -> list[tuple[str, str]]:
    with Ledger.in_dir(tmp_path / "data") as ledger:
        actions = ledger.actions(profile_id)
    assert all(a.at.startswith("20") for a in actions)  # every step carries a timestamp
    return [(a.action, a.state.value) for a in actions]


def posts_for(fake: FakeGraph, profile_id: str) -> list[str]:
    return [p.id for p in fake.live_posts() if f"/{profile_id}/" in p.message]


def test_publishing_twice_posts_each_profile_once(fake: FakeGraph, project: Path) -> None:
    first = run(project, "--format", "json")
    assert first.exit_code == 0, first.output
    done = [r for r in json_lines(first.stdout) if r["result"] == "done"]
    assert done, "nothing was published"
    assert len(fake.live_posts()) == len(done)
    # Only open profiles, each once; never in_gesprek, concept, gekoppeld or gesloten.
    ids = {r["profile_id"] for r in done}
    assert K3M9 in ids and "haarlem-b2dq" not in ids and "heerenveen-t9rm" not in ids
    assert "haarlem-r4tn" not in ids
    assert "rijswijk-q5jc" not in ids

    second = run(project, "--format", "json")
    assert second.exit_code == 0, second.output
    assert json_lines(second.stdout) == []
    assert len(fake.live_posts()) == len(done)
    assert fake.count("POST feed") == len(done)


def test_post_text_link_and_utm(fake: FakeGraph, project: Path) -> None:
    assert run(project, "--profiel", K3M9).exit_code == 0
    [post] = fake.live_posts()
    assert post.page_id == HAARLEM
    link = "https://www.buurtgezinnen.example/haarlem/haarlem-k3m9/"
    assert post.link == f"{link}?utm_source=facebook&utm_medium=social&utm_campaign={K3M9}"
    assert post.message.startswith("Voor een vrolijke jongen van 7")
    assert link in post.message
    assert ledger_post(project.parent.parent, K3M9) == (PostState.LIVE, post.id)


def test_dropped_connection_after_store_then_rerun_leaves_one_post(
    fake: FakeGraph, project: Path
) -> None:
    # Every attempt in this run loses its answer, though Facebook stored the post.
    set_facebook(project, pogingen=1)
    fake.fail_next("POST feed", Fault("drop_after_store"))
    first = run(project, "--profiel", K3M9, "--format", "json")
    assert first.exit_code == 1
    [record] = json_lines(first.stdout)
    assert record["result"] == "failed"
    assert len(posts_for(fake, K3M9)) == 1
    assert ledger_post(project.parent.parent, K3M9) == (PostState.PENDING, None)

    second = run(project, "--profiel", K3M9, "--format", "json")
    assert second.exit_code == 0, second.output
    [record] = json_lines(second.stdout)
    assert record["result"] == "recovered"
    assert posts_for(fake, K3M9) == [record["post_id"]]
    assert fake.count("POST feed") == 1
    assert ledger_post(project.parent.parent, K3M9) == (PostState.LIVE, record["post_id"])
    assert ledger_actions(project.parent.parent, K3M9) == [
        ("create", "uncertain"),
        ("recover", "recovered"),
    ]


def test_retry_in_the_same_run_looks_before_posting_again(fake: FakeGraph, project: Path) -> None:
    fake.fail_next("POST feed", Fault("drop_after_store"))
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 0, result.output
    [record] = json_lines(result.stdout)
    assert record["result"] == "recovered"
    assert fake.count("POST feed") == 1 and fake.count("GET posts") == 1
    assert len(posts_for(fake, K3M9)) == 1


def test_dropped_before_store_is_posted_again_once(fake: FakeGraph, project: Path) -> None:
    fake.fail_next("POST feed", Fault("drop_before_store"))
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["result"] for r in json_lines(result.stdout)] == ["done"]
    assert fake.count("POST feed") == 2
    assert len(posts_for(fake, K3M9)) == 1


def test_stall_times_out_and_recovers_without_duplicate(fake: FakeGraph, project: Path) -> None:
    fake.fail_next("POST feed", Fault("stall", seconds=1.6))
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 0, result.output
    [record] = json_lines(result.stdout)
    assert record["result"] == "recovered"
    assert len(posts_for(fake, K3M9)) == 1


def test_html_500_is_retried_after_a_lookup(fake: FakeGraph, project: Path) -> None:
    fake.fail_next("POST feed", Fault("html500"))
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["result"] for r in json_lines(result.stdout)] == ["done"]
    assert fake.count("GET posts") == 1  # looked before the second attempt
    assert len(posts_for(fake, K3M9)) == 1


def test_transient_errors_give_up_after_the_set_attempts(fake: FakeGraph, project: Path) -> None:
    fake.fail_next("POST feed", Fault("error", code=2, status=503), times=10)
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 1
    [record] = json_lines(result.stdout)
    assert record["result"] == "failed" and "3 pogingen" in record["message"]
    assert fake.count("POST feed") == 3
    assert fake.live_posts() == []


def test_expired_token_for_one_page_does_not_stop_another(fake: FakeGraph, project: Path) -> None:
    fake.expired.add(PAGES[HAARLEM])
    result = run(project, "--format", "json")
    assert result.exit_code == 1
    records = json_lines(result.stdout)
    haarlem = [r for r in records if r["page_id"] == HAARLEM]
    assert haarlem and all(r["result"] in ("failed", "skipped") for r in haarlem)
    assert HAARLEM in haarlem[0]["message"] and "Haarlem" in haarlem[0]["message"]
    assert "nieuw pagina-token" in haarlem[0]["message"]
    # One refused attempt on Haarlem, then that Page stops; every other Page goes on.
    haarlem_calls = [r for r in fake.requests if r.path.startswith(f"/v24.0/{HAARLEM}/")]
    assert len(haarlem_calls) == 1
    assert fake.count("POST feed") == len(fake.live_posts()) + 1
    assert fake.live_posts(HAARLEM) == []
    assert fake.live_posts(RIJSWIJK)


def test_rate_limit_backs_off_and_resumes(fake: FakeGraph, project: Path) -> None:
    usage = '{"call_count": 100, "total_time": 20, "total_cputime": 10}'
    fake.fail_next("POST feed", Fault("error", code=4, status=400, headers={"X-App-Usage": usage}))
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [r["result"] for r in json_lines(result.stdout)] == ["done"]
    assert fake.count("POST feed") == 2
    assert len(posts_for(fake, K3M9)) == 1


def test_rate_limit_longer_than_allowed_stops_the_page(fake: FakeGraph, project: Path) -> None:
    usage = '{"1": [{"type": "pages", "call_count": 100, "estimated_time_to_regain_access": 60}]}'
    fake.fail_next(
        "POST feed",
        Fault("error", code=32, status=400, headers={"X-Business-Use-Case-Usage": usage}),
    )
    result = run(project, "--gemeente", "haarlem", "--format", "json")
    assert result.exit_code == 1
    records = json_lines(result.stdout)
    assert records[0]["result"] == "failed" and "limiet" in records[0]["message"]
    assert all(r["result"] == "skipped" for r in records[1:])
    assert fake.count("POST feed") == 1 and fake.live_posts() == []


@pytest.mark.parametrize(("code", "words"), [(200, "rechten"), (368, "blokkeert")])
def test_permission_and_blocked_are_not_retried(
    fake: FakeGraph, project: Path, code: int, words: str
) -> None:
    fake.fail_next("POST feed", Fault("error", code=code, status=403))
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 1
    [record] = json_lines(result.stdout)
    assert record["result"] == "failed" and words in record["message"]
    assert fake.count("POST feed") == 1
    assert ledger_post(project.parent.parent, K3M9) is None  # nothing pending: nothing was posted


def test_daily_cap_per_page(fake: FakeGraph, project: Path) -> None:
    set_facebook(project, max_per_dag=1)
    result = run(project, "--gemeente", "haarlem", "--format", "json")
    records = json_lines(result.stdout)
    assert [r["result"] for r in records].count("done") == 1
    assert "daglimiet" in next(r["message"] for r in records if r["result"] == "skipped")
    assert len(fake.live_posts(HAARLEM)) == 1


def test_filled_profile_post_is_edited(fake: FakeGraph, project: Path) -> None:
    assert run(project, "--profiel", K3M9).exit_code == 0
    set_profile(project, K3M9_FILE, status="gekoppeld")
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 0, result.output
    [record] = json_lines(result.stdout)
    assert record["action"] == "edit" and record["result"] == "done"
    [post] = fake.live_posts()
    assert post.message.startswith("Update: voor dit gezin is een steungezin gevonden")
    assert ledger_post(project.parent.parent, K3M9) == (PostState.FILLED, post.id)
    assert ledger_actions(project.parent.parent, K3M9) == [("create", "done"), ("edit", "done")]
    # Nothing further happens on a third run.
    assert json_lines(run(project, "--profiel", K3M9, "--format", "json").stdout) == []


def test_filled_profile_post_is_deleted_by_setting(fake: FakeGraph, project: Path) -> None:
    assert run(project, "--profiel", K3M9).exit_code == 0
    set_facebook(project, bij_gekoppeld="verwijderen")
    set_profile(project, K3M9_FILE, status="gesloten")
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json_lines(result.stdout)[0]["action"] == "delete"
    assert fake.live_posts() == []
    assert ledger_post(project.parent.parent, K3M9) is not None
    assert ledger_post(project.parent.parent, K3M9)[0] is PostState.DELETED  # type: ignore[index]


def test_changed_story_updates_caption_only_by_setting(fake: FakeGraph, project: Path) -> None:
    assert run(project, "--profiel", K3M9).exit_code == 0
    set_profile(project, K3M9_FILE, titel="Voor een vrolijke jongen van 7 zoeken wij een gezin")
    assert json_lines(run(project, "--profiel", K3M9, "--format", "json").stdout) == []
    set_facebook(project, tekst_bijwerken=True)
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert json_lines(result.stdout)[0]["action"] == "update"
    assert fake.live_posts()[0].message.startswith(
        "Voor een vrolijke jongen van 7 zoeken wij een gezin\n"
    )


def test_no_token_in_output_logs_or_ledger(
    fake: FakeGraph, project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.expired.add(PAGES[RIJSWIJK])
    fake.fail_next("POST feed", Fault("drop_after_store"))
    fake.fail_next("GET posts", Fault("error", code=1, status=500))
    outputs = [run(project).output, run(project, "--format", "json").output]
    outputs.append(run(project, "status").output)
    # The ledger's database with its write-ahead log: every byte the runs wrote.
    data = b"".join(p.read_bytes() for p in (project.parent.parent / "data").glob("*.sqlite3*"))
    logged = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "127.0.0.1" in logged  # urllib3 did log the requests we check
    for token in PAGES.values():
        for text in outputs:
            assert token not in text
        assert token not in logged
        assert token.encode() not in data
    # The fake saw the tokens only in the Authorization header or a body, never in a URL;
    # `publish status` did inspect the tokens (debug_token), with the token in the body.
    inspected = [r for r in fake.requests if r.route == "GET debug_token"]
    assert {r.params["input_token"] for r in inspected} == set(PAGES.values())
    assert fake.requests and all("SECRET" not in r.url for r in fake.requests)


def test_a_second_run_at_the_same_time_is_refused(fake: FakeGraph, project: Path) -> None:
    with Ledger.in_dir(project.parent.parent / "data"):
        result = run(project, "--profiel", K3M9)
    assert result.exit_code == 1 and "er loopt al een `buurtsite publish`" in result.output
    assert fake.live_posts() == []
    assert run(project, "--profiel", K3M9).exit_code == 0
