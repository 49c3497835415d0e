"""The command line: the only place that prints, exits, or turns errors into exit codes.

Each group of commands lives in its own module here; this module assembles them.
"""

from __future__ import annotations

import click

from generator.cli import dutch, forms, ops, production, profiles, publish, report, site
from generator.cli import print as print_cmd
from generator.cli.common import ENGLISH_ALIASES, DutchOption

dutch.install({alias: name for name, aliases in ENGLISH_ALIASES.items() for alias in aliases})


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
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


cli.add_command(profiles.check)
cli.add_command(profiles.new)
cli.add_command(site.build)
cli.add_command(site.serve)
cli.add_command(publish.publish)
cli.add_command(forms.forms)
cli.add_command(report.report)
cli.add_command(production.production)
cli.add_command(ops.backup)
cli.add_command(ops.restore)
cli.add_command(ops.restore_alias)
cli.add_command(print_cmd.print_matter)
dutch.dutch_usage(cli)


def main() -> None:
    cli(prog_name="buurtsite")
