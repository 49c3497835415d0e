"""The one plan a run carries out: per-profile decisions, then what each Page allows today.

``plan_run`` is what both `publish` and `publish --dry-run` use, so a dry run shows exactly
what a real run would do. On top of ``planner.make_plan`` it applies, in this order:

1. the privacy gate over every text that would reach Facebook (``planner.screen``);
2. Pages without a token: their actions are held, and a run reports them as failed;
3. the daily cap (``facebook.max_per_dag``) on new posts per Page: the rest is held until a
   later run. The cap counts what the ledger recorded today (``Ledger.created_on``), so a run
   later the same day continues where the cap left off.

No network and no secrets: only whether a Page has a token is known here.
"""

from __future__ import annotations

from collections.abc import Collection

from generator.publish.ledger import Ledger
from generator.publish.planner import Action, Held, Kind, Plan, make_plan, screen
from generator.publish.tokens import renew_hint
from generator.settings import Settings
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
) -> Plan:
    """Everything a run does now, and everything it holds back or refuses, with reasons."""
    plan = screen(catalog, make_plan(catalog, ledger, gemeente, profile_id))
    plan = _hold_without_token(catalog, plan, token_pages)
    return _apply_daily_cap(catalog, ledger, plan)


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
    kept: list[Action] = []
    held = list(plan.held)
    for action in plan.actions:
        # A create whose earlier attempt today is still unconfirmed already holds its slot:
        # the lookup either finds that post, or proves it absent and frees the slot first.
        if action.kind is Kind.CREATE and not ledger.create_counted(action.profile_id, today):
            count = used.setdefault(action.page_id, ledger.created_on(action.page_id, today))
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
