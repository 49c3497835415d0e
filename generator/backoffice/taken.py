"""The jobs page of the workbench: what runs now, what waits, the last runs, "site bijwerken".

``/backoffice/profielen/taken`` works without JavaScript (a link refreshes it);
``taken.json`` is what the page's script polls for progress.
"""

from __future__ import annotations

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from generator.backoffice.accounts import User
from generator.backoffice.profielen import Workbench
from generator.forms import queries


class JobPages:
    def __init__(self, wb: Workbench) -> None:
        self.wb = wb

    async def jobs_page(self, request: Request, user: User) -> Response:
        current, queued = self.wb.jobs.status()
        runs = await anyio.to_thread.run_sync(self.wb.jobs.recent)
        return self.wb.page(
            request,
            "taken.html",
            user=user,
            current=current,
            queued=queued,
            runs=runs,
            may_build=user.scope is None,
        )

    async def jobs_json(self, request: Request, user: User) -> Response:
        current, queued = self.wb.jobs.status()
        runs = await anyio.to_thread.run_sync(self.wb.jobs.recent)
        return JSONResponse(
            {
                "bezig": current is not None or bool(queued),
                "taak": current.label if current else None,
                "stap": current.step if current else None,
                "wachtrij": [q.label for q in queued],
                "laatste": [
                    {
                        "taak": r.job.split(":", 1)[1],
                        "gelukt": r.ok,
                        "melding": r.message_nl,
                        "begonnen": r.started.isoformat(),
                    }
                    for r in runs
                ],
            }
        )

    async def build_all(self, request: Request, user: User) -> Response:
        if await self.wb.posted(request) is None:
            return self.wb.bo.forbidden(request)
        if user.scope is not None:
            return self.wb.message(
                request,
                user,
                403,
                "Niet toegestaan",
                "Alleen het landelijk bureau kan de hele site bijwerken.",
            )
        self.wb.jobs.submit_site()
        with self.wb.engine.begin() as conn:
            queries.record(conn, user.username, "site bijwerken", "gestart")
        return RedirectResponse("/backoffice/profielen/taken", status_code=303)
