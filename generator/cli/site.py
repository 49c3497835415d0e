"""`buurtsite build` and `buurtsite serve` (owned by the site work, issue 3)."""

from __future__ import annotations

from pathlib import Path

import click

from generator import pipeline
from generator.cli.common import config_option, console, handle_errors


@click.command()
@config_option
@click.option(
    "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Map voor de gebouwde site (standaard: site/ naast site_config.yml).",
)
@handle_errors
def build(config_path: Path, out_dir: Path | None) -> None:
    """Bouw de site (weigert zolang `buurtsite check` fouten meldt)."""
    catalog = pipeline.checked(config_path)
    console.print(f"{len(catalog.profiles)} profielen gecontroleerd", markup=False)


@click.command()
@config_option
@click.option("--gemeente", "gemeente_slug", default=None, help="Bekijk alleen deze gemeente.")
@handle_errors
def serve(config_path: Path, gemeente_slug: str | None) -> None:
    """Bekijk de site live in de browser terwijl u profielen bewerkt."""
    pipeline.checked(config_path)
