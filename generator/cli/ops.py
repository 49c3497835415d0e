"""`buurtsite backup` and `buurtsite herstel` (alias `restore`): the SQLite backups (issue 15)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from generator.cli.common import config_option, console, handle_errors, option
from generator.errors import ConfigError
from generator.validate import load_project

PG_HINT = (
    "De aanmeldingen staan in PostgreSQL (DATABASE_URL): maak daarvan een backup met pg_dump "
    "(zie docs/productie-backup.md). Deze backup bevat de SQLite-databases in "
    "BUURTSITE_DATA_DIR, zoals het Facebook-logboek."
)


def _on_postgres() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgresql")


@click.command("backup")
@config_option
@option("--lijst", "show_list", is_flag=True, help="Toon de bestaande backups; maak er geen.")
@handle_errors
def backup(config_path: Path, show_list: bool) -> None:
    """Maak nu een backup van de SQLite-databases in BUURTSITE_DATA_DIR/backups/.

    De server blijft draaien: de kopie wordt online gemaakt. Backups ouder dan
    backups.bewaardagen gaan weg (de nieuwste blijft altijd). De productieserver doet dit elke
    nacht zelf, op backups.tijdstip.
    """
    from generator.ops import backup as ops_backup
    from generator.settings import data_dir

    data = data_dir()
    if show_list:
        found = ops_backup.list_backups(data)
        if not found:
            console.print(f"nog geen backups in {data / ops_backup.BACKUPS}", markup=False)
        for b in found:
            names = ", ".join(sorted(b.files))
            console.print(f"{b.path.name}  {b.rows()} rijen  ({names})", markup=False)
        return
    settings = load_project(config_path).settings
    if _on_postgres():
        console.print(PG_HINT, markup=False)
    made = ops_backup.make_backup(data)
    gone = ops_backup.prune(data, settings.backup.keep_days)
    console.print(
        f"backup gemaakt: {made.path} ({len(made.files)} database(s), {made.rows()} rijen); "
        f"{len(gone)} oude backup(s) verwijderd",
        markup=False,
    )


@click.command("herstel")
@config_option
@click.argument("naam")
@option(
    "--naar",
    "target",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="MAP",
    help="Zet de databases in deze map (standaard: BUURTSITE_DATA_DIR).",
)
@option(
    "--overschrijven",
    "overwrite",
    is_flag=True,
    help="Vervang databases die er al staan. Stop eerst de server.",
)
@handle_errors
def restore(config_path: Path, naam: str, target: Path | None, overwrite: bool) -> None:
    """Zet een backup terug: NAAM is een map uit `buurtsite backup --lijst` of een pad.

    Stop eerst de server (bv. systemctl stop buurtsite) en start hem daarna weer; bij de start
    wordt de database zo nodig bijgewerkt. Bestaande databases worden alleen vervangen met
    --overschrijven.
    """
    from generator.ops import backup as ops_backup
    from generator.settings import data_dir

    data = data_dir()
    source = Path(naam)
    if not source.is_dir():
        source = data / ops_backup.BACKUPS / naam
    if not source.is_dir():
        raise ConfigError(
            f"backup '{naam}' niet gevonden; kies een naam uit `buurtsite backup --lijst`"
        )
    restored = ops_backup.restore(source, target or data, overwrite=overwrite)
    for path in restored:
        console.print(f"teruggezet: {path}", markup=False)
    if _on_postgres():
        console.print(PG_HINT, markup=False)


# The English name works too, without showing up twice in `buurtsite --help`.
restore_alias = click.Command(
    "restore",
    callback=restore.callback,
    params=restore.params,
    help=restore.help,
    hidden=True,
)
