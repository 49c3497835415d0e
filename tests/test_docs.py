"""Docs that cannot drift: every command has Dutch help; every config and profile key is documented."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from generator import docref
from generator.cli import cli
from generator.model import Zoekprofiel
from generator.settings import Settings

DOCS = Path(__file__).resolve().parent.parent / "docs"


def all_commands(group: click.Group, prefix: str = "buurtsite") -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        found.append((f"{prefix} {name}", command))
        if isinstance(command, click.Group):
            found.extend(all_commands(command, f"{prefix} {name}"))
    return found


def test_expected_commands_exist() -> None:
    names = {name for name, _ in all_commands(cli)}
    assert {"buurtsite check", "buurtsite new", "buurtsite build", "buurtsite serve"} <= names
    assert {"buurtsite publish", "buurtsite forms"} <= names


@pytest.mark.parametrize("name,command", all_commands(cli))
def test_every_command_has_help(name: str, command: click.Command) -> None:
    assert command.help and len(command.help.strip()) > 10, f"{name} heeft geen hulptekst"
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"{name} {param.opts[0]} heeft geen hulptekst"


def test_config_reference_is_current() -> None:
    committed = (DOCS / "configuratie.md").read_text(encoding="utf-8")
    assert committed == docref.config_reference(), (
        "docs/configuratie.md is verouderd: python -m generator.docref config > docs/configuratie.md"
    )


def test_profile_reference_is_current() -> None:
    committed = (DOCS / "veldenreferentie.md").read_text(encoding="utf-8")
    assert committed == docref.profile_reference(), (
        "docs/veldenreferentie.md is verouderd: "
        "python -m generator.docref profiel > docs/veldenreferentie.md"
    )


@pytest.mark.parametrize(
    "model,doc", [(Settings, "configuratie.md"), (Zoekprofiel, "veldenreferentie.md")]
)
def test_every_key_is_documented_with_a_description(model: type, doc: str) -> None:
    text = (DOCS / doc).read_text(encoding="utf-8")
    for key, _kind, _default, description in docref.rows(model):
        assert description, f"{key} heeft geen beschrijving in het schema"
        assert f"| `{key}` |" in text, f"{key} ontbreekt in docs/{doc}"


def test_guide_mentions_every_top_level_profile_field() -> None:
    guide = (DOCS / "zoekprofiel-schrijven.md").read_text(encoding="utf-8")
    for name, info in Zoekprofiel.model_fields.items():
        assert f"`{info.alias or name}`" in guide, (
            f"de handleiding noemt `{info.alias or name}` niet"
        )


def test_click_messages_are_dutch() -> None:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, ["chek"])
    assert result.exit_code == 2
    assert "Onbekende opdracht 'chek'. Bedoelde u 'check'?" in result.output
    help_text = CliRunner().invoke(cli, ["check", "--help"]).output
    assert "Gebruik:" in help_text and "Toon deze hulp en stop." in help_text


def test_every_environment_variable_is_documented() -> None:
    import re

    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (DOCS.parent / "generator").rglob("*.py")
    )
    used = set(re.findall(r"\b(BUURTSITE_[A-Z_]*[A-Z]|DATABASE_URL)\b", source))
    documented = (DOCS / "omgeving.md").read_text(encoding="utf-8")
    missing = sorted(name for name in used if f"`{name}" not in documented)
    assert not missing, f"niet in docs/omgeving.md: {missing}"


ENGLISH_WORDS = (
    "OPTIONS",
    "COMMAND",
    "ARGS",
    "PATHS",
    "FILE",
    "TEXT",
    "INTEGER",
    "Usage",
    "[text|",
    "default:",
)


@pytest.mark.parametrize("name,command", all_commands(cli))
def test_every_option_has_a_dutch_name_and_english_aliases_stay_hidden(
    name: str, command: click.Command
) -> None:
    from click.testing import CliRunner

    from generator.cli.common import DUTCH_AS_IS, ENGLISH_ALIASES, HIDDEN

    for param in command.params:
        if not isinstance(param, click.Option):
            continue
        shown = [o for o in param.opts + param.secondary_opts if o.startswith("--")]
        dutch = [o for o in shown if o not in HIDDEN]
        assert dutch, f"{name}: {param.opts} heeft geen Nederlandse naam"
        assert (
            dutch[0] in ENGLISH_ALIASES
            or dutch[0] in DUTCH_AS_IS
            or dutch[0]
            in (
                "--naam",
                "--rol",
            )
        ), f"{name}: {dutch[0]} staat niet in de lijst met Nederlandse opties"
    words = name.split()[1:]
    help_text = CliRunner().invoke(cli, [*words, "--help"], terminal_width=200).output
    assert "Gebruik:" in help_text and "[OPTIES]" in help_text
    for word in ENGLISH_WORDS:
        assert word not in help_text, f"{name} --help: {word}"
    for alias in HIDDEN:
        assert f"{alias} " not in help_text and f"{alias}\n" not in help_text, (name, alias)


def test_english_spellings_still_work_as_aliases(tmp_path: Path) -> None:
    from click.testing import CliRunner

    runner = CliRunner()
    strict = runner.invoke(cli, ["check", "--strict", "--config", str(tmp_path / "x.yml")])
    assert "Onbekende optie" not in strict.output and strict.exit_code == 1
    wrong = runner.invoke(cli, ["serve", "--port", "x"])
    assert "Ongeldige waarde voor '--poort': 'x' is geen geldig getal." in wrong.output


def test_the_two_servers_have_different_default_ports() -> None:
    from generator.cli.forms import serve as forms_serve
    from generator.cli.site import serve as site_serve

    def port(command: click.Command) -> object:
        return next(p.default for p in command.params if p.name == "port")

    assert port(site_serve) == 8000 and port(forms_serve) == 8001


def test_every_command_takes_config() -> None:
    for name, command in all_commands(cli):
        if isinstance(command, click.Group) and not command.invoke_without_command:
            continue  # `buurtsite forms` only groups its commands
        assert any(p.name == "config_path" for p in command.params), f"{name} mist --config"


def test_did_you_mean_for_an_option_names_the_dutch_one() -> None:
    from click.testing import CliRunner

    runner = CliRunner()
    typo = runner.invoke(cli, ["check", "--strct"]).output
    assert "Onbekende optie '--strct'. Bedoelde u '--streng'?" in typo
    assert "--strict" not in typo
    english = runner.invoke(cli, ["publish", "--dryrun"]).output
    assert "Bedoelde u '--proef'?" in english
