"""`buurtsite check` and `buurtsite new`: what a coordinator runs while writing profiles."""

from __future__ import annotations

import secrets
from pathlib import Path

import click

from generator import pipeline
from generator.cli.common import (
    config_option,
    console,
    err_console,
    format_option,
    handle_errors,
    option,
    print_findings,
)
from generator.errors import ConfigError, Severity
from generator.template import profile_template
from generator.validate import load_catalog, load_project, today

ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: ids are read aloud and typed


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PADEN]...")
@config_option
@format_option(["text", "json"], "text", "Uitvoer als tekst of als één JSON-object per melding.")
@option("--streng", "strict", is_flag=True, help="Ook waarschuwingen laten de controle mislukken.")
@handle_errors
def check(paths: tuple[Path, ...], config_path: Path, fmt: str, strict: bool) -> None:
    """Controleer site_config.yml en alle zoekprofielen (of alleen PADEN).

    Meldt elke fout en waarschuwing in één keer, met bestand, regel en kolom.
    Exitcode 0 als alles in orde is, 1 bij fouten of te controleren privacymeldingen (met
    --streng ook bij waarschuwingen).
    """
    catalog = pipeline.check(config_path, list(paths) or None)
    findings = catalog.report.sorted()
    print_findings(findings, fmt)
    checks = len(catalog.report.checks)
    errors = len(catalog.report.errors) - checks
    warnings = len(catalog.report.warnings)
    accepted = sum(1 for f in findings if f.severity is Severity.INFO)
    summary = f"{len(catalog.files)} profiel(en) gecontroleerd: {errors} fout(en), "
    if checks:
        summary += f"{checks} te controleren, "
    summary += f"{warnings} waarschuwing(en)"
    if accepted:
        summary += f", {accepted} geaccepteerde melding(en)"
    if checks:
        summary += (
            ". Te controleren meldingen houden publicatie tegen tot u bevestigt dat ze niet "
            "over het gezin gaan: zet de tekst met een reden onder `privacy: toegestaan`"
        )
    if fmt == "json":
        err_console.print(summary, markup=False)
    else:
        console.print(summary, style="bold red" if errors or checks else "green", markup=False)
    if errors or checks or (strict and warnings):
        raise SystemExit(1)


@click.command()
@option(
    "--gemeente",
    "gemeente_slug",
    required=True,
    metavar="SLUG",
    help="Slug van de gemeente, bv. haarlem.",
)
@option("--naam", metavar="NAAM", help="Bestandsnaam zonder .yml (standaard het nieuwe id).")
@config_option
@handle_errors
def new(gemeente_slug: str, naam: str | None, config_path: Path) -> None:
    """Maak een nieuw zoekprofiel met een vers id en de datum van vandaag."""
    project = load_project(config_path)
    gemeente = project.settings.require_gemeente(gemeente_slug)
    existing = {p.id for p in load_catalog(project).profiles}
    profile_id = fresh_id(gemeente.slug, existing)
    folder = project.profiles_dir / gemeente.slug
    target = folder / f"{naam or profile_id}.yml"
    if target.exists():
        raise ConfigError(f"{target} bestaat al; kies een andere --naam")
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(profile_template(profile_id, gemeente, today()), encoding="utf-8")
    console.print(f"nieuw zoekprofiel: {target}", markup=False)
    console.print(
        "vul het in, zet de status op 'open' als het klaar is, en draai 'buurtsite check'",
        markup=False,
    )


def fresh_id(gemeente_slug: str, existing: set[str]) -> str:
    """A new unique id such as ``haarlem-k3m9``."""
    while True:
        suffix = "".join(secrets.choice(ID_ALPHABET) for _ in range(4))
        candidate = f"{gemeente_slug}-{suffix}"
        if candidate not in existing:
            return candidate
