"""`buurtsite forms ...` commands against a real SQLite store in BUURTSITE_DATA_DIR."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.forms import store
from generator.forms.fields import clean, validate
from generator.forms.migrate import database_url
from generator.validate import Catalog
from tests.forms.conftest import REPO, rows, valid

CONFIG = str(REPO / "site_config.yml")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("BUURTSITE_SMTP_URL", raising=False)
    return tmp_path / "data"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["forms", *args], input=stdin)
    return result.exit_code, result.output


def test_every_command_has_dutch_help() -> None:
    from generator.cli.forms import forms

    for name, command in forms.commands.items():
        code, output = run(name, "--help")
        assert code == 0
        assert command.help and command.help[:40] in output
        assert "Opties" in output or "Options" in output


def test_adduser_reads_the_password_from_stdin(data_dir: Path) -> None:
    code, output = run(
        "adduser",
        "ans",
        "--gemeente",
        "haarlem",
        "--config",
        CONFIG,
        stdin="een-lang-wachtwoord\neen-lang-wachtwoord\n",
    )
    assert code == 0, output
    assert "een-lang-wachtwoord" not in output
    engine = store.make_engine(database_url())
    [user] = rows(engine, store.users)
    engine.dispose()
    assert user["role"] == "coordinator" and user["gemeenten"] == "haarlem"
    assert user["password_hash"].startswith("$argon2id$")
    code, output = run(
        "adduser",
        "ans",
        "--gemeente",
        "haarlem",
        "--config",
        CONFIG,
        stdin="een-lang-wachtwoord\neen-lang-wachtwoord\n",
    )
    assert code == 1 and "bestaat al" in output
    code, output = run(
        "adduser", "bob", "--gemeente", "atlantis", "--config", CONFIG, stdin="x\nx\n"
    )
    assert code == 1 and "onbekende gemeente" in output
    code, output = run(
        "adduser", "kort", "--gemeente", "haarlem", "--config", CONFIG, stdin="kort\nkort\n"
    )
    assert code == 1 and "minstens 12 tekens" in output


def test_export_purge_and_send_mail(data_dir: Path, catalog: Catalog) -> None:
    engine = store.make_engine(database_url())
    run("migrate")
    sub, _ = validate(clean(valid()), catalog)
    assert sub is not None
    store.insert(engine, sub, ["haarlem@example.org"])
    code, output = run("export", "--format", "json", "--config", CONFIG)
    assert code == 0, output
    assert json.loads(output)[0]["naam"] == "Testpersoon Verzonnen"
    out_file = data_dir / "export.csv"
    code, output = run(
        "export", "--gemeente", "wijchen", "--uitvoer", str(out_file), "--config", CONFIG
    )
    assert code == 0 and "0 aanmelding(en)" in output
    code, output = run("export", "--gemeente", "atlantis", "--config", CONFIG)
    assert code == 1 and "onbekende gemeente" in output
    assert [e["detail"] for e in rows(engine, store.audit)] == [
        "1 aanmelding(en), alle gemeenten, json",
        "0 aanmelding(en), wijchen, csv",
    ]
    code, output = run("purge", "--config", CONFIG)
    assert code == 0 and "0 aanmelding(en) verwijderd (bewaartermijn 12 maanden)" in output
    code, output = run("send-mail", "--config", CONFIG)
    assert code == 1 and "BUURTSITE_SMTP_URL ontbreekt" in output
    engine.dispose()


def test_serve_without_secret_key_is_a_clear_error(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BUURTSITE_SECRET_KEY", raising=False)
    code, output = run("serve", "--config", CONFIG)
    assert code == 1 and "BUURTSITE_SECRET_KEY ontbreekt" in output
    assert "Traceback" not in output


def test_passwd_and_deluser_end_the_users_sessions(data_dir: Path) -> None:
    from generator.backoffice.sessions import Lifetimes, Sessions, sessies

    run(
        "adduser",
        "ans",
        "--gemeente",
        "haarlem",
        "--config",
        CONFIG,
        stdin="a" * 12 + "\n" + "a" * 12 + "\n",
    )
    engine = store.make_engine(database_url())
    sessions = Sessions(engine, "k" * 64, Lifetimes())
    cookie, _ = sessions.start("ans")
    code, output = run("passwd", "ans", stdin="b" * 12 + "\n" + "b" * 12 + "\n")
    assert code == 0 and "sessies zijn beëindigd" in output, output
    assert sessions.load(cookie) is None
    cookie, _ = sessions.start("ans")
    code, output = run("deluser", "ans")
    assert code == 0, output
    assert sessions.load(cookie) is None and rows(engine, sessies) == []
    assert rows(engine, store.users) == []
    code, output = run("deluser", "ans")
    assert code == 1 and "bestaat niet" in output
    engine.dispose()
