"""Fixtures of the sign-up tests: a store on SQLite AND PostgreSQL, the app, a real SMTP server.

PostgreSQL: a fresh database per test session on the server at BUURTSITE_TEST_DATABASE_URL
(default 127.0.0.1:5432, trust auth), dropped afterwards. Missing locally: skipped loudly;
missing in CI (CI set): the tests fail.
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import socket
import subprocess
import threading
import time
import warnings
from collections.abc import Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from email import message_from_bytes
from email.message import Message
from pathlib import Path
from typing import Any, TypeVar

import httpx
import psycopg
import pytest
import uvicorn
from aiosmtpd.controller import Controller
from sqlalchemy import Engine, event, select, text
from starlette.types import ASGIApp

from generator import pipeline
from generator.backoffice import accounts
from generator.forms import store
from generator.forms.app import Runtime, create_app
from generator.forms.migrate import upgrade
from generator.validate import Catalog

# starlette 0.52's testclient touches an alias that anyio 4.16 deprecates, at import time only;
# that warning is theirs, not ours, and would fail every test under filterwarnings=error.
with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]
ORIGIN = "https://www.buurtgezinnen.example"
ADMIN_URL = os.environ.get(
    "BUURTSITE_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
TABLES = (
    "outbox",
    "aanmeldingen",
    "gebruikers",
    "audit",
    "sessies",
    "concepten",
    "bewerkers",
    "rate_hits",
    "ledger_posts",
    "ledger_actions",
)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return pipeline.check(REPO / "site_config.yml", on=date(2026, 11, 23))


def _pg_up() -> bool:
    try:
        with psycopg.connect(ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    if not _pg_up():
        versions = os.listdir("/etc/postgresql") if os.path.isdir("/etc/postgresql") else []
        if versions:
            subprocess.run(
                ["pg_ctlcluster", "--skip-systemctl-redirect", versions[0], "main", "start"],
                capture_output=True,
                timeout=30,
                check=False,
            )
    if not _pg_up():
        reason = f"PostgreSQL op {ADMIN_URL.rsplit('@', 1)[-1]} antwoordt niet"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; in CI is PostgreSQL verplicht")
        pytest.skip(f"LET OP: {reason}; de PostgreSQL-helft van de forms-tests is overgeslagen")
    name = f"buurtsite_test_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'aanmeldingen.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = store.make_engine(database_url)
    upgrade(eng)
    if eng.dialect.name == "postgresql":
        with eng.begin() as conn:
            conn.execute(text(f"TRUNCATE {', '.join(TABLES)} RESTART IDENTITY CASCADE"))
    yield eng
    # Nothing may still hold a connection when the test is over: a thread that goes on
    # with the engine after dispose() opens a connection that nobody closes (issue 12.15).
    checked_out = eng.pool.checkedout()  # type: ignore[attr-defined]
    eng.dispose()
    assert checked_out == 0, f"{checked_out} connection(s) still in use after the test"


PG_ONLY = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


@pytest.fixture
def plans(engine: Engine) -> list[str]:
    """The plan of every statement the engine runs from now on (PostgreSQL's auto_explain).

    The plan PostgreSQL executed, a cached generic one included, not one EXPLAIN makes anew.
    """
    found: list[str] = []
    engine.dispose()  # every connection from here on reports its plans

    @event.listens_for(engine, "connect")
    def explain(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.add_notice_handler(lambda notice: found.append(notice.message_primary))
        with dbapi_conn.cursor() as cursor:
            try:
                cursor.execute("LOAD 'auto_explain'")
            except psycopg.Error as exc:
                pytest.skip(f"auto_explain kan niet worden geladen: {exc}")
            cursor.execute("SET auto_explain.log_min_duration = 0")
            cursor.execute("SET auto_explain.log_level = 'notice'")
            cursor.execute("SET statement_timeout = '60s'")  # a bad plan can take minutes
        dbapi_conn.commit()

    return found


def fill_without_statistics(engine: Engine, n: int, sent: bool = False) -> None:
    """``n`` aanmeldingen with two mails each, by SQL, and no ANALYZE: the state of a store
    that grew while the database gathered no statistics (new, restored, autovacuum off)."""
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO aanmeldingen (public_id, created_at, updated_at, soort, gemeente,"
                " profiel_niet_open, naam, email, email_sleutel, telefoon, woonplaats,"
                " toestemming_at, privacy_versie) SELECT 'fill' || i, :t, :t, 'steungezin',"
                " 'haarlem', false, 'Vul Rij', 'vul-' || i || '@example.org',"
                " 'vul-' || i || '@example.org', '0612345678', '2011 AB', :t, '2026-1'"
                " FROM generate_series(1, :n) AS i"
            ),
            {"t": store.utcnow(), "n": n},
        )
        conn.execute(
            text(
                "INSERT INTO outbox (aanmelding_id, kind, recipient, created_at, attempts,"
                " next_attempt_at, sent_at) SELECT id, kind, email, created_at, 0, created_at,"
                " CASE WHEN :sent THEN created_at END"
                " FROM aanmeldingen, (VALUES ('coordinator'), ('bevestiging')) AS k(kind)"
                " WHERE public_id LIKE 'fill%'"
            ),
            {"sent": sent},
        )


def make_runtime(database_url: str, **changes: Any) -> Runtime:
    values: dict[str, Any] = {
        "database_url": database_url,
        "rate": None,
        "secret_key": "test-" + "s" * 40,
        "smtp": None,
        "secure_cookies": False,
        "background": False,
    }
    values.update(changes)
    return Runtime(**values)


@pytest.fixture
def client(catalog: Catalog, engine: Engine, database_url: str) -> Iterator[TestClient]:
    app = create_app(catalog, make_runtime(database_url), engine)
    with TestClient(app, base_url="http://127.0.0.1", headers={"Origin": ORIGIN}) as c:
        yield c


def rows(engine: Engine, table: Any = None) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [
            dict(r._mapping)
            for r in conn.execute(select(store.aanmeldingen if table is None else table))
        ]


def valid(**changes: str) -> dict[str, str]:
    """A complete, valid steungezin sign-up (invented person), with changes."""
    data = {
        "soort": "steungezin",
        "gemeente": "haarlem",
        "naam": "Testpersoon Verzonnen",
        "email": "test.persoon@example.org",
        "telefoon": "06 12345678",
        "woonplaats": "2011 AB",
        "huishouden": "twee volwassenen, een hond",
        "bericht": "Wij hebben tijd op woensdag.",
        "bron": "facebook",
        "toestemming": "ja",
        "privacy_versie": "2026-1",
    }
    data.update(changes)
    return data


def add_user(engine: Engine, name: str, role: str = "coordinator", *gemeenten: str) -> str:
    password = "wachtwoord-" + name + "-123"
    accounts.add_user(engine, name, password, role, tuple(gemeenten))
    return password


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Inbox:
    messages: list[Message] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server (aiosmtpd) on 127.0.0.1, stopped after the test."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


@contextmanager
def serve(app: ASGIApp, **options: Any) -> Iterator[str]:
    """Run ``app`` under uvicorn on 127.0.0.1 in a thread; yields its base URL, then stops it."""
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        log_level="warning",
        access_log=False,
        lifespan="on",
        **options,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start in 10 s"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        assert not thread.is_alive()


@pytest.fixture
def base_url(catalog: Catalog, engine: Engine, database_url: str) -> Iterator[str]:
    """The app (no background work, no rate limit) over real HTTP on 127.0.0.1."""
    with serve(create_app(catalog, make_runtime(database_url), engine)) as url:
        yield url


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([^"]+)"', html)
    assert match, "no CSRF token on the page"
    return match.group(1)


def log_in(client: httpx.Client, user: str, password: str) -> str:
    """Log in to the backoffice (TestClient or a real HTTP client); returns the CSRF token."""
    token = csrf_of(client.get("/backoffice/inloggen").text)
    response = client.post(
        "/backoffice/inloggen",
        data={"csrf": token, "gebruiker": user, "wachtwoord": password},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/backoffice/").text)


T = TypeVar("T")


def run_async(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``main()`` on a fresh event loop in a thread of its own.

    Not ``asyncio.run`` in the test's thread: in a full run Playwright's sync API keeps an event
    loop running there, and ``asyncio.run`` refuses to start beside it.
    """
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(lambda: asyncio.run(main())).result(timeout=120)
