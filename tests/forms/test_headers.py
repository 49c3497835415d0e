"""The security headers of every dynamic response (``generator.forms.headers``)."""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from generator.forms.headers import HEADERS, HSTS, SecurityHeaders


def answer(middleware: SecurityHeaders, scheme: str) -> list[tuple[bytes, bytes]]:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    asyncio.run(middleware({"type": "http", "scheme": scheme}, receive, send))
    return list(sent[0]["headers"])


def handler(headers: list[tuple[bytes, bytes]]) -> ASGIApp:
    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    return app


def test_every_header_once_and_the_handlers_own_values_win() -> None:
    own = [(b"content-type", b"text/css"), (b"cache-control", b"public, max-age=3600")]
    headers = answer(SecurityHeaders(handler(own)), "http")
    names = [name for name, _ in headers]
    assert len(names) == len(set(names))
    assert dict(headers)[b"cache-control"] == b"public, max-age=3600"
    for name, value in HEADERS.items():
        assert dict(headers)[name.lower().encode()] == value.encode()
    assert b"strict-transport-security" not in dict(headers)


def test_overrides_replace_the_handlers_value_and_https_adds_hsts() -> None:
    own = [(b"Content-Security-Policy", b"default-src *"), (b"content-type", b"text/html")]
    middleware = SecurityHeaders(handler(own), {"Content-Security-Policy": "script-src 'self'"})
    headers = answer(middleware, "https")
    csp = [value for name, value in headers if name.lower() == b"content-security-policy"]
    assert csp == [b"script-src 'self'"]
    assert dict(headers)[b"cache-control"] == b"no-store"
    assert dict(headers)[b"strict-transport-security"] == HSTS.encode()
