"""`buurtsite report`: progress per gemeente and nationally, from what was recorded."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from generator import pipeline
from generator.cli.common import config_option, console, handle_errors
from generator.errors import ConfigError


def _date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is geen datum; gebruik JJJJ-MM-DD") from None


@click.command()
@click.option("--gemeente", "gemeente_slug", default=None, help="Alleen deze gemeente (slug).")
@click.option(
    "--van", "start", callback=_date, help="Begin van de periode (JJJJ-MM-DD); standaard 1 januari."
)
@click.option(
    "--tot",
    "end",
    callback=_date,
    help="Eind van de periode, inclusief (JJJJ-MM-DD); standaard vandaag.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["html", "md", "csv"]),
    default="md",
    show_default=True,
    help="HTML (met grafieken), Markdown of CSV.",
)
@click.option(
    "--uitvoer",
    "out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Schrijf naar dit bestand in plaats van naar het scherm.",
)
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
