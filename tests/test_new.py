"""`buurtsite new`: a commented template with a fresh id and today's date that `check` accepts."""

from __future__ import annotations

import json
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


def _new_profile(runner: CliRunner, gemeente: str = "haarlem") -> Path:
    result = runner.invoke(cli, ["new", "--gemeente", gemeente])
    assert result.exit_code == 0, result.output
    line = next(x for x in result.output.splitlines() if x.startswith("nieuw zoekprofiel: "))
    return Path(line.split(": ", 1)[1])


def test_unedited_template_cannot_be_opened(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo_project.parent)
    runner = CliRunner()
    path = _new_profile(runner)
    path.write_text(path.read_text("utf-8").replace("status: concept", "status: open"), "utf-8")
    result = runner.invoke(cli, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = [json.loads(r) for r in result.output.splitlines() if r.startswith("{")]
    placeholders = {
        (f["field"], f["line"], f["column"]) for f in found if f["code"] == "placeholder"
    }
    lines = path.read_text("utf-8").splitlines()
    story = next(i for i, x in enumerate(lines, 1) if x.startswith("  Schrijf hier het verhaal"))
    title = next(i for i, x in enumerate(lines, 1) if x.startswith("titel: "))
    wish = next(i for i, x in enumerate(lines, 1) if x.startswith("  - Een gezin dat"))
    assert placeholders == {("titel", title, 8), ("verhaal", story, 3), ("wensen[0]", wish, 5)}
    message = next(f["message"] for f in found if f["field"] == "verhaal")
    assert "voorbeeldtekst" in message and "buurtsite new" in message


def test_placeholder_left_beside_own_text_is_found_and_concept_may_keep_it(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo_project.parent)
    runner = CliRunner()
    path = _new_profile(runner)
    text = path.read_text("utf-8")
    assert runner.invoke(cli, ["check", str(path)]).exit_code == 0  # a concept may keep it
    own = (
        text.replace("titel: Voor een vrolijk kind van 7", "titel: Voor een stoere jongen van 9")
        .replace("  - Een gezin dat het leuk vindt om samen buiten te spelen", "  - Een hond")
        .replace("verhaal: |\n", "verhaal: |\n  Hij houdt van voetbal en van dieren.\n")
        .replace("status: concept", "status: in_gesprek")
    )
    path.write_text(own, "utf-8")
    result = runner.invoke(cli, ["check", str(path)])
    assert result.exit_code == 1
    assert result.output.count("voorbeeldtekst") == 1
    assert "[verhaal]" in result.output or "'verhaal'" in result.output
