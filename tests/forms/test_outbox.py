"""The outbox: mail to a real SMTP server on 127.0.0.1; a server that is down loses nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from generator.forms import queries, store
from generator.forms.outbox import DUE, Smtp, backoff, send_pass
from generator.validate import Catalog
from tests.forms.conftest import (
    PG_ONLY,
    Inbox,
    TestClient,
    fill_without_statistics,
    free_port,
    rows,
    valid,
)


def body(message: object) -> str:
    payload = message.get_payload(decode=True)  # type: ignore[attr-defined]
    assert isinstance(payload, bytes)
    return payload.decode("utf-8")


def test_smtp_down_then_up_delivers_everything_once(
    client: TestClient, engine: Engine, catalog: Catalog
) -> None:
    client.post("/aanmelden", data=valid(profiel="haarlem-b2dq", gemeente=""))
    port = free_port()
    smtp = Smtp("127.0.0.1", port, "plain", None, None, timeout=2)

    assert send_pass(engine, catalog.settings, smtp) == 0  # nothing listens on the port
    queued = rows(engine, store.outbox)
    assert len(queued) == 2
    assert all(m["sent_at"] is None and m["attempts"] == 1 for m in queued)
    assert {m["last_error"] for m in queued} == {"ConnectionRefusedError"}
    # Not due yet: the backoff holds the retry back.
    assert send_pass(engine, catalog.settings, smtp) == 0
    assert all(m["attempts"] == 1 for m in rows(engine, store.outbox))

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        later = store.utcnow() + backoff(1) + timedelta(seconds=1)
        assert send_pass(engine, catalog.settings, smtp, now=later) == 2
        assert send_pass(engine, catalog.settings, smtp, now=later + timedelta(hours=2)) == 0
    finally:
        controller.stop()
    assert all(m["sent_at"] is not None for m in rows(engine, store.outbox))
    by_recipient = {m["To"]: m for m in inbox.messages}
    assert set(by_recipient) == {"haarlem@example.org", "test.persoon@example.org"}

    [row] = rows(engine)
    note = body(by_recipient["haarlem@example.org"])
    assert f"/backoffice/aanmelding/{row['public_id']}" in note
    assert "niet meer open" in note  # the response to a filled profile is flagged
    for personal in ("Testpersoon", "0612345678", "test.persoon@example.org", "2011 AB"):
        assert personal not in note
    confirmation = by_recipient["test.persoon@example.org"]
    assert confirmation["Subject"] == "Bedankt voor uw aanmelding bij Buurtgezinnen"
    assert body(confirmation).startswith("Goedendag,")
    assert "Testpersoon" not in body(confirmation)


def test_notify_with_data_puts_details_in_the_mail(
    client: TestClient, engine: Engine, catalog: Catalog, smtp_server: tuple[Inbox, int]
) -> None:
    inbox, port = smtp_server
    settings = catalog.settings.model_copy(
        update={"forms": catalog.settings.forms.model_copy(update={"notify_with_data": True})}
    )
    client.post("/aanmelden", data=valid())
    assert send_pass(engine, settings, Smtp("127.0.0.1", port, "plain", None, None)) == 2
    note = next(m for m in inbox.messages if m["To"] == "haarlem@example.org")
    assert "Telefoon: 0612345678" in body(note)


def test_deleted_aanmelding_takes_its_queued_mail_along(
    client: TestClient, engine: Engine, catalog: Catalog, smtp_server: tuple[Inbox, int]
) -> None:
    client.post("/aanmelden", data=valid())
    with engine.begin() as conn:
        assert queries.delete_person(conn, "TEST.persoon@example.org", None) == 1
    assert rows(engine, store.outbox) == []
    inbox, port = smtp_server
    assert send_pass(engine, catalog.settings, Smtp("127.0.0.1", port, "plain", None, None)) == 0
    assert inbox.messages == []


def test_backoff_grows_and_is_capped() -> None:
    assert [backoff(n).total_seconds() for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff(30).total_seconds() == 3600


@PG_ONLY
def test_the_sender_finds_due_mail_by_index_among_all_the_mail_sent_before(
    engine: Engine, catalog: Catalog, plans: list[str]
) -> None:
    """The outbox keeps sent mail as long as its aanmelding, and the sender looks for due mail
    after every sign-up: that look must not read the mail sent before (5,000 sign-ups' worth
    here, in a database without statistics)."""
    fill_without_statistics(engine, 5000, sent=True)
    plans.clear()
    assert (
        send_pass(engine, catalog.settings, Smtp("127.0.0.1", free_port(), "plain", None, None))
        == 0
    )
    looked = [p for p in plans if "outbox" in p]
    assert looked, "auto_explain reported no statement of the pass"
    assert not [p for p in looked if "Seq Scan" in p], "\n\n".join(looked)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_on_sqlite_the_sender_walks_only_the_unsent_mail(engine: Engine) -> None:
    """SQLite has no statistics to mislead it, but took the whole outbox in id order too.
    (PostgreSQL: the test above reads the plan it executed.)"""
    query = DUE.params(now=datetime(2026, 12, 2, 12))
    sql = query.compile(engine, compile_kwargs={"literal_binds": True})
    with engine.connect() as conn:
        plan = " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    assert plan == "SCAN outbox USING INDEX ix_outbox_unsent", plan
