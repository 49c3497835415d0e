"""Rate limits shared by instances through the database: two instances, one limit."""

from __future__ import annotations

from sqlalchemy import Engine, func, select

from generator.forms import store
from generator.forms.abuse import (
    Rate,
    RateLimiter,
    SharedRateLimiter,
    forget_expired,
    rate_hits,
    rate_limiter,
)


def test_two_instances_meet_one_limit(engine: Engine, database_url: str) -> None:
    other = store.make_engine(database_url)
    try:
        first = SharedRateLimiter(Rate(4, 60), engine)
        second = SharedRateLimiter(Rate(4, 60), other)
        now = 1_000_040.0  # 20 s into a 60 s window (windows start at multiples of 60)
        waits = [(first if n % 2 else second).hit("192.0.2.7", now) for n in range(6)]
        assert waits[:4] == [0, 0, 0, 0]
        assert waits[4:] == [40, 40]
        assert first.hit("192.0.2.8", now) == 0  # another client has its own count
        assert second.hit("192.0.2.7", now + 40) == 0  # the next window starts afresh
    finally:
        other.dispose()


def test_the_table_holds_no_client_address_and_expired_windows_go(engine: Engine) -> None:
    limiter = SharedRateLimiter(Rate(10, 1), engine)
    limiter.hit("198.51.100.23", now=5.0)  # a window long past
    with engine.connect() as conn:
        [key] = conn.execute(select(rate_hits.c.key)).scalars()
    assert "198.51.100.23" not in key
    assert forget_expired(engine) == 0  # expiry counts from our clock: a fresh row stays
    with engine.begin() as conn:
        conn.execute(rate_hits.update().values(expires=store.utcnow().replace(year=2000)))
    assert forget_expired(engine) == 1
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(rate_hits)).scalar_one() == 0


def test_reset_after_a_good_log_in_and_the_choice_per_database(engine: Engine) -> None:
    limiter = SharedRateLimiter(Rate(1, 3600), engine)
    assert limiter.hit("203.0.113.5") == 0
    assert limiter.hit("203.0.113.5") > 0
    limiter.reset("203.0.113.5")
    assert limiter.hit("203.0.113.5") == 0
    chosen = rate_limiter(Rate(1, 60), engine)
    expected = SharedRateLimiter if engine.dialect.name == "postgresql" else RateLimiter
    assert isinstance(chosen, expected)
