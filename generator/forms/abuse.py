"""Defences against bots and floods: rate limits, origin check, honeypot and time trap.

Rate limits are kept in memory per process: cheap, and good enough against one noisy client.
Several app instances (PostgreSQL deployments) each apply the limit on their own.
"""

from __future__ import annotations

import math
import re
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from generator.errors import ConfigError

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
