"""Backoffice access rules: log-in, gemeente scoping, CSRF, handling, export, deletion, audit."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import Engine

from generator.forms import store
from tests.forms.conftest import ORIGIN, TestClient, add_user, csrf_of, log_in, rows, valid


def seed(client: TestClient) -> None:
    client.post("/aanmelden", data=valid(naam="Haarlemmer Een"))
    client.post(
        "/aanmelden",
        data=valid(naam="Wijchenaar Twee", gemeente="wijchen", email="twee@example.org"),
    )


def test_not_logged_in_goes_to_login(client: TestClient) -> None:
    for path in ("/backoffice/", "/backoffice/export?format=csv", "/backoffice/logboek"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"] == "/backoffice/inloggen"


def test_wrong_password_and_login_rate_limit(client: TestClient, engine: Engine) -> None:
    add_user(engine, "ans", "coordinator", "haarlem")
    token = csrf_of(client.get("/backoffice/inloggen").text)
    statuses = [
        client.post(
            "/backoffice/inloggen", data={"csrf": token, "gebruiker": "ans", "wachtwoord": "fout"}
        ).status_code
        for _ in range(6)
    ]
    assert statuses == [401] * 5 + [429]


def test_coordinator_sees_only_her_gemeente(client: TestClient, engine: Engine) -> None:
    seed(client)
    password = add_user(engine, "ans", "coordinator", "haarlem")
    log_in(client, "ans", password)
    listing = client.get("/backoffice/").text
    assert "Haarlemmer Een" in listing and "Wijchenaar Twee" not in listing
    other = next(r for r in rows(engine) if r["gemeente"] == "wijchen")
    detail = client.get(f"/backoffice/aanmelding/{other['public_id']}")
    assert detail.status_code == 404 and "Wijchenaar" not in detail.text
    exported = client.get("/backoffice/export?format=json").json()
    assert [r["naam"] for r in exported] == ["Haarlemmer Een"]
    assert client.get("/backoffice/export?format=csv&gemeente=wijchen").status_code == 400
    # Asking for another gemeente in the filter still shows nothing of it.
    assert "Wijchenaar" not in client.get("/backoffice/?gemeente=wijchen").text
    assert client.get("/backoffice/logboek").status_code == 403


def test_backoffice_role_sees_all_and_the_audit_log(client: TestClient, engine: Engine) -> None:
    seed(client)
    password = add_user(engine, "bureau", "backoffice")
    log_in(client, "bureau", password)
    listing = client.get("/backoffice/?status=alle").text
    assert "Haarlemmer Een" in listing and "Wijchenaar Twee" in listing
    csv_text = client.get("/backoffice/export?format=csv").text
    assert csv_text.splitlines()[0].startswith('\ufeff"kenmerk";"ontvangen"')
    assert len(csv_text.splitlines()) == 3
    log = client.get("/backoffice/logboek").text
    assert "2 aanmelding(en), alle gemeenten, csv" in log


def test_forged_csrf_fails_and_changes_nothing(client: TestClient, engine: Engine) -> None:
    seed(client)
    password = add_user(engine, "bureau", "backoffice")
    log_in(client, "bureau", password)
    target = rows(engine)[0]["public_id"]
    for data in ({"csrf": "vervalst"}, {}):
        response = client.post(f"/backoffice/aanmelding/{target}/afgehandeld", data=data)
        assert response.status_code == 403
        gone = client.post("/backoffice/verwijderen", data={**data, "email": "twee@example.org"})
        assert gone.status_code == 403
    assert all(r["afgehandeld_at"] is None for r in rows(engine))
    assert len(rows(engine)) == 2
    # A token from another session is no good either.
    other = TestClient(client.app, base_url="http://127.0.0.1")
    foreign = csrf_of(other.get("/backoffice/inloggen").text)
    assert (
        client.post(
            "/backoffice/verwijderen", data={"csrf": foreign, "email": "twee@example.org"}
        ).status_code
        == 403
    )


def test_mark_handled_then_delete_on_request(client: TestClient, engine: Engine) -> None:
    seed(client)
    client.post(
        "/aanmelden",
        data=valid(naam="Tweede Keer", gemeente="wijchen", email="twee@example.org", bron="krant"),
    )
    password = add_user(engine, "ans", "coordinator", "haarlem")
    token = log_in(client, "ans", password)
    mine = next(r for r in rows(engine) if r["gemeente"] == "haarlem")["public_id"]
    done = client.post(
        f"/backoffice/aanmelding/{mine}/afgehandeld", data={"csrf": token}, follow_redirects=False
    )
    assert done.status_code == 303
    handled = next(r for r in rows(engine) if r["public_id"] == mine)
    assert handled["afgehandeld_door"] == "ans" and handled["afgehandeld_at"] is not None
    assert "Haarlemmer Een" not in client.get("/backoffice/").text  # default filter: open
    # A coordinator cannot delete another gemeente's person.
    response = client.post(
        "/backoffice/verwijderen", data={"csrf": token, "email": "twee@example.org"}
    )
    assert "0 aanmelding(en)" in response.text
    assert len(rows(engine)) == 3

    client.post("/backoffice/uitloggen", data={"csrf": token})
    assert client.get("/backoffice/", follow_redirects=False).status_code == 303
    bureau = add_user(engine, "bureau", "backoffice")
    token = log_in(client, "bureau", bureau)
    response = client.post(
        "/backoffice/verwijderen", data={"csrf": token, "email": "TWEE@example.org"}
    )
    assert "2 aanmelding(en)" in response.text
    assert [r["naam"] for r in rows(engine)] == ["Haarlemmer Een"]
    assert {r["aanmelding_id"] for r in rows(engine, store.outbox)} == {rows(engine)[0]["id"]}
    entries = rows(engine, store.audit)
    assert [e["action"] for e in entries] == ["verwijderen", "verwijderen"]
    assert all("@" not in e["detail"] for e in entries)


def test_export_json_fields(client: TestClient, engine: Engine) -> None:
    client.post("/aanmelden", data=valid(utm_source="facebook", utm_campaign="haarlem-k3m9"))
    password = add_user(engine, "bureau", "backoffice")
    log_in(client, "bureau", password)
    response = client.get("/backoffice/export?format=json&gemeente=haarlem")
    assert response.headers["content-disposition"] == 'attachment; filename="aanmeldingen.json"'
    [row] = json.loads(response.text)
    assert row["utm_source"] == "facebook" and row["privacy_versie"] == "2026-1"
    assert "idem_key" not in row and "id" not in row


def test_delete_on_request_finds_a_non_ascii_address_over_http(
    base_url: str, engine: Engine
) -> None:
    with httpx.Client(base_url=base_url, headers={"Origin": ORIGIN}, timeout=10) as http:
        for email in ("Éva@example.nl", "ÉVA@example.nl", "eva@example.nl"):
            assert http.post("/aanmelden", data=valid(email=email)).status_code == 303
        token = log_in(http, "bureau", add_user(engine, "bureau", "backoffice"))
        # Typed with a combining accent and in lower case: still the same address.
        response = http.post(
            "/backoffice/verwijderen", data={"csrf": token, "email": "e\u0301va@EXAMPLE.nl"}
        )
    assert "2 aanmelding(en)" in response.text
    assert [r["email"] for r in rows(engine)] == ["eva@example.nl"]
    assert len(rows(engine, store.outbox)) == 2
