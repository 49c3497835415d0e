"""`buurtsite productie`: the site, the sign-up endpoint, the backoffice and the jobs in one process."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from generator import pipeline
from generator.cli.common import config_option, handle_errors, option
from generator.errors import ConfigError

PRODUCTION_PORT = 8080


@click.command("productie")
@config_option
@option(
    "--adres",
    "host",
    default="127.0.0.1",
    show_default=True,
    help="Adres om op te luisteren; laat de reverse proxy ervoor staan.",
)
@option("--poort", "port", default=PRODUCTION_PORT, show_default=True, type=int, help="Poort.")
@option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="MAP",
    help="De gebouwde site (standaard: site/ naast site_config.yml, zoals `buurtsite build`).",
)
@option(
    "--logformaat",
    "log_fmt",
    type=click.Choice(["tekst", "json"]),
    default=None,
    help="tekst, of json: één JSON-object per regel (standaard: BUURTSITE_LOG_FORMAT of tekst).",
)
@handle_errors
def production(
    config_path: Path, host: str, port: int, site_dir: Path | None, log_fmt: str | None
) -> None:
    """Draai de site, het aanmeldformulier (/aanmelden), de backoffice (/backoffice) en de
    achtergrondtaken in één proces, achter een reverse proxy die HTTPS doet.

    De database wordt bij de start bijgewerkt. Gezondheid (JSON): /gezondheid.
    Nodig in de omgeving: BUURTSITE_SECRET_KEY; zie docs/productie.md.
    """
    import uvicorn

    from generator.forms.runtime import Runtime
    from generator.server import logs
    from generator.server.app import Production
    from generator.settings import data_dir

    logs.configure(logs.log_format(log_fmt))
    catalog = pipeline.check(config_path)
    site = (site_dir or catalog.project.root / "site").resolve()
    if not (site / "index.html").is_file():
        raise ConfigError(
            f"er is geen gebouwde site in {site}; bouw die eerst met `buurtsite build`"
        )
    runtime = Runtime.from_env()
    app = Production(catalog, runtime, site, data_dir())
    if runtime.background:  # publishing and the nightly backup, each under a lease
        from generator.ops.jobs import production_scheduler

        engine = app.forms.state.forms.engine
        source = lambda: pipeline.check(config_path)  # noqa: E731 - a fresh catalogue per run
        app.jobs = (production_scheduler(engine, catalog.settings, source, data_dir()).run,)
    logging.getLogger("buurtsite.server").info(
        "buurtsite productie op http://%s:%d (site uit %s)", host, port, site
    )
    # No access log: it would tie visitors' IP addresses to what they did.
    uvicorn.run(
        app,
        host=host,
        port=port,
        access_log=False,
        log_config=None,
        log_level="info",
        lifespan="on",
        **runtime.uvicorn_options(),
    )
