"""The production process: one ASGI app for the site, the sign-up endpoint, the backoffice and
the health check, with the background jobs in its lifespan.

A plain ASGI dispatcher rather than a Starlette router in front: a page request goes straight
to ``SiteFiles`` (the hot path), the sign-up and backoffice paths to the forms app exactly as
``buurtsite forms serve`` runs it (its outbox sender and daily purge come along through its
lifespan: reused, not copied).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import Callable, Coroutine
from pathlib import Path

import anyio
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.types import Receive, Scope, Send

from generator.forms.abuse import origin_of
from generator.forms.app import create_app
from generator.forms.headers import site_headers
from generator.forms.runtime import Runtime
from generator.ops.health import Sources, health
from generator.server.static import SiteFiles
from generator.settings import Settings
from generator.validate import Catalog

log = logging.getLogger("buurtsite.server")
HEALTH_PATH = "/gezondheid"
TOKEN_CHECK_EVERY = 6 * 3600.0
Job = Callable[[asyncio.Event], Coroutine[None, None, None]]


def form_action(settings: Settings) -> str:
    """The CSP ``form-action`` of the site: 'self' when the forms post to the site's own origin."""
    signup = origin_of(str(settings.site.signup_url))
    return "'self'" if signup == origin_of(settings.site.base) else signup


class Production:
    """The ASGI app of ``buurtsite productie``."""

    def __init__(
        self,
        catalog: Catalog,
        runtime: Runtime,
        site_dir: Path,
        data_dir: Path,
        engine: Engine | None = None,
        jobs: tuple[Job, ...] = (),
    ) -> None:
        self.settings = catalog.settings
        self.forms: Starlette = create_app(catalog, runtime, engine)
        forms = self.forms.state.forms
        self.forms_paths = frozenset({forms.path, "/bedankt", "/formulier.css"})
        self.site = SiteFiles(site_dir, site_headers(form_action(self.settings)))
        self.sources = Sources(forms.engine, site_dir, data_dir)
        self.background = runtime.background  # off in tests of other things: no jobs at all
        self.jobs = jobs if runtime.background else ()
        if form_action(self.settings) != "'self'":
            log.warning(
                "aanmeld_url staat op een andere host dan base_url: zonder JavaScript komen "
                "campagnelabels (utm_*) dan niet mee; zet aanmeld_url op %saanmelden",
                self.settings.site.base,
            )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if path in self.forms_paths or path == "/backoffice" or path.startswith("/backoffice/"):
                scope["buurtsite.health"] = self.sources  # the backoffice's status panel
                await self.forms(scope, receive, send)
            elif path == HEALTH_PATH:
                await self.health(scope, send)
            else:
                await self.site(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self.lifespan(receive, send)
        else:  # websockets: none of ours
            await self.forms(scope, receive, send)

    async def health(self, scope: Scope, send: Send) -> None:
        report = await anyio.to_thread.run_sync(health, self.sources)
        body = json.dumps(report, ensure_ascii=False).encode()
        status = 503 if report["status"] == "storing" else 200
        headers = [
            (b"content-type", b"application/json"),
            (b"cache-control", b"no-store"),
            (b"x-content-type-options", b"nosniff"),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send(
            {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
        )

    async def token_loop(self, stopping: asyncio.Event) -> None:
        if not any(g.facebook_page for g in self.settings.gemeenten):
            return
        while not stopping.is_set():
            try:
                await anyio.to_thread.run_sync(self.sources.tokens.refresh, self.settings)
            except Exception:  # a failing check must not stop the others
                log.exception("fout bij het controleren van de Facebook-tokens")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stopping.wait(), TOKEN_CHECK_EVERY)

    async def lifespan(self, receive: Receive, send: Send) -> None:
        """The forms app's lifespan (outbox sender, purge) around our own jobs."""
        await receive()  # lifespan.startup
        started = False
        try:
            async with self.forms.router.lifespan_context(self.forms):
                stopping = asyncio.Event()
                jobs = (self.token_loop, *self.jobs) if self.background else ()
                tasks = [asyncio.create_task(job(stopping)) for job in jobs]
                await send({"type": "lifespan.startup.complete"})
                started = True
                await receive()  # lifespan.shutdown
                stopping.set()
                await asyncio.gather(*tasks, return_exceptions=True)
        except BaseException as exc:
            if started:
                raise
            await send({"type": "lifespan.startup.failed", "message": type(exc).__name__})
            return
        await send({"type": "lifespan.shutdown.complete"})
