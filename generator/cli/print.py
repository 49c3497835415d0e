"""`buurtsite print`: posters, flyers and newspaper kits into a folder, for coordinators."""

from __future__ import annotations

from pathlib import Path

import click

from generator import pipeline
from generator.cli.common import config_option, console, handle_errors, option
from generator.errors import ConfigError, did_you_mean
from generator.model import PRINT_CHANNELS


@click.command("print")
@option(
    "--gemeente",
    "gemeente_slug",
    default=None,
    metavar="SLUG",
    help="Alleen deze gemeente (slug), met haar poster.",
)
@option(
    "--profiel",
    "profile_ids",
    multiple=True,
    metavar="ID",
    help="Alleen dit profiel (id); mag vaker.",
)
@option(
    "--kanaal",
    "channel",
    type=click.Choice([c for c in PRINT_CHANNELS if c in ("school", "markt")]),
    default=None,
    help="Waar u het drukwerk verspreidt (school, markt ...); staat in de QR-code, zodat de "
    "rapportage aanmeldingen via dit kanaal apart telt. Standaard: poster of flyer.",
)
@option(
    "--uitvoer",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="MAP",
    help="Map voor het drukwerk (standaard: drukwerk/ naast site_config.yml).",
)
@config_option
@handle_errors
def print_matter(
    gemeente_slug: str | None,
    profile_ids: tuple[str, ...],
    channel: str | None,
    out_dir: Path | None,
    config_path: Path,
) -> None:
    """Maak posters (A4), flyers (A5) en een krantenpakket per open zoekprofiel.

    Per gemeente komt er ook een poster met de open oproepen en een krantenbericht. Elke
    QR-code linkt naar de pagina op de site; gekoppelde en gesloten oproepen krijgen geen
    drukwerk.
    """
    from generator.printing import build_print

    catalog = pipeline.checked(config_path)
    settings = catalog.settings
    gemeenten = [settings.require_gemeente(gemeente_slug)] if gemeente_slug else None
    ids = list(profile_ids) or None
    for pid in ids or ():
        profile = catalog.profile(pid)
        if profile is None:
            hint = did_you_mean(pid, [p.id for p in catalog.profiles])
            raise ConfigError(
                f"onbekend profiel '{pid}'" + (f" — bedoelde u '{hint}'?" if hint else "")
            )
        if gemeente_slug and profile.gemeente != gemeente_slug:
            raise ConfigError(f"profiel '{pid}' hoort niet bij gemeente '{gemeente_slug}'")
    if ids and gemeenten is None:
        chosen = {p.gemeente for pid in ids if (p := catalog.profile(pid))}
        gemeenten = [g for g in settings.gemeenten if g.slug in chosen]
    root = catalog.project.root
    target = (out_dir or root / "drukwerk").resolve()
    result = build_print(catalog, target, root / ".cache" / "drukwerk", gemeenten, ids, channel)
    for pid, reason in result.skipped.items():
        if ids:
            console.print(f"geen drukwerk voor '{pid}': {reason}", markup=False)
    pdfs = sum(1 for f in result.files if f.endswith(".pdf"))
    console.print(
        f"drukwerk geschreven naar {target}: {pdfs} pdf's en {len(result.files) - pdfs} andere "
        f"bestanden ({result.rendered} nieuw getekend, {result.from_cache} ongewijzigd)",
        markup=False,
    )
