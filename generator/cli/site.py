"""`buurtsite build` and `buurtsite serve`: the site from the command line."""

from __future__ import annotations

import time
from pathlib import Path

import click

from generator import pipeline
from generator.cli.common import (
    SITE_PORT,
    config_option,
    console,
    handle_errors,
    option,
    print_findings,
)


@click.command()
@config_option
@option(
    "--uitvoer",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="MAP",
    help="Map voor de gebouwde site (standaard: site/ naast site_config.yml).",
)
@handle_errors
def build(config_path: Path, out_dir: Path | None) -> None:
    """Bouw de site (weigert zolang `buurtsite check` fouten meldt)."""
    from generator.build import build_site
    from generator.preview import describe

    started = time.perf_counter()
    catalog = pipeline.checked(config_path)
    root = catalog.project.root
    site_dir = (out_dir or root / "site").resolve()
    result = build_site(catalog, site_dir, root / "build" / "staged", root / ".cache" / "kaarten")
    seconds = time.perf_counter() - started
    console.print(
        f"site {describe(result)}: {result.pages} pagina's in {site_dir} ({seconds:.1f} s)",
        markup=False,
    )


@click.command()
@config_option
@option(
    "--gemeente", "gemeente_slug", default=None, metavar="SLUG", help="Bekijk alleen deze gemeente."
)
@option(
    "--poort",
    "port",
    type=int,
    default=SITE_PORT,
    show_default=True,
    help="Poort op 127.0.0.1 waarop het voorbeeld te zien is.",
)
@handle_errors
def serve(config_path: Path, gemeente_slug: str | None, port: int) -> None:
    """Bekijk de site live in de browser terwijl u profielen bewerkt.

    Elke keer dat u een profiel opslaat, wordt de pagina opnieuw gebouwd en ververst de
    browser vanzelf. Met --gemeente bouwt u alleen die gemeente: dat gaat veel sneller.
    """
    from generator.preview import Preview, Rebuild

    catalog = pipeline.checked(config_path)
    if gemeente_slug:
        catalog.settings.require_gemeente(gemeente_slug)
    preview = Preview(config_path, gemeente_slug)

    def report(result: Rebuild) -> None:
        # The message ends in "zie hieronder": the findings come after it, in full.
        console.print(result.message, markup=False, style=None if result.ok else "bold red")
        print_findings(result.findings)

    report(preview.rebuild())
    console.print(f"voorbeeld op http://127.0.0.1:{port}/ — stop met Ctrl+C", markup=False)
    preview.serve(port, on_rebuild=report)
