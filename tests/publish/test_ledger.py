"""The ledger's contract, on SQLite and on PostgreSQL alike: intent before the call, states,
the daily-cap counts, lookups, one create per profile under concurrency, snapshots."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from generator.errors import BuurtsiteError
from generator.forms.migrate import database_url
from generator.forms.store import make_engine
from generator.publish.ledger import ActionState, Claimed, Ledger, PostState
from tests.forms.conftest import pg_url
from tests.publish.ledger_backends import backend

__all__ = ["backend", "pg_url"]

PAGE, OTHER_PAGE = "100000000000001", "100000000000002"
DAY = date(2026, 11, 23)
LINK = "https://www.buurtgezinnen.example/haarlem/p1/"


def test_a_create_is_pending_until_facebook_answers(backend: str, tmp_path: Path) -> None:
    with Ledger.in_dir(tmp_path / "data") as ledger:
        assert ledger.post("p1") is None and ledger.last_success() is None
        aid = ledger.begin("p1", PAGE, "create", DAY, link=LINK)
        post = ledger.post("p1")
        assert post is not None and (post.state, post.post_id, post.link) == (
            PostState.PENDING,
            None,
            LINK,
        )
        assert ledger.created_on(PAGE, DAY) == 1 and ledger.unconfirmed_creates(DAY) == {"p1"}
        assert ledger.last_post(PAGE) is None
        ledger.finish(aid, "p1", PostState.LIVE, post_id="1_1", caption_digest="abc")
        post = ledger.post("p1")
        assert post is not None and (post.state, post.post_id, post.caption_digest) == (
            PostState.LIVE,
            "1_1",
            "abc",
        )
        assert [(a.action, a.state, a.post_id) for a in ledger.actions("p1")] == [
            ("create", ActionState.DONE, "1_1")
        ]
        last = ledger.last_post(PAGE)
        assert last is not None and last.post_id == "1_1" and last.id == aid
        assert ledger.last_success() == last.at
        assert ledger.unconfirmed_creates(DAY) == set() and ledger.created_on(PAGE, DAY) == 1
        assert [p.profile_id for p in ledger.posts(PAGE)] == ["p1"] and ledger.posts(
            OTHER_PAGE
        ) == []


def test_an_unknown_outcome_stays_pending_until_a_lookup_proves_it_absent(
    backend: str, tmp_path: Path
) -> None:
    with Ledger.in_dir(tmp_path / "data") as ledger:
        aid = ledger.begin("p1", PAGE, "create", DAY, link=LINK)
        ledger.fail(aid, "time-out", uncertain=True)
        post = ledger.post("p1")
        assert post is not None and post.state is PostState.PENDING
        assert ledger.created_on(PAGE, DAY) == 1  # it may exist: it holds its slot
        ledger.forget_pending("p1", "niet op de pagina gevonden")
        assert ledger.post("p1") is None
        [action] = ledger.actions("p1")
        assert (action.state, action.detail) == (ActionState.FAILED, "niet op de pagina gevonden")
        assert ledger.created_on(PAGE, DAY) == 0


def test_a_create_claims_the_profile_only_when_it_has_no_post(backend: str, tmp_path: Path) -> None:
    with Ledger.in_dir(tmp_path / "data") as ledger:
        first = ledger.begin("p1", PAGE, "create", DAY, link=LINK)
        with pytest.raises(Claimed):  # pending: another run may be waiting for Facebook
            ledger.begin("p1", PAGE, "create", DAY, link=LINK)
        ledger.finish(first, "p1", PostState.LIVE, post_id="1_1")
        with pytest.raises(Claimed):  # live: posted already
            ledger.begin("p1", PAGE, "create", DAY, link=LINK)
        gone = ledger.begin("p1", PAGE, "delete", DAY, post_id="1_1")
        ledger.finish(gone, "p1", PostState.DELETED)
        ledger.begin("p1", PAGE, "create", DAY, link=LINK)  # deleted: may be posted anew
        post = ledger.post("p1")
        assert post is not None and (post.state, post.post_id) == (PostState.PENDING, None)
        # A refused claim left no trace in the actions.
        assert [a.action for a in ledger.actions("p1")] == ["create", "delete", "create"]


def test_runners_racing_for_the_same_profiles_claim_each_once(backend: str, tmp_path: Path) -> None:
    """Eight runners, each on its own engine (its own connections, as on separate hosts),
    try to create the same 20 profiles at the same moment: each profile is claimed once."""
    with Ledger.in_dir(tmp_path / "data"):
        pass  # migrated
    url = database_url(tmp_path / "data")
    runners = [Ledger(make_engine(url), owns_engine=True) for _ in range(8)]
    start = threading.Barrier(len(runners))
    claimed: list[tuple[int, str]] = []
    errors: list[BaseException] = []

    def race(number: int, ledger: Ledger) -> None:
        try:
            start.wait(timeout=30)
            for n in range(20):
                try:
                    ledger.begin(f"p{n}", PAGE, "create", DAY, link=f"{LINK}{n}")
                    claimed.append((number, f"p{n}"))
                except Claimed:
                    pass
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=race, args=(i, r)) for i, r in enumerate(runners)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for ledger in runners:
        ledger.close()
    assert errors == []
    assert sorted(p for _, p in claimed) == sorted(f"p{n}" for n in range(20))
    with Ledger.in_dir(tmp_path / "data") as ledger:
        assert ledger.created_on(PAGE, DAY) == 20  # one intent per profile, no more
        assert all(p.state is PostState.PENDING for p in ledger.posts(PAGE))


def test_one_run_per_folder_on_sqlite_and_pages_held_on_postgresql(
    backend: str, tmp_path: Path
) -> None:
    first = Ledger.in_dir(tmp_path / "a")
    try:
        if backend == "sqlite":
            with pytest.raises(BuurtsiteError, match="er loopt al een `buurtsite publish`"):
                Ledger.in_dir(tmp_path / "a")
            with first.hold(PAGE) as held:
                assert held  # the folder's lock is the one that counts
            return
        # PostgreSQL: another host (another folder) shares the database; a Page is held by
        # one run at a time, and free again when that run lets go.
        with Ledger.in_dir(tmp_path / "b") as second:
            with first.hold(PAGE) as held:
                assert held
                with second.hold(PAGE) as also:
                    assert not also
                with second.hold(OTHER_PAGE) as other:
                    assert other
            with second.hold(PAGE) as held:
                assert held
    finally:
        first.close()


def test_a_snapshot_is_a_copy_and_leaves_no_trace(backend: str, tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    with Ledger.snapshot(empty) as copy:
        assert copy.posts() == [] and copy.actions() == []
    assert not empty.exists()
    with Ledger.in_dir(tmp_path / "data") as ledger:
        aid = ledger.begin("p1", PAGE, "create", DAY, link=LINK)
        ledger.finish(aid, "p1", PostState.LIVE, post_id="1_1")
        with Ledger.snapshot(tmp_path / "data") as copy:
            assert copy.post("p1") == ledger.post("p1")
            assert copy.actions() == ledger.actions()
            copy.forget_pending("p1")
            copy.begin("p2", PAGE, "create", DAY, link=LINK)
        assert ledger.post("p2") is None and len(ledger.actions()) == 1
