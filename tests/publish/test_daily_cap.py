"""The daily cap per Page counts each new post once, whatever happened on the way."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.publish.ledger import Ledger
from tests.publish.conftest import HAARLEM, json_lines, run, set_facebook
from tests.publish.fakegraph import FakeGraph, Fault

EXTRA = ["haarlem-aa11", "haarlem-bb22", "haarlem-cc33"]


def add_open_profiles(config: Path, ids: list[str]) -> None:
    """Copies of the demo's open Haarlem profile under new ids: more posts than the cap."""
    folder = config.parent / "profiles" / "haarlem"
    data = yaml.safe_load((folder / "speelmiddag-jongen-7.yml").read_text(encoding="utf-8"))
    data.pop("broers_zussen", None)
    for pid in ids:
        data.update(id=pid, titel=f"Voor een vrolijke jongen van 7 zoeken wij een gezin ({pid})")
        (folder / f"{pid}.yml").write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def test_connections_reset_still_give_the_page_its_full_cap(fake: FakeGraph, project: Path) -> None:
    add_open_profiles(project, EXTRA)
    set_facebook(project, max_per_dag=3)
    # The first attempt's connection resets before Facebook stored the post: the lookup finds
    # nothing, so it is posted again. That attempt and the next reset after Facebook stored
    # the post: the lookup finds it. Three posts, however many attempts it took.
    fake.fail_next("POST feed", Fault("drop_before_store"))
    fake.fail_next("POST feed", Fault("drop_after_store"), times=2)
    result = run(project, "--gemeente", "haarlem", "--format", "json")
    records = json_lines(result.stdout)
    posted = [r for r in records if r["result"] in ("done", "recovered")]
    assert [r["result"] for r in posted] == ["recovered", "recovered", "done"], records
    assert len(fake.live_posts(HAARLEM)) == 3
    deferred = [r for r in records if r["result"] == "skipped"]
    assert all("daglimiet" in r["message"] for r in deferred)
    assert len(posted) + len(deferred) == len(records)
    # The attempt the lookup proved absent is recorded as failed, not as a possible post.
    with Ledger.in_dir(project.parent.parent / "data") as ledger:
        first = ledger.actions(posted[0]["profile_id"])
    assert [(a.action, a.state.value) for a in first] == [
        ("create", "failed"),
        ("create", "uncertain"),
        ("recover", "recovered"),
    ]
