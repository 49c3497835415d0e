"""The sign-up form applies the same character rule, over real HTTP, on both databases.

Issue 13 item 1: one NUL byte in `naam` gave 503 on PostgreSQL (and failed the whole batch of
sign-ups stored with it). Control characters are now refused at the edge with a Dutch 422
that names the field; Word's vertical tab and a textarea's CR LF become a newline.
"""

from __future__ import annotations

import json

import httpx
from sqlalchemy import Engine

from tests.forms.conftest import ORIGIN, add_user, rows, valid
from tests.forms.test_backoffice import csrf_of

JSON = {"Accept": "application/json"}


def post(
    base: str, data: dict[str, str], headers: dict[str, str] | None = None, content: str = ""
) -> httpx.Response:
    with httpx.Client(base_url=base, headers={"Origin": ORIGIN, **JSON}, timeout=10) as http:
        if content:
            return http.post("/aanmelden", content=content, headers=headers)
        return http.post("/aanmelden", data=data, headers=headers)


def test_nul_byte_in_the_name_is_a_dutch_422_naming_the_field(
    quiet_server: str, engine: Engine
) -> None:
    base = quiet_server
    response = post(base, valid(naam="Nul\x00Byte"))
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert list(errors) == ["naam"]
    assert "U+0000 (nul-teken)" in errors["naam"]
    assert rows(engine) == []
    assert post(base, valid(naam="Nul Byte")).status_code == 200  # the store still works
    assert [r["naam"] for r in rows(engine)] == ["Nul Byte"]


def test_every_control_character_in_a_visible_field_is_refused(
    quiet_server: str, engine: Engine
) -> None:
    base = quiet_server
    for field in ("naam", "bericht", "huishouden", "woonplaats", "email"):
        response = post(base, valid(**{field: "Escape\x1b[31m rood"}))
        assert response.status_code == 422, field
        assert "U+001B (escape)" in response.json()["errors"][field]
    page = httpx.post(
        f"{base}/aanmelden", data=valid(bericht="bel\x07"), headers={"Origin": ORIGIN}
    )
    assert page.status_code == 422 and "U+0007 (bel)" in page.text
    assert rows(engine) == []


def test_lone_surrogate_in_a_json_body_is_refused(quiet_server: str, engine: Engine) -> None:
    base = quiet_server
    body = json.dumps(valid(bericht="half \ud800 teken"))  # ensure_ascii: "\\ud800"
    response = post(base, {}, {"Content-Type": "application/json"}, body)
    assert response.status_code == 422
    assert "U+D800" in response.json()["errors"]["bericht"]
    assert rows(engine) == []


def test_word_and_textarea_line_breaks_are_stored_as_newlines(
    quiet_server: str, engine: Engine
) -> None:
    base = quiet_server
    message = "Regel een\r\nregel twee\x0bregel drie\x0cvier"
    referer = f"{base}/haarlem/?utm_source=face%08book&utm_campaign=herfst"
    response = post(base, valid(bericht=message, naam="Zoe\u0308 Verzonnen"), {"Referer": referer})
    assert response.status_code == 200, response.text
    (row,) = rows(engine)
    assert row["bericht"] == "Regel een\nregel twee\nregel drie\nvier"
    assert row["naam"] == "Zo\u00eb Verzonnen"  # NFC
    assert (row["utm_source"], row["utm_campaign"]) == ("facebook", "herfst")


def test_backoffice_log_in_and_delete_with_a_nul_byte_answer_without_a_server_error(
    quiet_server: str, engine: Engine
) -> None:
    base = quiet_server
    password = add_user(engine, "ans", "coordinator", "haarlem")
    with httpx.Client(base_url=base, headers={"Origin": ORIGIN}, timeout=10) as http:
        token = csrf_of(http.get("/backoffice/inloggen").text)
        wrong = http.post(
            "/backoffice/inloggen",
            data={"csrf": token, "gebruiker": "ans\x00", "wachtwoord": password},
        )
        assert wrong.status_code == 401
        ok = http.post(
            "/backoffice/inloggen", data={"csrf": token, "gebruiker": "ans", "wachtwoord": password}
        )
        assert ok.status_code == 303
        token = csrf_of(http.get("/backoffice/").text)
        deleted = http.post(
            "/backoffice/verwijderen", data={"csrf": token, "email": "a\x00@example.org"}
        )
        assert deleted.status_code < 500
