"""The backoffice in a real browser: log in, see a new aanmelding, export it, delete it."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visit
from tests.browser.steps import PROFILE, fill_signup, landing_url, login, person, submit

pytestmark = pytest.mark.browser


def test_backoffice_sees_exports_and_deletes_an_aanmelding(visit: Visit) -> None:
    page, stack = visit.page, visit.stack
    values = person(visit, "backoffice")
    values["naam"] = f"Backoffice Proef {visit.viewport.capitalize()}"
    page.goto(landing_url(stack))
    loaded = time.monotonic()
    fill_signup(page, values)
    submit(page, loaded)
    expect(page.locator("h1")).to_have_text("Bedankt voor uw aanmelding!")

    login(visit)
    row = page.locator("tr", has=page.get_by_role("link", name=values["naam"]))
    expect(row).to_have_count(1)
    expect(row).to_contain_text(PROFILE)
    expect(row).to_contain_text("facebook")
    row.get_by_role("link", name=values["naam"]).click()
    expect(page.locator("table")).to_contain_text(values["email"])
    expect(page.locator("table")).to_contain_text("facebook / social / " + PROFILE)

    page.get_by_role("link", name="Aanmeldingen").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    assert download.value.suggested_filename == "aanmeldingen.csv"
    exported = download.value.path().read_text(encoding="utf-8")
    line = next(x for x in exported.splitlines() if values["email"] in x)
    assert values["naam"] in line and PROFILE in line

    page.get_by_label("E-mailadres van de persoon").fill(values["email"])
    page.get_by_role("button", name="Alle aanmeldingen van dit adres verwijderen").click()
    expect(page.locator("h1")).to_have_text("Verwijderd")
    expect(page.locator("main")).to_contain_text("1 aanmelding(en)")
    assert stack.row_by_email(values["email"]) is None
    page.get_by_role("link", name="Terug naar de aanmeldingen").click()
    expect(page.get_by_role("link", name=values["naam"])).to_have_count(0)
    visit.assert_private()
