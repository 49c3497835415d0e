"""Retention: what is past its time goes, with a log line and audit entry free of personal data."""

from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta

import pytest
from sqlalchemy import Engine, update

from generator.forms import store
from generator.forms.app import create_app
from generator.forms.fields import clean, validate
from generator.forms.purge import months_before, purge
from generator.validate import Catalog
from tests.forms.conftest import TestClient, make_runtime, rows, valid


def test_purge_deletes_only_what_is_past_retention(
    client: TestClient, engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    client.post("/aanmelden", data=valid(naam="Oud Gegeven", email="oud@example.org"))
    client.post(
        "/aanmelden", data=valid(naam="Oud Wijchen", email="w@example.org", gemeente="wijchen")
    )
    client.post("/aanmelden", data=valid(naam="Nieuw Gegeven", email="nieuw@example.org"))
    now = store.utcnow()
    with engine.begin() as conn:
        conn.execute(
            update(store.aanmeldingen)
            .where(store.aanmeldingen.c.email.in_(["oud@example.org", "w@example.org"]))
            .values(updated_at=months_before(now, 12) - timedelta(minutes=1))
        )
    with caplog.at_level(logging.INFO, logger="buurtsite.forms.purge"):
        counts = purge(engine, 12, now=now)
    assert counts == {"haarlem": 1, "wijchen": 1}
    assert [r["naam"] for r in rows(engine)] == ["Nieuw Gegeven"]
    assert len(rows(engine, store.outbox)) == 2  # only the kept one's mail remains
    [entry] = rows(engine, store.audit)
    assert (
        entry["action"] == "bewaartermijn"
        and entry["detail"] == "2 verwijderd (haarlem: 1, wijchen: 1)"
    )
    assert "Oud" not in caplog.text and "@" not in caplog.text
    assert "2 aanmelding(en) verwijderd (haarlem: 1, wijchen: 1)" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="buurtsite.forms.purge"):
        assert purge(engine, 12, now=now) == {}
    assert caplog.messages == ["bewaartermijn 12 maanden: 0 aanmelding(en) verwijderd"]


def test_recently_changed_is_kept(client: TestClient, engine: Engine) -> None:
    client.post("/aanmelden", data=valid())
    future = store.utcnow() + timedelta(days=300)
    assert purge(engine, 12, now=future) == {}
    assert purge(engine, 6, now=future) == {"haarlem": 1}


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2026, 11, 23, 10), 12, datetime(2025, 11, 23, 10)),
        (datetime(2026, 3, 31), 1, datetime(2026, 2, 28)),
        (datetime(2026, 1, 15), 2, datetime(2025, 11, 15)),
        (datetime(2028, 3, 30), 1, datetime(2028, 2, 29)),
    ],
)
def test_months_before(moment: datetime, months: int, expected: datetime) -> None:
    assert months_before(moment, months) == expected


def test_running_server_purges_on_start(
    catalog: Catalog, engine: Engine, database_url: str
) -> None:
    sub, _ = validate(clean(valid()), catalog)
    assert sub is not None
    store.insert(engine, sub, [], now=store.utcnow() - timedelta(days=800))
    app = create_app(catalog, make_runtime(database_url, background=True), engine)
    with TestClient(app, base_url="http://127.0.0.1"):
        deadline = time.monotonic() + 10
        while rows(engine) and time.monotonic() < deadline:
            time.sleep(0.05)
    assert rows(engine) == []
    assert [e["actor"] for e in rows(engine, store.audit)] == ["systeem"]
