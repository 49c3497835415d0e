"""Strict security headers on every response (pure ASGI, so streaming and errors get them too).

The pages load nothing but our own stylesheet; the CSP says exactly that. ``no-store`` keeps
personal data out of shared caches and the browser's back-forward cache.
"""

from __future__ import annotations

from collections.abc import Iterable

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
    backoffice's CSP allows its own scripts and fetches).

    The header lines are encoded once, here; a response gets each one its handler did not set
    itself (one pass over its headers rather than a search per header).
    """

    def __init__(self, app: ASGIApp, overrides: dict[str, str] | None = None) -> None:
        self.app = app
        overrides = overrides or {}
        self.overrides = [
            (k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in overrides.items()
        ]
        self.replaced = frozenset(name for name, _ in self.overrides)
        defaults = {**HEADERS, "Cache-Control": "no-store"}
        self.defaults = [
            (k.lower().encode("latin-1"), v.encode("latin-1"))
            for k, v in defaults.items()
            if k.lower().encode("latin-1") not in self.replaced
        ]
        self.hsts = (b"strict-transport-security", HSTS.encode("latin-1"))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        https = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = self.complete(message.get("headers", ()), https)
            await send(message)

        await self.app(scope, receive, with_headers)

    def complete(
        self, given: Iterable[tuple[bytes, bytes]], https: bool
    ) -> list[tuple[bytes, bytes]]:
        """The response's headers, the overrides in place of its own, and every default it lacks."""
        headers = [(k, v) for k, v in given if k.lower() not in self.replaced]
        headers += self.overrides
        present = {name.lower() for name, _ in headers}
        headers += [line for line in self.defaults if line[0] not in present]
        if https and self.hsts[0] not in present:
            headers.append(self.hsts)
        return headers
