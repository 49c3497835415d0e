"""An old ledger file (`facebook-ledger.sqlite3`, before issue 15) is brought into the database
on first use, on SQLite and PostgreSQL: no post and no pending create is forgotten."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator import pipeline
from generator.publish.ledger import ActionState, Ledger, PostState
from generator.publish.planner import profile_url
from tests.forms.conftest import pg_url
from tests.publish.conftest import HAARLEM, json_lines, run
from tests.publish.fakegraph import FakeGraph, Post
from tests.publish.ledger_backends import backend, old_ledger_file

__all__ = ["backend", "pg_url"]

K3M9, P7WX = "haarlem-k3m9", "haarlem-p7wx"
RIJSWIJK_PAGE = "100000000000002"


def test_an_old_ledger_file_is_imported_once_in_its_order(backend: str, tmp_path: Path) -> None:
    data = tmp_path / "data"
    old = old_ledger_file(
        data,
        posts=[
            ("live-1", HAARLEM, "1_5", "live", "https://x/live-1/"),
            ("pending-1", HAARLEM, None, "pending", "https://x/pending-1/"),
            ("gone-1", RIJSWIJK_PAGE, "2_7", "deleted", "https://x/gone-1/"),
        ],
        actions=[
            ("2026-11-01T10:00:00+00:00", "live-1", HAARLEM, "create", "done", "1_5"),
            ("2026-11-02T10:00:00+00:00", "gone-1", RIJSWIJK_PAGE, "create", "done", "2_7"),
            ("2026-11-03T10:00:00+00:00", "gone-1", RIJSWIJK_PAGE, "delete", "done", "2_7"),
            ("2026-11-23T09:00:00+00:00", "pending-1", HAARLEM, "create", "uncertain", None),
        ],
    )
    with Ledger.in_dir(data) as ledger:
        states = {p.profile_id: (p.state, p.post_id) for p in ledger.posts()}
        assert states == {
            "live-1": (PostState.LIVE, "1_5"),
            "pending-1": (PostState.PENDING, None),
            "gone-1": (PostState.DELETED, "2_7"),
        }
        steps = [(a.profile_id, a.action, a.state) for a in ledger.actions()]
        assert steps == [
            ("live-1", "create", ActionState.DONE),
            ("gone-1", "create", ActionState.DONE),
            ("gone-1", "delete", ActionState.DONE),
            ("pending-1", "create", ActionState.UNCERTAIN),
        ]
        # The uncertain create still holds its slot in the day's cap.
        assert ledger.created_on(HAARLEM, date(2026, 11, 23)) == 1
    assert not old.exists() and (data / "facebook-ledger.sqlite3.geimporteerd").is_file()
    assert not (data / "facebook-ledger.sqlite3-wal").exists()
    with Ledger.in_dir(data) as ledger:  # opened again: nothing is imported twice
        assert len(ledger.actions()) == 4 and len(ledger.posts()) == 3


def test_a_profile_the_database_knows_keeps_its_row(backend: str, tmp_path: Path) -> None:
    """A second host's old file, imported after the first host's: the database's rows stay,
    the file's unknown profiles and steps are added."""
    with Ledger.in_dir(tmp_path / "eerste") as ledger:
        aid = ledger.begin("live-1", HAARLEM, "create", date(2026, 11, 20), link="https://x/1/")
        ledger.finish(aid, "live-1", PostState.LIVE, post_id="1_9")
    old_ledger_file(
        tmp_path / "tweede",
        posts=[
            ("live-1", HAARLEM, None, "pending", "https://x/1/"),
            ("other-1", HAARLEM, "1_3", "live", "https://x/other-1/"),
        ],
        actions=[("2026-11-02T10:00:00+00:00", "other-1", HAARLEM, "create", "done", "1_3")],
    )
    with Ledger.in_dir(tmp_path / "tweede") as ledger:
        live = ledger.post("live-1")
        other = ledger.post("other-1")
        if backend == "sqlite":  # each folder its own database on SQLite
            assert live is not None and live.state is PostState.PENDING
        else:
            assert live is not None and (live.state, live.post_id) == (PostState.LIVE, "1_9")
            assert len(ledger.actions()) == 2
        assert other is not None and other.post_id == "1_3"


def test_a_pending_create_from_the_old_file_is_found_on_the_page_not_posted_again(
    backend: str, fake: FakeGraph, project: Path
) -> None:
    """The crash happened before the upgrade: the old file says pending, the post is on the
    Page. The first run after the upgrade looks, finds it and posts nothing new."""
    catalog = pipeline.check(project)
    profile = catalog.profile(K3M9)
    assert profile is not None
    url = profile_url(catalog.settings.site.base, profile)
    fake.posts[f"{HAARLEM}_1"] = Post(
        f"{HAARLEM}_1", HAARLEM, f"Voor een jongen\n\n{url}", "", None
    )
    data = project.parent.parent / "data"
    old_ledger_file(
        data,
        posts=[(K3M9, HAARLEM, None, "pending", url)],
        actions=[("2026-11-23T09:00:00+00:00", K3M9, HAARLEM, "create", "uncertain", None)],
    )
    result = run(project, "--profiel", K3M9, "--format", "json")
    assert result.exit_code == 0, result.output
    [record] = json_lines(result.stdout)
    assert (record["result"], record["post_id"]) == ("recovered", f"{HAARLEM}_1")
    assert fake.count("POST feed") == 0 and fake.count("GET posts") == 1
    with Ledger.in_dir(data) as ledger:
        post = ledger.post(K3M9)
        assert post is not None and (post.state, post.post_id) == (PostState.LIVE, f"{HAARLEM}_1")
    # And a profile the old file had as live is not posted again either.
    assert run(project, "--profiel", K3M9).exit_code == 0
    assert fake.count("POST feed") == 0
