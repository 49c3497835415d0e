"""`buurtsite report`: progress per gemeente and nationally, from what was recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from generator import pipeline
from generator.cli.common import (
    DATE,
    DATE_HELP,
    config_option,
    console,
    format_option,
    gemeente_option,
    handle_errors,
    option,
    output_option,
)
from generator.errors import ConfigError


@click.command()
@gemeente_option
@option("--van", "start", type=DATE, help=f"Begin van de periode {DATE_HELP}; standaard 1 januari.")
@option(
    "--tot",
    "end",
    type=DATE,
    help=f"Eind van de periode, inclusief {DATE_HELP}; standaard vandaag.",
)
@format_option(["html", "md", "csv"], "md", "HTML (met grafieken), Markdown of CSV.")
@output_option("out")
@config_option
@handle_errors
def report(
    gemeente_slug: str | None,
    start: date | None,
    end: date | None,
    fmt: str,
    out: Path | None,
    config_path: Path,
) -> None:
    """Voortgangsrapportage: zoekprofielen, koppelingen tegen het doel, aanmeldingen, berichten.

    Alleen aantallen en doorlooptijden, nooit namen of contactgegevens; kleine aantallen per
    profiel of kanaal staan als '< 3'.
    """
    from generator.forms.migrate import database_url
    from generator.report import figures, output, sources
    from generator.settings import data_dir

    catalog = pipeline.check(config_path)
    end = end or catalog.today
    start = start or date(end.year, 1, 1)
    if start > end:
        raise ConfigError("--van ligt na --tot")
    chosen = list(catalog.settings.gemeenten)
    if gemeente_slug:
        chosen = [catalog.settings.require_gemeente(gemeente_slug)]
    result = figures.compute(
        catalog,
        start,
        end,
        sources.post_events(data_dir()),
        sources.signup_events(database_url()),
        chosen,
    )
    render = {"html": output.html, "md": output.markdown, "csv": output.csv_text}[fmt]
    text = render(result)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"rapportage geschreven naar {out}", markup=False)
