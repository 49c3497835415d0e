"""Defences against bots and floods: rate limits, origin check, honeypot and time trap.

Rate limits: on SQLite (one process) a token bucket in memory, which costs nothing. On
PostgreSQL, where several instances serve one address, the count lives in the database
(``SharedRateLimiter``), so a client that spreads its requests over the instances still meets
one limit. That is one upsert per request, committed without waiting for the disk
(``synchronous_commit = off``: losing a second of counts in a crash is harmless).
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import Column, DateTime, Engine, Integer, String, Table, delete, text

from generator.errors import ConfigError
from generator.forms.store import metadata, utcnow

PERIODS = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0}
RATE_RE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)\s*$")


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: float


def parse_rate(text: str) -> Rate | None:
    """'10/minute' -> Rate(10, 60); 'off' -> None (no limit)."""
    if text.strip().lower() == "off":
        return None
    match = RATE_RE.match(text.lower())
    if not match or int(match.group(1)) < 1:
        raise ConfigError(
            f"BUURTSITE_FORMS_RATE_LIMIT '{text}' is ongeldig; gebruik bv. '10/minute' of 'off'"
        )
    return Rate(int(match.group(1)), PERIODS[match.group(2)])


class RateLimiter:
    """A token bucket per key; remembers at most ``max_keys`` keys (least recently used go)."""

    def __init__(self, rate: Rate | None, max_keys: int = 100_000) -> None:
        self.rate = rate
        self.max_keys = max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def hit(self, key: str, now: float | None = None) -> int:
        """0 when allowed, else the whole seconds to wait (for ``Retry-After``)."""
        if self.rate is None:
            return 0
        now = time.monotonic() if now is None else now
        per_token = self.rate.seconds / self.rate.count
        tokens, last = self._buckets.pop(key, (float(self.rate.count), now))
        tokens = min(float(self.rate.count), tokens + (now - last) / per_token)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) * per_token))
        self._buckets[key] = (tokens - 1.0, now)
        while len(self._buckets) > self.max_keys:
            self._buckets.popitem(last=False)
        return 0

    def reset(self, key: str) -> None:
        self._buckets.pop(key, None)


# Fixed windows per key: ``key`` is a hash of the client address, the limit's period and the
# window's number, so the table holds no addresses and each row counts one window.
rate_hits = Table(
    "rate_hits",
    metadata,
    Column("key", String(100), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("expires", DateTime, nullable=False, index=True),
)

HIT = text(
    "INSERT INTO rate_hits (key, count, expires) VALUES (:key, 1, :expires) "
    "ON CONFLICT (key) DO UPDATE SET count = rate_hits.count + 1 RETURNING count"
)


class SharedRateLimiter:
    """A limit counted in the database: one for all instances (fixed windows per period)."""

    def __init__(self, rate: Rate | None, engine: Engine) -> None:
        self.rate = rate
        self.engine = engine

    def _key(self, key: str, window: int) -> str:
        assert self.rate is not None
        digest = hashlib.sha256(key.encode()).hexdigest()[:40]
        return f"{digest}:{int(self.rate.seconds)}:{window}"

    def hit(self, key: str, now: float | None = None) -> int:
        """0 when allowed, else the whole seconds until the window ends (``Retry-After``)."""
        if self.rate is None:
            return 0
        now = time.time() if now is None else now
        window = int(now // self.rate.seconds)
        ends = (window + 1) * self.rate.seconds
        with self.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SET LOCAL synchronous_commit = off"))
            count = conn.execute(
                HIT,
                {
                    "key": self._key(key, window),
                    "expires": utcnow() + timedelta(seconds=ends - now),
                },
            ).scalar_one()
        if int(count) <= self.rate.count:
            return 0
        return max(1, math.ceil(ends - now))

    def reset(self, key: str) -> None:
        if self.rate is None:
            return
        window = int(time.time() // self.rate.seconds)
        with self.engine.begin() as conn:
            conn.execute(delete(rate_hits).where(rate_hits.c.key == self._key(key, window)))


def rate_limiter(rate: Rate | None, engine: Engine) -> RateLimiter | SharedRateLimiter:
    """Shared through the database on PostgreSQL (several instances), in memory on SQLite."""
    if engine.dialect.name == "postgresql":
        return SharedRateLimiter(rate, engine)
    return RateLimiter(rate)


def forget_expired(engine: Engine) -> int:
    """Remove counts of windows that have ended (the daily purge)."""
    with engine.begin() as conn:
        return int(conn.execute(delete(rate_hits).where(rate_hits.c.expires < utcnow())).rowcount)


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(base_url: str, extra: Iterable[str]) -> frozenset[str]:
    return frozenset({origin_of(base_url), *(origin_of(e) for e in extra)})


def origin_ok(headers: Mapping[str, str], allowed: frozenset[str]) -> bool:
    """The request comes from one of our pages: Origin, else Referer, must be ours.

    A request with neither is refused: every browser that posts a form sends at least one.
    """
    origin = headers.get("origin")
    if origin and origin != "null":
        return origin.lower() in allowed
    referer = headers.get("referer")
    if referer:
        return origin_of(referer) in allowed
    return False


def is_bot(fields: Mapping[str, str]) -> bool:
    """The honeypot ``website`` is invisible to people; anything in it was typed by a bot."""
    return bool(fields.get("website"))


def too_fast(fields: Mapping[str, str], min_seconds: int, now_ms: float | None = None) -> bool:
    """``ts`` (set by the page's script when the form became usable) is too recent.

    Without JavaScript there is no ``ts`` and no trap; a value we cannot read is ignored rather
    than punished, because a broken script must not lose a resident's sign-up.
    """
    raw = fields.get("ts", "")
    if not min_seconds or not raw.isdigit():
        return False
    now_ms = time.time() * 1000 if now_ms is None else now_ms
    elapsed = now_ms - int(raw)
    # A negative value means the visitor's clock runs ahead of ours: not evidence of a bot.
    return 0 <= elapsed < min_seconds * 1000
