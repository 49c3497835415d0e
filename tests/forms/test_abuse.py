"""Each defence: honeypot, time trap, origin check, rate limit."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy import Engine

from generator.errors import ConfigError
from generator.forms.abuse import Rate, RateLimiter, parse_rate, too_fast
from generator.forms.app import TOO_FAST, create_app
from generator.validate import Catalog
from tests.forms.conftest import ORIGIN, TestClient, make_runtime, rows, valid

JSON = {"Accept": "application/json"}


def test_honeypot_looks_normal_and_stores_nothing(client: TestClient, engine: Engine) -> None:
    response = client.post(
        "/aanmelden", data=valid(website="http://spam.example"), follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"].endswith("/bedankt?soort=steungezin")
    as_json = client.post("/aanmelden", data=valid(website="x"), headers=JSON)
    assert as_json.json()["ok"] is True
    assert rows(engine) == []


def test_time_trap(client: TestClient, engine: Engine) -> None:
    now_ms = int(time.time() * 1000)
    fast = client.post("/aanmelden", data=valid(ts=str(now_ms - 500)), headers=JSON)
    assert fast.status_code == 422 and fast.json()["errors"] == {"formulier": TOO_FAST}
    assert rows(engine) == []
    slow = client.post("/aanmelden", data=valid(ts=str(now_ms - 20_000)), headers=JSON)
    assert slow.json()["ok"] is True
    assert len(rows(engine)) == 1


def test_time_trap_ignores_absent_garbled_or_future_ts() -> None:
    now = 1_000_000_000_000.0
    assert not too_fast({}, 3, now)
    assert not too_fast({"ts": "abc"}, 3, now)
    assert not too_fast({"ts": str(int(now) + 5000)}, 3, now)  # visitor's clock runs ahead
    assert too_fast({"ts": str(int(now) - 2999)}, 3, now)
    assert not too_fast({"ts": str(int(now) - 2999)}, 0, now)


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://kwaadaardig.example"},
        {"Origin": "", "Referer": "https://kwaadaardig.example/pagina"},
        {"Origin": ""},
    ],
)
def test_foreign_or_missing_origin_is_refused(
    client: TestClient, engine: Engine, headers: dict[str, str]
) -> None:
    response = client.post("/aanmelden", data=valid(), headers=headers)
    assert response.status_code == 403
    assert "eigen website" in response.text
    assert rows(engine) == []


def test_referer_of_our_site_is_enough(client: TestClient, engine: Engine) -> None:
    response = client.post(
        "/aanmelden",
        data=valid(),
        follow_redirects=False,
        headers={"Origin": "", "Referer": ORIGIN + "/haarlem/"},
    )
    assert response.status_code == 303
    assert len(rows(engine)) == 1


@pytest.fixture
def limited(catalog: Catalog, engine: Engine, database_url: str) -> Iterator[TestClient]:
    runtime = make_runtime(database_url, rate=Rate(2, 60))
    app = create_app(catalog, runtime, engine)
    with TestClient(app, base_url="http://127.0.0.1", headers={"Origin": ORIGIN}) as c:
        yield c


def test_rate_limit_answers_429_with_retry_after(limited: TestClient, engine: Engine) -> None:
    for n in range(2):
        ok = limited.post("/aanmelden", data=valid(email=f"p{n}@example.org"), headers=JSON)
        assert ok.status_code == 200
    blocked = limited.post("/aanmelden", data=valid(email="p3@example.org"), headers=JSON)
    assert blocked.status_code == 429
    # In memory (SQLite) a token bucket: the next token in 30 s. Shared through PostgreSQL a
    # fixed window: until the minute ends. Either way a positive wait within the period.
    bound = 30 if engine.dialect.name == "sqlite" else 60
    assert 1 <= int(blocked.headers["retry-after"]) <= bound
    assert "seconden" in blocked.json()["errors"]["formulier"]
    assert len(rows(engine)) == 2


def test_rate_limiter_refills_and_parses() -> None:
    limiter = RateLimiter(Rate(1, 10))
    assert limiter.hit("a", now=0.0) == 0
    assert limiter.hit("a", now=1.0) == 9
    assert limiter.hit("b", now=1.0) == 0
    assert limiter.hit("a", now=10.5) == 0
    assert RateLimiter(None).hit("a") == 0
    assert parse_rate("10/minute") == Rate(10, 60.0)
    assert parse_rate("off") is None
    with pytest.raises(ConfigError, match="BUURTSITE_FORMS_RATE_LIMIT"):
        parse_rate("veel")


def test_own_origin_and_configured_extra_origins_are_allowed(
    catalog: Catalog, engine: Engine, database_url: str
) -> None:
    settings = catalog.settings
    local = settings.model_copy(
        update={
            "forms": settings.forms.model_copy(
                update={"allowed_origins": ("http://127.0.0.1:8000",)}
            )
        }
    )
    local_catalog = replace(catalog, project=catalog.project.model_copy(update={"settings": local}))
    app = create_app(local_catalog, make_runtime(database_url), engine)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        for n, origin in enumerate(
            ("http://127.0.0.1:8000", "https://aanmelden.buurtgezinnen.example", ORIGIN)
        ):
            response = client.post(
                "/aanmelden",
                data=valid(email=f"o{n}@example.org"),
                headers={"Origin": origin, **JSON},
            )
            assert response.status_code == 200, origin
        refused = client.post(
            "/aanmelden", data=valid(), headers={"Origin": "http://127.0.0.1:9999"}
        )
        assert refused.status_code == 403
    assert len(rows(engine)) == 3
