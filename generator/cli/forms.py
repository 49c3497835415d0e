"""`buurtsite forms ...`: the sign-up server, export, retention, users and the mail queue."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from sqlalchemy import Engine

from generator import pipeline
from generator.cli.common import (
    FORMS_PORT,
    config_option,
    console,
    err_console,
    format_option,
    handle_errors,
    option,
    output_option,
)
from generator.errors import ConfigError
from generator.validate import load_project


@contextmanager
def _engine() -> Iterator[Engine]:
    from generator.forms.migrate import database_url, upgrade
    from generator.forms.store import make_engine

    engine = make_engine(database_url())
    try:
        upgrade(engine)
        yield engine
    finally:
        engine.dispose()


@click.group()
def forms() -> None:
    """Het aanmeldformulier: server, export, opschonen en gebruikers."""


@forms.command()
@config_option
@option("--adres", "host", default="127.0.0.1", show_default=True, help="Adres om op te luisteren.")
@option("--poort", "port", default=FORMS_PORT, show_default=True, type=int, help="Poort.")
@handle_errors
def serve(config_path: Path, host: str, port: int) -> None:
    """Start de server die aanmeldingen ontvangt, met de backoffice op /backoffice.

    Nodig in de omgeving: BUURTSITE_SECRET_KEY. Optioneel: DATABASE_URL (PostgreSQL),
    BUURTSITE_SMTP_URL, BUURTSITE_FORMS_RATE_LIMIT (bv. 10/minute of off),
    BUURTSITE_TRUSTED_PROXIES (het adres van uw reverse proxy).
    """
    import uvicorn

    from generator.forms.app import Runtime, create_app

    catalog = pipeline.check(config_path)
    runtime = Runtime.from_env()
    app = create_app(catalog, runtime)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    console.print(f"aanmeldingen op http://{host}:{port}", markup=False)
    # No access log: it would tie visitors' IP addresses to what they did.
    # httptools (C parser) gave 10-20% more posts/s than h11 in bench/forms_load.py;
    # BUURTSITE_FORMS_HTTP=h11 forces the pure-Python parser for comparison.
    http = os.environ.get("BUURTSITE_FORMS_HTTP", "auto")
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,
        log_level="warning",
        http=http,
        **runtime.uvicorn_options(),
    )


@forms.command("export")
@config_option
@option("--gemeente", "gemeente_slug", default=None, metavar="SLUG", help="Alleen deze gemeente.")
@format_option(["csv", "json"], "csv", "Bestandsformaat.")
@output_option()
@handle_errors
def export_cmd(config_path: Path, gemeente_slug: str | None, fmt: str, output: Path | None) -> None:
    """Exporteer aanmeldingen als CSV of JSON (wordt vastgelegd in het logboek)."""
    from generator.forms import export

    project = load_project(config_path)
    if gemeente_slug:
        project.settings.require_gemeente(gemeente_slug)
    with _engine() as engine:
        rows = export.rows_for(engine, None, gemeente_slug, "opdrachtregel", fmt)
    text = export.render(rows, fmt)
    if output:
        output.write_text(text, encoding="utf-8")
        err_console.print(f"{len(rows)} aanmelding(en) geschreven naar {output}", markup=False)
    else:
        click.echo(text, nl=False)


@forms.command()
@config_option
@handle_errors
def purge(config_path: Path) -> None:
    """Verwijder aanmeldingen waarvan de bewaartermijn voorbij is."""
    from generator.forms.purge import purge as run_purge

    months = load_project(config_path).settings.forms.retention_months
    with _engine() as engine:
        counts = run_purge(engine, months, actor="opdrachtregel")
    total = sum(counts.values())
    detail = ", ".join(f"{slug}: {n}" for slug, n in counts.items())
    console.print(
        f"{total} aanmelding(en) verwijderd (bewaartermijn {months} maanden)"
        + (f" — {detail}" if detail else ""),
        markup=False,
    )


@forms.command()
@click.argument("gebruiker", metavar="GEBRUIKER")
@config_option
@option(
    "--rol",
    type=click.Choice(["coordinator", "backoffice"], case_sensitive=False),
    default="coordinator",
    show_default=True,
    help="coordinator ziet alleen haar gemeenten; backoffice ziet alles.",
)
@option(
    "--gemeente", "gemeenten", multiple=True, metavar="SLUG", help="Gemeente (meerdere keren mag)."
)
@handle_errors
def adduser(gebruiker: str, config_path: Path, rol: str, gemeenten: tuple[str, ...]) -> None:
    """Voeg een backoffice-gebruiker toe; het wachtwoord wordt gevraagd (of via stdin gelezen)."""
    from generator.backoffice.accounts import add_user

    settings = load_project(config_path).settings
    unknown = [g for g in gemeenten if settings.gemeente(g) is None]
    if unknown:
        raise ConfigError(f"onbekende gemeente(n): {', '.join(unknown)}")
    password = click.prompt("Wachtwoord", hide_input=True, confirmation_prompt="Nog een keer")
    with _engine() as engine:
        add_user(engine, gebruiker, password, rol, gemeenten)
    console.print(f"gebruiker '{gebruiker}' toegevoegd ({rol})", markup=False)


@forms.command()
@click.argument("gebruiker", metavar="GEBRUIKER")
@config_option
@handle_errors
def passwd(gebruiker: str, config_path: Path) -> None:
    """Geef een gebruiker een nieuw wachtwoord; al haar sessies worden beëindigd."""
    from generator.backoffice.accounts import set_password

    del config_path  # every command takes --config; this one needs only the database

    password = click.prompt("Nieuw wachtwoord", hide_input=True, confirmation_prompt="Nog een keer")
    with _engine() as engine:
        set_password(engine, gebruiker, password)
    console.print(
        f"wachtwoord van '{gebruiker}' gewijzigd; haar sessies zijn beëindigd", markup=False
    )


@forms.command()
@click.argument("gebruiker", metavar="GEBRUIKER")
@config_option
@handle_errors
def deluser(gebruiker: str, config_path: Path) -> None:
    """Verwijder een backoffice-gebruiker; al haar sessies worden beëindigd."""
    from generator.backoffice.accounts import remove_user

    del config_path  # every command takes --config; this one needs only the database

    with _engine() as engine:
        remove_user(engine, gebruiker)
    console.print(f"gebruiker '{gebruiker}' verwijderd; haar sessies zijn beëindigd", markup=False)


@forms.command("send-mail")
@config_option
@handle_errors
def send_mail(config_path: Path) -> None:
    """Verstuur één keer de e-mails die in de wachtrij staan (BUURTSITE_SMTP_URL)."""
    from generator.forms.outbox import Smtp, send_pass

    smtp = Smtp.from_env()
    if smtp is None:
        raise ConfigError("BUURTSITE_SMTP_URL ontbreekt; zet bv. smtp://127.0.0.1:25")
    settings = load_project(config_path).settings
    with _engine() as engine:
        sent = send_pass(engine, settings, smtp)
    console.print(f"{sent} e-mail(s) verstuurd", markup=False)


@forms.command()
@config_option
@handle_errors
def migrate(config_path: Path) -> None:
    """Breng de database van de aanmeldingen bij naar de nieuwste versie."""
    load_project(config_path)  # like every forms command: a broken configuration stops here
    with _engine():
        pass
    console.print("database is bijgewerkt", markup=False)
