"""Steps that several browser tests take: landing on a profile, filling in the sign-up form,
logging in to the backoffice, and running axe-core in the page."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Page, expect

from tests.browser.conftest import BACKOFFICE_PASSWORD, BACKOFFICE_USER, Stack, Visit

PROFILE = "haarlem-k3m9"  # open, Haarlem, speelmiddag + uitstapjes, 4-7
FILLED = "haarlem-b2dq"  # gekoppeld
UTM = {"utm_source": "facebook", "utm_medium": "social", "utm_campaign": PROFILE}
MIN_FILL_SECONDS = 1.0  # as configured for the tests' copy of the demo (see conftest.configure)


def landing_url(stack: Stack) -> str:
    query = "&".join(f"{k}={v}" for k, v in UTM.items())
    return f"{stack.site_url}haarlem/{PROFILE}/?{query}"


def fill_signup(page: Page, values: dict[str, str]) -> None:
    form = page.locator("form#helpen")
    for name, value in values.items():
        if name == "bron":
            form.locator(f"[name={name}]").select_option(value)
        else:
            form.locator(f"[name={name}]").fill(value)
    form.get_by_label("Ik geef toestemming", exact=False).check()


def person(visit: Visit, case: str) -> dict[str, str]:
    """An invented person, unique per test so the store's duplicate check never merges them."""
    return {
        "naam": "Testgezin Verzonnen",
        "email": f"{case}.{visit.viewport}@example.org",
        "telefoon": "06 12345678",
        "woonplaats": "2035 AB",
        "huishouden": "twee volwassenen en een hond",
        "bericht": "Wij hebben op woensdagmiddag tijd.",
        "bron": "facebook",
    }


def submit(page: Page, loaded_at: float) -> None:
    # The page's script stamps `ts` when the form becomes usable; a person needs a moment.
    wait = MIN_FILL_SECONDS + 0.2 - (time.monotonic() - loaded_at)
    if wait > 0:
        time.sleep(wait)
    page.locator("form#helpen").get_by_role("button").click()


def login(visit: Visit) -> None:
    page = visit.page
    page.goto(f"{visit.stack.forms_url}/backoffice/")
    expect(page).to_have_url(f"{visit.stack.forms_url}/backoffice/inloggen")
    page.get_by_label("Gebruikersnaam").fill(BACKOFFICE_USER)
    page.get_by_label("Wachtwoord").fill(BACKOFFICE_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).to_have_url(f"{visit.stack.forms_url}/backoffice/")
    expect(page.locator("h1")).to_have_text("Aanmeldingen")


SERIOUS = ("serious", "critical")


def axe_violations(page: Page, axe_source: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the current page, in a readable form."""
    page.add_script_tag(content=axe_source)
    found: list[dict[str, Any]] = page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " :: " + n.failureSummary),
            }));
        }"""
    )
    return [v for v in found if v["impact"] in SERIOUS]
