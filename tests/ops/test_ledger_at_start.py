"""The production process imports an old ledger file at start, into its own database (SQLite
or PostgreSQL), and the health check reports the last post from it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from generator.ops.health import Sources, health
from generator.ops.jobs import production_scheduler
from generator.publish.ledger import Ledger, PostState
from generator.validate import Catalog
from tests.publish.ledger_backends import old_ledger_file

PAGE = "100000000000001"


def test_the_production_process_imports_an_old_ledger_file_at_start(
    engine: Engine, catalog: Catalog, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    old_ledger_file(
        data,
        posts=[("haarlem-k3m9", PAGE, "1_5", "live", "https://x/haarlem-k3m9/")],
        actions=[("2026-11-20T10:00:00+00:00", "haarlem-k3m9", PAGE, "create", "done", "1_5")],
    )
    assert health(Sources(engine, tmp_path / "site", data))["publicatie"]["laatst_gelukt"] is None
    scheduler = production_scheduler(engine, catalog.settings, lambda: catalog, data)
    assert "publiceren" in scheduler.jobs  # the demo gemeenten have Facebook Pages
    post = Ledger(engine).post("haarlem-k3m9")
    assert post is not None and (post.state, post.post_id) == (PostState.LIVE, "1_5")
    assert not (data / "facebook-ledger.sqlite3").exists()
    report = health(Sources(engine, tmp_path / "site", data))
    assert report["publicatie"]["laatst_gelukt"] == "2026-11-20T10:00:00Z"
