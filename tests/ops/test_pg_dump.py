"""PostgreSQL backups as docs/productie-backup.md describes: pg_dump, pg_restore into an empty
database, and the app starts on it with every row (and takes new sign-ups), the publisher's
ledger included."""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import func, select, text

from generator.forms import store
from generator.forms.app import create_app
from generator.forms.migrate import upgrade
from generator.ops.runs import last_runs, record_run
from generator.publish.ledger import Ledger, PostState
from generator.validate import Catalog
from tests.forms.conftest import ADMIN_URL, ORIGIN, TestClient, make_runtime, valid
from tests.ops.test_backup import _submission


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        reason = f"{name} ontbreekt (PostgreSQL-client; scripts/services.sh installeert postgresql)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; in CI is dit verplicht")
        pytest.skip(f"LET OP: {reason}")
    return found


@pytest.fixture
def empty_database(pg_url: str) -> Iterator[str]:
    name = f"buurtsite_herstel_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{ADMIN_URL.rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
def test_the_app_starts_on_a_restored_dump_with_every_row(
    pg_url: str, empty_database: str, catalog: Catalog, tmp_path: Path
) -> None:
    pg_dump, pg_restore = tool("pg_dump"), tool("pg_restore")
    source = store.make_engine(pg_url)
    upgrade(source)
    with source.begin() as conn:  # the session's database: other tests' ledger rows go
        conn.execute(text("TRUNCATE ledger_posts, ledger_actions RESTART IDENTITY"))
    try:
        for n in range(40):
            store.insert(
                source, _submission(f"dump{n}-{tmp_path.name}@example.org"), ["c@example.org"]
            )
        with record_run(source, "backup") as run:
            run.message_nl = "voor de dump"
        ledger = Ledger(source)  # the publisher's ledger is in the same database
        posted = ledger.begin("haarlem-k3m9", "100000000000001", "create", date(2026, 11, 23))
        ledger.finish(posted, "haarlem-k3m9", PostState.LIVE, post_id="1_42")
        ledger.begin("haarlem-p7wx", "100000000000001", "create", date(2026, 11, 23))
        with source.connect() as conn:
            before = conn.execute(select(func.count()).select_from(store.aanmeldingen)).scalar_one()
            outbox_before = conn.execute(
                select(func.count()).select_from(store.outbox)
            ).scalar_one()
    finally:
        source.dispose()
    dump = tmp_path / "aanmeldingen.dump"
    # The commands of docs/productie-backup.md, with this test's databases.
    subprocess.run(
        [pg_dump, "--format=custom", f"--file={dump}", f"--dbname={pg_url}"],
        check=True,
        timeout=120,
    )
    subprocess.run(
        [pg_restore, "--no-owner", f"--dbname={empty_database}", str(dump)],
        check=True,
        timeout=120,
    )
    subprocess.run(
        [tool("psql"), f"--dbname={empty_database}", "--command=ANALYZE"],
        check=True,
        timeout=120,
    )
    app = create_app(catalog, make_runtime(empty_database))
    with TestClient(app) as client:
        answer = client.post(
            "/aanmelden",
            data=valid(email=f"na-herstel-{tmp_path.name}@example.org"),
            headers={"Origin": ORIGIN, "Accept": "application/json"},
        )
        assert answer.status_code == 200, answer.text
        engine = app.state.forms.engine
        with engine.connect() as conn:
            after = conn.execute(select(func.count()).select_from(store.aanmeldingen)).scalar_one()
            outbox_after = conn.execute(select(func.count()).select_from(store.outbox)).scalar_one()
        assert after == before + 1
        assert outbox_after >= outbox_before + 1
        assert [r.message_nl for r in last_runs(engine, "backup")][:1] == ["voor de dump"]
        # What was posted, and what was pending (to be looked for, never posted blind).
        restored = Ledger(engine)
        live, pending = restored.post("haarlem-k3m9"), restored.post("haarlem-p7wx")
        assert live is not None and (live.state, live.post_id) == (PostState.LIVE, "1_42")
        assert pending is not None and pending.state is PostState.PENDING
