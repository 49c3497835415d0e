"""Settings from the environment: the secret key, trusted proxies; and the store's file mode."""

from __future__ import annotations

import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from generator.cli import cli
from generator.errors import ConfigError
from generator.forms import abuse
from generator.forms.app import create_app
from generator.forms.runtime import MAKE_KEY, Runtime, secret_key_from_env
from generator.validate import Catalog
from tests.forms.conftest import ORIGIN, REPO, add_user, csrf_of, make_runtime, serve, valid


@pytest.mark.parametrize(
    "key",
    ["x", "s" * 64, "abab" * 20, "correcthorsebatterystaple", "Zomer2026!Zomer2026!Zomer2026!ab"],
)
def test_a_short_or_predictable_secret_key_is_refused(
    key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUURTSITE_SECRET_KEY", key)
    with pytest.raises(ConfigError, match="te kort of te voorspelbaar") as found:
        secret_key_from_env()
    assert MAKE_KEY in str(found.value) and key not in str(found.value)


@pytest.mark.parametrize("key", [secrets.token_hex(32), secrets.token_urlsafe(32)])
def test_a_random_key_of_32_bytes_is_accepted(key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUURTSITE_SECRET_KEY", key)
    assert secret_key_from_env() == key


def test_the_suggested_command_prints_a_key_that_is_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = MAKE_KEY.split('"')[1]
    made = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True
    )
    monkeypatch.setenv("BUURTSITE_SECRET_KEY", made.stdout.strip())
    assert secret_key_from_env() == made.stdout.strip()


@pytest.mark.parametrize(("value", "problem"), [(None, "ontbreekt"), ("kort", "is te kort")])
def test_serve_says_how_to_make_a_key(
    value: str | None, problem: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path))
    if value is None:
        monkeypatch.delenv("BUURTSITE_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("BUURTSITE_SECRET_KEY", value)
    result = CliRunner().invoke(cli, ["forms", "serve", "--config", str(REPO / "site_config.yml")])
    assert result.exit_code == 1
    assert f"BUURTSITE_SECRET_KEY {problem}" in result.output
    assert "secrets.token_urlsafe(48)" in result.output
    assert "Traceback" not in result.output


def test_trusted_proxies_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUURTSITE_SECRET_KEY", secrets.token_urlsafe(32))
    monkeypatch.setenv("BUURTSITE_TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.1")
    runtime = Runtime.from_env()
    assert runtime.uvicorn_options() == {
        "proxy_headers": True,
        "forwarded_allow_ips": "10.0.0.0/8,127.0.0.1",
    }
    monkeypatch.setenv("BUURTSITE_TRUSTED_PROXIES", "proxy.example")
    with pytest.raises(ConfigError, match="geen IP-adres"):
        Runtime.from_env()
    monkeypatch.delenv("BUURTSITE_TRUSTED_PROXIES")
    assert Runtime.from_env().uvicorn_options()["proxy_headers"] is False


def forged(n: int) -> dict[str, str]:
    return {"X-Forwarded-For": f"203.0.113.{n}", "Origin": ORIGIN}


@pytest.mark.parametrize("trusted", [(), ("127.0.0.1",)])
def test_a_rotating_forwarded_for_counts_only_from_a_trusted_proxy(
    catalog: Catalog, engine: Engine, database_url: str, trusted: tuple[str, ...]
) -> None:
    runtime = make_runtime(database_url, rate=abuse.Rate(2, 60), trusted_proxies=trusted)
    app = create_app(catalog, runtime, engine)
    password = add_user(engine, "ans", "coordinator", "haarlem")
    with (
        serve(app, **runtime.uvicorn_options()) as base,
        httpx.Client(base_url=base, timeout=10) as http,
    ):
        signups = [
            http.post("/aanmelden", data=valid(email=f"p{n}@example.org"), headers=forged(n))
            for n in range(3)
        ]
        token = csrf_of(http.get("/backoffice/inloggen").text)
        logins = [
            http.post(
                "/backoffice/inloggen",
                data={"csrf": token, "gebruiker": "ans", "wachtwoord": password + "x"},
                headers=forged(n),
            )
            for n in range(6)
        ]
    if trusted:  # behind the named proxy every forwarded address is its own client
        assert [r.status_code for r in signups] == [303, 303, 303]
        assert [r.status_code for r in logins] == [401] * 6
    else:  # nobody named: the header is ignored and 127.0.0.1 hits both limits
        assert [r.status_code for r in signups] == [303, 303, 429]
        assert [r.status_code for r in logins] == [401] * 5 + [429]


def test_a_new_sqlite_store_is_readable_by_its_owner_only(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "nieuw.sqlite3"
    old_umask = os.umask(0o022)
    try:
        app = create_app(catalog, make_runtime(f"sqlite:///{path}"))
        with serve(app) as base, httpx.Client(base_url=base, timeout=10) as http:
            assert (
                http.post("/aanmelden", data=valid(), headers={"Origin": ORIGIN}).status_code == 303
            )
            modes = {
                p.name: stat.S_IMODE(p.stat().st_mode) for p in tmp_path.glob("nieuw.sqlite3*")
            }
    finally:
        os.umask(old_umask)
    assert modes["nieuw.sqlite3"] == 0o600
    assert set(modes.values()) == {0o600}, modes
