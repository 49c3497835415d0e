"""What the sign-up server takes from the environment rather than site_config.yml.

Each value is read and checked once, at start-up, with a Dutch message that says how to fix it.
"""

from __future__ import annotations

import ipaddress
import math
import os
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from generator.backoffice.sessions import Lifetimes
from generator.errors import ConfigError
from generator.forms import abuse, outbox
from generator.forms.migrate import database_url
from generator.settings import env

MIN_KEY_BITS = 256  # 32 bytes of entropy
MAKE_KEY = 'python3 -c "import secrets; print(secrets.token_urlsafe(48))"'


def key_bits(key: str) -> float:
    """An upper estimate of a key's entropy: its length times the bits of its alphabet.

    A key of one repeated character, or of a handful of characters, counts by the characters it
    actually uses, so ``aaaa…`` or ``abab…`` cannot pass on length alone.
    """
    if all(c in "0123456789abcdef" for c in key.lower()):
        pool = 16
    else:
        pool = sum(
            size
            for size, present in (
                (26, any(c.islower() for c in key)),
                (26, any(c.isupper() for c in key)),
                (10, any(c.isdigit() for c in key)),
                (33, any(not c.isalnum() for c in key)),
            )
            if present
        )
    pool = min(pool, len(set(key)) * 4)
    return len(key) * math.log2(pool) if pool > 1 else 0.0


def secret_key_from_env() -> str:
    key = os.environ.get("BUURTSITE_SECRET_KEY", "")
    how = f"Maak een sleutel met:  {MAKE_KEY}  en zet die in BUURTSITE_SECRET_KEY."
    if not key:
        raise ConfigError(
            "BUURTSITE_SECRET_KEY ontbreekt; die ondertekent de sessies van de backoffice. " + how
        )
    if key_bits(key) < MIN_KEY_BITS:
        raise ConfigError(
            "BUURTSITE_SECRET_KEY is te kort of te voorspelbaar (minstens 32 bytes toeval "
            "nodig, bv. 43 willekeurige letters en cijfers). " + how
        )
    return key


def trusted_proxies_from_env() -> tuple[str, ...]:
    """``BUURTSITE_TRUSTED_PROXIES``: addresses or networks, comma-separated; default none."""
    raw = os.environ.get("BUURTSITE_TRUSTED_PROXIES", "")
    proxies = tuple(p.strip() for p in raw.split(",") if p.strip())
    for proxy in proxies:
        try:
            ipaddress.ip_network(proxy, strict=False)
        except ValueError:
            raise ConfigError(
                f"BUURTSITE_TRUSTED_PROXIES: '{proxy}' is geen IP-adres of netwerk; gebruik "
                "bv. 127.0.0.1 of 10.0.0.0/8, gescheiden door komma's"
            ) from None
    return proxies


def positive_int(name: str, default: int) -> int:
    raw = env(name, str(default))
    if not raw.isdigit() or int(raw) < 1:
        raise ConfigError(f"{name} '{raw}' is ongeldig; gebruik een heel getal groter dan 0")
    return int(raw)


@dataclass(frozen=True)
class Runtime:
    """What comes from the environment rather than site_config.yml."""

    database_url: str
    rate: abuse.Rate | None
    secret_key: str
    smtp: outbox.Smtp | None
    secure_cookies: bool = True
    background: bool = True  # the outbox worker and the daily purge
    mail_interval: float = 5.0
    mail_claim: timedelta = outbox.LEASE  # after a crash, claimed mails go again after this
    session_lifetimes: Lifetimes = field(default_factory=Lifetimes)
    # Proxies whose X-Forwarded-For / X-Forwarded-Proto uvicorn may believe; none by default,
    # because the rate limits key on the client address and a header is anyone's to write.
    trusted_proxies: tuple[str, ...] = ()

    @classmethod
    def from_env(cls) -> Runtime:
        return cls(
            database_url=database_url(),
            rate=abuse.parse_rate(env("BUURTSITE_FORMS_RATE_LIMIT", "10/minute")),
            secret_key=secret_key_from_env(),
            smtp=outbox.Smtp.from_env(),
            secure_cookies=os.environ.get("BUURTSITE_INSECURE_COOKIES") != "1",
            session_lifetimes=Lifetimes(
                idle=timedelta(minutes=positive_int("BUURTSITE_SESSION_IDLE_MINUTES", 30)),
                absolute=timedelta(hours=positive_int("BUURTSITE_SESSION_HOURS", 12)),
            ),
            trusted_proxies=trusted_proxies_from_env(),
            mail_claim=timedelta(
                seconds=positive_int(
                    "BUURTSITE_MAIL_CLAIM_SECONDS", int(outbox.LEASE.total_seconds())
                )
            ),
        )

    def uvicorn_options(self) -> dict[str, Any]:
        """How uvicorn treats forwarded headers: only from the proxies named, else never."""
        if not self.trusted_proxies:
            return {"proxy_headers": False, "forwarded_allow_ips": ""}
        return {"proxy_headers": True, "forwarded_allow_ips": ",".join(self.trusted_proxies)}
