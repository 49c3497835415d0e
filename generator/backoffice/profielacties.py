"""The workbench's POST actions: save or submit a draft, approve or send back, status, revert.

Each one checks the CSRF token, the user's rights on the profile's gemeente, and ends in a
redirect (or the form again with its errors), so everything works without JavaScript.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anyio
import yaml
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response
from starlette.routing import Route

from generator.backoffice import drafts, form, gitstore, review, yamlpatch
from generator.backoffice.accounts import User
from generator.backoffice.draftcheck import check_draft, ids_on_disk
from generator.backoffice.profielen import NEXT_STATUS, Workbench
from generator.backoffice.taken import JobPages
from generator.errors import Finding, Severity
from generator.forms import queries
from generator.render import print_url
from generator.validate import today

NOT_FOUND = "Dit zoekprofiel bestaat niet of is niet van uw gemeente."
PRINT_FILES = {"poster.pdf": "Poster (A4)", "flyer.pdf": "Flyer (A5)"}  # of generator.printing


def _finding(rel: str, field: str, message: str) -> Finding:
    return Finding(rel, 0, 0, Severity.ERROR, "backoffice", field, message)


def _see_other(url: str) -> Response:
    return RedirectResponse(url, status_code=303)


class Actions:
    def __init__(self, wb: Workbench) -> None:
        self.wb = wb

    def forbidden(self, request: Request) -> Response:
        response: Response = self.wb.bo.forbidden(request)
        return response

    # --- save / submit ----------------------------------------------------------------------

    async def save(self, request: Request, user: User) -> Response:
        posted = await self.wb.posted(request)
        if posted is None:
            return self.forbidden(request)
        values: dict[str, Any] = {
            k: (posted.getlist(k) if k in form.MULTI_NAMES else posted.get(k)) for k in posted
        }
        action = str(posted.get("actie", "bewaren"))
        draft_id = int(d) if (d := str(posted.get("concept", ""))).isdigit() else None
        original = str(posted.get("origineel", ""))
        base = str(posted.get("basis", "")) or None
        ids = await anyio.to_thread.run_sync(ids_on_disk, self.wb.project)
        extra: list[Finding] = []
        if original and original not in ids:
            return self.wb.message(request, user, 404, "Niet gevonden", NOT_FOUND)
        rel = self.wb._rel(
            ids, original, {"gemeente": values.get("gemeente"), "id": values.get("id")}
        )
        old = self.wb.read(rel) if original else None
        keep = yaml.safe_load(old) if old else {}
        keep = keep if isinstance(keep, dict) else {}
        if original and not self.wb.allowed(user, keep.get("gemeente")):
            return self.wb.message(request, user, 404, "Niet gevonden", NOT_FOUND)
        data = form.data_from(values, keep)
        form.log_status(data, str(keep.get("status")) if original else None, today())
        text = yamlpatch.patched(old, data)  # a hand-edited file keeps its comments
        gemeente, profile_id = str(data.get("gemeente", "")), str(data.get("id", ""))
        if not self.wb.allowed(user, gemeente):
            extra.append(_finding(rel, "gemeente", "U heeft geen rechten op deze gemeente."))
        if original and profile_id != original:
            extra.append(
                _finding(
                    rel,
                    "id",
                    f"de code van een bestaand profiel verandert nooit; laat '{original}' staan",
                )
            )
        if draft_id is not None and drafts.get(self.wb.engine, draft_id, user.scope) is None:
            draft_id = None
        ctx: dict[str, Any] = {"base_digest": base, "original": original, "profile_id": profile_id}

        def keep_draft(state: str, base_digest: str | None = base) -> int:
            return drafts.save(
                self.wb.engine,
                draft_id=draft_id,
                profile_id=profile_id or "zonder-code",
                gemeente=gemeente if self.wb.allowed(user, gemeente) else (user.scope or ("",))[0],
                yaml_text=text,
                base_digest=base_digest,
                state=state,
                author=user.username,
            )

        if action == "bewaren" or extra:
            saved = keep_draft("concept")
            if extra:
                return self.wb.form_page(
                    request, user, values, status=422, findings=extra, draft_id=saved, **ctx
                )
            return _see_other(f"/backoffice/profielen/concept/{saved}?bewaard=1")
        current = gitstore.digest_of(self.wb.root / rel)
        if original and current != base and action != "overschrijven":
            saved = keep_draft("concept")
            conflict = review.diff(old, text, rel)
            return self.wb.form_page(
                request, user, values, status=409, conflict=conflict, draft_id=saved, **ctx
            )
        try:
            outcome = await anyio.to_thread.run_sync(
                lambda: self.wb.publish(user, rel, text, user.username)
            )
        except gitstore.GitError as exc:
            saved = keep_draft("concept")
            return self.wb.message(
                request,
                user,
                500,
                "Niet opgeslagen",
                f"Uw concept is bewaard, maar git weigerde: {exc}",
            )
        if outcome.state == "geweigerd":
            saved = keep_draft("concept")
            return self.wb.form_page(
                request, user, values, status=422, findings=outcome.findings, draft_id=saved, **ctx
            )
        if outcome.state == "ter_beoordeling":
            saved = keep_draft("ter_beoordeling", current if action == "overschrijven" else base)
            with self.wb.engine.begin() as conn:
                queries.record(
                    conn, user.username, "ter beoordeling", f"{profile_id} (concept {saved})"
                )
            return _see_other("/backoffice/profielen/?ingediend=1")
        if draft_id is not None:
            with self.wb.engine.begin() as conn:
                drafts.remove(conn, draft_id)
        drafts.leave(self.wb.engine, profile_id, user.username)
        return _see_other(f"/backoffice/profielen/profiel/{profile_id}")

    # --- four eyes --------------------------------------------------------------------------

    async def review_page(self, request: Request, user: User) -> Response:
        found = drafts.get(self.wb.engine, int(request.path_params["draft_id"]), user.scope)
        if found is None or found.state != "ter_beoordeling":
            return self.wb.message(
                request, user, 404, "Niet gevonden", "Er is hier niets te beoordelen."
            )
        ids = await anyio.to_thread.run_sync(ids_on_disk, self.wb.project)
        original = found.profile_id if found.base_digest else ""
        rel = self.wb._rel(ids, original, yaml.safe_load(found.yaml))
        findings = await anyio.to_thread.run_sync(
            lambda: check_draft(self.wb.project, found.yaml, rel, today(), ids)
        )
        _, refusal = review.may_approve(user, found.author, found.gemeente)
        return self.wb.page(
            request,
            "beoordelen.html",
            user=user,
            draft=found,
            refusal=refusal,
            diff=review.diff(self.wb.read(rel) if original else None, found.yaml, rel),
            privacy=[f for f in findings if f.code.startswith("privacy-")],
            blocking=sum(f.severity.blocks for f in findings),
        )

    async def approve(self, request: Request, user: User) -> Response:
        if await self.wb.posted(request) is None:
            return self.forbidden(request)
        found = drafts.get(self.wb.engine, int(request.path_params["draft_id"]), user.scope)
        if found is None or found.state != "ter_beoordeling":
            return self.wb.message(
                request, user, 404, "Niet gevonden", "Er is hier niets te beoordelen."
            )
        allowed, refusal = review.may_approve(user, found.author, found.gemeente)
        if not allowed:
            return self.wb.message(request, user, 403, "Niet goedgekeurd", refusal)
        ids = await anyio.to_thread.run_sync(ids_on_disk, self.wb.project)
        original = found.profile_id if found.base_digest else ""
        rel = self.wb._rel(ids, original, yaml.safe_load(found.yaml))
        if gitstore.digest_of(self.wb.root / rel) != found.base_digest:
            return self.wb.message(
                request,
                user,
                409,
                "Niet goedgekeurd",
                "Het bestand is gewijzigd sinds dit concept werd ingediend. Stuur het terug, "
                "zodat de schrijver het opnieuw kan bekijken.",
            )
        outcome = await anyio.to_thread.run_sync(
            lambda: self.wb.publish(
                user, rel, found.yaml, found.author, approved_by=user.username, check_review=False
            )
        )
        if outcome.state != "vastgelegd":
            return self.wb.message(
                request,
                user,
                422,
                "Niet goedgekeurd",
                "Dit concept heeft nog fouten; stuur het terug.",
            )
        with self.wb.engine.begin() as conn:
            drafts.remove(conn, found.id)
            queries.record(
                conn,
                user.username,
                "goedgekeurd",
                f"{found.profile_id} van {found.author}, commit {outcome.sha[:10]}",
            )
        return _see_other("/backoffice/profielen/taken")

    async def send_back(self, request: Request, user: User) -> Response:
        posted = await self.wb.posted(request)
        if posted is None:
            return self.forbidden(request)
        found = drafts.get(self.wb.engine, int(request.path_params["draft_id"]), user.scope)
        if found is None or found.state != "ter_beoordeling":
            return self.wb.message(
                request, user, 404, "Niet gevonden", "Er is hier niets te beoordelen."
            )
        comment = str(posted.get("opmerking", "")).strip()[:2000] or "Graag nog eens bekijken."
        with self.wb.engine.begin() as conn:
            drafts.set_state(conn, found.id, "teruggestuurd", comment)
            queries.record(
                conn, user.username, "teruggestuurd", f"{found.profile_id} aan {found.author}"
            )
        return _see_other("/backoffice/profielen/")

    # --- status, history, revert ------------------------------------------------------------

    def _profile(self, user: User, profile_id: str) -> tuple[str, str, dict[str, Any]] | None:
        rel = ids_on_disk(self.wb.project).get(profile_id)
        text = self.wb.read(rel) if rel else None
        data = yaml.safe_load(text) if text else None
        if rel is None or text is None or not isinstance(data, dict):
            return None
        if not self.wb.allowed(user, data.get("gemeente")):
            return None
        return rel, text, data

    async def detail(self, request: Request, user: User) -> Response:
        profile_id = request.path_params["profile_id"]
        found = await anyio.to_thread.run_sync(self._profile, user, profile_id)
        if found is None:
            return self.wb.message(request, user, 404, "Niet gevonden", NOT_FOUND)
        rel, _, data = found
        try:
            history = await anyio.to_thread.run_sync(gitstore.history, self.wb.root, rel)
        except gitstore.GitError:
            history = []
        profile = {
            "id": profile_id,
            "title": data.get("titel", profile_id),
            "gemeente": data.get("gemeente"),
            "status": data.get("status"),
        }
        printed = [
            (label, name, path.stat().st_size)
            for name, label in PRINT_FILES.items()
            if (path := self._printed(str(data["gemeente"]), profile_id, name)).is_file()
        ]
        return self.wb.page(
            request,
            "profiel.html",
            user=user,
            profile=profile,
            rel=rel,
            history=history,
            next_statuses=NEXT_STATUS.get(str(data.get("status")), ()),
            drafts=drafts.of_profile(self.wb.engine, profile_id),
            printed=printed,
        )

    def _printed(self, gemeente: str, profile_id: str, name: str) -> Path:
        """A print file of the profile where ``build`` (and the approval job) wrote it."""
        return self.wb.jobs.site_dir / print_url(gemeente, profile_id) / name

    async def print_file(self, request: Request, user: User) -> Response:
        """The profile's poster or flyer, as built, for download."""
        profile_id, name = request.path_params["profile_id"], request.path_params["name"]
        found = await anyio.to_thread.run_sync(self._profile, user, profile_id)
        path = None
        if found is not None and name in PRINT_FILES:
            path = self._printed(str(found[2]["gemeente"]), profile_id, name)
        if path is None or not path.is_file():
            return self.wb.message(
                request, user, 404, "Niet gevonden", "Dit drukwerk is er (nog) niet."
            )
        return FileResponse(path, media_type="application/pdf", filename=f"{profile_id}-{name}")

    async def status(self, request: Request, user: User) -> Response:
        posted = await self.wb.posted(request)
        if posted is None:
            return self.forbidden(request)
        profile_id = request.path_params["profile_id"]
        found = await anyio.to_thread.run_sync(self._profile, user, profile_id)
        if found is None:
            return self.wb.message(request, user, 404, "Niet gevonden", NOT_FOUND)
        rel, text, data = found
        new = str(posted.get("status", ""))
        old = str(data.get("status"))
        if new not in NEXT_STATUS.get(old, ()):
            return self.wb.message(
                request,
                user,
                400,
                "Niet gewijzigd",
                f"Van '{old}' kan een profiel niet naar '{new}'.",
            )
        data["status"] = new
        form.log_status(data, old, today())
        return await self._write(request, user, rel, yamlpatch.patched(text, data), profile_id)

    async def revert(self, request: Request, user: User) -> Response:
        posted = await self.wb.posted(request)
        if posted is None:
            return self.forbidden(request)
        profile_id = request.path_params["profile_id"]
        found = await anyio.to_thread.run_sync(self._profile, user, profile_id)
        sha = str(posted.get("commit", ""))
        if found is None or not gitstore.known_commit(self.wb.root, sha, found[0]):
            return self.wb.message(request, user, 404, "Niet gevonden", NOT_FOUND)
        text = gitstore.text_at(self.wb.root, sha, found[0])
        if text is None:
            return self.wb.message(request, user, 404, "Niet gevonden", NOT_FOUND)
        return await self._write(request, user, found[0], text, profile_id)

    async def _write(
        self, request: Request, user: User, rel: str, text: str, profile_id: str
    ) -> Response:
        try:
            outcome = await anyio.to_thread.run_sync(
                lambda: self.wb.publish(user, rel, text, user.username)
            )
        except gitstore.GitError as exc:
            return self.wb.message(request, user, 500, "Niet opgeslagen", f"git weigerde: {exc}")
        if outcome.state == "geweigerd":
            problems = "; ".join(f.as_text() for f in outcome.findings if f.severity.blocks)
            return self.wb.message(
                request, user, 422, "Niet opgeslagen", f"Het profiel heeft fouten: {problems}"
            )
        if outcome.state == "ter_beoordeling":
            drafts.save(
                self.wb.engine,
                draft_id=None,
                profile_id=profile_id,
                gemeente=str(yaml.safe_load(text)["gemeente"]),
                yaml_text=text,
                base_digest=gitstore.digest_of(self.wb.root / rel),
                state="ter_beoordeling",
                author=user.username,
            )
            return _see_other("/backoffice/profielen/?ingediend=1")
        return _see_other(f"/backoffice/profielen/profiel/{profile_id}")


def routes(wb: Workbench, logged_in: Any) -> list[Route]:
    a = Actions(wb)
    t = JobPages(wb)
    base = "/profielen"
    return [
        Route(f"{base}/", logged_in(wb.listing), methods=["GET"]),
        Route(f"{base}/nieuw", logged_in(wb.new), methods=["GET"]),
        Route(f"{base}/bewerken/{{profile_id}}", logged_in(wb.edit), methods=["GET"]),
        Route(f"{base}/concept/{{draft_id:int}}", logged_in(wb.draft), methods=["GET"]),
        Route(f"{base}/opslaan", logged_in(a.save), methods=["POST"]),
        Route(f"{base}/beoordelen/{{draft_id:int}}", logged_in(a.review_page), methods=["GET"]),
        Route(
            f"{base}/beoordelen/{{draft_id:int}}/goedkeuren", logged_in(a.approve), methods=["POST"]
        ),
        Route(
            f"{base}/beoordelen/{{draft_id:int}}/terugsturen",
            logged_in(a.send_back),
            methods=["POST"],
        ),
        Route(f"{base}/profiel/{{profile_id}}", logged_in(a.detail), methods=["GET"]),
        Route(f"{base}/profiel/{{profile_id}}/status", logged_in(a.status), methods=["POST"]),
        Route(f"{base}/profiel/{{profile_id}}/terugdraaien", logged_in(a.revert), methods=["POST"]),
        Route(
            f"{base}/profiel/{{profile_id}}/drukwerk/{{name}}",
            logged_in(a.print_file),
            methods=["GET"],
        ),
        Route(f"{base}/taken", logged_in(t.jobs_page), methods=["GET"]),
        Route(f"{base}/taken.json", logged_in(t.jobs_json), methods=["GET"]),
        Route(f"{base}/taken/site-bijwerken", logged_in(t.build_all), methods=["POST"]),
    ]
