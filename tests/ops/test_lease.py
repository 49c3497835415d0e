"""Leases: one holder at a time, on SQLite (lease row) and PostgreSQL (advisory lock)."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import Engine, update

from generator.forms import store
from generator.forms.store import utcnow
from generator.ops.lease import advisory_key, holder, lease
from generator.ops.tables import leases


def test_second_taker_is_refused_while_held_and_gets_it_after(engine: Engine) -> None:
    with lease(engine, "backup", ttl_s=60) as first:
        assert first
        with lease(engine, "backup", ttl_s=60) as second:
            assert not second
        with lease(engine, "publiceren", ttl_s=60) as other_job:
            assert other_job
    with lease(engine, "backup", ttl_s=60) as again:
        assert again


def test_held_across_engines_as_by_another_instance(engine: Engine, database_url: str) -> None:
    other = store.make_engine(database_url)
    try:
        with lease(engine, "outbox", ttl_s=60) as got:
            assert got
            with lease(other, "outbox", ttl_s=60) as theirs:
                assert not theirs
        with lease(other, "outbox", ttl_s=60) as theirs:
            assert theirs
    finally:
        other.dispose()


def test_released_when_the_block_raises(engine: Engine) -> None:
    try:
        with lease(engine, "purge", ttl_s=60) as got:
            assert got
            raise KeyError("boom")
    except KeyError:
        pass
    with lease(engine, "purge", ttl_s=60) as got:
        assert got


def test_only_one_of_many_threads_holds_it(engine: Engine) -> None:
    inside = 0
    most = 0
    winners = 0
    guard = threading.Lock()
    start = threading.Barrier(6)

    def contend() -> None:
        nonlocal inside, most, winners
        start.wait(timeout=10)
        with lease(engine, "race", ttl_s=60) as got:
            if got:
                with guard:
                    inside += 1
                    winners += 1
                    most = max(most, inside)
                threading.Event().wait(0.2)
                with guard:
                    inside -= 1

    threads = [threading.Thread(target=contend) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert most == 1
    assert winners >= 1


def test_sqlite_expired_lease_of_a_dead_holder_is_taken_over(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    from generator.forms.migrate import upgrade

    eng = store.make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    upgrade(eng)
    try:
        with eng.begin() as conn:
            conn.execute(leases.insert().values(name="backup", owner="dood:1:x", until=utcnow()))
            conn.execute(
                update(leases)
                .where(leases.c.name == "backup")
                .values(until=utcnow() - timedelta(seconds=1))
            )
        assert holder(eng, "backup") is None
        with lease(eng, "backup", ttl_s=60) as got:
            assert got
            assert holder(eng, "backup") not in (None, "dood:1:x")
        assert holder(eng, "backup") is None
    finally:
        eng.dispose()


def test_sqlite_live_lease_of_another_holder_is_respected(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    from generator.forms.migrate import upgrade

    eng = store.make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    upgrade(eng)
    try:
        with eng.begin() as conn:
            conn.execute(
                leases.insert().values(
                    name="backup", owner="ander:2:y", until=utcnow() + timedelta(minutes=5)
                )
            )
        with lease(eng, "backup", ttl_s=60) as got:
            assert not got
        assert holder(eng, "backup") == "ander:2:y"  # not released by someone who never held it
    finally:
        eng.dispose()


def test_advisory_keys_are_stable_and_distinct() -> None:
    assert advisory_key("backup") == advisory_key("backup")
    assert advisory_key("backup") != advisory_key("publiceren")
    assert -(2**63) <= advisory_key("backup") < 2**63
