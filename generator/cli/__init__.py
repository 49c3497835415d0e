"""The command line: the only place that prints, exits, or turns errors into exit codes.

Each group of commands lives in its own module here; this module assembles them. A command's
module is imported only when that command runs (or when help lists it): `buurtsite check`
should not pay for the sign-up server's, the publisher's and the database's imports.
"""

from __future__ import annotations

import difflib
import importlib

import click

from generator.cli import dutch
from generator.cli.common import ENGLISH_ALIASES, DutchOption

dutch.install({alias: name for name, aliases in ENGLISH_ALIASES.items() for alias in aliases})


# command name -> (module in generator.cli, attribute); `--help` lists them sorted, as before.
COMMANDS = {
    "check": ("profiles", "check"),
    "new": ("profiles", "new"),
    "build": ("site", "build"),
    "serve": ("site", "serve"),
    "publish": ("publish", "publish"),
    "forms": ("forms", "forms"),
    "report": ("report", "report"),
    "productie": ("production", "production"),
    "backup": ("ops", "backup"),
    "herstel": ("ops", "restore"),
    "restore": ("ops", "restore_alias"),
    "print": ("print", "print_matter"),
}

# hidden English alias -> the Dutch command it stands for
HIDDEN_COMMANDS = {"restore": "herstel"}


class LazyGroup(click.Group):
    """A group whose commands are imported on first use, each given the Dutch usage line."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f"generator.cli.{module}"), attribute)
            dutch.dutch_usage(command)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.exceptions.NoSuchCommand as error:
            # Click suggests from the commands loaded so far; suggest from all of them, naming
            # the Dutch command for a hidden English alias (as for options).
            close = difflib.get_close_matches(error.command_name, COMMANDS)
            dutch_names = list(dict.fromkeys(HIDDEN_COMMANDS.get(name, name) for name in close))
            suggestion = click.exceptions.NoSuchCommand(error.command_name, ctx=ctx)
            setattr(suggestion, "possibilities", dutch_names or None)  # noqa: B010 (Final)
            raise suggestion from None


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(
    None,
    "--versie",
    "--version",
    package_name="buurtsite",
    message="buurtsite %(version)s",
    cls=DutchOption,
    help="Toon de versie en stop.",
)
def cli() -> None:
    """buurtsite: zoekprofielen van Buurtgezinnen controleren, publiceren en delen."""


dutch.dutch_usage(cli)


def main() -> None:
    cli(prog_name="buurtsite")
