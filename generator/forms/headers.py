"""Strict security headers on every response (pure ASGI, so streaming and errors get them too).

The pages load nothing but our own stylesheet; the CSP says exactly that. ``no-store`` keeps
personal data out of shared caches and the browser's back-forward cache.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}
HSTS = "max-age=31536000; includeSubDomains"

# The built site's policy (docs/hosting.md shows the same text; tests/server checks they agree).
# The site loads its own scripts, styles and fonts; the forms post to the sign-up endpoint.
SITE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; manifest-src 'self'; form-action {form_action}; "
    "base-uri 'none'; frame-ancestors 'none'; object-src 'none'; upgrade-insecure-requests"
)
SITE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    # Following a share link, Facebook or WhatsApp learn our origin, not which profile was open.
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": HEADERS["Permissions-Policy"],
    "Cross-Origin-Opener-Policy": "same-origin",
}


def site_headers(form_action: str) -> dict[str, str]:
    """The headers of every response of the built site; ``form_action`` is an origin or 'self'."""
    return {"Content-Security-Policy": SITE_CSP.format(form_action=form_action), **SITE_HEADERS}


class SecurityHeaders:
    """The headers of every dynamic response; ``overrides`` replace them for one sub-app (the
    backoffice's CSP allows its own scripts and fetches)."""

    def __init__(self, app: ASGIApp, overrides: dict[str, str] | None = None) -> None:
        self.app = app
        self.overrides = overrides or {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.overrides.items():
                    headers[name] = value
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
                headers.setdefault("Cache-Control", "no-store")
                if scope.get("scheme") == "https":
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, with_headers)
