"""The composition: which path goes where, and the form-action the site's policy names."""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine

from generator.server.app import Production, form_action
from generator.validate import Catalog
from tests.forms.conftest import ORIGIN, make_runtime, serve, valid


def test_form_action_is_self_only_on_the_sites_own_origin(catalog: Catalog) -> None:
    settings = catalog.settings
    assert form_action(settings) == "https://aanmelden.buurtgezinnen.example"
    same = settings.site.model_copy(update={"signup_url": ORIGIN + "/aanmelden"})
    assert form_action(settings.model_copy(update={"site": same})) == "'self'"


def test_paths_go_to_site_form_backoffice_and_health(
    catalog: Catalog,
    engine: Engine,
    database_url: str,
    small_site: Path,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="buurtsite.server"):
        app = Production(catalog, make_runtime(database_url), small_site, tmp_path, engine)
    assert "aanmeld_url staat op een andere host dan base_url" in caplog.text
    with serve(app) as url, httpx.Client(base_url=url, headers={"Origin": ORIGIN}) as c:
        page = c.get("/haarlem/")
        signup = c.post("/aanmelden", data=valid(), follow_redirects=False)
        login = c.get("/backoffice/inloggen")
        health = c.get("/gezondheid")
        head = c.head("/gezondheid")
        css = c.get("/formulier.css")
    assert page.status_code == 200 and "Haarlem" in page.text
    assert page.headers["cache-control"] == "no-cache"
    assert signup.status_code == 303
    assert login.status_code == 200 and 'name="wachtwoord"' in login.text
    assert login.headers["cache-control"] == "no-store"  # the forms app's own strict headers
    assert health.json()["wachtrij"]["wachtend"] == 2
    assert health.headers["cache-control"] == "no-store" and head.content == b""
    assert css.headers["content-type"].startswith("text/css")
