"""Carries out a plan against the Graph API, recording every step in the ledger.

Recovery logic (the heart of exactly-once):

1. Before a create, ``Ledger.begin`` commits the intent and marks the profile's post
   ``pending``; after Facebook answers with an id, ``Ledger.finish`` stores it as ``live``.
2. A definite refusal (an API error that says nothing was stored) removes the pending mark.
   An unknown outcome (time-out, dropped connection, 5xx, unreadable answer) leaves it.
3. Whenever a profile's post is ``pending`` — on a retry in this run or in any later run —
   the runner first lists the Page's recent posts and looks for the profile's link. Found:
   the post id is recorded (``recovered``) and nothing is posted. Not found: the earlier
   attempt is recorded as failed (so it stops counting against the daily cap) and, for a
   profile that is still open, a new attempt follows; a profile in gesprek gets none.
   If the lookup itself fails, nothing is posted: an unverifiable state is never retried blind.
4. The lookup is only sound while no other run works on the same profile (it could be between
   its intent and Facebook's answer). A run therefore holds each Page while it works on it
   (``Ledger.hold``; one run per data folder on SQLite), skips a Page another run holds, and a
   create whose profile another run claimed since the plan was made is skipped (``Claimed``).

Which actions run, and which wait for a token or for tomorrow's cap, the plan decided
(``schedule.plan_run``): the runner only carries it out.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from generator.images import CardSet, build_cards
from generator.publish.facebook import ErrorKind, GraphClient, GraphError
from generator.publish.ledger import ActionState, Claimed, Ledger, PostState
from generator.publish.planner import Action, Kind, Plan
from generator.publish.schedule import no_token_reason, page_name
from generator.publish.tokens import Token, renew_hint
from generator.validate import Catalog

RECENT_POSTS = 100
USAGE_SLOWDOWN_PERCENT = 90.0
NOT_ON_PAGE = "niet op de pagina gevonden: de poging is niet aangekomen"
PAGE_BUSY = "een andere run werkt deze pagina nu bij; dit volgt bij een volgende run"
CLAIMED = "al geplaatst (of bezig) door een andere run; niet nog een keer geplaatst"


class Result(StrEnum):
    DONE = "done"
    RECOVERED = "recovered"
    SKIPPED = "skipped"
    FAILED = "failed"
    REFUSED = "refused"

    @property
    def dutch(self) -> str:
        return {
            "done": "gedaan",
            "recovered": "teruggevonden",
            "skipped": "overgeslagen",
            "failed": "mislukt",
            "refused": "geweigerd",
        }[self.value]


@dataclass(frozen=True)
class Outcome:
    profile_id: str
    gemeente: str
    page_id: str | None
    action: str
    result: Result
    message: str
    post_id: str | None = None


class PageStopped(Exception):
    """Nothing more can be done on this Page in this run (token, rate limit)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


ImageFor = Callable[[str], "Path | None"]


def card_images(catalog: Catalog, folder: Path) -> ImageFor:
    """The feed card of a profile, rendered once (and cached) by ``generator.images``."""
    cards: dict[str, CardSet] = {}
    out_dir = folder / "site"

    def image_for(profile_id: str) -> Path | None:
        if not cards:
            cards.update(build_cards(catalog, out_dir, folder / "cache"))
        card_set = cards.get(f"profiel:{profile_id}")
        if card_set is None or card_set.feed is None:
            return None
        return out_dir / card_set.feed.path

    return image_for


class Runner:
    """Runs a plan Page by Page; one Page's trouble never stops another."""

    def __init__(
        self,
        catalog: Catalog,
        ledger: Ledger,
        tokens: dict[str, Token],
        image_for: ImageFor | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.catalog = catalog
        self.fb = catalog.settings.facebook
        self.ledger = ledger
        self.tokens = tokens
        self.image_for = image_for
        self.sleep = sleep
        self.rng = rng or random.Random()

    def run(self, plan: Plan) -> list[Outcome]:
        outcomes = [
            Outcome(r.profile_id, r.gemeente, r.page_id, "create", Result.REFUSED, r.reason)
            for r in plan.refusals
        ]
        pages: dict[str, list[Action]] = {}
        for action in plan.actions:
            pages.setdefault(action.page_id, []).append(action)
        for page_id, actions in pages.items():
            outcomes.extend(self._run_page(page_id, actions))
        outcomes.extend(
            _outcome(h.action, Result.FAILED if h.fails else Result.SKIPPED, h.reason)
            for h in plan.held
        )
        return outcomes

    # --- per Page -----------------------------------------------------------------------

    def _page_name(self, page_id: str) -> str:
        return page_name(self.catalog.settings, page_id)

    def _run_page(self, page_id: str, actions: list[Action]) -> list[Outcome]:
        """Carries out the Page's actions in order; the plan already applied tokens and cap."""
        token = self.tokens.get(page_id)
        if token is None:  # only when handed a plan that did not come from ``plan_run``
            reason = no_token_reason(self.catalog.settings, page_id)
            return [_outcome(a, Result.FAILED, reason) for a in actions]
        with self.ledger.hold(page_id) as held:
            if not held:
                return [_outcome(a, Result.SKIPPED, PAGE_BUSY) for a in actions]
            return self._run_held_page(token, actions)

    def _run_held_page(self, token: Token, actions: list[Action]) -> list[Outcome]:
        outcomes: list[Outcome] = []
        stopped: str | None = None
        with GraphClient(token, self.fb.graph_version, self.fb.timeout_seconds) as client:
            for action in actions:
                if stopped:
                    outcomes.append(_outcome(action, Result.SKIPPED, stopped))
                    continue
                try:
                    outcomes.append(self._with_retries(client, action))
                except PageStopped as stop:
                    stopped = f"pagina overgeslagen: {stop.message}"
                    outcomes.append(_outcome(action, Result.FAILED, stop.message))
        return outcomes

    def _backoff(self, attempt: int) -> float:
        base = self.fb.backoff_seconds * float(2 ** (attempt - 1))
        return min(self.fb.max_wait_seconds, base * (0.5 + self.rng.random()))

    def _with_retries(self, client: GraphClient, action: Action) -> Outcome:
        attempt = 0
        while True:
            attempt += 1
            try:
                outcome = self._once(client, action)
                self._slow_down_if_busy(client)
                return outcome
            except GraphError as exc:
                page = self._page_name(action.page_id)
                if exc.kind is ErrorKind.TOKEN:
                    raise PageStopped(
                        f"Facebook weigert het token van pagina {page}: {exc.message}. "
                        + renew_hint(action.page_id)
                    ) from None
                if exc.kind is ErrorKind.RATE_LIMIT:
                    wait = max(exc.usage.regain_seconds, self._backoff(attempt))
                    if attempt >= self.fb.attempts or wait > self.fb.max_wait_seconds:
                        raise PageStopped(
                            f"{exc.message} op pagina {page}; de rest volgt bij een volgende run"
                        ) from None
                    self.sleep(wait)
                    continue
                if exc.kind is ErrorKind.TRANSIENT:
                    if attempt >= self.fb.attempts:
                        return _outcome(
                            action,
                            Result.FAILED,
                            f"{exc.message} (na {attempt} pogingen); de volgende run kijkt eerst "
                            "of het bericht toch al op de pagina staat",
                        )
                    self.sleep(self._backoff(attempt))
                    continue
                if exc.kind is ErrorKind.NOT_FOUND and action.kind is not Kind.CREATE:
                    return self._gone(action)
                hint = {
                    ErrorKind.PERMISSION: "; geef het token de rechten pages_manage_posts en "
                    "pages_read_engagement",
                    ErrorKind.BLOCKED: "; pas de tekst aan of probeer het later",
                }.get(exc.kind, "")
                return _outcome(action, Result.FAILED, f"{exc.message}{hint}")

    def _slow_down_if_busy(self, client: GraphClient) -> None:
        usage = client.last_usage
        if usage.percent >= USAGE_SLOWDOWN_PERCENT:
            self.sleep(min(self.fb.max_wait_seconds, max(usage.regain_seconds, self._backoff(1))))

    # --- one attempt --------------------------------------------------------------------

    def _once(self, client: GraphClient, action: Action) -> Outcome:
        post = self.ledger.post(action.profile_id)
        post_id = post.post_id if post else None
        if post is not None and post.state is PostState.PENDING:
            found = self._find(client, action)
            if found:
                self._record_recovery(action, found)
                if action.kind in (Kind.CREATE, Kind.RECOVER):
                    return _outcome(
                        action,
                        Result.RECOVERED,
                        "bericht stond al op de pagina (na een onderbroken poging); niet opnieuw "
                        "geplaatst",
                        found,
                    )
                post_id = found
            else:
                self.ledger.forget_pending(action.profile_id, NOT_ON_PAGE)
                if action.kind is not Kind.CREATE:
                    return _outcome(action, Result.DONE, "er stond nog geen bericht; niets te doen")
        if action.kind is Kind.CREATE:
            return self._create(client, action)
        if action.kind is Kind.RECOVER:  # recovered in an earlier attempt of this run
            return _outcome(action, Result.DONE, "niets te doen")
        assert post_id is not None
        return self._follow_up(client, action, post_id)

    def _find(self, client: GraphClient, action: Action) -> str | None:
        marker = action.link.split("?", 1)[0]
        for remote in client.recent_posts(action.page_id, RECENT_POSTS):
            if marker in remote.message or marker in remote.link:
                return remote.id
        return None

    def _record_recovery(self, action: Action, post_id: str) -> None:
        aid = self.ledger.begin(action.profile_id, action.page_id, "recover", self.catalog.today)
        self.ledger.finish(
            aid,
            action.profile_id,
            PostState.LIVE,
            post_id=post_id,
            caption_digest=action.caption_digest,
            state=ActionState.RECOVERED,
            detail="gevonden op de pagina",
        )

    def _create(self, client: GraphClient, action: Action) -> Outcome:
        image = None
        if action.post_type == "foto":
            if self.image_for is None:
                return _outcome(action, Result.FAILED, "geen deelafbeelding beschikbaar")
            image = self.image_for(action.profile_id)
            if image is None or not image.is_file():
                return _outcome(action, Result.FAILED, "de deelafbeelding kon niet worden gemaakt")
        try:
            aid = self.ledger.begin(
                action.profile_id, action.page_id, "create", self.catalog.today, link=action.link
            )
        except Claimed:
            return _outcome(action, Result.SKIPPED, CLAIMED)
        try:
            if image is not None:
                post_id = client.post_photo(action.page_id, action.message, image)
            else:
                post_id = client.post_link(action.page_id, action.message, action.link)
        except GraphError as exc:
            unknown = exc.kind is ErrorKind.TRANSIENT
            self.ledger.fail(aid, exc.message, uncertain=unknown)
            if not unknown:
                self.ledger.forget_pending(action.profile_id)
            raise
        self.ledger.finish(
            aid,
            action.profile_id,
            PostState.LIVE,
            post_id=post_id,
            caption_digest=action.caption_digest,
        )
        return _outcome(action, Result.DONE, "geplaatst", post_id)

    def _follow_up(self, client: GraphClient, action: Action, post_id: str) -> Outcome:
        name = action.kind.value
        aid = self.ledger.begin(
            action.profile_id, action.page_id, name, self.catalog.today, post_id=post_id
        )
        try:
            if action.kind is Kind.DELETE:
                client.delete(post_id)
            else:
                client.edit(post_id, action.message)
        except GraphError as exc:
            if exc.kind is ErrorKind.NOT_FOUND:
                self.ledger.fail(aid, exc.message)
            else:
                self.ledger.fail(aid, exc.message, uncertain=exc.kind is ErrorKind.TRANSIENT)
            raise
        new_state = {
            Kind.DELETE: PostState.DELETED,
            Kind.EDIT: PostState.FILLED,
            Kind.UPDATE: PostState.LIVE,
        }[action.kind]
        self.ledger.finish(aid, action.profile_id, new_state, caption_digest=action.caption_digest)
        text = {
            Kind.DELETE: "bericht verwijderd",
            Kind.EDIT: "bericht bijgewerkt: profiel gekoppeld of gesloten",
            Kind.UPDATE: "tekst van het bericht bijgewerkt",
        }[action.kind]
        return _outcome(action, Result.DONE, text, post_id)

    def _gone(self, action: Action) -> Outcome:
        post = self.ledger.post(action.profile_id)
        aid = self.ledger.begin(
            action.profile_id,
            action.page_id,
            "gone",
            self.catalog.today,
            post_id=post.post_id if post else None,
        )
        self.ledger.finish(
            aid, action.profile_id, PostState.DELETED, detail="niet meer op Facebook"
        )
        return _outcome(
            action, Result.DONE, "het bericht was al van de pagina verwijderd; genoteerd"
        )


def _outcome(action: Action, result: Result, message: str, post_id: str | None = None) -> Outcome:
    return Outcome(
        action.profile_id,
        action.gemeente,
        action.page_id,
        action.kind.value,
        result,
        message,
        post_id or action.post_id,
    )
