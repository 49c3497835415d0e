"""The one plan a run carries out: per-profile decisions, then what each Page allows today.

``plan_run`` is what both `publish` and `publish --dry-run` use, so a dry run shows exactly
what a real run would do. On top of ``planner.make_plan`` it applies, in this order:

1. the privacy gate over every text that would reach Facebook (``planner.screen``);
2. Pages without a token: their actions are held, and a run reports them as failed;
3. the posting windows (``facebook.tijdvakken``, or a gemeente's ``facebook_tijdvakken``): a new
   post outside its gemeente's window is held until the window opens. Edits, deletions and
   lookups go ahead at once: a filled profile must not stay "open" on Facebook overnight;
4. the daily cap (``facebook.max_per_dag``) on new posts per Page: the rest is held until a
   later run. The cap counts what the ledger recorded today (``Ledger.created_on``), so a run
   later the same day continues where the cap left off.

``next_publish_run`` says when the production server's scheduler runs the plan next.

No network and no secrets: only whether a Page has a token is known here.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import UTC, datetime, timedelta

from generator.publish.ledger import Ledger
from generator.publish.planner import Action, Held, Kind, Plan, make_plan, screen
from generator.publish.tokens import renew_hint
from generator.settings import Settings
from generator.timewindows import Window, is_open, next_open, parse_window, zone
from generator.validate import Catalog


def page_name(settings: Settings, page_id: str) -> str:
    """``page_id (Gemeente, ...)``: the Page as coordinators know it."""
    names = [g.name for g in settings.gemeenten if g.facebook_page == page_id]
    return f"{page_id} ({', '.join(names)})" if names else page_id


def no_token_reason(settings: Settings, page_id: str) -> str:
    return f"geen token voor Facebookpagina {page_name(settings, page_id)}. " + renew_hint(page_id)


def known_pages(catalog: Catalog, ledger: Ledger) -> list[str]:
    """Every Page a run could touch: the gemeenten's Pages and those with recorded posts."""
    pages = {g.facebook_page for g in catalog.settings.gemeenten if g.facebook_page}
    pages.update(p.page_id for p in ledger.posts())
    return sorted(pages)


def plan_run(
    catalog: Catalog,
    ledger: Ledger,
    token_pages: Collection[str],
    gemeente: str | None = None,
    profile_id: str | None = None,
    now: datetime | None = None,
) -> Plan:
    """Everything a run does now, and everything it holds back or refuses, with reasons."""
    plan = screen(catalog, make_plan(catalog, ledger, gemeente, profile_id))
    plan = _hold_without_token(catalog, plan, token_pages)
    plan = _hold_outside_window(catalog.settings, plan, now or datetime.now(UTC))
    return _apply_daily_cap(catalog, ledger, plan)


def windows_of(settings: Settings, gemeente: str) -> tuple[Window, ...]:
    """The gemeente's own posting windows, else the national ones (empty: always open)."""
    found = settings.gemeente(gemeente)
    texts = settings.facebook.windows
    if found is not None and found.facebook_windows is not None:
        texts = found.facebook_windows
    return tuple(parse_window(t) for t in texts)


def _hold_outside_window(settings: Settings, plan: Plan, now: datetime) -> Plan:
    tz = zone(settings.site.timezone)
    kept: list[Action] = []
    held = list(plan.held)
    for action in plan.actions:
        windows = windows_of(settings, action.gemeente)
        if action.kind is not Kind.CREATE or is_open(windows, now, tz):
            kept.append(action)
            continue
        opens = next_open(windows, now, tz).astimezone(tz)
        reason = (
            f"buiten het tijdvak ({', '.join(w.text for w in windows)}); "
            f"wordt geplaatst vanaf {opens:%d-%m-%Y %H:%M}"
        )
        held.append(Held(action, reason, fails=False))
    return Plan(kept, plan.refusals, held)


def next_publish_run(settings: Settings, now: datetime) -> datetime:
    """When the scheduler's next publish run starts: the next whole multiple of
    ``facebook.run_elke_minuten`` (counted from midnight UTC) after ``now`` (aware).

    Runs go on outside the windows too, so that a filled profile is edited at once; a new post
    waits in the plan (``_hold_outside_window``) until its window opens.
    """
    every = timedelta(minutes=settings.facebook.run_every_minutes)
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + every * ((now - midnight) // every + 1)


def next_window_open(settings: Settings, now: datetime) -> datetime | None:
    """From when new posts go out again: ``now`` when some gemeente's window is open, else
    the earliest opening; None when no gemeente has a Facebook Page."""
    tz = zone(settings.site.timezone)
    openings = [
        next_open(windows_of(settings, g.slug), now, tz)
        for g in settings.gemeenten
        if g.facebook_page
    ]
    return min(openings) if openings else None


def _hold_without_token(catalog: Catalog, plan: Plan, token_pages: Collection[str]) -> Plan:
    kept: list[Action] = []
    held = list(plan.held)
    for action in plan.actions:
        if action.page_id in token_pages:
            kept.append(action)
        else:
            reason = no_token_reason(catalog.settings, action.page_id)
            held.append(Held(action, reason, fails=True))
    return Plan(kept, plan.refusals, held)


def _apply_daily_cap(catalog: Catalog, ledger: Ledger, plan: Plan) -> Plan:
    cap = catalog.settings.facebook.daily_cap
    today = catalog.today
    used: dict[str, int] = {}
    unconfirmed = ledger.unconfirmed_creates(today)
    kept: list[Action] = []
    held = list(plan.held)
    for action in plan.actions:
        # A create whose earlier attempt today is still unconfirmed already holds its slot:
        # the lookup either finds that post, or proves it absent and frees the slot first.
        if action.kind is Kind.CREATE and action.profile_id not in unconfirmed:
            if action.page_id not in used:  # one query per Page (setdefault would ask per post)
                used[action.page_id] = ledger.created_on(action.page_id, today)
            count = used[action.page_id]
            if count >= cap:
                reason = (
                    f"daglimiet van {cap} nieuwe berichten voor deze pagina bereikt; "
                    "volgt bij een volgende run"
                )
                held.append(Held(action, reason, fails=False))
                continue
            used[action.page_id] = count + 1
        kept.append(action)
    return Plan(kept, plan.refusals, held)
