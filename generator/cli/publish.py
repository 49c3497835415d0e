"""`buurtsite publish` and `buurtsite publish status` (the publisher work, issue 5)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import click
from rich.table import Table

from generator import pipeline
from generator.cli.common import (
    config_option,
    console,
    err_console,
    gemeente_option,
    handle_errors,
    option,
)
from generator.cli.common import format_option as _format_option
from generator.errors import ConfigError
from generator.publish.facebook import GraphClient, GraphError
from generator.publish.ledger import Ledger, PostState
from generator.publish.planner import Kind, Plan, make_plan, screen
from generator.publish.runner import ImageFor, Outcome, Result, Runner, card_images
from generator.publish.tokens import Token, load_tokens, renew_hint
from generator.settings import data_dir
from generator.validate import Catalog

format_option = _format_option(
    ["text", "json"], "text", "Uitvoer als tekst of als één JSON-object per regel."
)


@click.group(invoke_without_command=True)
@config_option
@option(
    "--proef", "dry_run", is_flag=True, help="Laat alleen zien wat er zou gebeuren; plaatst niets."
)
@gemeente_option
@option("--profiel", "profile_id", default=None, metavar="ID", help="Alleen dit zoekprofiel (id).")
@format_option
@click.pass_context
@handle_errors
def publish(
    ctx: click.Context,
    config_path: Path,
    dry_run: bool,
    gemeente_slug: str | None,
    profile_id: str | None,
    fmt: str,
) -> None:
    """Zet zoekprofielen op de Facebookpagina's van de gemeenten.

    Elk open profiel komt precies één keer op de pagina van zijn gemeente; gekoppelde en
    gesloten profielen worden bijgewerkt of verwijderd. Exitcode 1 als iets mislukte.
    """
    if ctx.invoked_subcommand:
        return
    catalog = pipeline.check(config_path)
    _check_filters(catalog, gemeente_slug, profile_id)
    folder = data_dir()
    ledger = _open_ledger(folder, dry_run)
    with ledger:
        plan = screen(catalog, make_plan(catalog, ledger, gemeente_slug, profile_id))
        image_for = (
            card_images(catalog, folder / "publish-images")
            if catalog.settings.facebook.post_type == "foto"
            and any(a.kind is Kind.CREATE for a in plan.actions)
            else None
        )
        if dry_run:
            _print_plan(plan, fmt, image_for)
            if plan.refusals:
                raise SystemExit(1)
            return
        pages = sorted({a.page_id for a in plan.actions})
        runner = Runner(catalog, ledger, load_tokens(pages), image_for)
        outcomes = runner.run(plan)
    _print_outcomes(outcomes, fmt)
    if any(o.result in (Result.FAILED, Result.REFUSED) for o in outcomes):
        raise SystemExit(1)


def _check_filters(catalog: Catalog, gemeente: str | None, profile_id: str | None) -> None:
    settings = catalog.settings
    if gemeente:
        settings.require_gemeente(gemeente)
    if profile_id and catalog.profile(profile_id) is None:
        raise ConfigError(
            f"geen geldig zoekprofiel met id '{profile_id}' (bestaat het, en geeft "
            "`buurtsite check` geen fouten in de opbouw?)"
        )


def _open_ledger(folder: Path, dry_run: bool) -> Ledger:
    if dry_run:
        # A dry run leaves no trace: it reads a copy of the ledger, or an empty one.
        return Ledger.snapshot(folder)
    return Ledger.in_dir(folder)


def _print_plan(plan: Plan, fmt: str, image_for: ImageFor | None) -> None:
    for action in plan.actions:
        image = None
        if action.kind is Kind.CREATE and image_for is not None:
            path = image_for(action.profile_id)
            image = str(path) if path else None
        if fmt == "json":
            click.echo(json.dumps(action.as_json(image), ensure_ascii=False))
            continue
        verb = {
            Kind.CREATE: "plaatsen",
            Kind.EDIT: "bijwerken (gekoppeld/gesloten)",
            Kind.DELETE: "verwijderen",
            Kind.UPDATE: "tekst bijwerken",
        }[action.kind]
        console.print(
            f"{action.profile_id} ({action.gemeente}) -> pagina {action.page_id}: {verb}",
            style="bold",
            markup=False,
        )
        if action.recover:
            console.print("  eerst zoeken naar een eerder, onbevestigd bericht", markup=False)
        if image:
            console.print(f"  afbeelding: {image}", markup=False)
        if action.message:
            for line in action.message.splitlines():
                console.print(f"  | {line}", markup=False)
    for refusal in plan.refusals:
        if fmt == "json":
            record = {
                "action": "refuse",
                "profile_id": refusal.profile_id,
                "gemeente": refusal.gemeente,
                "page_id": refusal.page_id,
                "message": None,
                "link": None,
                "image": None,
                "reason": refusal.reason,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            err_console.print(
                f"{refusal.profile_id}: geweigerd: {refusal.reason}", style="red", markup=False
            )
    if fmt == "text":
        console.print(
            f"proefrun: {len(plan.actions)} actie(s), {len(plan.refusals)} geweigerd; "
            "er is niets geplaatst",
            markup=False,
        )


def _print_outcomes(outcomes: list[Outcome], fmt: str) -> None:
    if fmt == "json":
        for o in outcomes:
            record = {
                "action": o.action,
                "profile_id": o.profile_id,
                "gemeente": o.gemeente,
                "page_id": o.page_id,
                "result": o.result.value,
                "post_id": o.post_id,
                "message": o.message,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    table = Table(title="Facebook-publicatie")
    for column in ("profiel", "gemeente", "pagina", "actie", "resultaat", "toelichting"):
        table.add_column(column, overflow="fold")
    styles = {Result.FAILED: "red", Result.REFUSED: "red", Result.SKIPPED: "yellow"}
    for o in outcomes:
        table.add_row(
            o.profile_id,
            o.gemeente,
            o.page_id or "-",
            o.action,
            o.result.dutch,
            o.message,
            style=styles.get(o.result),
        )
    console.print(table)
    counts = {r: sum(1 for o in outcomes if o.result is r) for r in Result}
    summary = ", ".join(f"{n} {r.dutch}" for r, n in counts.items() if n) or "niets te doen"
    console.print(f"samenvatting: {summary}", markup=False)


@publish.command()
@config_option
@format_option
@handle_errors
def status(config_path: Path, fmt: str) -> None:
    """Per Facebookpagina: is het token geldig, het laatste bericht en wat er nog openstaat."""
    catalog = pipeline.check(config_path)
    folder = data_dir()
    with Ledger.snapshot(folder) as ledger:
        plan = make_plan(catalog, ledger)
        pages = sorted({g.facebook_page for g in catalog.settings.gemeenten if g.facebook_page})
        tokens = load_tokens(pages)
        rows = []
        for page_id in pages:
            names = ", ".join(
                g.name for g in catalog.settings.gemeenten if g.facebook_page == page_id
            )
            last = ledger.last_post(page_id)
            uncertain = sum(1 for p in ledger.posts(page_id) if p.state is PostState.PENDING)
            pending = sum(1 for a in plan.actions if a.page_id == page_id)
            rows.append(
                {
                    "page_id": page_id,
                    "gemeenten": names,
                    "token": _token_state(tokens.get(page_id), catalog, page_id),
                    "last_post": last.at if last else None,
                    "last_post_id": last.post_id if last else None,
                    "pending": pending,
                    "uncertain": uncertain,
                }
            )
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title="Facebookpagina's")
    for column in ("pagina", "gemeenten", "token", "laatste bericht", "te doen", "onzeker"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(
            str(row["page_id"]),
            str(row["gemeenten"]),
            str(row["token"]),
            f"{row['last_post'] or '-'} {row['last_post_id'] or ''}".strip(),
            str(row["pending"]),
            str(row["uncertain"]),
        )
    console.print(table)


def _token_state(token: Token | None, catalog: Catalog, page_id: str) -> str:
    if token is None:
        return "geen token. " + renew_hint(page_id)
    fb = catalog.settings.facebook
    try:
        with GraphClient(token, fb.graph_version, fb.timeout_seconds) as client:
            info = client.token_info()
    except GraphError as exc:
        return f"niet te controleren: {exc.message}"
    if not info.valid:
        return "ongeldig of verlopen. " + renew_hint(page_id)
    if info.expires_at:
        when = datetime.fromtimestamp(info.expires_at, UTC).strftime("%d-%m-%Y")
        return f"geldig tot {when}"
    return "geldig (verloopt niet)"
