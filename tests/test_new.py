"""`buurtsite new`: a commented template with a fresh id and today's date that `check` accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli


def test_new_profile_is_valid_and_unique(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo_project.parent)
    runner = CliRunner()
    first = runner.invoke(cli, ["new", "--gemeente", "wijchen"])
    second = runner.invoke(cli, ["new", "--gemeente", "wijchen"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    created = [
        Path(line.split(": ", 1)[1])
        for r in (first, second)
        for line in r.output.splitlines()
        if line.startswith("nieuw zoekprofiel: ")
    ]
    assert len(created) == 2 and created[0] != created[1]
    text = created[0].read_text(encoding="utf-8")
    assert re.search(r"^id: wijchen-[a-z2-9]{4}$", text, re.M)
    assert "gepubliceerd: 2026-11-23" in text
    assert "status: concept" in text
    assert "# Noem NOOIT een naam" in text
    check = runner.invoke(cli, ["check", *(str(p) for p in created)])
    assert check.exit_code == 0, check.output


def test_new_with_unknown_gemeente_or_existing_name(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo_project.parent)
    runner = CliRunner()
    result = runner.invoke(cli, ["new", "--gemeente", "amsterdam"])
    assert result.exit_code == 1 and "onbekende gemeente 'amsterdam'" in result.output
    assert runner.invoke(cli, ["new", "--gemeente", "haarlem", "--naam", "x"]).exit_code == 0
    again = runner.invoke(cli, ["new", "--gemeente", "haarlem", "--naam", "x"])
    assert again.exit_code == 1 and "bestaat al" in again.output
