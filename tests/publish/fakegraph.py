"""A fake Graph API: a real HTTP server on 127.0.0.1 that the publisher talks to.

It emulates what `buurtsite publish` uses — Page photos and feed, listing a Page's posts,
editing and deleting a post, debug_token — with Facebook's error envelope and usage headers.
Like Graph, it honours the ``method`` override: a POST with ``method=GET`` in its body is
answered as that GET. Every request is recorded with its full URL (``Request.url``), so tests
can check that no secret ever travels in one.
Faults are queued per route (``fail_next``): an API error, an HTML 500, a stall (answer after
the client gave up, the post stored), or a dropped connection after the post was stored.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Fault:
    kind: str  # "error", "html500", "stall", "drop_after_store", "drop_before_store"
    code: int = 0
    status: int = 400
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    message: str = "Gesimuleerde fout"
    until: threading.Event | None = None  # a stall ends early when this is set


@dataclass
class Post:
    id: str
    page_id: str
    message: str
    link: str
    photo: bytes | None
    deleted: bool = False


@dataclass
class Request:
    method: str  # after the method override
    route: str
    path: str  # the request target as sent: path and query string
    params: dict[str, str]  # query string and body together
    auth: str

    @property
    def url(self) -> str:
        return self.path


class FakeGraph:
    """State of the fake: Pages with their tokens, posts, queued faults, and every request."""

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}  # page id -> valid token
        self.expired: set[str] = set()  # tokens that answer code 190
        self.token_expiry: dict[str, int] = {}  # token -> expires_at (epoch s) for debug_token
        self.posts: dict[str, Post] = {}
        self.faults: dict[str, list[Fault]] = {}
        self.requests: list[Request] = []
        self.usage_headers: dict[str, str] = {}
        self._ids = itertools.count(1001)
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self.url = ""

    # --- test helpers -------------------------------------------------------------------

    def add_page(self, page_id: str, token: str) -> None:
        self.tokens[page_id] = token

    def fail_next(self, route: str, fault: Fault, times: int = 1) -> None:
        """Queue ``fault`` for the next ``times`` requests to ``route`` (e.g. "POST photos")."""
        self.faults.setdefault(route, []).extend([fault] * times)

    def live_posts(self, page_id: str | None = None) -> list[Post]:
        return [p for p in self.posts.values() if not p.deleted and page_id in (None, p.page_id)]

    def count(self, route: str) -> int:
        return sum(1 for r in self.requests if r.route == route)

    # --- server -------------------------------------------------------------------------

    @contextmanager
    def running(self) -> Iterator[FakeGraph]:
        server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        server.daemon_threads = True
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        self.url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=5)

    # --- request handling (runs in server threads) --------------------------------------

    def handle(
        self, method: str, path: str, params: dict[str, str], files: dict[str, bytes], auth: str
    ) -> tuple[int, dict[str, str], bytes, Fault | None]:
        parts = [p for p in urlsplit(path).path.split("/") if p][1:]  # drop the version
        if method == "POST" and params.get("method", "").upper() in ("GET", "DELETE"):
            method = params.pop("method").upper()
        route = f"{method} {parts[-1] if len(parts) == 2 else 'node'}"
        if parts == ["debug_token"]:
            route = "GET debug_token"
        with self._lock:
            self.requests.append(Request(method, route, path, dict(params), auth))
            queue = self.faults.get(route) or []
            fault = queue.pop(0) if queue else None
        token = auth.removeprefix("OAuth ").removeprefix("Bearer ") or params.get(
            "access_token", ""
        )
        if fault and fault.kind == "error":
            return (*_error(fault.status, fault.code, fault.message, fault.headers), None)
        if fault and fault.kind == "html500":
            return 500, {"Content-Type": "text/html"}, b"<html><body>Oops</body></html>", None
        if fault and fault.kind == "drop_before_store":
            return 0, {}, b"", fault
        if token in self.expired:
            return (*_error(401, 190, "Error validating access token: Session has expired"), None)
        if route == "GET debug_token":
            inspected = params.get("input_token", "")
            info = {
                "is_valid": token in self.tokens.values() and inspected in self.tokens.values(),
                "expires_at": self.token_expiry.get(inspected, 0),
                "scopes": ["pages_manage_posts", "pages_read_engagement"],
            }
            return (*_ok({"data": info}, self.usage_headers), fault)
        status, headers, body = self._route(method, parts, params, files, token)
        return status, headers, body, fault

    def _route(
        self,
        method: str,
        parts: list[str],
        params: dict[str, str],
        files: dict[str, bytes],
        token: str,
    ) -> tuple[int, dict[str, str], bytes]:
        if len(parts) == 2:
            page_id, edge = parts
            if self.tokens.get(page_id) != token:
                return _error(400, 190, "Invalid OAuth access token.")
            if method == "POST" and edge in ("photos", "feed"):
                with self._lock:
                    number = next(self._ids)
                    post = Post(
                        f"{page_id}_{number}",
                        page_id,
                        params.get("message", ""),
                        params.get("link", ""),
                        files.get("source"),
                    )
                    self.posts[post.id] = post
                if edge == "photos":
                    return _ok({"id": str(number), "post_id": post.id}, self.usage_headers)
                return _ok({"id": post.id}, self.usage_headers)
            if method == "GET" and edge in ("posts", "feed"):
                limit = int(params.get("limit", "25"))
                posts = sorted(self.live_posts(page_id), key=lambda p: p.id, reverse=True)
                data = [{"id": p.id, "message": p.message, "link": p.link} for p in posts]
                return _ok({"data": data[:limit]}, self.usage_headers)
        if len(parts) == 1:
            post = self.posts.get(parts[0])
            if post is None or post.deleted:
                return _error(400, 100, "Unsupported request: object does not exist", subcode=33)
            if self.tokens.get(post.page_id) != token:
                return _error(400, 190, "Invalid OAuth access token.")
            if method == "POST":
                post.message = params.get("message", post.message)
                return _ok({"success": True}, self.usage_headers)
            if method == "DELETE":
                post.deleted = True
                return _ok({"success": True}, self.usage_headers)
        return _error(400, 100, "Unknown path")


def _ok(data: Any, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    return 200, {"Content-Type": "application/json", **(headers or {})}, json.dumps(data).encode()


def _error(
    status: int,
    code: int,
    message: str,
    headers: dict[str, str] | None = None,
    subcode: int | None = None,
) -> tuple[int, dict[str, str], bytes]:
    error: dict[str, Any] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "FAKE",
    }
    if subcode is not None:
        error["error_subcode"] = subcode
    body = json.dumps({"error": error}).encode()
    return status, {"Content-Type": "application/json", **(headers or {})}, body


def _handler(fake: FakeGraph) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output clean

        def _serve(self, method: str) -> None:
            params = dict(parse_qsl(urlsplit(self.path).query))
            files: dict[str, bytes] = {}
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            ctype = self.headers.get("Content-Type", "")
            if ctype.startswith("multipart/form-data"):
                message = BytesParser(policy=HTTP).parsebytes(
                    f"Content-Type: {ctype}\r\n\r\n".encode() + body
                )
                for part in message.iter_parts():
                    name = part.get_param("name", header="content-disposition")
                    payload = part.get_payload(decode=True) or b""
                    if part.get_filename():
                        files[str(name)] = payload
                    else:
                        params[str(name)] = payload.decode("utf-8")
            elif body:
                params.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
            auth = self.headers.get("Authorization", "")
            status, headers, payload, fault = fake.handle(method, self.path, params, files, auth)
            if fault and fault.kind in ("drop_after_store", "drop_before_store"):
                self.close_connection = True
                self.connection.close()
                return
            if fault and fault.kind == "stall":
                if fault.until is not None:
                    fault.until.wait(fault.seconds)
                else:
                    time.sleep(fault.seconds)
            try:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)
            except OSError:
                self.close_connection = True  # the client gave up (stall): nothing to do

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def do_DELETE(self) -> None:
            self._serve("DELETE")

    return Handler
