"""The backoffice: coordinators see, handle, export and delete the aanmeldingen of their gemeenten.

Sessions are signed cookies (Starlette's SessionMiddleware, itsdangerous) scoped to /backoffice
with SameSite=strict; every POST also carries a per-session CSRF token. A coordinator's queries
always include her gemeenten in the WHERE clause, so another gemeente's row is simply not found.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

import anyio
from sqlalchemy import Engine
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from generator.forms import accounts, export, fields, store
from generator.forms.abuse import Rate, RateLimiter
from generator.forms.backoffice_pages import render
from generator.settings import Settings

if TYPE_CHECKING:
    from generator.forms.app import Runtime

SESSION_HOURS = 8
LOGIN_RATE = Rate(5, 15 * 60)  # five tries per quarter of an hour per address
BAD_LOGIN = "Onbekende gebruikersnaam of verkeerd wachtwoord."
Handler = Callable[[Request], Awaitable[Response]]


class Backoffice:
    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.login_limiter = RateLimiter(LOGIN_RATE)

    # --- helpers ----------------------------------------------------------------------------

    def csrf(self, request: Request) -> str:
        token = request.session.get("csrf")
        if not isinstance(token, str):
            token = secrets.token_urlsafe(32)
            request.session["csrf"] = token
        return token

    async def csrf_ok(self, request: Request) -> bool:
        form = await request.form(max_files=0, max_fields=20)
        sent = form.get("csrf")
        expected = request.session.get("csrf")
        return (
            isinstance(sent, str)
            and isinstance(expected, str)
            and hmac.compare_digest(sent.encode(), expected.encode())
        )

    def user(self, request: Request) -> accounts.User | None:
        name = request.session.get("user")
        return accounts.load_user(self.engine, name) if isinstance(name, str) else None

    def html(self, request: Request, template: str, status: int = 200, **context: Any) -> Response:
        body = render(
            template,
            site_title=self.settings.site.title,
            css_url="/formulier.css",
            csrf=self.csrf(request),
            gemeente_names={g.slug: g.name for g in self.settings.gemeenten},
            **context,
        )
        return HTMLResponse(body, status)

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
        form = await request.form()
        username = fields.plain(str(form.get("gebruiker", "")))
        password = str(form.get("wachtwoord", ""))
        user = await anyio.to_thread.run_sync(
            accounts.authenticate, self.engine, username, password
        )
        if user is None:
            return self.html(request, "login.html", 401, user=None, error=BAD_LOGIN)
        self.login_limiter.reset(client)
        request.session.clear()  # a fresh session (and CSRF token) after log-in
        request.session["user"] = user.username
        return RedirectResponse("/backoffice/", status_code=303)

    async def logout(self, request: Request) -> Response:
        if not await self.csrf_ok(request):
            return self.forbidden(request)
        request.session.clear()
        return RedirectResponse("/backoffice/inloggen", status_code=303)

    # --- pages ------------------------------------------------------------------------------

    async def index(self, request: Request, user: accounts.User) -> Response:
        q = request.query_params
        status = q.get("status", "open")
        handled = {"open": False, "afgehandeld": True}.get(status)
        with self.engine.connect() as conn:
            rows = store.listing(
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
            row = store.one(conn, request.path_params["public_id"], user.scope)
        if row is None:
            return self.not_found(request, user)
        return self.html(request, "detail.html", user=user, row=row)

    async def handled(self, request: Request, user: accounts.User) -> Response:
        if not await self.csrf_ok(request):
            return self.forbidden(request)
        public_id = request.path_params["public_id"]
        with self.engine.begin() as conn:
            found = store.mark_handled(conn, public_id, user.scope, user.username)
        if not found:
            return self.not_found(request, user)
        return RedirectResponse(f"/backoffice/aanmelding/{public_id}", status_code=303)

    async def delete(self, request: Request, user: accounts.User) -> Response:
        if not await self.csrf_ok(request):
            return self.forbidden(request)
        email = fields.plain(str((await request.form()).get("email", "")))
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
            count = store.delete_person(conn, email, user.scope)
            store.record(conn, user.username, "verwijderen", f"{count} aanmelding(en) op verzoek")
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
            entries = store.audit_log(conn)
        return self.html(request, "audit.html", user=user, entries=entries)


def create(engine: Engine, settings: Settings, runtime: Runtime) -> Starlette:
    bo = Backoffice(engine, settings)

    def logged_in(handler: Callable[[Request, accounts.User], Awaitable[Response]]) -> Handler:
        async def wrapped(request: Request) -> Response:
            user = bo.user(request)
            if user is None:
                return RedirectResponse("/backoffice/inloggen", status_code=303)
            return await handler(request, user)

        return wrapped

    routes = [
        Route("/inloggen", bo.login_form, methods=["GET"]),
        Route("/inloggen", bo.login, methods=["POST"]),
        Route("/uitloggen", bo.logout, methods=["POST"]),
        Route("/", logged_in(bo.index), methods=["GET"]),
        Route("/aanmelding/{public_id}", logged_in(bo.detail), methods=["GET"]),
        Route("/aanmelding/{public_id}/afgehandeld", logged_in(bo.handled), methods=["POST"]),
        Route("/verwijderen", logged_in(bo.delete), methods=["POST"]),
        Route("/export", logged_in(bo.export), methods=["GET"]),
        Route("/logboek", logged_in(bo.audit), methods=["GET"]),
    ]
    middleware = [
        Middleware(
            SessionMiddleware,
            secret_key=runtime.secret_key,
            session_cookie="buurtsite_backoffice",
            max_age=SESSION_HOURS * 3600,
            path="/backoffice",
            same_site="strict",
            https_only=runtime.secure_cookies,
        )
    ]
    return Starlette(routes=routes, middleware=middleware)
