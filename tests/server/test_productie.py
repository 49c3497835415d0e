"""docs/productie.md, followed to the letter: the unit's ExecStartPre and ExecStart, run as written.

The unit, the environment file and the site_config.yml lines are parsed out of the document, so
the document cannot drift from what works. Only the machine-specific parts are swapped: the
install folder (/srv/buurtsite -> a copy of the demo), the venv, the port and the secrets.
Then, over HTTP: a site page, a sign-up whose campaign tags come without JavaScript, the
backoffice log-in and status panel, and the health check; on SQLite and PostgreSQL. Every log
line must be one JSON object, without the person's data or any secret.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import select

from generator.backoffice import accounts
from generator.forms import store
from tests.forms.conftest import free_port, log_in, valid
from tests.site.conftest import copy_demo

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "productie.md").read_text(encoding="utf-8")
INSTALL = "/srv/buurtsite"
SITE = "https://www.buurtgezinnen.example"
PASSWORD = "een-lang-wachtwoord-voor-beheer-42"
SECRET = "Xq7" + "k9Lm2Pz8Rt4Vw6Yb" * 3


def block(lang: str, containing: str) -> str:
    found = [b for b in re.findall(rf"```{lang}\n(.*?)```", DOC, re.S) if containing in b]
    assert len(found) == 1, f"docs/productie.md: one ```{lang} block with {containing!r}"
    return found[0]


def unit() -> dict[str, str]:
    lines = block("ini", "[Service]").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))


def documented_environment() -> dict[str, str]:
    text = block("sh", "BUURTSITE_SECRET_KEY=")
    pairs = [line.split("=", 1) for line in text.splitlines() if re.match(r"^[A-Z_]+=", line)]
    return dict(pairs)


def command(line: str, project: Path, port: int) -> list[str]:
    """A unit's command line on this machine: our venv, the demo copy, a free port."""
    assert f"{INSTALL}/.venv/bin/buurtsite " in line
    line = line.replace(
        f"{INSTALL}/.venv/bin/buurtsite", str(Path(sys.executable).parent / "buurtsite")
    )
    line = line.replace("--poort 8080", f"--poort {port}")
    return shlex.split(line.replace(INSTALL, str(project)))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as installed by the document: its site_config lines applied, ExecStartPre run."""
    config = copy_demo(tmp_path_factory.mktemp("srv") / "buurtsite")
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    for section, values in yaml.safe_load(block("yaml", "aanmeld_url")).items():
        data[section].update(values)
    config.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    settings = unit()
    assert settings["WorkingDirectory"] == INSTALL
    env = {**os.environ, "BUURTSITE_TODAY": "2026-11-23"}
    pre = command(settings["ExecStartPre"], config.parent, 0)
    done = subprocess.run(pre, cwd=config.parent, env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert (config.parent / "site" / "index.html.gz").is_file()
    return config.parent


@pytest.fixture
def running(
    project: Path, database_url: str, tmp_path: Path
) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    env = {**os.environ, **documented_environment(), "BUURTSITE_TODAY": "2026-11-23"}
    env.update(
        BUURTSITE_SECRET_KEY=SECRET,
        BUURTSITE_DATA_DIR=str(tmp_path),  # SQLite: the database_url fixture's file
        BUURTSITE_INSECURE_COOKIES="1",  # the test talks plain http; Caddy would speak https
        BUURTSITE_FACEBOOK_TOKENS="",
    )
    for name in ("BUURTSITE_SMTP_URL", "BUURTSITE_SMTP_USER", "BUURTSITE_SMTP_PASSWORD"):
        env.pop(name)
    if database_url.startswith("postgresql"):
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    port = free_port()
    argv = command(unit()["ExecStart"], project, port)
    log = (tmp_path / "log").open("wb")
    proc = subprocess.Popen(argv, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, (tmp_path / "log").read_text()
            assert time.monotonic() < deadline, "buurtsite productie did not answer in 60 s"
            try:
                if httpx.get(url + "/gezondheid", timeout=2).status_code in (200, 503):
                    break
            except httpx.TransportError:
                time.sleep(0.2)
        yield url, proc
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()


def test_the_documented_unit_serves_site_form_backoffice_and_health(
    running: tuple[str, subprocess.Popen[bytes]], database_url: str, tmp_path: Path
) -> None:
    url, proc = running
    engine = store.make_engine(database_url)
    try:
        accounts.add_user(engine, "beheer", PASSWORD, "backoffice", ())
        with httpx.Client(base_url=url, headers={"X-Forwarded-Proto": "https"}) as client:
            page = client.get("/haarlem/", headers={"Accept-Encoding": "gzip"})
            assert page.status_code == 200 and page.headers["content-encoding"] == "gzip"
            assert "form-action 'self'" in page.headers["content-security-policy"]
            assert page.headers["strict-transport-security"].startswith("max-age=")
            raw = client.get("/haarlem/", headers={"Accept-Encoding": "identity"})
            assert "content-encoding" not in raw.headers and raw.text == page.text
            assert f'action="{SITE}/aanmelden"' in page.text

            # A sign-up from a page opened through a campaign link, without JavaScript: the
            # form carries no utm_* fields; the same-origin Referer brings them.
            landing = f"{SITE}/haarlem/?utm_source=facebook&utm_campaign=najaar"
            signup = client.post(
                "/aanmelden",
                data=valid(),
                headers={"Origin": SITE, "Referer": landing},
                follow_redirects=False,
            )
            assert signup.status_code == 303, signup.text
            with engine.connect() as conn:
                stored = conn.execute(select(store.aanmeldingen)).one()._mapping
            assert stored["utm_source"] == "facebook" and stored["utm_campaign"] == "najaar"

            log_in(client, "beheer", PASSWORD)
            panel = client.get("/backoffice/status")
            assert panel.status_code == 200 and "Status" in panel.text
            assert "bereikbaar" in panel.text

            health = client.get("/gezondheid")
            report = health.json()
            assert health.status_code == 200 and report["database"]["bereikbaar"] is True
            assert report["wachtrij"]["wachtend"] == 2  # coordinator + confirmation, no SMTP set
            assert report["site"]["laatst_gebouwd"] is not None
            assert valid()["email"] not in health.text and valid()["naam"] not in health.text
    finally:
        engine.dispose()
    proc.terminate()
    proc.wait(timeout=60)
    lines = (tmp_path / "log").read_text(encoding="utf-8").splitlines()
    assert lines, "the process logged nothing"
    person = valid()
    for line in lines:
        entry = json.loads(line)  # every line one JSON object
        assert {"tijd", "niveau", "logger", "bericht"} <= set(entry)
        for secret in (person["email"], person["naam"], person["telefoon"], PASSWORD, SECRET):
            assert secret not in line


def test_every_buurtsite_command_in_the_document_parses() -> None:
    """Each `buurtsite ...` line of docs/productie.md names a real command with real options."""
    import click

    from generator.cli import cli

    lines = [
        line.split("/bin/buurtsite ", 1)[1]
        for text in re.findall(r"```(?:sh|ini)\n(.*?)```", DOC, re.S)
        for line in text.splitlines()
        if re.search(r"/bin/buurtsite ", line)
    ]
    assert len(lines) >= 5
    for line in lines:
        args = shlex.split(line)
        command: click.Command = cli
        while isinstance(command, click.Group):
            found = command.get_command(click.Context(command), args[0])
            assert found is not None, f"docs/productie.md: unknown command in {line!r}"
            command, args = found, args[1:]
        command.make_context(command.name or "", args)  # raises on an unknown option


def test_without_a_built_site_a_dutch_message_and_no_traceback(demo_project: Path) -> None:
    buurtsite = str(Path(sys.executable).parent / "buurtsite")
    done = subprocess.run(
        [buurtsite, "productie", "--config", str(demo_project), "--logformaat", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BUURTSITE_SECRET_KEY": SECRET},
    )
    assert done.returncode == 1
    assert "er is geen gebouwde site" in done.stderr and "buurtsite build" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
