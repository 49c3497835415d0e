"""Every naughty string (BLNS) in the name and in the message of a real sign-up, over HTTP.

No 5xx, and nothing lost: a sign-up that is acknowledged is stored exactly once with the text
under the character rule; one that is refused (422) names a field in Dutch and gives the
resident back everything she typed. The full list on SQLite, every 8th string on PostgreSQL.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser

import httpx
import pytest
from sqlalchemy import Engine

from generator import text
from tests.forms.conftest import ORIGIN, rows, valid
from tests.text.naughty import naughty_strings

pytestmark = pytest.mark.slow


class FormValues(HTMLParser):
    """What the re-rendered form holds: input values and textarea contents, by name."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") != "radio":
            self.values[str(a["name"])] = a.get("value") or ""
        elif tag == "textarea":
            self._textarea = str(a.get("name"))
            self.values[self._textarea] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.values[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def test_every_naughty_string_signs_up_or_is_refused_and_nothing_is_lost(
    quiet_server: str, engine: Engine
) -> None:
    strings = naughty_strings()
    if engine.dialect.name == "postgresql":
        strings = strings[::8]
    posts = []
    for i, value in enumerate(strings):
        posts.append((f"blns{i}.naam@example.org", "naam", value))
        posts.append((f"blns{i}.bericht@example.org", "bericht", value))

    with (
        httpx.Client(base_url=quiet_server, headers={"Origin": ORIGIN}, timeout=30) as http,
        ThreadPoolExecutor(max_workers=6) as pool,
    ):

        def send(post: tuple[str, str, str]) -> tuple[str, str, str, httpx.Response]:
            email, field, value = post
            return (
                email,
                field,
                value,
                http.post("/aanmelden", data=valid(email=email, **{field: value})),
            )

        answers = list(pool.map(send, posts))

    statuses = sorted({r.status_code for *_post, r in answers})
    assert set(statuses) <= {303, 422}, statuses
    stored = {row["email"]: row for row in rows(engine)}
    accepted = [(e, f, v) for e, f, v, r in answers if r.status_code == 303]
    assert len(stored) == len(rows(engine)) == len(accepted)  # each exactly once
    for email, field, value in accepted:
        expected = text.normalise(value.strip()).strip()
        assert stored[email][field] == (expected or None), (field, value)
    for email, field, value, response in answers:
        if response.status_code != 422:
            continue
        assert email not in stored
        assert 'class="samenvatting" role="alert"' in response.text  # the Dutch summary
        form = FormValues()
        form.feed(response.text)
        assert form.values.get(field) == value.strip(), (field, value)
