"""The workbench's live privacy check and live preview, from the unsaved draft.

- ``POST /backoffice/profielen/controle``: the draft form's fields -> every finding of
  ``check`` for that draft (``draftcheck.check_draft``: load -> validate -> privacy). With
  ``Accept: application/json`` the answer is ``{"findings": [...]}``, each object exactly what
  ``buurtsite check --format json`` prints (``Finding.as_json``); otherwise (the "Controleren"
  button without JavaScript) an HTML page with the findings and a marked copy of the texts.
- ``POST /backoffice/profielen/voorbeeld``: the profile page rendered by the site's own renderer
  and template (``generator.render.Renderer.profile``) and its share card drawn by the card code
  (``generator.images``). With ``X-Werkbank: deel`` only the fragment (for the script), else a
  whole page (the "Voorbeeld" button without JavaScript). The card is served from a small
  in-memory store under the digest of its bytes (the CSP allows images from 'self' only).

Both are for logged-in accounts, carry the CSRF token of the session, and only accept a draft
of a gemeente the account has rights on. Nothing is stored: a draft stays where it was.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any

import anyio
from pydantic import ValidationError
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from generator.backoffice import accounts, form
from generator.backoffice.draftcheck import check_draft, draft_path, ids_on_disk
from generator.backoffice.livepages import render_page
from generator.errors import Finding
from generator.images.build import _card_sets as card_sets
from generator.images.build import render_bytes
from generator.images.specs import plan
from generator.model import Zoekprofiel
from generator.render import Renderer
from generator.settings import Project
from generator.validate import Catalog, today

if TYPE_CHECKING:
    from generator.backoffice.app import Backoffice

Handler = Callable[[Request], Awaitable[Response]]
LoggedIn = Callable[[Callable[[Request, accounts.User], Awaitable[Response]]], Handler]
MAX_FIELDS = 200  # the profile form has ~50 inputs (six children of four fields each)
IDS_SECONDS = 30.0  # how long the list of ids on disk is reused between keystrokes
CARDS_KEPT = 64
# Filled in for a draft that does not validate yet, so the privacy check still reads its texts.
PLACEHOLDERS: dict[str, Any] = {
    "id": "concept-nieuw",
    "titel": "Nog zonder titel",
    "kinderen": [{"leeftijd_van": 0, "leeftijd_tot": 23}],
    "steunvormen": ["speelmiddag"],
    "frequentie": "in overleg",
    "verhaal": "Nog zonder verhaal, dit is een plaatsvervanger.",
    "status": "concept",
}


class Live:
    def __init__(self, bo: Backoffice, project: Project) -> None:
        self.bo = bo
        self.project = project
        self._ids: tuple[float, dict[str, str]] = (0.0, {})
        self.cards: OrderedDict[str, bytes] = OrderedDict()

    # --- shared -----------------------------------------------------------------------------

    async def draft(self, request: Request, user: accounts.User) -> FormData | Response:
        """The POSTed draft after the CSRF and gemeente checks, or the refusal."""
        posted = await request.form(max_files=0, max_fields=MAX_FIELDS)
        sent = posted.get("csrf")
        session = self.bo.session(request)
        if not (
            isinstance(sent, str)
            and session is not None
            and hmac.compare_digest(sent.encode(), session.csrf.encode())
        ):
            return self.refuse(request, user, 403, "De controle van het formulier is mislukt.")
        gemeente = str(posted.get("gemeente") or "")
        if user.scope is not None and gemeente and gemeente not in user.scope:
            return self.refuse(request, user, 403, "Deze gemeente is niet van u.")
        return posted

    def refuse(self, request: Request, user: accounts.User, status: int, message: str) -> Response:
        if wants_json(request):
            return JSONResponse({"fout": message}, status)
        return self.bo.html(
            request, "message.html", status, user=user, title="Niet toegestaan", message=message
        )

    def others(self) -> dict[str, str]:
        """Ids of the profiles on disk, re-read at most every IDS_SECONDS."""
        read_at, ids = self._ids
        if time.monotonic() - read_at > IDS_SECONDS:
            ids = ids_on_disk(self.project)
            self._ids = (time.monotonic(), ids)
        return ids

    def findings(self, posted: Mapping[str, Any]) -> list[Finding]:
        """What ``check`` says about the draft; privacy findings even while it is incomplete."""
        data = form.data_from(posted, {})
        others = self.others()
        profile_id = str(data.get("id") or "")
        rel = others.get(profile_id) or draft_path(str(data.get("gemeente") or ""), profile_id)
        on = today()
        found = check_draft(self.project, form.to_yaml(data), rel, on, others)
        if any(f.code.startswith("privacy-") for f in found) or not any(
            f.severity.blocks for f in found
        ):
            return found
        # The schema refused the draft, so check stopped before privacy: read the texts again
        # with placeholders for what is still missing, and add only the privacy findings.
        filled = {**{k: v for k, v in PLACEHOLDERS.items() if not data.get(k)}, **data}
        again = check_draft(self.project, form.to_yaml(filled), rel, on, others)
        return found + [f for f in again if f.code.startswith("privacy-")]

    # --- privacy check ----------------------------------------------------------------------

    async def check(self, request: Request, user: accounts.User) -> Response:
        posted = await self.draft(request, user)
        if isinstance(posted, Response):
            return posted
        found = await anyio.to_thread.run_sync(self.findings, posted)
        if wants_json(request):
            return JSONResponse({"findings": [f.as_json() for f in found]})
        return self.page(
            request,
            "controle.html",
            user=user,
            findings=found,
            texts=marked_texts(posted, found),
        )

    # --- preview ----------------------------------------------------------------------------

    def preview(self, posted: Mapping[str, Any]) -> dict[str, Any]:
        """The page fragment and the card's address, or the reasons there is none yet."""
        data = form.data_from(posted, {})
        try:
            profile = Zoekprofiel.model_validate(data)
        except ValidationError:
            errors = [f for f in self.findings(posted) if f.severity.blocks]
            return {"page": None, "card": None, "errors": errors}
        gemeente = self.project.settings.gemeente(profile.gemeente)
        if gemeente is None:
            return {"page": None, "card": None, "errors": []}
        catalog = Catalog(project=self.project, today=today(), profiles=[profile])
        planned = [p for p in plan(catalog) if p.key == f"profiel:{profile.id}"]
        renderer = Renderer(catalog, card_sets(planned))
        page = renderer.profile(profile, gemeente)
        body = page.split("---\n", 2)[2] if page.startswith("---\n") else page
        og = next(p for p in planned if p.slot == "og")
        png = render_bytes(og.spec)
        token = hashlib.sha256(png).hexdigest()[:32]
        self.cards[token] = png
        self.cards.move_to_end(token)
        while len(self.cards) > CARDS_KEPT:
            self.cards.popitem(last=False)
        card = f"/backoffice/profielen/voorbeeld/kaart/{token}.png"
        # The page's own <img> of the card points into the built site; show the drawn one.
        body = re.sub(r'src="[^"]*kaarten/profiel/[^"]*\.png"', f'src="{card}"', body)
        return {"page": body, "card": card, "alt": og.alt, "errors": []}

    async def preview_page(self, request: Request, user: accounts.User) -> Response:
        posted = await self.draft(request, user)
        if isinstance(posted, Response):
            return posted
        shown = await anyio.to_thread.run_sync(self.preview, posted)
        part = request.headers.get("x-werkbank") == "deel"
        return self.page(
            request, "voorbeeld-deel.html" if part else "voorbeeld.html", user=user, **shown
        )

    async def card(self, request: Request, user: accounts.User) -> Response:
        png = self.cards.get(request.path_params["token"])
        if png is None:
            return Response("Dit voorbeeld is verlopen; vraag een nieuw voorbeeld.", 404)
        return Response(png, media_type="image/png")

    def page(self, request: Request, template: str, **context: Any) -> Response:
        body = render_page(
            template,
            site_title=self.bo.settings.site.title,
            css_url="/formulier.css",
            csrf=self.bo.csrf(request),
            **context,
        )
        return HTMLResponse(body)


def wants_json(request: Request) -> bool:
    return "application/json" in request.headers.get("accept", "")


def marked_texts(posted: Mapping[str, Any], found: list[Finding]) -> list[dict[str, Any]]:
    """Each text field with a finding, cut into plain and marked parts, for the HTML answer."""
    out = []
    by_field: dict[str, list[Finding]] = {}
    for f in found:
        if f.text and f.code.startswith("privacy-"):
            field = f.field.split("[")[0] if f.field.startswith("wensen[") else f.field
            by_field.setdefault(field, []).append(f)
    for field, items in by_field.items():
        text = str(posted.get(field) or "")
        out.append({"field": field, "parts": split_marked(text, items)})
    return out


def split_marked(text: str, found: list[Finding]) -> list[tuple[str, Finding | None]]:
    """``text`` as (part, finding or None); every occurrence of a finding's text is marked."""
    spans: list[tuple[int, int, Finding]] = []
    for f in found:
        needle = f.text or ""
        for m in re.finditer(re.escape(needle), text) if needle else ():
            if not any(s < m.end() and m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), f))
    parts: list[tuple[str, Finding | None]] = []
    pos = 0
    for start, end, f in sorted(spans, key=lambda s: s[0]):
        if start > pos:
            parts.append((text[pos:start], None))
        parts.append((text[start:end], f))
        pos = end
    if pos < len(text):
        parts.append((text[pos:], None))
    return parts


def routes(bo: Backoffice, project: Project, logged_in: LoggedIn) -> list[Route]:
    live = Live(bo, project)
    return [
        Route("/profielen/controle", logged_in(live.check), methods=["POST"]),
        Route("/profielen/voorbeeld", logged_in(live.preview_page), methods=["POST"]),
        Route("/profielen/voorbeeld/kaart/{token}.png", logged_in(live.card), methods=["GET"]),
    ]
