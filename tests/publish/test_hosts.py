"""Two hosts, one PostgreSQL database: `buurtsite publish` as separate processes, each with its
own data folder (as on two machines), against the fake Graph API over real HTTP.

- started at the same moment for the same profiles, they post each profile exactly once;
- a run SIGKILLed after recording its intent (its post already on the Page, the answer not yet
  in) is recovered by a run on the other host: found on the Page, not posted again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text

from generator.forms.store import make_engine
from generator.ops.lease import advisory_key
from generator.publish.ledger import PAGE_LEASE
from generator.publish.ledger_tables import posts
from tests.forms.conftest import pg_url
from tests.publish.conftest import HAARLEM, json_lines, set_facebook
from tests.publish.fakegraph import FakeGraph, Fault
from tests.publish.ledger_backends import use_postgresql

__all__ = ["pg_url"]

BUURTSITE = str(Path(sys.executable).parent / "buurtsite")
OPEN_PROFILES = 6  # open profiles with a Facebook Page in the demo project
K3M9 = "haarlem-k3m9"


def publish(project: Path, data: Path, *args: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "BUURTSITE_DATA_DIR": str(data)}
    return subprocess.Popen(
        [BUURTSITE, "publish", "--config", str(project), "--format", "json", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.05)


def outcome_records(proc: subprocess.Popen[bytes]) -> list[dict[str, Any]]:
    out, _ = proc.communicate(timeout=120)
    text_out = out.decode()
    assert proc.returncode == 0, text_out
    return json_lines(text_out)


@pytest.fixture
def pg(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """Two hosts share a database only on PostgreSQL (SQLite is one host)."""
    use_postgresql(pg_url, monkeypatch)
    engine = make_engine(pg_url)
    yield engine
    engine.dispose()


def test_two_hosts_started_together_post_each_profile_once(
    pg: Engine, fake: FakeGraph, project: Path, tmp_path: Path
) -> None:
    set_facebook(project, timeout_seconden=60)
    # The first post either run makes is held until the other run has posted too: the runs
    # certainly overlap, however the machine schedules their start.
    release = threading.Event()
    fake.fail_next("POST feed", Fault("stall", seconds=60, until=release))
    runs = [publish(project, tmp_path / host) for host in ("host-a", "host-b")]
    try:
        until(lambda: fake.count("POST feed") >= 2, 90, "both hosts posting")
    finally:
        release.set()
    records = [r for proc in runs for r in outcome_records(proc)]
    posted = Counter(p.message for p in fake.live_posts())
    assert fake.count("POST feed") == OPEN_PROFILES == len(posted)
    assert all(n == 1 for n in posted.values()), posted
    done = Counter(r["profile_id"] for r in records if r["result"] == "done")
    assert len(done) == OPEN_PROFILES and set(done.values()) == {1}
    # The other run's part was skipped, for one of the two reasons, and nothing failed.
    skipped = [r["message"] for r in records if r["result"] == "skipped"]
    assert len(skipped) == OPEN_PROFILES
    assert all("andere run" in m for m in skipped), skipped
    assert not (tmp_path / "host-a" / "facebook-ledger.sqlite3").exists()


def test_a_run_killed_after_its_intent_is_recovered_on_the_other_host(
    pg: Engine, fake: FakeGraph, project: Path, tmp_path: Path
) -> None:
    set_facebook(project, timeout_seconden=60)
    release = threading.Event()  # never set before the kill: the answer never arrives
    fake.fail_next("POST feed", Fault("stall", seconds=60, until=release))
    first = publish(project, tmp_path / "host-a", "--profiel", K3M9)
    try:

        def intent_recorded() -> bool:
            with pg.connect() as conn:
                state = conn.execute(
                    select(posts.c.state).where(posts.c.profile_id == K3M9)
                ).scalar()
            return state == "pending" and len(fake.live_posts()) == 1

        until(intent_recorded, 90, "the intent in the database and the post on the Page")
        first.send_signal(signal.SIGKILL)
    finally:
        release.set()
        if first.poll() is None:
            first.kill()
        first.communicate(timeout=30)  # reaps it and closes its pipe
    assert first.returncode == -signal.SIGKILL
    # The dead run's Page lock goes with its connection; wait until the server has seen that.
    key = advisory_key(PAGE_LEASE + HAARLEM) & 0xFFFFFFFFFFFFFFFF  # as pg_locks shows it

    def page_free() -> bool:
        with pg.connect() as conn:
            held = conn.execute(
                text(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND classid::bigint = :high AND objid::bigint = :low AND database = "
                    "(SELECT oid FROM pg_database WHERE datname = current_database())"
                ),
                {"high": key >> 32, "low": key & 0xFFFFFFFF},
            ).scalar_one()
        return held == 0

    until(page_free, 30, f"advisory lock {key} released after the kill")
    [record] = outcome_records(publish(project, tmp_path / "host-b", "--profiel", K3M9))
    assert record["result"] == "recovered", record
    [post] = fake.live_posts()
    assert record["post_id"] == post.id
    assert fake.count("POST feed") == 1  # the killed run's, and no other
    with pg.connect() as conn:
        row = conn.execute(
            select(posts.c.state, posts.c.post_id).where(posts.c.profile_id == K3M9)
        ).one()
    assert (row.state, row.post_id) == ("live", post.id)
