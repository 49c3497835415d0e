"""The status panel's "Geplande taken": the last runs and the next publish run, in local time."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx
from sqlalchemy import Engine

from generator.forms.app import create_app
from generator.ops.overview import schedule_overview
from generator.ops.runs import record_run
from generator.validate import Catalog
from tests.forms.conftest import add_user, log_in, make_runtime, serve


def test_overview_in_local_time_with_the_next_run(catalog: Catalog, engine: Engine) -> None:
    with record_run(engine, "publiceren") as run:
        run.message_nl = "2 gelukt; 1 wachtend (tijdvak of daglimiet)"
    now = datetime(2026, 12, 2, 9, 7, tzinfo=UTC)  # 10:07 in Amsterdam
    seen = schedule_overview(engine, catalog.settings, now)
    assert seen["volgende_publicatie"] == "02-12-2026 10:15"
    assert seen["nieuwe_berichten_vanaf"] == "02-12-2026 10:07"  # no windows: open now
    [only] = seen["runs"]
    assert only["taak"] == "publiceren op Facebook" and only["resultaat"] == "gelukt"


def test_status_page_shows_the_last_runs(
    catalog: Catalog, engine: Engine, database_url: str
) -> None:
    with record_run(engine, "backup") as run:
        run.message_nl = "backup 20261202-030000: 2 database(s), 41 rijen"
    with record_run(engine, "opschonen") as run:
        run.ok = False
        run.message_nl = "Mislukt: OperationalError"
    boss = add_user(engine, "landelijk", "backoffice")
    app = create_app(catalog, make_runtime(database_url), engine)
    with serve(app) as url, httpx.Client(base_url=url) as c:
        log_in(c, "landelijk", boss)
        panel = c.get("/backoffice/status")
    assert panel.status_code == 200
    assert "Geplande taken" in panel.text and "Volgende publicatierun" in panel.text
    assert "backup 20261202-030000: 2 database(s), 41 rijen" in panel.text
    assert "<td>opschonen (bewaartermijn)</td>" in panel.text and "mislukt" in panel.text
