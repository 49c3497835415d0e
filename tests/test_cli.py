"""The command line speaks one language: dates as people type them, and the register "u"."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

REPO = Path(__file__).resolve().parent.parent


def test_report_dates_take_both_forms(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(demo_project.parent)
    runner = CliRunner()
    # Both dates parse; the command then stops at the order check, before any database.
    result = runner.invoke(cli, ["report", "--van", "01-01-2026", "--tot", "2025-12-31"])
    assert result.exit_code == 1, result.output
    assert "--van ligt na --tot" in result.output
    wrong = runner.invoke(cli, ["report", "--van", "31-02-2026"])
    assert wrong.exit_code == 2
    assert "'31-02-2026' is geen bestaande datum" in wrong.output


def test_format_is_named_in_dutch_and_the_english_value_still_works(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo_project.parent)
    runner = CliRunner()
    assert "[tekst|json]" in runner.invoke(cli, ["check", "--help"]).output
    for value in ("tekst", "text", "Tekst"):
        result = runner.invoke(cli, ["check", "--format", value])
        assert result.exit_code == 0, result.output
        assert "profiel(en) gecontroleerd" in result.output


def test_choices_on_the_command_line_ignore_case(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo_project.parent)
    result = CliRunner().invoke(cli, ["check", "--format", "JSON"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("{") or "0 fout(en)" in result.output


INFORMAL = re.compile(r"\b(je|jij|jou|jouw|jullie|jezelf)\b", re.IGNORECASE)
# The social channel speaks like the neighbours who share it (docs/decisions.md, "Register").
SOCIAL = {
    "generator/publish/planner.py": None,
    "generator/images/specs.py": None,
    "generator/render.py": "help jij mee?",
    "generator/settings.py": "Dank je wel voor het delen!",
}


def _strings(path: Path) -> list[tuple[int, str]]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_the_register_is_u_outside_the_social_channel() -> None:
    found: list[str] = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        name = path.relative_to(REPO).as_posix()
        if name in SOCIAL and SOCIAL[name] is None:
            continue
        for line, text in _strings(path):
            if INFORMAL.search(text) and not (SOCIAL.get(name) and SOCIAL[name] in text):
                found.append(f"{name}:{line}: {text[:60]!r}")
    user_texts = [REPO / "README.md", *(REPO / "docs").glob("*.md"), *(REPO / "content").glob("*")]
    user_texts += [p for p in (REPO / "theme").rglob("*") if p.suffix in (".html", ".j2", ".js")]
    for path in user_texts:
        if path.name in ("decisions.md", "benchmarks.md"):
            continue  # developer docs, in English
        for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if INFORMAL.search(text) and "Dank je wel voor het delen" not in text:
                found.append(f"{path.relative_to(REPO)}:{number}: {text[:60]!r}")
    assert not found, "informeel register buiten Facebook:\n" + "\n".join(found)


def test_did_you_mean_says_u(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    profile = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    profile.write_text(profile.read_text().replace("gemeente: haarlem", "gemeente: haarlm"))
    monkeypatch.chdir(demo_project.parent)
    result = CliRunner().invoke(cli, ["check"])
    assert "bedoelde u 'haarlem'?" in result.output
    assert "bedoelde je" not in result.output.lower()


def _fresh_process(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60
    )


def test_check_does_not_import_the_servers_publisher_or_database(demo_project: Path) -> None:
    # `buurtsite check` is what a coordinator runs after every edit; its start-up should not pay
    # for Starlette, SQLAlchemy, the Graph client or MkDocs (issue 19's 1.5 s budget).
    code = (
        "import sys\n"
        "from generator.cli import cli\n"
        "try:\n"
        "    cli(['check'], prog_name='buurtsite')\n"
        "except SystemExit as stop:\n"
        "    heavy = ['sqlalchemy', 'starlette', 'uvicorn', 'mkdocs', 'facebook_business']\n"
        "    print('exit', stop.code, 'loaded', [m for m in heavy if m in sys.modules])\n"
    )
    result = _fresh_process(code, demo_project.parent)
    assert "exit 0 loaded []" in result.stdout, result.stdout + result.stderr


def test_unknown_command_suggests_from_every_command_in_dutch(tmp_path: Path) -> None:
    # In a fresh process no command module is loaded yet: suggestions must not depend on that.
    code = (
        "from generator.cli import cli\n"
        "for typo in ('chek', 'herstl', 'restor', 'productei'):\n"
        "    try:\n"
        "        cli([typo], prog_name='buurtsite', standalone_mode=False)\n"
        "    except Exception as error:\n"
        "        print(error.format_message())\n"
    )
    lines = _fresh_process(code, tmp_path).stdout.splitlines()
    assert lines == [
        "Onbekende opdracht 'chek'. Bedoelde u 'check'?",
        "Onbekende opdracht 'herstl'. Bedoelde u 'herstel'?",
        "Onbekende opdracht 'restor'. (Bedoelde u een van: 'herstel', 'report'?)",
        "Onbekende opdracht 'productei'. Bedoelde u 'productie'?",
    ]
