"""axe-core on every page type, at both viewports, with a screenshot of each as a test artefact.

Zero serious or critical violations; the failure message lists what axe found and where.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Visit
from tests.browser.steps import (
    FILLED,
    PROFILE,
    axe_violations,
    fill_signup,
    landing_url,
    login,
    person,
    submit,
)

pytestmark = pytest.mark.browser


def error_page(visit: Visit) -> None:
    page = visit.page
    page.goto(landing_url(visit.stack))
    loaded = time.monotonic()
    values = person(visit, "axe-fout")
    values["telefoon"] = "12345"
    fill_signup(page, values)
    submit(page, loaded)
    expect(page.locator("h1")).to_have_text("Controleer uw aanmelding")


def backoffice(visit: Visit) -> None:
    login(visit)


def site(path: str, heading: str) -> Callable[[Visit], None]:
    def open_page(visit: Visit) -> None:
        visit.page.goto(visit.stack.site_url + path)
        expect(visit.page.locator("h1").first).to_contain_text(heading)

    return open_page


def thanks(visit: Visit) -> None:
    visit.page.goto(f"{visit.stack.forms_url}/bedankt?soort=steungezin")
    expect(visit.page.locator("h1")).to_have_text("Bedankt voor uw aanmelding!")


PAGES: dict[str, Callable[[Visit], None]] = {
    "home": site("", "Buurtgezinnen"),
    "gemeente": site("haarlem/", "Buurtgezinnen Haarlem"),
    "profiel": site(f"haarlem/{PROFILE}/", "speelmaatje"),
    "gekoppeld": site(f"haarlem/{FILLED}/", ""),
    "inhoud": site("veelgestelde-vragen/", ""),
    "niet-gevonden": site("404.html", "bestaat niet"),
    "bedankt": thanks,
    "formulierfout": error_page,
    "backoffice": backoffice,
}


@pytest.mark.parametrize("kind", list(PAGES))
def test_page_has_no_serious_accessibility_problems(
    audit_visit: Visit, axe_source: str, kind: str
) -> None:
    visit = audit_visit
    PAGES[kind](visit)
    visit.screenshot(kind)
    violations = axe_violations(visit.page, axe_source)
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )
    assert not violations, f"axe vond op '{kind}' ({visit.viewport}):\n{report}"
    visit.assert_private()
