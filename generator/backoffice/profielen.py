"""The workbench routes under /backoffice/profielen/: list, form, save, review, status, history.

A coordinator sees the profiles and drafts of her own gemeenten; the backoffice role sees all.
Every write to ``profiles/`` goes through ``Workbench.publish``: the draft is checked the way
``buurtsite check`` checks a file, refused while it has any error (an unaccepted privacy finding
included), held "ter beoordeling" when four eyes are required, and otherwise committed to git
with the coordinator as author, after which a background job brings the site and Facebook up
to date. Drafts live in the database until then.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import anyio
import yaml
from sqlalchemy import func, select
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from generator.backoffice import drafts, form, gitstore, review
from generator.backoffice.accounts import User
from generator.backoffice.draftcheck import blocking, check_draft, draft_path, ids_on_disk
from generator.backoffice.jobs import Jobs
from generator.backoffice.profielpages import render
from generator.cli.profiles import fresh_id
from generator.errors import Finding
from generator.forms import queries
from generator.forms.store import aanmeldingen
from generator.model import LISTED_STATUSES
from generator.settings import Project
from generator.validate import load_catalog, today

if TYPE_CHECKING:  # app.py imports this module to mount its routes
    from generator.backoffice.app import Backoffice

Handler = Callable[[Request, User], Awaitable[Response]]
NEXT_STATUS: dict[str, tuple[str, ...]] = {
    "open": ("in_gesprek", "gekoppeld", "gesloten"),
    "in_gesprek": ("gekoppeld", "gesloten", "open"),
    "gekoppeld": (),
    "gesloten": ("open",),
    "concept": (),
}


@dataclass(frozen=True)
class Outcome:
    """What a write did: committed (with its sha), held for review, or refused (findings)."""

    state: str  # "vastgelegd", "ter_beoordeling", "geweigerd"
    findings: list[Finding]
    sha: str = ""


class Workbench:
    def __init__(self, bo: Backoffice, project: Project) -> None:
        self.bo = bo  # sessions, CSRF and the message page
        self.project = project
        self.root = project.root
        self.engine = bo.engine
        self.settings = project.settings
        self.jobs = Jobs(bo.engine, project.config_path, work=bo.runtime.background)

    # --- helpers ----------------------------------------------------------------------------

    def page(self, request: Request, template: str, status: int = 200, **ctx: Any) -> Response:
        body = render(
            template,
            site_title=self.settings.site.title,
            css_url="/formulier.css",
            csrf=self.bo.csrf(request),
            gemeente_names={g.slug: g.name for g in self.settings.gemeenten},
            **ctx,
        )
        return HTMLResponse(body, status)

    def message(self, request: Request, user: User, status: int, title: str, text: str) -> Response:
        response: Response = self.bo.html(
            request, "message.html", status, user=user, title=title, message=text
        )
        return response

    async def posted(self, request: Request) -> FormData | None:
        """The POSTed form (the profile form has many fields), or None when CSRF fails."""
        data = await request.form(max_files=0, max_fields=300)
        return data if await self.bo.csrf_ok(request) else None

    def allowed(self, user: User, gemeente: Any) -> bool:
        return user.scope is None or (isinstance(gemeente, str) and gemeente in user.scope)

    def read(self, rel: str) -> str | None:
        try:
            return (self.root / rel).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            return None

    def gemeente_choices(self, user: User) -> list[str]:
        return (
            list(user.scope)
            if user.scope is not None
            else [g.slug for g in self.settings.gemeenten]
        )

    # --- the one way into git ---------------------------------------------------------------

    def publish(
        self,
        user: User,
        rel: str,
        text: str,
        author: str,
        *,
        approved_by: str | None = None,
        check_review: bool = True,
    ) -> Outcome:
        """Check ``text`` as ``rel``; commit it, hold it for review, or refuse it."""
        ids = ids_on_disk(self.project)
        findings = check_draft(self.project, text, rel, today(), ids)
        if blocking(findings):
            return Outcome("geweigerd", findings)
        data = yaml.safe_load(text)
        old = self.read(rel)
        if check_review and review.needs_review(self.settings, old, text, data["gemeente"]):
            return Outcome("ter_beoordeling", findings)
        fields = review.changed_fields(old, text)
        what = "nieuw" if old is None else "bijgewerkt"
        message = f"Zoekprofiel {data['id']} {what}: {', '.join(fields) or 'geen velden'}"
        if approved_by:
            message += f" (goedgekeurd door {approved_by})"
        sha = gitstore.commit_file(self.root, rel, text, gitstore.author_of(author), message)
        with self.engine.begin() as conn:
            queries.record(conn, user.username, "profiel vastgelegd", f"{data['id']} {sha[:10]}")
        self.jobs.submit_profile(str(data["id"]))
        return Outcome("vastgelegd", findings, sha)

    # --- list -------------------------------------------------------------------------------

    def _rows(self, user: User) -> list[dict[str, Any]]:
        catalog = load_catalog(self.project)
        on = catalog.today
        with self.engine.connect() as conn:
            query = select(aanmeldingen.c.profiel, func.count()).group_by(aanmeldingen.c.profiel)
            counts: dict[str | None, int] = {row[0]: int(row[1]) for row in conn.execute(query)}
        try:
            last = gitstore.last_changes(self.root)
        except gitstore.GitError:
            last = {}
        rows = []
        for p in catalog.profiles:
            if not self.allowed(user, p.gemeente):
                continue
            rel = catalog.documents[p.id].path.relative_to(self.root).as_posix()
            open_days = (
                (on - p.published).days if p.published and p.status in LISTED_STATUSES else None
            )
            changed = last.get(rel)
            rows.append(
                {
                    "id": p.id,
                    "title": p.title,
                    "gemeente": p.gemeente,
                    "status": p.status.value.replace("_", " "),
                    "days_open": open_days,
                    "aanmeldingen": counts.get(p.id, 0),
                    "changed_by": changed.author if changed else None,
                    "next": NEXT_STATUS.get(p.status.value, ()),
                }
            )
        return sorted(rows, key=lambda r: (r["gemeente"], r["id"]))

    async def listing(self, request: Request, user: User) -> Response:
        rows = await anyio.to_thread.run_sync(self._rows, user)
        found = drafts.listing(self.engine, user.scope)
        notice = (
            "Ingediend. Het zoekprofiel wacht op goedkeuring door een tweede account van de "
            "gemeente; u ziet het hieronder bij de concepten."
            if request.query_params.get("ingediend")
            else ""
        )
        return self.page(
            request, "profielen.html", user=user, rows=rows, drafts=found, notice=notice
        )

    # --- the form ---------------------------------------------------------------------------

    def form_page(
        self,
        request: Request,
        user: User,
        values: dict[str, Any],
        *,
        status: int = 200,
        findings: Sequence[Finding] = (),
        **ctx: Any,
    ) -> Response:
        by_field = form.errors_by_field([f for f in findings if f.severity.blocks])
        warnings = [f for f in findings if not f.severity.blocks]
        filled = max(
            (int(k[9]) + 1 for k, v in values.items() if k.startswith("kinderen[") and v),
            default=0,
        )
        rows = min(form.MAX_CHILDREN, filled + 1)
        child_fields = [[form.child_field(i, f) for f in form.CHILD_FIELDS] for i in range(rows)]
        dom_ids = {f.name: f.dom_id for f in form.FIELDS}
        dom_ids.update({f.name: f.dom_id for row in child_fields for f in row})
        summary = [(name, e) for name, errs in by_field.items() for e in errs]
        ctx.setdefault("heading", "Zoekprofiel bewerken")
        ctx.setdefault("submit_label", "Indienen")
        return self.page(
            request,
            "profiel_form.html",
            status,
            user=user,
            values=values,
            errors=by_field,
            summary=summary,
            warnings=warnings,
            fields=form.FIELDS,
            child_fields=child_fields,
            children_rows=rows,
            children_help=form.CHILDREN_HELP,
            dom_ids=dom_ids,
            gemeente_choices=self.gemeente_choices(user),
            **ctx,
        )

    async def new(self, request: Request, user: User) -> Response:
        choices = self.gemeente_choices(user)
        ids = await anyio.to_thread.run_sync(ids_on_disk, self.project)
        values: dict[str, Any] = {
            "status": "open",
            "gepubliceerd": today().isoformat(),
            "facebook.publiceren": "ja",
        }
        gemeente = request.query_params.get("gemeente") or (choices[0] if choices else "")
        sibling_id = request.query_params.get("broer_zus")
        if sibling_id:
            rel = ids.get(sibling_id)
            text = self.read(rel) if rel else None
            sibling = yaml.safe_load(text) if text else None
            if not isinstance(sibling, dict) or not self.allowed(user, sibling.get("gemeente")):
                return self.message(
                    request,
                    user,
                    404,
                    "Niet gevonden",
                    "Dit zoekprofiel bestaat niet of is niet van uw gemeente.",
                )
            gemeente = str(sibling["gemeente"])
            copied = form.values_from(sibling)
            for key in ("wijk", "frequentie", "dagen", "dagdelen", "illustratie"):
                values[key] = copied.get(key, "")
            values["broers_zussen"] = sibling_id
        if not self.allowed(user, gemeente):
            return self.message(
                request, user, 403, "Niet toegestaan", "U heeft geen rechten op deze gemeente."
            )
        values["gemeente"] = gemeente
        values["id"] = fresh_id(gemeente, set(ids)) if gemeente else ""
        heading = "Nog een kind uit dit gezin" if sibling_id else "Nieuw zoekprofiel"
        return self.form_page(request, user, values, heading=heading, original="")

    async def edit(self, request: Request, user: User) -> Response:
        profile_id = request.path_params["profile_id"]
        ids = await anyio.to_thread.run_sync(ids_on_disk, self.project)
        rel = ids.get(profile_id)
        text = self.read(rel) if rel else None
        data = yaml.safe_load(text) if text else None
        if (
            rel is None
            or not isinstance(data, dict)
            or not self.allowed(user, data.get("gemeente"))
        ):
            return self.message(
                request,
                user,
                404,
                "Niet gevonden",
                "Dit zoekprofiel bestaat niet of is niet van uw gemeente.",
            )
        others = drafts.here(self.engine, profile_id, user.username)
        return self.form_page(
            request,
            user,
            form.values_from(data),
            base_digest=gitstore.digest_of(self.root / rel),
            rel=rel,
            profile_id=profile_id,
            others=others,
            original=profile_id,
        )

    async def draft(self, request: Request, user: User) -> Response:
        found = drafts.get(self.engine, int(request.path_params["draft_id"]), user.scope)
        if found is None:
            return self.message(
                request,
                user,
                404,
                "Niet gevonden",
                "Dit concept bestaat niet of is niet van uw gemeente.",
            )
        data = yaml.safe_load(found.yaml)
        values = form.values_from(data if isinstance(data, dict) else {})
        ids = await anyio.to_thread.run_sync(ids_on_disk, self.project)
        original = found.profile_id if found.base_digest else ""
        findings = await anyio.to_thread.run_sync(
            lambda: check_draft(
                self.project, found.yaml, self._rel(ids, original, data), today(), ids
            )
        )
        others = drafts.here(self.engine, found.profile_id, user.username)
        notice = "Het concept is bewaard." if request.query_params.get("bewaard") else ""
        return self.form_page(
            request,
            user,
            values,
            findings=findings,
            draft_id=found.id,
            base_digest=found.base_digest,
            profile_id=found.profile_id,
            others=others,
            original=original,
            notice=notice,
            comment=found.comment if found.state == "teruggestuurd" else None,
        )

    def _rel(self, ids: dict[str, str], original: str, data: Any) -> str:
        if original and original in ids:
            return ids[original]
        data = data if isinstance(data, dict) else {}
        return draft_path(str(data.get("gemeente", "")), str(data.get("id", "")))
