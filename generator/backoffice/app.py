"""The backoffice: coordinators see, handle, export and delete the aanmeldingen of their gemeenten.

Sessions live in the database (``sessions``); the cookie, scoped to /backoffice with
SameSite=strict and HttpOnly, carries only a signed random id. Every POST carries a CSRF token:
the session's own once logged in, and before that a random value that the log-in form and a
short-lived cookie must both carry (double submit). Request bodies are capped like the sign-up
endpoint's (``limits.BodyLimit``). A coordinator's queries always include her gemeenten in the
WHERE clause, so another gemeente's row is simply not found.
"""

from __future__ import annotations

import contextlib
import hmac
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import anyio
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from generator.backoffice import accounts, live, livepages, profielacties
from generator.backoffice.pages import render
from generator.backoffice.profielen import Workbench
from generator.backoffice.sessions import Session, Sessions
from generator.backoffice.status import sources_for
from generator.forms import export, fields, queries
from generator.forms.abuse import Rate, rate_limiter
from generator.forms.headers import SecurityHeaders
from generator.forms.limits import BodyLimit
from generator.forms.runtime import Runtime
from generator.ops.health import health
from generator.ops.overview import schedule_overview
from generator.settings import Project, Settings

COOKIE = "buurtsite_backoffice"
LOGIN_COOKIE = "buurtsite_inloggen"  # the log-in form's CSRF value, before there is a session
LOGIN_RATE = Rate(5, 15 * 60)  # five tries per quarter of an hour per address
BAD_LOGIN = "Onbekende gebruikersnaam of verkeerd wachtwoord."
Handler = Callable[[Request], Awaitable[Response]]


class Backoffice:
    def __init__(self, engine: Engine, settings: Settings, runtime: Runtime) -> None:
        self.engine = engine
        self.settings = settings
        self.runtime = runtime
        self.sessions = Sessions(engine, runtime.secret_key, runtime.session_lifetimes)
        self.login_limiter = rate_limiter(LOGIN_RATE, engine)  # shared on PostgreSQL

    # --- helpers ----------------------------------------------------------------------------

    def session(self, request: Request) -> Session | None:
        session: Session | None = request.scope.get("buurtsite.session")
        return session

    def csrf(self, request: Request) -> str:
        """The token the page's forms carry: the session's, else the log-in form's."""
        session = self.session(request)
        if session is not None:
            return session.csrf
        token = request.scope.get("buurtsite.login_csrf") or request.cookies.get(LOGIN_COOKIE)
        if not isinstance(token, str) or len(token) != 43:
            token = secrets.token_urlsafe(32)
        request.scope["buurtsite.login_csrf"] = token
        return token

    async def form(self, request: Request) -> FormData:
        return await request.form(max_files=0, max_fields=20)

    async def csrf_ok(self, request: Request) -> bool:
        sent = (await self.form(request)).get("csrf")
        session = self.session(request)
        expected = session.csrf if session is not None else request.cookies.get(LOGIN_COOKIE)
        return (
            isinstance(sent, str)
            and isinstance(expected, str)
            and hmac.compare_digest(sent.encode(), expected.encode())
        )

    def cookie(self, response: Response, name: str, value: str, max_age: int, path: str) -> None:
        response.set_cookie(
            name,
            value,
            max_age=max_age,
            path=path,
            secure=self.runtime.secure_cookies,
            httponly=True,
            samesite="strict",
        )

    def html(self, request: Request, template: str, status: int = 200, **context: Any) -> Response:
        csrf = self.csrf(request)
        body = render(
            template,
            site_title=self.settings.site.title,
            css_url="/formulier.css",
            csrf=csrf,
            gemeente_names={g.slug: g.name for g in self.settings.gemeenten},
            **context,
        )
        response = HTMLResponse(body, status)
        if self.session(request) is None and request.cookies.get(LOGIN_COOKIE) != csrf:
            self.cookie(response, LOGIN_COOKIE, csrf, 3600, "/backoffice")
        return response

    def forbidden(self, request: Request) -> Response:
        return self.html(
            request,
            "message.html",
            403,
            user=None,
            title="Niet toegestaan",
            message="De controle van het formulier is mislukt. Laad de pagina opnieuw.",
        )

    # --- log-in -----------------------------------------------------------------------------

    async def login_form(self, request: Request) -> Response:
        return self.html(request, "login.html", user=None, error=None)

    async def login(self, request: Request) -> Response:
        client = request.client.host if request.client else "onbekend"
        wait = self.login_limiter.hit(client)
        if wait:
            response = self.html(
                request,
                "login.html",
                429,
                user=None,
                error=f"Te veel pogingen. Probeer het over {wait} seconden opnieuw.",
            )
            response.headers["Retry-After"] = str(wait)
            return response
        if not await self.csrf_ok(request):
            return self.forbidden(request)
        form = await self.form(request)
        username = fields.plain(str(form.get("gebruiker", "")))
        password = str(form.get("wachtwoord", ""))
        user = await anyio.to_thread.run_sync(
            accounts.authenticate, self.engine, username, password
        )
        if user is None:
            return self.html(request, "login.html", 401, user=None, error=BAD_LOGIN)
        self.login_limiter.reset(client)
        # A new session id (and CSRF token) at every log-in; an old cookie's session ends.
        self.sessions.end(request.cookies.get(COOKIE))
        cookie, _ = self.sessions.start(user.username)
        response = RedirectResponse("/backoffice/", status_code=303)
        lifetime = int(self.runtime.session_lifetimes.absolute.total_seconds())
        self.cookie(response, COOKIE, cookie, lifetime, "/backoffice")
        response.delete_cookie(LOGIN_COOKIE, path="/backoffice")
        return response

    async def logout(self, request: Request, user: accounts.User) -> Response:
        if not await self.csrf_ok(request):
            return self.forbidden(request)
        self.sessions.end(request.cookies.get(COOKIE))
        response = RedirectResponse("/backoffice/inloggen", status_code=303)
        response.delete_cookie(COOKIE, path="/backoffice")
        return response

    # --- pages ------------------------------------------------------------------------------

    async def index(self, request: Request, user: accounts.User) -> Response:
        q = request.query_params
        status = q.get("status", "open")
        handled = {"open": False, "afgehandeld": True}.get(status)
        with self.engine.connect() as conn:
            rows = queries.listing(
                conn,
                user.scope,
                gemeente=q.get("gemeente") or None,
                kind=q.get("soort") or None,
                handled=handled,
            )
        choices = (
            user.gemeenten if user.scope is not None else [g.slug for g in self.settings.gemeenten]
        )
        return self.html(
            request,
            "list.html",
            user=user,
            rows=rows,
            choices=choices,
            filters={
                "gemeente": q.get("gemeente", ""),
                "soort": q.get("soort", ""),
                "status": status,
            },
        )

    def not_found(self, request: Request, user: accounts.User) -> Response:
        return self.html(
            request,
            "message.html",
            404,
            user=user,
            title="Niet gevonden",
            message="Deze aanmelding bestaat niet of is niet van uw gemeente.",
        )

    async def detail(self, request: Request, user: accounts.User) -> Response:
        with self.engine.connect() as conn:
            row = queries.one(conn, request.path_params["public_id"], user.scope)
        if row is None:
            return self.not_found(request, user)
        return self.html(request, "detail.html", user=user, row=row)

    async def handled(self, request: Request, user: accounts.User) -> Response:
        if not await self.csrf_ok(request):
            return self.forbidden(request)
        public_id = request.path_params["public_id"]
        with self.engine.begin() as conn:
            found = queries.mark_handled(conn, public_id, user.scope, user.username)
        if not found:
            return self.not_found(request, user)
        return RedirectResponse(f"/backoffice/aanmelding/{public_id}", status_code=303)

    async def delete(self, request: Request, user: accounts.User) -> Response:
        if not await self.csrf_ok(request):
            return self.forbidden(request)
        email = fields.plain(str((await self.form(request)).get("email", "")))
        if "@" not in email:
            return self.html(
                request,
                "message.html",
                422,
                user=user,
                title="Niet verwijderd",
                message="Vul het e-mailadres in van wie verwijderd wil worden.",
            )
        with self.engine.begin() as conn:
            count = queries.delete_person(conn, email, user.scope)
            queries.record(conn, user.username, "verwijderen", f"{count} aanmelding(en) op verzoek")
        return self.html(
            request,
            "message.html",
            user=user,
            title="Verwijderd",
            message=f"{count} aanmelding(en) van dit e-mailadres zijn verwijderd.",
        )

    async def export(self, request: Request, user: accounts.User) -> Response:
        fmt = request.query_params.get("format", "csv")
        gemeente = request.query_params.get("gemeente") or None
        if fmt not in export.FORMATS or (
            gemeente and user.scope is not None and gemeente not in user.scope
        ):
            return self.html(
                request,
                "message.html",
                400,
                user=user,
                title="Niet geëxporteerd",
                message="Kies csv of json en een gemeente van u.",
            )
        rows = await anyio.to_thread.run_sync(
            export.rows_for, self.engine, user.scope, gemeente, user.username, fmt
        )
        media = "text/csv; charset=utf-8" if fmt == "csv" else "application/json"
        return Response(
            export.render(rows, fmt),
            media_type=media,
            headers={"Content-Disposition": f'attachment; filename="aanmeldingen.{fmt}"'},
        )

    async def audit(self, request: Request, user: accounts.User) -> Response:
        if user.scope is not None:
            return self.html(
                request,
                "message.html",
                403,
                user=user,
                title="Niet toegestaan",
                message="Alleen het landelijk bureau ziet het logboek.",
            )
        with self.engine.connect() as conn:
            entries = queries.audit_log(conn)
        return self.html(request, "audit.html", user=user, entries=entries)

    async def status(self, request: Request, user: accounts.User) -> Response:
        """The health check as a panel; for the backoffice role only (generator.ops.health)."""
        if user.scope is not None:
            return self.html(
                request,
                "message.html",
                403,
                user=user,
                title="Niet toegestaan",
                message="Alleen het landelijk bureau ziet de status.",
            )
        sources = sources_for(request, self.engine)
        report = await anyio.to_thread.run_sync(health, sources)
        jobs = await anyio.to_thread.run_sync(schedule_overview, self.engine, self.settings)
        return self.html(request, "status.html", user=user, report=report, jobs=jobs)


def create(
    engine: Engine, settings: Settings, runtime: Runtime, project: Project | None = None
) -> Starlette:
    bo = Backoffice(engine, settings, runtime)

    def logged_in(handler: Callable[[Request, accounts.User], Awaitable[Response]]) -> Handler:
        async def wrapped(request: Request) -> Response:
            session = await anyio.to_thread.run_sync(bo.sessions.load, request.cookies.get(COOKIE))
            user = None if session is None else accounts.load_user(engine, session.username)
            if session is None or user is None:
                response = RedirectResponse("/backoffice/inloggen", status_code=303)
                if COOKIE in request.cookies:
                    response.delete_cookie(COOKIE, path="/backoffice")
                return response
            request.scope["buurtsite.session"] = session
            return await handler(request, user)

        return wrapped

    routes = [
        Route("/inloggen", bo.login_form, methods=["GET"]),
        Route("/inloggen", bo.login, methods=["POST"]),
        Route("/uitloggen", logged_in(bo.logout), methods=["POST"]),
        Route("/", logged_in(bo.index), methods=["GET"]),
        Route("/aanmelding/{public_id}", logged_in(bo.detail), methods=["GET"]),
        Route("/aanmelding/{public_id}/afgehandeld", logged_in(bo.handled), methods=["POST"]),
        Route("/verwijderen", logged_in(bo.delete), methods=["POST"]),
        Route("/export", logged_in(bo.export), methods=["GET"]),
        Route("/logboek", logged_in(bo.audit), methods=["GET"]),
        Route("/status", logged_in(bo.status), methods=["GET"]),
    ]
    # The workbench's live check and preview (generator.backoffice.live) need the project.
    routes.append(livepages.STATIC_ROUTE)
    workbench = Workbench(bo, project) if project is not None else None
    if project is not None and workbench is not None:
        routes += live.routes(bo, project, logged_in)
        routes += profielacties.routes(workbench, logged_in)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        """The workbench's jobs: warmed at start, stopped and joined at shutdown. A mounted
        app gets no lifespan events of its own: the forms app enters this one."""
        if workbench is not None:
            workbench.jobs.start()
        try:
            yield
        finally:
            if workbench is not None:
                await anyio.to_thread.run_sync(workbench.jobs.stop)

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[
            Middleware(BodyLimit),
            Middleware(SecurityHeaders, overrides={"Content-Security-Policy": livepages.CSP}),
        ],
    )
    app.state.workbench = workbench
    return app
