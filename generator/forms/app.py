"""The ASGI application: the sign-up endpoint, the thank-you page and the backoffice.

Starlette rather than FastAPI: the endpoint parses one urlencoded form with explicit limits and
answers HTML or JSON by hand; FastAPI's value (pydantic request models, OpenAPI) does not fit a
form whose errors must be Dutch, per field, and rendered next to the inputs. Starlette is what
FastAPI runs on anyway, with fewer layers on the hot path.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import anyio
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route

from generator.backoffice import app as backoffice
from generator.forms import abuse, fields, pages, store
from generator.forms.headers import SecurityHeaders
from generator.forms.limits import MAX_BODY
from generator.forms.migrate import upgrade
from generator.forms.runtime import Runtime as Runtime  # re-exported for callers
from generator.forms.writer import GroupWriter, StoreUnavailable
from generator.ops.jobs import outbox_job, purge_job
from generator.ops.scheduler import Scheduler
from generator.validate import Catalog

log = logging.getLogger("buurtsite.forms")
TOO_FAST = (
    "Het formulier is wel heel snel verstuurd. Controleer uw gegevens en verstuur het nog eens."
)
STORE_DOWN = (
    "Uw aanmelding kon nu niet worden opgeslagen door een storing bij ons. Uw gegevens staan "
    "hieronder nog; verstuur het formulier over een paar minuten opnieuw."
)
HIDDEN = ("profiel", "privacy_versie", *fields.UTM_FIELDS)


class TooLarge(Exception):
    pass


class Forms:
    """Everything the request handlers share."""

    def __init__(self, catalog: Catalog, runtime: Runtime, engine: Engine) -> None:
        self.catalog = catalog
        self.settings = catalog.settings
        self.runtime = runtime
        self.engine = engine
        self.limiter = abuse.rate_limiter(runtime.rate, engine)
        # The endpoint's own origin too: its error page posts the corrected form back to itself.
        self.origins = abuse.allowed_origins(
            self.settings.site.base,
            (str(self.settings.site.signup_url), *self.settings.forms.allowed_origins),
        )
        self.path = urlsplit(str(self.settings.site.signup_url)).path or "/aanmelden"
        self.own_origin = abuse.origin_of(str(self.settings.site.signup_url))
        self.writer = GroupWriter(engine)
        self.stopping = asyncio.Event()
        # The outbox sender and the daily purge, each under a lease (one instance at a time)
        # and recorded in ``runs``; the production server adds its own jobs to another one.
        jobs = [purge_job(engine, self.settings)]
        if runtime.smtp is not None:
            jobs.append(
                outbox_job(
                    engine, self.settings, runtime.smtp, runtime.mail_interval, runtime.mail_claim
                )
            )
        self.scheduler = Scheduler(engine, jobs)
        self.coordinator_emails = {
            g.slug: [c.email for c in self.settings.coordinators_of(g)]
            for g in self.settings.gemeenten
        }

    # --- responses --------------------------------------------------------------------------

    def wants_json(self, request: Request) -> bool:
        return "application/json" in request.headers.get("accept", "")

    def cors(self, request: Request, response: Response) -> Response:
        origin = request.headers.get("origin", "").lower()
        if origin in self.origins:
            response.headers["Access-Control-Allow-Origin"] = origin
            response.headers["Vary"] = "Origin"
        return response

    def problem(self, request: Request, status: int, title: str, message: str) -> Response:
        if self.wants_json(request):
            response: Response = JSONResponse(
                {"ok": False, "errors": {"formulier": message}}, status_code=status
            )
        else:
            response = HTMLResponse(self.page("problem.html", title=title, message=message), status)
        return self.cors(request, response)

    def page(self, template: str, **context: Any) -> str:
        return pages.render(
            template,
            site_title=self.settings.site.title,
            css_url="/formulier.css",
            home=self.settings.site.base,
            **context,
        )

    def thanks_url(self, kind: str) -> str:
        # From the configured address, never from the Host header: a forged Host must not
        # turn our redirect into a link to someone else's site.
        return f"{self.own_origin}/bedankt?soort={kind}"

    def success(self, request: Request, kind: str) -> Response:
        url = self.thanks_url(kind if kind in fields.KINDS else "steungezin")
        if self.wants_json(request):
            return self.cors(request, JSONResponse({"ok": True, "redirect": url}))
        return self.cors(request, RedirectResponse(url, status_code=303))

    def invalid(self, request: Request, values: dict[str, str], errors: dict[str, str]) -> Response:
        if self.wants_json(request):
            return self.cors(request, JSONResponse({"ok": False, "errors": errors}, 422))
        # The page re-asks for consent to the current privacy statement, so it carries its version.
        values = {**values, "privacy_versie": self.settings.site.privacy_version}
        html = self.page(
            "form.html",
            action=self.path,
            values=values,
            errors=errors,
            hidden=HIDDEN,
            gemeenten=[(g.slug, g.name) for g in self.settings.gemeenten],
            sources=list(pages.SOURCE_LABELS.items()),
            privacy_url=self.settings.site.base + self.settings.site.privacy_page,
        )
        return self.cors(request, HTMLResponse(html, 422))

    # --- the endpoint -----------------------------------------------------------------------

    async def read(self, request: Request) -> dict[str, object]:
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_BODY:
            raise TooLarge
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                raise TooLarge
        kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
        text = body.decode("utf-8", errors="replace")
        if kind == "application/json":
            try:
                data = json.loads(text)
            except RecursionError:  # deeply nested: not a form, and no reason for a 500
                raise ValueError("too deeply nested") from None
            if not isinstance(data, dict):
                raise ValueError("not an object")
            return data
        if kind == "application/x-www-form-urlencoded":
            return dict(parse_qsl(text, keep_blank_values=True, max_num_fields=200))
        raise LookupError(kind)

    async def signup(self, request: Request) -> Response:
        client = request.client.host if request.client else "onbekend"
        if isinstance(self.limiter, abuse.SharedRateLimiter):
            wait = await anyio.to_thread.run_sync(self.limiter.hit, client)
        else:
            wait = self.limiter.hit(client)
        if wait:
            response = self.problem(
                request,
                429,
                "Even geduld",
                "U heeft veel formulieren kort na elkaar verstuurd. "
                f"Probeer het over {wait} seconden opnieuw.",
            )
            response.headers["Retry-After"] = str(wait)
            return response
        if not abuse.origin_ok(request.headers, self.origins):
            return self.problem(
                request,
                403,
                "Niet verstuurd",
                "Dit formulier kan alleen vanaf onze eigen "
                "website worden verstuurd. Ga naar de website en probeer het daar opnieuw.",
            )
        try:
            raw = await self.read(request)
        except TooLarge:
            return self.problem(
                request,
                413,
                "Te groot",
                "Het formulier is te groot; maak uw bericht korter en probeer het opnieuw.",
            )
        except LookupError:
            return self.problem(
                request, 415, "Niet verstuurd", "Dit soort formulier kennen we niet."
            )
        except ValueError:
            return self.problem(request, 400, "Niet verstuurd", "Het formulier is onleesbaar.")
        values = fields.clean(raw)
        if abuse.is_bot(values):
            # A normal-looking answer, so the bot learns nothing; nothing is stored.
            return self.success(request, values.get("soort", ""))
        if abuse.too_fast(values, self.settings.forms.min_fill_seconds):
            return self.invalid(request, values, {"formulier": TOO_FAST})
        submission, errors = fields.validate(values, self.catalog, request.headers.get("referer"))
        if submission is None:
            return self.invalid(request, values, errors)
        emails = self.coordinator_emails.get(submission.gemeente, [])
        try:
            await self.writer.submit(submission, emails)
        except StoreUnavailable:
            # Keep everything she typed on the page, so nothing is lost: she can send it again.
            response = self.invalid(request, values, {"formulier": STORE_DOWN})
            response.status_code = 503
            response.headers["Retry-After"] = "60"
            return response
        self.scheduler.wake("outbox")
        return self.success(request, submission.kind)

    async def preflight(self, request: Request) -> Response:
        response = Response(status_code=204)
        response.headers["Access-Control-Allow-Methods"] = "POST"
        response.headers["Access-Control-Allow-Headers"] = "Content-Type, Accept"
        response.headers["Access-Control-Max-Age"] = "600"
        return self.cors(request, response)

    async def get_form(self, request: Request) -> Response:
        return RedirectResponse(self.settings.site.base, status_code=303)

    async def thanks(self, request: Request) -> Response:
        return HTMLResponse(
            self.page(
                "thanks.html",
                soort=request.query_params.get("soort", ""),
                contact=self.settings.site.contact.email,
            )
        )

    async def css(self, request: Request) -> Response:
        return Response(
            pages.CSS, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"}
        )

    # --- background work --------------------------------------------------------------------

    async def stop_background(self, task: asyncio.Task[None] | None) -> None:
        """Let the scheduler finish what it is doing (it settles), then the group writer."""
        self.stopping.set()
        if task is not None:
            await task
        await self.writer.stop()


def create_app(catalog: Catalog, runtime: Runtime, engine: Engine | None = None) -> Starlette:
    """The app; it migrates the store on creation and disposes an engine it made itself."""
    own_engine = engine is None
    engine = engine or store.make_engine(runtime.database_url)
    upgrade(engine)
    forms = Forms(catalog, runtime, engine)
    office = backoffice.create(forms.engine, forms.settings, runtime, catalog.project)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # Bound to the server's event loop.
        forms.stopping = asyncio.Event()
        task = None
        if runtime.background:
            if runtime.smtp is None:
                log.warning("BUURTSITE_SMTP_URL is niet gezet: e-mails blijven in de wachtrij")
            task = asyncio.create_task(forms.scheduler.run(forms.stopping))
        try:
            async with office.router.lifespan_context(office):  # a mount gets no events
                yield
        finally:
            await forms.stop_background(task)
            if own_engine:
                engine.dispose()

    routes = [
        Route(forms.path, forms.signup, methods=["POST"]),
        Route(forms.path, forms.preflight, methods=["OPTIONS"]),
        Route(forms.path, forms.get_form, methods=["GET"]),
        Route("/bedankt", forms.thanks, methods=["GET"]),
        Route("/formulier.css", forms.css, methods=["GET"]),
        Mount("/backoffice", app=office),
    ]

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        title = "Niet gevonden" if status == 404 else "Niet mogelijk"
        message = "Deze pagina bestaat niet." if status == 404 else "Dit verzoek kan hier niet."
        return HTMLResponse(forms.page("problem.html", title=title, message=message), status)

    async def server_error(request: Request, exc: Exception) -> Response:
        message = "Er ging bij ons iets mis. Probeer het later opnieuw."
        return HTMLResponse(forms.page("problem.html", title="Storing", message=message), 500)

    handlers = {HTTPException: not_found, Exception: server_error}
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers=handlers)
    app.add_middleware(SecurityHeaders)
    app.state.forms = forms
    return app
