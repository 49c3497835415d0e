"""The outbox: mail to a real SMTP server on 127.0.0.1; a server that is down loses nothing."""

from __future__ import annotations

from datetime import timedelta

from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from generator.forms import queries, store
from generator.forms.outbox import Smtp, backoff, send_pass
from generator.validate import Catalog
from tests.forms.conftest import Inbox, TestClient, free_port, rows, valid


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
