"""Two instances of `buurtsite productie` on 127.0.0.1 against ONE PostgreSQL database.

Sign-ups go to both; one instance is SIGKILLed mid-load. Afterwards every acknowledged sign-up
is stored exactly once, every mail arrives once (a real SMTP server on loopback; a mail the
killed instance sent just before dying may go again, with the same Message-ID, so the mailbox
shows it once), and every open profile is posted once on the fake Graph API. Bounded in time.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, select, text

from bench.forms_load import load
from generator.forms import store
from generator.forms.migrate import upgrade
from tests.forms.conftest import Inbox, free_port
from tests.publish.conftest import PAGES
from tests.publish.fakegraph import FakeGraph
from tests.site.conftest import copy_demo

SECRET = "Xq7" + "k9Lm2Pz8Rt4Vw6Yb" * 3
BUURTSITE = str(Path(sys.executable).parent / "buurtsite")


@pytest.fixture
def pg(pg_url: str) -> Iterator[Engine]:
    engine = store.make_engine(pg_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(
            text(
                "TRUNCATE outbox, aanmeldingen, runs, leases, rate_hits, gebruikers, sessies "
                "RESTART IDENTITY CASCADE"
            )
        )
    yield engine
    engine.dispose()


@pytest.fixture
def world(tmp_path: Path, pg_url: str) -> Iterator[tuple[dict[str, str], Path, Inbox, FakeGraph]]:
    config = copy_demo(tmp_path / "project")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    data["facebook"].update(berichttype="link", wachttijd_seconden=0.0, run_elke_minuten=1)
    data["facebook"]["max_per_dag"] = 20
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("<!doctype html><title>Buurtgezinnen</title>", "utf-8")
    tokens = tmp_path / "geheim" / "tokens.json"
    tokens.parent.mkdir()
    tokens.write_text(json.dumps(PAGES), encoding="utf-8")
    inbox = Inbox()
    smtp_port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    graph = FakeGraph()
    for page_id, token in PAGES.items():
        graph.add_page(page_id, token)
    env = {
        **os.environ,
        "DATABASE_URL": pg_url,
        "BUURTSITE_DATA_DIR": str(tmp_path / "data"),  # the ledger: shared, as on one host
        "BUURTSITE_SECRET_KEY": SECRET,
        "BUURTSITE_SMTP_URL": f"smtp://127.0.0.1:{smtp_port}",
        "BUURTSITE_FORMS_RATE_LIMIT": "off",
        "BUURTSITE_FACEBOOK_TOKENS": str(tokens),
        "BUURTSITE_TODAY": "2026-11-23",
        "BUURTSITE_INSECURE_COOKIES": "1",
        "BUURTSITE_MAIL_CLAIM_SECONDS": "3",  # so the test need not wait five minutes
    }
    for name in ("BUURTSITE_SMTP_USER", "BUURTSITE_SMTP_PASSWORD", "BUURTSITE_LOG_FORMAT"):
        env.pop(name, None)
    try:
        with graph.running():
            env["BUURTSITE_GRAPH_URL"] = graph.url
            yield env, config, inbox, graph
    finally:
        controller.stop()


def start(env: dict[str, str], config: Path, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    argv = [BUURTSITE, "productie", "--config", str(config), "--poort", str(port)]
    argv += ["--site", str(config.parent.parent / "site")]
    with log.open("wb") as out:  # the child keeps its own copy of the descriptor
        proc = subprocess.Popen(
            argv, cwd=config.parent, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while True:
        assert proc.poll() is None, log.read_text()
        assert time.monotonic() < deadline, "buurtsite productie did not answer in 60 s"
        try:
            httpx.get(f"http://127.0.0.1:{port}/gezondheid", timeout=2)
            return proc, port
        except httpx.TransportError:
            time.sleep(0.2)


def until(check: object, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():  # type: ignore[operator]
        assert time.monotonic() < deadline, f"not within {seconds} s: {what}"
        time.sleep(0.2)


@pytest.mark.postgres
def test_sigkill_one_of_two_instances_loses_and_doubles_nothing(
    pg: Engine, world: tuple[dict[str, str], Path, Inbox, FakeGraph], tmp_path: Path
) -> None:
    env, config, inbox, graph = world
    first, port_a = start(env, config, tmp_path / "a.log")
    second, port_b = start(env, config, tmp_path / "b.log")
    acked: list[str] = []
    try:
        # A fixed amount of work, killed after a fixed number of answers: the mails the test
        # then waits for do not grow with the machine's speed (a 20 s window of sign-ups did:
        # the faster the sign-up path, the more mail had to go out within the deadline).
        async def kill_first_after(answers: int) -> None:
            while sum(a.startswith("bench-a-") for a in acked) < answers:
                await asyncio.sleep(0.005)
            first.send_signal(signal.SIGKILL)

        async def both() -> None:
            await asyncio.gather(
                kill_first_after(150),
                load(port_a, 1200, 8, 120, "a", acked),
                load(port_b, 600, 8, 120, "b", acked),
            )

        asyncio.run(both())
        first.wait(timeout=30)
        assert first.returncode == -signal.SIGKILL
        assert any(a.startswith("bench-a-") for a in acked)
        assert any(a.startswith("bench-b-") for a in acked)

        # Stored exactly once, each acknowledged one.
        with pg.connect() as conn:
            stored = Counter(conn.execute(select(store.aanmeldingen.c.email)).scalars())
        assert [e for e in acked if stored[e] != 1] == []
        assert len(acked) == len(set(acked))

        # Every mail of every stored sign-up arrives; the survivor takes over the outbox.
        def all_sent() -> bool:
            with pg.connect() as conn:
                return not conn.execute(
                    select(store.outbox.c.id).where(store.outbox.c.sent_at.is_(None)).limit(1)
                ).first()

        until(all_sent, 90, "the outbox is empty")
        with pg.connect() as conn:
            rows = conn.execute(
                select(store.outbox.c.id, store.aanmeldingen.c.public_id).join(
                    store.aanmeldingen, store.aanmeldingen.c.id == store.outbox.c.aanmelding_id
                )
            ).all()
        expected = {f"buurtsite.{r.public_id}.{r.id}" for r in rows}
        until(lambda: len({m["Message-ID"] for m in inbox.messages}) >= len(expected), 30, "mail")
        ids = Counter(m["Message-ID"].strip("<>").split("@")[0] for m in inbox.messages)
        assert set(ids) == expected
        resent = sum(n - 1 for n in ids.values())
        assert resent <= 1, f"{resent} mails went twice (at most the one in flight at the kill)"

        # Every open profile posted once, by whichever instance held the publish lease.
        def posted() -> bool:
            return len(graph.live_posts()) > 0

        until(posted, 30, "posts")
        messages = Counter(p.message for p in graph.live_posts())
        assert all(n == 1 for n in messages.values()), messages
        assert graph.count("POST feed") == len(graph.live_posts())
        with pg.connect() as conn:
            publish_runs = conn.execute(
                text("SELECT count(*) FROM runs WHERE job = 'publiceren' AND ok")
            ).scalar_one()
        assert publish_runs >= 1
    finally:
        for proc in (first, second):
            if proc.poll() is None:
                proc.terminate()
                proc.wait(timeout=60)
    # uvicorn ends a clean SIGTERM shutdown by re-raising the signal.
    assert second.returncode in (0, -signal.SIGTERM)
    assert "Application shutdown complete" in (tmp_path / "b.log").read_text()
