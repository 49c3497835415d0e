"""Each kind of aanmelding end to end through the app, with and without JavaScript."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text

from generator.forms import store
from generator.forms.app import STORE_DOWN, create_app
from generator.forms.fields import MESSAGES
from generator.validate import Catalog
from tests.forms.conftest import ORIGIN, TestClient, make_runtime, rows, valid

JSON = {"Accept": "application/json"}


@pytest.mark.parametrize(
    ("changes", "kind", "role"),
    [
        ({}, "steungezin", None),
        ({"profiel": "haarlem-k3m9", "gemeente": ""}, "steungezin", None),
        ({"soort": "hulpvraag", "rol": "gezin"}, "hulpvraag", "gezin"),
        (
            {"soort": "hulpvraag", "rol": "professional", "gemeente": "wijchen"},
            "hulpvraag",
            "professional",
        ),
    ],
)
def test_each_kind_is_stored_with_its_notifications(
    client: TestClient, engine: Engine, changes: dict[str, str], kind: str, role: str | None
) -> None:
    response = client.post("/aanmelden", data=valid(**changes), follow_redirects=False)
    assert response.status_code == 303
    assert (
        response.headers["location"]
        == f"https://aanmelden.buurtgezinnen.example/bedankt?soort={kind}"
    )
    [row] = rows(engine)
    assert (row["soort"], row["rol"]) == (kind, role)
    assert row["telefoon"] == "0612345678" and row["privacy_versie"] == "2026-1"
    assert row["toestemming_at"] is not None and row["bron"] == "facebook"
    mails = rows(engine, store.outbox)
    coordinator = {"haarlem": "haarlem@example.org", "wijchen": "wijchen@example.org"}
    assert sorted((m["kind"], m["recipient"]) for m in mails) == [
        ("bevestiging", "test.persoon@example.org"),
        ("coordinator", coordinator[row["gemeente"]]),
    ]
    thanks = client.get(response.headers["location"])
    assert thanks.status_code == 200 and "Bedankt voor uw aanmelding" in thanks.text


def test_json_flow_answers_json(client: TestClient, engine: Engine) -> None:
    ok = client.post("/aanmelden", data=valid(), headers=JSON)
    assert ok.status_code == 200
    assert ok.json() == {
        "ok": True,
        "redirect": "https://aanmelden.buurtgezinnen.example/bedankt?soort=steungezin",
    }
    assert ok.headers["access-control-allow-origin"] == ORIGIN
    bad = client.post("/aanmelden", data=valid(email="nee"), headers=JSON)
    assert bad.status_code == 422
    assert bad.json() == {"ok": False, "errors": {"email": MESSAGES["email_fout"]}}
    assert len(rows(engine)) == 1


def test_json_body_is_accepted(client: TestClient, engine: Engine) -> None:
    body: dict[str, Any] = {**valid(), "toestemming": True}
    response = client.post("/aanmelden", json=body, headers=JSON)
    assert response.status_code == 200 and response.json()["ok"] is True
    assert len(rows(engine)) == 1
    assert (
        client.post(
            "/aanmelden", content=b"[1]", headers={**JSON, "Content-Type": "application/json"}
        ).status_code
        == 400
    )


def test_errors_page_keeps_values_escaped_next_to_fields(
    client: TestClient, engine: Engine
) -> None:
    data = valid(naam='<script>alert("x")</script>', telefoon="123", utm_source="fb")
    response = client.post("/aanmelden", data=data)
    assert response.status_code == 422
    html = response.text
    assert "<script>alert" not in html
    assert 'value="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;"' in html
    assert MESSAGES["telefoon_fout"] in html
    # The message sits right before its input, and the hidden UTM value travels along.
    assert html.index(MESSAGES["telefoon_fout"]) < html.index('id="telefoon"')
    assert 'name="utm_source" value="fb"' in html
    assert 'value="haarlem" selected' in html
    assert rows(engine) == []


def test_filled_profile_is_accepted_and_flagged(client: TestClient, engine: Engine) -> None:
    response = client.post(
        "/aanmelden",
        data=valid(profiel="rijswijk-q5jc", gemeente="rijswijk"),
        follow_redirects=False,
    )
    assert response.status_code == 303
    [row] = rows(engine)
    assert row["profiel_niet_open"] is True and row["profiel_status"] == "gesloten"


def test_same_person_same_profile_same_day_is_one_aanmelding(
    client: TestClient, engine: Engine
) -> None:
    data = valid(profiel="haarlem-k3m9")
    for email in ("test.persoon@example.org", "Test.Persoon@example.org"):
        response = client.post("/aanmelden", data={**data, "email": email}, headers=JSON)
        assert response.status_code == 200 and response.json()["ok"] is True
    assert len(rows(engine)) == 1
    assert len(rows(engine, store.outbox)) == 2  # one set of notifications, not two
    client.post("/aanmelden", data={**data, "profiel": "haarlem-p7wx"}, headers=JSON)
    assert len(rows(engine)) == 2


def test_utm_falls_back_to_referer(client: TestClient, engine: Engine) -> None:
    referer = f"{ORIGIN}/haarlem/haarlem-k3m9/?utm_source=facebook&utm_medium=social"
    client.post("/aanmelden", data=valid(), headers={"Referer": referer})
    [row] = rows(engine)
    assert (row["utm_source"], row["utm_medium"]) == ("facebook", "social")


def test_body_limit_and_content_types(client: TestClient, engine: Engine) -> None:
    big = valid(bericht="x" * (70 * 1024))
    assert client.post("/aanmelden", data=big).status_code == 413
    assert client.post("/aanmelden", files={"naam": ("a.txt", b"x")}).status_code == 415
    assert rows(engine) == []


def test_security_headers_everywhere(client: TestClient) -> None:
    for response in (client.get("/bedankt"), client.post("/aanmelden", data={})):
        csp = response.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["cache-control"] == "no-store"


def test_preflight_and_get(client: TestClient) -> None:
    pre = client.options("/aanmelden")
    assert pre.status_code == 204 and pre.headers["access-control-allow-origin"] == ORIGIN
    get = client.get("/aanmelden", follow_redirects=False)
    assert get.status_code == 303 and get.headers["location"] == ORIGIN + "/"


def test_store_failure_keeps_the_values_and_asks_to_retry(
    catalog: Catalog, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url = f"sqlite:///{tmp_path / 'kapot.sqlite3'}"
    engine = store.make_engine(url)
    app = create_app(catalog, make_runtime(url), engine)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE outbox"))  # a real failure inside the transaction
    with TestClient(app, base_url="http://127.0.0.1", headers={"Origin": ORIGIN}) as client:
        response = client.post("/aanmelden", data=valid(naam="Bewaar Mij"))
        assert response.status_code == 503 and response.headers["retry-after"] == "60"
        assert STORE_DOWN in response.text and 'value="Bewaar Mij"' in response.text
        as_json = client.post("/aanmelden", data=valid(), headers=JSON)
        assert as_json.status_code == 503 and as_json.json()["errors"] == {"formulier": STORE_DOWN}
    assert rows(engine) == []  # the aanmelding without its outbox rows was rolled back
    assert "Bewaar" not in caplog.text and "test.persoon" not in caplog.text
    assert "OperationalError" in caplog.text
    engine.dispose()


def test_unknown_page_and_method_are_dutch(client: TestClient) -> None:
    missing = client.get("/bestaat-niet")
    assert missing.status_code == 404 and "Deze pagina bestaat niet." in missing.text
    wrong = client.put("/aanmelden")
    assert wrong.status_code == 405 and "Dit verzoek kan hier niet." in wrong.text


def test_sqlite_store_is_crash_safe(tmp_path: Path) -> None:
    engine = store.make_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
    engine.dispose()
