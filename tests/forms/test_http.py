"""End to end over real HTTP: uvicorn on 127.0.0.1, the outbox worker, a real SMTP server."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Engine

from generator.forms import store
from generator.forms.app import create_app
from generator.forms.outbox import Smtp
from generator.validate import Catalog
from tests.forms.conftest import ORIGIN, Inbox, free_port, make_runtime, rows, serve, valid

SIGNUP_ORIGIN = "https://aanmelden.buurtgezinnen.example"  # site.aanmeld_url's origin


@pytest.fixture
def server(
    catalog: Catalog, engine: Engine, database_url: str, smtp_server: tuple[Inbox, int]
) -> Iterator[tuple[str, Inbox]]:
    inbox, smtp_port = smtp_server
    runtime = make_runtime(
        database_url,
        smtp=Smtp("127.0.0.1", smtp_port, "plain", None, None, timeout=5),
        background=True,
        mail_interval=0.2,
    )
    with serve(create_app(catalog, runtime, engine)) as base:
        yield base, inbox


def test_sign_up_over_http_reaches_the_coordinator_by_mail(
    server: tuple[str, Inbox], engine: Engine
) -> None:
    base, inbox = server
    with httpx.Client(base_url=base, headers={"Origin": ORIGIN}, timeout=10) as http:
        response = http.post("/aanmelden", data=valid(soort="hulpvraag", rol="gezin"))
        assert response.status_code == 303
        assert response.headers["location"] == f"{SIGNUP_ORIGIN}/bedankt?soort=hulpvraag"
        thanks = http.get("/bedankt?soort=hulpvraag")
        assert "hulpvraag ontvangen" in thanks.text
        as_json = http.post(
            "/aanmelden",
            data=valid(email="tweede@example.org"),
            headers={"Accept": "application/json"},
        )
        assert as_json.json()["ok"] is True
    deadline = time.monotonic() + 10
    while len(inbox.messages) < 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    recipients = sorted(m["To"] for m in inbox.messages)
    assert recipients == [
        "haarlem@example.org",
        "haarlem@example.org",
        "test.persoon@example.org",
        "tweede@example.org",
    ]
    assert len(rows(engine)) == 2


def test_the_redirect_ignores_a_forged_host_header(base_url: str) -> None:
    with httpx.Client(base_url=base_url, headers={"Origin": ORIGIN}, timeout=10) as http:
        response = http.post(
            "/aanmelden", data=valid(), headers={"Host": "evil.example"}, follow_redirects=False
        )
        as_json = http.post(
            "/aanmelden",
            data=valid(email="json@example.org"),
            headers={"Host": "evil.example", "Accept": "application/json"},
        )
    assert response.headers["location"] == f"{SIGNUP_ORIGIN}/bedankt?soort=steungezin"
    assert as_json.json()["redirect"] == f"{SIGNUP_ORIGIN}/bedankt?soort=steungezin"


RELAY = "Uw aanmelding is geblokkeerd. Bevestig via https://evil.example/x"


def test_the_confirmation_carries_no_text_of_the_sender_and_is_limited_per_address(
    server: tuple[str, Inbox], engine: Engine
) -> None:
    base, inbox = server
    addresses = ["slachtoffer@example.org", "Slachtoffer@example.org", "SLACHTOFFER@example.org"]
    with httpx.Client(base_url=base, headers={"Origin": ORIGIN}, timeout=10) as http:
        for n in range(5):
            data = valid(naam=RELAY, email=addresses[n % 3], bericht=RELAY, huishouden=RELAY)
            assert http.post("/aanmelden", data=data).status_code == 303
    assert len(rows(engine)) == 5
    queued = rows(engine, store.outbox)
    assert sorted(m["kind"] for m in queued) == ["bevestiging"] * 3 + ["coordinator"] * 5
    deadline = time.monotonic() + 10
    while not all(m["sent_at"] for m in rows(engine, store.outbox)):
        assert time.monotonic() < deadline, "the outbox was not sent within 10 s"
        time.sleep(0.05)
    confirmations = [m for m in inbox.messages if "slachtoffer" in m["To"].lower()]
    assert len(confirmations) == 3 and len(inbox.messages) == 8
    for message in inbox.messages:
        text = message.get_payload(decode=True).decode("utf-8")  # type: ignore[union-attr]
        assert "evil" not in text and "geblokkeerd" not in text


@pytest.mark.parametrize("place", ["2032 AB Haarlem", "Haarlem, 2032 AB"])
def test_postcode_and_place_together_are_accepted(
    base_url: str, engine: Engine, place: str
) -> None:
    with httpx.Client(base_url=base_url, headers={"Origin": ORIGIN}, timeout=10) as http:
        response = http.post("/aanmelden", data=valid(woonplaats=place), follow_redirects=False)
    assert response.status_code == 303, response.text
    assert [r["woonplaats"] for r in rows(engine)] == ["2032 AB Haarlem"]


@dataclass
class SlowInbox(Inbox):
    """Takes a second over each message, so that a mail pass is surely in flight."""

    entered: threading.Event = field(default_factory=threading.Event)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.entered.set()
        await asyncio.sleep(1.0)
        return await super().handle_DATA(server, session, envelope)


def test_shutdown_waits_for_the_mail_pass_in_flight(
    catalog: Catalog, engine: Engine, database_url: str
) -> None:
    inbox = SlowInbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        runtime = make_runtime(
            database_url,
            smtp=Smtp("127.0.0.1", port, "plain", None, None, timeout=10),
            background=True,
            mail_interval=0.1,
        )
        with serve(create_app(catalog, runtime, engine)) as base:
            with httpx.Client(base_url=base, headers={"Origin": ORIGIN}, timeout=10) as http:
                assert http.post("/aanmelden", data=valid()).status_code == 303
            assert inbox.entered.wait(10), "no mail pass started within 10 s"
        # The server is down: the pass it was in the middle of has finished, not been cut off
        # (a cancelled pass goes on in its thread, with the engine the test then disposes).
        assert all(m["sent_at"] is not None for m in rows(engine, store.outbox))
        assert engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    finally:
        controller.stop()
    assert len(inbox.messages) == 2
