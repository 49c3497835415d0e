"""Backoffice sessions over real HTTP: kept on the server, ended by log-out, password, removal."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import Engine, update

from generator.backoffice import accounts
from generator.backoffice.app import COOKIE
from generator.backoffice.sessions import sessies
from generator.forms import store
from tests.forms.conftest import add_user, log_in, rows

LOGIN = "/backoffice/inloggen"


@pytest.fixture
def http(base_url: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=base_url, timeout=10) as client:
        yield client


def opens_backoffice(base_url: str, cookie: str) -> bool:
    """A fresh client that carries only this cookie: does it get in?"""
    with httpx.Client(base_url=base_url, cookies={COOKIE: cookie}, timeout=10) as other:
        response = other.get("/backoffice/", follow_redirects=False)
    if response.status_code == 303:
        assert response.headers["location"] == LOGIN
        return False
    assert response.status_code == 200
    return True


def test_a_cookie_replayed_after_log_out_is_refused(
    http: httpx.Client, base_url: str, engine: Engine
) -> None:
    token = log_in(http, "ans", add_user(engine, "ans", "coordinator", "haarlem"))
    cookie = http.cookies[COOKIE]
    assert opens_backoffice(base_url, cookie)
    out = http.post("/backoffice/uitloggen", data={"csrf": token}, follow_redirects=False)
    assert out.status_code == 303
    assert not opens_backoffice(base_url, cookie)
    assert rows(engine, sessies) == []


def test_the_cookie_holds_only_a_signed_random_id_and_is_not_renewed(
    http: httpx.Client, base_url: str, engine: Engine
) -> None:
    log_in(http, "ans", add_user(engine, "ans", "coordinator", "haarlem"))
    cookie = http.cookies[COOKIE]
    session_id, _, signature = cookie.rpartition(".")
    assert len(session_id) == 43 and signature and "ans" not in cookie
    [row] = rows(engine, sessies)
    assert row["id_hash"] == hashlib.sha256(session_id.encode()).hexdigest()
    page = http.get("/backoffice/")
    assert page.status_code == 200 and "set-cookie" not in page.headers
    # Another id under the same signature: refused. (Not the signature's last character: in
    # base64 its low bits are padding, so changing it may leave the signature the same.)
    forged = ("A" if cookie[0] != "A" else "B") + cookie[1:]
    assert not opens_backoffice(base_url, forged)


def test_password_change_and_removal_end_every_session(base_url: str, engine: Engine) -> None:
    password = add_user(engine, "ans", "coordinator", "haarlem")
    cookies = []
    for _ in range(2):  # two devices
        with httpx.Client(base_url=base_url, timeout=10) as device:
            log_in(device, "ans", password)
            cookies.append(device.cookies[COOKIE])
    assert all(opens_backoffice(base_url, c) for c in cookies)
    accounts.set_password(engine, "ans", "een-nieuw-wachtwoord")
    assert not any(opens_backoffice(base_url, c) for c in cookies)

    with httpx.Client(base_url=base_url, timeout=10) as device:
        log_in(device, "ans", "een-nieuw-wachtwoord")
        cookie = device.cookies[COOKIE]
    assert opens_backoffice(base_url, cookie)
    accounts.remove_user(engine, "ans")
    assert not opens_backoffice(base_url, cookie)
    assert rows(engine, sessies) == []


@pytest.mark.parametrize(
    ("column", "age", "alive"),
    [
        ("last_seen_at", timedelta(minutes=29), True),
        ("last_seen_at", timedelta(minutes=31), False),  # idle time-out: 30 minutes
        ("created_at", timedelta(hours=11, minutes=59), True),
        ("created_at", timedelta(hours=12, minutes=1), False),  # absolute lifetime: 12 hours
    ],
)
def test_idle_time_out_and_absolute_lifetime(
    http: httpx.Client, base_url: str, engine: Engine, column: str, age: timedelta, alive: bool
) -> None:
    log_in(http, "ans", add_user(engine, "ans", "coordinator", "haarlem"))
    with engine.begin() as conn:
        conn.execute(update(sessies).values({column: store.utcnow() - age}))
    assert opens_backoffice(base_url, http.cookies[COOKIE]) == alive
    assert len(rows(engine, sessies)) == int(alive)


def test_an_old_scrypt_hash_is_replaced_by_argon2id_at_log_in(
    http: httpx.Client, engine: Engine
) -> None:
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(b"oud-wachtwoord-123", salt=salt, n=2**14, r=8, p=1, dklen=32)
    old = (
        f"scrypt${2**14}$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"
    )
    with engine.begin() as conn:
        conn.execute(
            store.users.insert().values(
                username="oud",
                password_hash=old,
                role="backoffice",
                gemeenten="",
                created_at=store.utcnow(),
            )
        )
    log_in(http, "oud", "oud-wachtwoord-123")
    [user] = rows(engine, store.users)
    assert user["password_hash"].startswith("$argon2id$")
    assert accounts.check_password("oud-wachtwoord-123", user["password_hash"])
    assert not accounts.check_password("oud-wachtwoord-124", user["password_hash"])
