"""The browser tests' world: the demo site built once, served on 127.0.0.1, next to the real
sign-up app (uvicorn, SQLite), a real SMTP server (aiosmtpd) and Debian's Chromium.

Everything listens on 127.0.0.1 only, on ports picked free, and is stopped at the end of the
session. No browser: in CI (env CI set) the tests fail, locally they are skipped loudly.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import uvicorn
from aiosmtpd.controller import Controller
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from sqlalchemy import Engine, select

from generator import pipeline
from generator.backoffice import accounts
from generator.build import build_site
from generator.forms import store
from generator.forms.app import Runtime, create_app
from generator.forms.outbox import Smtp

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
TODAY = date(2026, 11, 23)
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = REPO / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORTS = {"telefoon": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
BACKOFFICE_USER = "bureau-test"
BACKOFFICE_PASSWORD = "een-lang-test-wachtwoord-42"
TIMEOUT_MS = 10_000


def unavailable(reason: str) -> None:
    """Fail in CI, skip loudly elsewhere: a missing browser must never pass silently in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; in CI zijn de browsertests verplicht")
    pytest.skip(f"LET OP: {reason}; de browsertests zijn overgeslagen")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until(check: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} binnen {seconds} s")
        time.sleep(0.05)


# --- services -------------------------------------------------------------------------------


@dataclass
class Inbox:
    """What the aiosmtpd server received."""

    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 OK"

    def to(self, address: str) -> list[EmailMessage]:
        return [m for m in self.messages if address in str(m.get("To", ""))]


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # the test output is no place for an access log


@dataclass
class Stack:
    site_url: str  # ends with /
    forms_url: str  # origin of the sign-up app, no trailing slash
    site_dir: Path
    engine: Engine
    inbox: Inbox

    @property
    def origins(self) -> set[str]:
        return {origin(self.site_url), origin(self.forms_url)}

    def rows(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(select(store.aanmeldingen))]

    def row_by_email(self, email: str) -> dict[str, Any] | None:
        return next((r for r in self.rows() if r["email"] == email), None)


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def configure(config: Path, site_port: int, forms_port: int) -> None:
    """Point the demo copy's base_url and aanmeld_url at the local servers."""
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^  base_url: .*$", f"  base_url: http://127.0.0.1:{site_port}/", text)
    text = re.sub(
        r"(?m)^  aanmeld_url: .*$", f"  aanmeld_url: http://127.0.0.1:{forms_port}/aanmelden", text
    )
    # One second instead of three keeps the JavaScript time trap real without slow tests.
    text = text.replace("aanmeldingen:\n", "aanmeldingen:\n  minimale_invultijd_seconden: 1\n", 1)
    config.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    root = tmp_path_factory.mktemp("browser") / "project"
    root.mkdir()
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("profiles", "content", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    site_port, forms_port, smtp_port = free_port(), free_port(), free_port()
    configure(root / "site_config.yml", site_port, forms_port)

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BUURTSITE_TODAY", TODAY.isoformat())
        catalog = pipeline.checked(root / "site_config.yml", on=TODAY)
        result = build_site(catalog, root / "site", root / "build" / "staged", root / ".cache")

    httpd = ThreadingHTTPServer(
        ("127.0.0.1", site_port), partial(QuietHandler, directory=str(result.site_dir))
    )
    httpd.daemon_threads = True
    static = threading.Thread(target=httpd.serve_forever, name="statisch", daemon=True)
    static.start()

    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()

    database = f"sqlite:///{root / 'aanmeldingen.sqlite3'}"
    engine = store.make_engine(database)
    runtime = Runtime(
        database_url=database,
        rate=None,
        secret_key="browser-test-" + "k" * 40,
        smtp=Smtp("127.0.0.1", smtp_port, "plain", None, None, timeout=5.0),
        secure_cookies=False,
        background=True,
        mail_interval=0.2,
    )
    app = create_app(catalog, runtime, engine)
    accounts.add_user(engine, BACKOFFICE_USER, BACKOFFICE_PASSWORD, "backoffice", ())
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=forms_port,
            log_level="warning",
            access_log=False,
            ws="none",
            lifespan="on",
        )
    )
    forms = threading.Thread(target=server.run, name="formulieren", daemon=True)
    forms.start()
    try:
        wait_until(lambda: server.started, 15, "de formulierenserver startte niet")
        yield Stack(
            site_url=f"http://127.0.0.1:{site_port}/",
            forms_url=f"http://127.0.0.1:{forms_port}",
            site_dir=result.site_dir,
            engine=engine,
            inbox=inbox,
        )
    finally:
        server.should_exit = True
        forms.join(timeout=15)
        httpd.shutdown()
        httpd.server_close()
        static.join(timeout=5)
        smtp.stop()
        engine.dispose()


# --- the browser ----------------------------------------------------------------------------


def chromium_path() -> str | None:
    return os.environ.get("BUURTSITE_CHROMIUM") or shutil.which("chromium")


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from the npm registry; installed here (bounded) when node_modules is missing."""
    if not AXE.exists():
        npm = shutil.which("npm")
        if npm is None:
            unavailable("npm ontbreekt, dus axe-core kan niet worden geïnstalleerd")
        assert npm is not None
        subprocess.run(
            [npm, "ci", "--no-audit", "--no-fund"],
            cwd=HERE,
            capture_output=True,
            timeout=180,
            check=False,
        )
    if not AXE.exists():
        unavailable(f"axe-core ontbreekt; voer `npm ci` uit in {HERE}")
    return AXE.read_text(encoding="utf-8")


# Package scope, not session: Playwright's sync API keeps an event loop running in the main
# thread while it lives, and every later test that starts its own loop (asyncio.run) would fail.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="package")
def browser(playwright: Playwright) -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        unavailable("Chromium ontbreekt (apt-get install chromium, of zet BUURTSITE_CHROMIUM)")
    assert path is not None
    chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@dataclass
class Visit:
    """One browser context at one viewport, recording every request it makes."""

    context: BrowserContext
    page: Page
    viewport: str
    stack: Stack
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the site and the form endpoint (data: URLs are local)."""
        return [
            url
            for url in self.requests
            if not url.startswith(("data:", "blob:")) and origin(url) not in self.stack.origins
        ]

    def assert_private(self) -> None:
        assert self.requests, "er is niets opgevraagd: de registratie werkt niet"
        foreign = self.foreign_requests()
        assert not foreign, f"verzoeken naar derden: {foreign}"

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}-{self.viewport}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


def open_visit(
    browser: Browser, stack: Stack, viewport: str, javascript: bool = True, audit: bool = False
) -> Visit:
    # `audit` lets axe-core be injected into pages whose Content-Security-Policy forbids
    # inline scripts (the forms app's); journeys keep the CSP, as residents get it.
    context = browser.new_context(
        viewport=VIEWPORTS[viewport],
        java_script_enabled=javascript,
        bypass_csp=audit,
        locale="nl-NL",
        accept_downloads=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    visit = Visit(context, page, viewport, stack)
    context.on("request", lambda request: visit.requests.append(request.url))
    return visit


@pytest.fixture
def visit(browser: Browser, stack: Stack, viewport: str) -> Iterator[Visit]:
    v = open_visit(browser, stack, viewport)
    yield v
    v.context.close()


@pytest.fixture
def visit_nojs(browser: Browser, stack: Stack, viewport: str) -> Iterator[Visit]:
    v = open_visit(browser, stack, viewport, javascript=False)
    yield v
    v.context.close()


@pytest.fixture
def audit_visit(browser: Browser, stack: Stack, viewport: str) -> Iterator[Visit]:
    v = open_visit(browser, stack, viewport, audit=True)
    yield v
    v.context.close()
