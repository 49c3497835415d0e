"""`buurtsite backup` and `buurtsite herstel` / `restore`, as a person types them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.forms import store
from generator.forms.migrate import upgrade
from tests.ops.test_backup import _submission

REPO = Path(__file__).resolve().parents[2]
CONFIG = str(REPO / "site_config.yml")


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(folder))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    engine = store.make_engine(f"sqlite:///{folder / 'aanmeldingen.sqlite3'}")
    upgrade(engine)
    for n in range(25):
        store.insert(engine, _submission(f"cli{n}@example.org"), [])
    engine.dispose()
    return folder


def test_backup_then_restore_into_an_empty_folder_by_name(data: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(cli, ["backup", "--config", CONFIG])
    assert made.exit_code == 0, made.output
    assert "backup gemaakt" in made.output
    listed = runner.invoke(cli, ["backup", "--config", CONFIG, "--lijst"])
    [name] = [line.split()[0] for line in listed.output.splitlines() if line.strip()]
    empty = tmp_path / "leeg"
    restored = runner.invoke(cli, ["herstel", name, "--naar", str(empty), "--config", CONFIG])
    assert restored.exit_code == 0, restored.output
    with sqlite3.connect(empty / "aanmeldingen.sqlite3") as conn:
        emails = {r[0] for r in conn.execute("SELECT email FROM aanmeldingen")}
    assert emails == {f"cli{n}@example.org" for n in range(25)}


def test_restore_alias_and_dutch_refusals(data: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["backup", "--config", CONFIG]).exit_code == 0
    name = next((data / "backups").iterdir()).name
    refused = runner.invoke(cli, ["restore", name, "--config", CONFIG])
    assert refused.exit_code == 1
    assert "--overschrijven" in refused.output and "Traceback" not in refused.output
    again = runner.invoke(cli, ["restore", name, "--overwrite", "--config", CONFIG])
    assert again.exit_code == 0, again.output
    unknown = runner.invoke(cli, ["herstel", "gisteren", "--config", CONFIG])
    assert unknown.exit_code == 1 and "buurtsite backup --lijst" in unknown.output
    assert "restore" not in runner.invoke(cli, ["--help"]).output
