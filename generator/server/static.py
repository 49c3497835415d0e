"""The built site over HTTP: a lean ASGI handler for ``site/``, with the rules of docs/hosting.md.

Why not Starlette's ``StaticFiles``: it stats and opens the file for every request and cannot
pick a precompressed twin; measured on the demo profile page it gave 1,857 requests/s
uncompressed and 953/s with ``GZipMiddleware`` (docs/benchmarks.md). Here a path maps to a
cached ``Entry``: the bytes (plain and the ``.gz`` written at build time), the headers, the
ETag. An entry is checked against the disk at most once per ``RECHECK`` seconds, so a rebuild
shows within a second without a stat for every request.
"""

from __future__ import annotations

import email.utils
import mimetypes
import os
import posixpath
import time
from dataclasses import dataclass
from pathlib import Path

from starlette.types import Receive, Scope, Send

from generator.forms.headers import HSTS

RECHECK = 1.0  # seconds an entry is trusted before its file is looked at again
MAX_CACHED = 2 * 1024 * 1024  # larger files are read for every request instead of kept
# All kept bytes together: a national site's share cards alone could fill the memory otherwise.
# Past it, files are still served, read from disk for each request (the OS caches them).
CACHE_BUDGET = 256 * 1024 * 1024
NO_CACHE = "no-cache"
IMMUTABLE = "public, max-age=31536000, immutable"
HOUR = "public, max-age=3600"
MEDIA_TYPES = {
    "feed.xml": "application/atom+xml; charset=utf-8",
    "feed.json": "application/feed+json; charset=utf-8",
}
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".xml", ".json", ".svg", ".txt", ".webmanifest"})
Headers = list[tuple[bytes, bytes]]


def cache_control(rel: str) -> str:
    """docs/hosting.md, "Caching and content types"."""
    name = rel.rsplit("/", 1)[-1]
    if rel.endswith(".html") or name in ("feed.xml", "feed.json", "sitemap.xml"):
        return NO_CACHE
    if rel.startswith("assets/fonts/") or (
        rel.startswith("assets/stylesheets/main.") and rel.endswith(".min.css")
    ):
        return IMMUTABLE
    return HOUR


def media_type(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    if name in MEDIA_TYPES:
        return MEDIA_TYPES[name]
    guessed = mimetypes.guess_type(name)[0] or "application/octet-stream"
    if guessed.startswith("text/") or guessed in ("application/javascript", "image/svg+xml"):
        guessed += "; charset=utf-8"
    return guessed


@dataclass
class Entry:
    """One file as it is served: its bytes (or None when too large to keep) and headers."""

    path: Path
    stamp: tuple[int, int, int]  # (mtime_ns, size, .gz mtime_ns or 0)
    body: bytes | None
    gz: bytes | None
    headers: Headers  # without Content-Length / Content-Encoding / ETag
    etag: bytes
    last_modified: bytes
    checked: float


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    gz_mtime = 0
    if path.suffix in TEXT_SUFFIXES:
        try:
            gz = os.stat(f"{path}.gz")
        except OSError:
            pass
        else:
            # A .gz older than its source is from the build before: not served.
            gz_mtime = gz.st_mtime_ns if gz.st_mtime_ns >= st.st_mtime_ns else 0
    return (st.st_mtime_ns, st.st_size, gz_mtime)


def accepts_gzip(value: bytes) -> bool:
    """Whether an Accept-Encoding value allows gzip (``gzip;q=0`` refuses it)."""
    for part in value.lower().split(b","):
        name, _, params = part.partition(b";")
        if name.strip() in (b"gzip", b"*"):
            weight = params.strip()
            try:
                return float(weight[2:]) > 0 if weight.startswith(b"q=") else True
            except ValueError:
                return False
    return False


def _held(entry: Entry) -> int:
    return len(entry.body or b"") + len(entry.gz or b"")


class SiteFiles:
    """ASGI app serving ``root`` (GET and HEAD), with ``headers`` on every response."""

    def __init__(self, root: Path, headers: dict[str, str], recheck: float = RECHECK) -> None:
        self.root = root.resolve()
        self.recheck = recheck
        self.common: Headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
        self.entries: dict[str, Entry] = {}
        self.kept = 0  # bytes held by entries

    # --- looking up ------------------------------------------------------------------------

    def relative(self, url_path: str) -> str | None:
        """``/haarlem/`` -> ``haarlem/index.html``; None for anything outside the site."""
        if "\x00" in url_path or "\\" in url_path:
            return None
        clean = posixpath.normpath("/" + url_path.lstrip("/"))
        if clean.startswith("//"):
            clean = "/" + clean.lstrip("/")
        rel = clean.lstrip("/")
        if ".." in rel.split("/"):
            return None
        if url_path.endswith("/") or rel == "":
            rel = posixpath.join(rel, "index.html")
        return rel

    def load(self, rel: str, now: float) -> Entry | None:
        path = self.root / rel
        stamp = _stamp(path)
        if stamp is None or not path.is_file():
            return None
        size = stamp[1]
        keep = size <= MAX_CACHED and self.kept + 2 * size <= CACHE_BUDGET
        body = path.read_bytes() if keep else None
        gz = Path(f"{path}.gz").read_bytes() if stamp[2] and keep else None
        headers = [
            (b"content-type", media_type(rel).encode()),
            (b"cache-control", cache_control(rel).encode()),
        ]
        if path.suffix in TEXT_SUFFIXES:
            headers.append((b"vary", b"Accept-Encoding"))
        etag = f'"{stamp[0]:x}-{size:x}"'.encode()
        modified = email.utils.formatdate(stamp[0] / 1e9, usegmt=True).encode()
        return Entry(path, stamp, body, gz, headers, etag, modified, now)

    def entry(self, rel: str) -> Entry | None:
        now = time.monotonic()
        found = self.entries.get(rel)
        if found is not None and now - found.checked < self.recheck:
            return found
        if found is not None and _stamp(found.path) == found.stamp:
            found.checked = now
            return found
        if found is not None:
            self.kept -= _held(found)
        fresh = self.load(rel, now)
        if fresh is None:
            self.entries.pop(rel, None)
        else:
            self.entries[rel] = fresh
            self.kept += _held(fresh)
        return fresh

    # --- answering -------------------------------------------------------------------------

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":  # on its own (tests, benches): nothing to start
            while (await receive())["type"] != "lifespan.shutdown":
                await send({"type": "lifespan.startup.complete"})
            await send({"type": "lifespan.shutdown.complete"})
            return
        method = scope["method"]
        if method not in ("GET", "HEAD"):
            await self.plain(
                scope, send, 405, b"Methode niet toegestaan", [(b"allow", b"GET, HEAD")]
            )
            return
        path: str = scope["path"]
        rel = self.relative(path)
        found = self.entry(rel) if rel is not None else None
        folder = None if found or rel is None or path.endswith("/") else rel
        if folder is not None and self.entry(posixpath.join(folder, "index.html")) is not None:
            # Built from the cleaned path, never the raw one: "//host" must not leave the site.
            query = scope.get("query_string", b"")
            location = "/" + folder + "/" + ("?" + query.decode("latin-1") if query else "")
            await self.plain(scope, send, 301, b"", [(b"location", location.encode())])
            return
        if found is None:
            missing = self.entry("404.html")
            if missing is None:
                await self.plain(scope, send, 404, b"Niet gevonden", [])
            else:
                await self.respond(scope, send, missing, 404)
            return
        await self.respond(scope, send, found, 200)

    async def respond(self, scope: Scope, send: Send, entry: Entry, status: int) -> None:
        request = dict(scope["headers"])
        use_gz = entry.stamp[2] != 0 and accepts_gzip(request.get(b"accept-encoding", b""))
        etag = entry.etag[:-1] + b'-gz"' if use_gz else entry.etag
        headers = [*self.common, *self.security(scope), *entry.headers]
        headers += [(b"etag", etag), (b"last-modified", entry.last_modified)]
        if status == 200 and self.not_modified(request, etag, entry):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        if use_gz:
            body = entry.gz if entry.gz is not None else Path(f"{entry.path}.gz").read_bytes()
            headers.append((b"content-encoding", b"gzip"))
        else:
            body = entry.body if entry.body is not None else entry.path.read_bytes()
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        head = scope["method"] == "HEAD"
        await send({"type": "http.response.body", "body": b"" if head else body})

    @staticmethod
    def not_modified(request: dict[bytes, bytes], etag: bytes, entry: Entry) -> bool:
        match = request.get(b"if-none-match")
        if match is not None:
            tags = [t.strip().removeprefix(b"W/") for t in match.split(b",")]
            return etag in tags or b"*" in tags
        since = request.get(b"if-modified-since")
        if since is None:
            return False
        try:
            when = email.utils.parsedate_to_datetime(since.decode("latin-1")).timestamp()
        except (TypeError, ValueError):
            return False
        return int(entry.stamp[0] / 1e9) <= when

    @staticmethod
    def security(scope: Scope) -> Headers:
        return [(b"strict-transport-security", HSTS.encode())] if scope["scheme"] == "https" else []

    async def plain(
        self, scope: Scope, send: Send, status: int, body: bytes, extra: Headers
    ) -> None:
        headers = [
            *self.common,
            *self.security(scope),
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"cache-control", NO_CACHE.encode()),
            (b"content-length", str(len(body)).encode()),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})
