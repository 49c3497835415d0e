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
from generator.publish.planner import Action, Kind, Plan, make_plan
from generator.publish.runner import ImageFor, Outcome, Result, Runner, card_images
from generator.publish.schedule import known_pages, page_name, plan_run
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

    Alleen een open profiel krijgt een nieuw bericht (tenzij facebook.publiceren uit staat),
    precies één keer, op de pagina van zijn gemeente; hooguit facebook.max_per_dag nieuwe
    berichten per pagina per dag, de rest volgt bij een volgende run. Nieuwe berichten komen
    alleen binnen facebook.tijdvakken (of die van de gemeente); bijwerken gebeurt meteen. Een profiel in gesprek krijgt geen nieuw bericht; een bestaand bericht
    blijft dan staan. Is het profiel gekoppeld, gesloten of verlopen, dan wordt het bericht
    bijgewerkt of verwijderd (facebook.bij_gekoppeld). Een proefrun laat precies dit zien,
    ook pagina's zonder token. Exitcode 1 als iets mislukte of zou mislukken.
    """
    if ctx.invoked_subcommand:
        return
    catalog = pipeline.check(config_path)
    _check_filters(catalog, gemeente_slug, profile_id)
    folder = data_dir()
    ledger = _open_ledger(folder, dry_run)
    with ledger:
        tokens = load_tokens(known_pages(catalog, ledger))
        plan = plan_run(catalog, ledger, tokens.keys(), gemeente_slug, profile_id)
        image_for = (
            card_images(catalog, folder / "publish-images")
            if catalog.settings.facebook.post_type == "foto"
            and any(a.kind is Kind.CREATE for a in plan.actions)
            else None
        )
        if dry_run:
            _print_plan(catalog, plan, fmt, image_for)
            if plan.refusals or any(h.fails for h in plan.held):
                raise SystemExit(1)
            return
        outcomes = Runner(catalog, ledger, tokens, image_for).run(plan)
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


VERBS = {
    Kind.CREATE: "plaatsen",
    Kind.EDIT: "bijwerken (gekoppeld/gesloten)",
    Kind.DELETE: "verwijderen",
    Kind.UPDATE: "tekst bijwerken",
    Kind.RECOVER: "zoeken naar een eerder, onbevestigd bericht (plaatst niets nieuws)",
}


def _print_plan(catalog: Catalog, plan: Plan, fmt: str, image_for: ImageFor | None) -> None:
    entries = [(a, "planned", "") for a in plan.actions]
    entries += [(h.action, "failed" if h.fails else "skipped", h.reason) for h in plan.held]
    for action, result, reason in entries:
        image = None
        if action.kind is Kind.CREATE and image_for is not None:
            path = image_for(action.profile_id)
            image = str(path) if path else None
        if fmt == "json":
            record = {**action.as_json(image), "result": result, "reason": reason or None}
            click.echo(json.dumps(record, ensure_ascii=False))
        elif result == "failed":
            _print_action(action, image, "mislukt in een echte run: geen token (zie 'let op')")
        else:
            _print_action(action, image, f"niet in deze run: {reason}" if reason else "")
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
                "result": "refused",
                "reason": refusal.reason,
            }
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            err_console.print(
                f"{refusal.profile_id}: geweigerd: {refusal.reason}", style="red", markup=False
            )
    if fmt == "text":
        _print_plan_summary(catalog, plan)


def _print_action(action: Action, image: str | None, note: str) -> None:
    console.print(
        f"{action.profile_id} ({action.gemeente}) -> pagina {action.page_id}: {VERBS[action.kind]}",
        style="bold",
        markup=False,
    )
    if note:
        console.print(f"  {note}", style="yellow", markup=False)
    if action.recover:
        console.print("  eerst zoeken naar een eerder, onbevestigd bericht", markup=False)
    if image:
        console.print(f"  afbeelding: {image}", markup=False)
    if action.message:
        for line in action.message.splitlines():
            console.print(f"  | {line}", markup=False)


def _print_plan_summary(catalog: Catalog, plan: Plan) -> None:
    without_token = sorted({h.action.page_id for h in plan.held if h.fails})
    for page_id in without_token:
        console.print(
            f"let op: voor Facebookpagina {page_name(catalog.settings, page_id)} is geen token "
            "ingesteld; een echte run plaatst daar niets en meldt die acties als mislukt. "
            + renew_hint(page_id),
            style="bold yellow",
            markup=False,
        )
    deferred = sum(1 for h in plan.held if not h.fails)
    failing = len(plan.held) - deferred
    console.print(
        f"proefrun: {len(plan.actions)} actie(s) te doen, {deferred} uitgesteld "
        f"(daglimiet), {failing} zonder token, {len(plan.refusals)} geweigerd; "
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
    styles = {Result.FAILED: "red", Result.REFUSED: "red", Result.SKIPPED: "yellow"}
    _print_rows(
        "Facebook-publicatie",
        ("profiel", "gemeente", "pagina", "actie", "resultaat", "toelichting"),
        [
            [o.profile_id, o.gemeente, o.page_id or "-", o.action, o.result.dutch, o.message]
            for o in outcomes
        ],
        [styles.get(o.result) for o in outcomes],
    )
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
            state, hint = _token_state(tokens.get(page_id), catalog, page_id)
            rows.append(
                {
                    "page_id": page_id,
                    "gemeenten": names,
                    "token": f"{state}. {hint}" if hint else state,
                    "token_state": state,
                    "token_hint": hint,
                    "last_post": last.at if last else None,
                    "last_post_id": last.post_id if last else None,
                    "pending": pending,
                    "uncertain": uncertain,
                }
            )
    if fmt == "json":
        for row in rows:
            record = {k: v for k, v in row.items() if k not in ("token_state", "token_hint")}
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    plain = _plain_output()
    _print_rows(
        "Facebookpagina's",
        ("pagina", "gemeenten", "token", "laatste bericht", "te doen", "onzeker"),
        [
            [
                str(row["page_id"]),
                str(row["gemeenten"]),
                str(row["token"] if plain else row["token_state"]),
                f"{row['last_post'] or '-'} {row['last_post_id'] or ''}".strip(),
                str(row["pending"]),
                str(row["uncertain"]),
            ]
            for row in rows
        ],
    )
    if not plain:  # the renewal hints are too long for a table cell: one line each below it
        for row in rows:
            if row["token_hint"]:
                console.print(f"{row['page_id']}: {row['token_hint']}", markup=False)


# Narrower than this, a table wraps its cells over many lines; outside a terminal (cron, CI,
# a log file) nobody sees a table's borders as such.
TABLE_MIN_WIDTH = 120


def _plain_output() -> bool:
    return not console.is_terminal or console.width < TABLE_MIN_WIDTH


def _print_rows(
    title: str,
    columns: tuple[str, ...],
    rows: list[list[str]],
    styles: list[str | None] | None = None,
) -> None:
    """A table on a wide terminal; elsewhere one plain line per row, never a wrapped cell."""
    if _plain_output():
        for row in rows:
            cells = [" ".join(cell.split()) or "-" for cell in row]
            labelled = [
                f"{name}: {cell}" for name, cell in zip(columns[1:], cells[1:], strict=True)
            ]
            click.echo(" | ".join([cells[0], *labelled]))
        return
    table = Table(title=title)
    for column in columns:
        table.add_column(column, overflow="fold")
    for index, row in enumerate(rows):
        table.add_row(*row, style=styles[index] if styles else None)
    console.print(table)


def _token_state(token: Token | None, catalog: Catalog, page_id: str) -> tuple[str, str | None]:
    """The token's state in a few words, and how to renew it when that is needed."""
    if token is None:
        return "geen token", renew_hint(page_id)
    fb = catalog.settings.facebook
    try:
        with GraphClient(token, fb.graph_version, fb.timeout_seconds) as client:
            info = client.token_info()
    except GraphError as exc:
        return f"niet te controleren: {exc.message}", None
    if not info.valid:
        return "ongeldig of verlopen", renew_hint(page_id)
    if info.expires_at:
        when = datetime.fromtimestamp(info.expires_at, UTC).strftime("%d-%m-%Y")
        return f"geldig tot {when}", None
    return "geldig (verloopt niet)", None
