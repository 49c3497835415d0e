"""A resident's journeys through the real site and sign-up app, at a phone and a desktop size.

Every journey also checks the browser's network log: only the site and the form endpoint.
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import Stack, Visit, wait_until
from tests.browser.steps import (
    FILLED,
    PROFILE,
    UTM,
    fill_signup,
    landing_url,
    person,
    submit,
)

pytestmark = pytest.mark.browser


def find_haarlem(visit: Visit, javascript: bool) -> None:
    """Home page -> (search box) -> the gemeente page -> filter -> the profile."""
    page = visit.page
    page.goto(visit.stack.site_url)
    expect(page.locator("h1")).to_contain_text("Buurtgezinnen")
    gemeenten = page.locator("ul.bs-gemeenten > li")
    if javascript:
        page.get_by_label("Zoek een gemeente").fill("haarl")
        expect(gemeenten.filter(visible=True)).to_have_count(1)
        expect(page.locator("#gemeente-zoeken-status")).to_have_text("1 gemeente")
    else:
        # Without JavaScript the search box cannot work, so it is not shown at all.
        expect(page.get_by_label("Zoek een gemeente")).to_be_hidden()
        expect(gemeenten).to_have_count(4)
    page.locator("ul.bs-gemeenten").get_by_role("link", name="Haarlem").click()
    expect(page).to_have_url(f"{visit.stack.site_url}haarlem/")
    expect(page.locator("h1")).to_have_text("Buurtgezinnen Haarlem")

    cards = page.locator("ul.bs-cards > li")
    expect(cards.filter(visible=True)).to_have_count(3)
    page.locator("label[for=f-steun-speelmiddag]").click()  # pure CSS: works without JS too
    expect(cards.filter(visible=True)).to_have_count(1)
    if javascript:
        expect(page.locator("#filter-status")).to_have_text("1 zoekprofiel getoond")
    visible = cards.filter(visible=True)
    visible.get_by_role("heading").get_by_role("link").click()
    expect(page).to_have_url(f"{visit.stack.site_url}haarlem/{PROFILE}/")


def assert_stored(stack: Stack, email: str, utm: dict[str, str | None]) -> dict[str, Any]:
    row = stack.row_by_email(email)
    assert row is not None, f"geen aanmelding van {email} in de database"
    assert row["profiel"] == PROFILE
    assert row["gemeente"] == "haarlem"
    assert row["soort"] == "steungezin"
    assert row["telefoon"] == "0612345678"
    assert {k: row[k] for k in utm} == utm
    return row


def assert_notified(stack: Stack, row: dict[str, Any]) -> None:
    def arrived() -> bool:
        return any(
            row["public_id"] in m.get_content() for m in stack.inbox.to("haarlem@example.org")
        )

    wait_until(arrived, 10, "de coördinator kreeg geen melding")
    wait_until(lambda: bool(stack.inbox.to(row["email"])), 10, "geen bevestiging aan de aanmelder")
    assert "Bedankt" in str(stack.inbox.to(row["email"])[0]["Subject"])


def test_signup_journey_with_javascript(visit: Visit) -> None:
    find_haarlem(visit, javascript=True)
    page = visit.page
    # She comes back through the gemeente's Facebook post, whose link carries the campaign.
    page.goto(landing_url(visit.stack))
    loaded = time.monotonic()
    values = person(visit, "js")
    fill_signup(page, values)
    submit(page, loaded)
    expect(page).to_have_url(f"{visit.stack.forms_url}/bedankt?soort=steungezin")
    expect(page.locator("h1")).to_have_text("Bedankt voor uw aanmelding!")
    row = assert_stored(visit.stack, values["email"], UTM)
    assert_notified(visit.stack, row)
    visit.assert_private()


def test_signup_journey_without_javascript(visit_nojs: Visit) -> None:
    visit = visit_nojs
    find_haarlem(visit, javascript=False)
    page = visit.page
    page.goto(landing_url(visit.stack))
    values = person(visit, "nojs")
    fill_signup(page, values)
    page.locator("form#helpen").get_by_role("button").click()
    expect(page).to_have_url(f"{visit.stack.forms_url}/bedankt?soort=steungezin")
    expect(page.locator("h1")).to_have_text("Bedankt voor uw aanmelding!")
    # Without the script the campaign is lost: the site's pages send other hosts only their
    # origin as Referer (privacy: share links must not tell which profile was open), so the
    # endpoint's Referer fallback cannot see the landing page's utm_* values. The profile is kept.
    row = assert_stored(visit.stack, values["email"], {k: None for k in UTM})
    assert_notified(visit.stack, row)
    visit.assert_private()


def mistakes(visit: Visit, javascript: bool) -> None:
    page = visit.page
    page.goto(landing_url(visit.stack))
    loaded = time.monotonic()
    values = person(visit, "fout-js" if javascript else "fout-nojs")
    # Both pass the browser's own checks (required, type=email) but not the server's rules.
    values["telefoon"] = "12345"
    values["woonplaats"] = "0000 AA"
    fill_signup(page, values)
    submit(page, loaded) if javascript else page.locator("form#helpen").get_by_role(
        "button"
    ).click()

    expect(page).to_have_url(f"{visit.stack.forms_url}/aanmelden")
    expect(page.locator("h1")).to_have_text("Controleer uw aanmelding")
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Er zijn 2 punten om te verbeteren")
    # Each message sits next to its field and is tied to it for screen readers.
    phone = page.get_by_label("Telefoonnummer")
    expect(phone).to_have_value("12345")
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#telefoon-fout")).to_contain_text("Nederlands telefoonnummer")
    expect(phone).to_have_accessible_description(
        "Vul een Nederlands telefoonnummer in, bv. 06 12345678 of 023 1234567."
    )
    place = page.get_by_label("Postcode of woonplaats")
    expect(place).to_have_value("0000 AA")
    expect(page.locator("#woonplaats-fout")).to_contain_text("geldige postcode")
    # Everything else she typed is still there.
    expect(page.get_by_label("Naam")).to_have_value(values["naam"])
    expect(page.get_by_label("E-mailadres")).to_have_value(values["email"])
    expect(page.get_by_label("Uw motivatie of vraag", exact=False)).to_have_value(values["bericht"])
    expect(page.locator("select#bron")).to_have_value("facebook")
    expect(page.locator("input[name=profiel]")).to_have_value(PROFILE)
    expect(page.locator("input[name=toestemming]")).to_be_checked()
    assert visit.stack.row_by_email(values["email"]) is None

    # Corrected on the error page, the sign-up goes through, still for the same profile.
    phone.fill("023 1234567")
    place.fill("Haarlem")
    page.get_by_role("button", name="Verstuur").click()
    expect(page).to_have_url(f"{visit.stack.forms_url}/bedankt?soort=steungezin")
    row = visit.stack.row_by_email(values["email"])
    assert row is not None and row["profiel"] == PROFILE and row["woonplaats"] == "Haarlem"
    visit.assert_private()


def test_mistakes_are_shown_in_dutch_with_javascript(visit: Visit) -> None:
    mistakes(visit, javascript=True)


def test_mistakes_are_shown_in_dutch_without_javascript(visit_nojs: Visit) -> None:
    mistakes(visit_nojs, javascript=False)


def test_filled_profile_link_shows_banner_and_open_profiles(visit: Visit) -> None:
    page = visit.page
    page.goto(f"{visit.stack.site_url}haarlem/{FILLED}/?utm_source=facebook")
    banner = page.get_by_role("status")
    expect(banner).to_contain_text("Voor dit gezin is een steungezin gevonden")
    expect(page.locator("form#helpen")).to_have_count(0)
    others = page.locator("ul.bs-cards > li")
    expect(others).to_have_count(3)
    titles = others.get_by_role("heading").all_inner_texts()
    assert len(titles) == 3 and all(t.strip() for t in titles)
    others.first.get_by_role("heading").get_by_role("link").click()
    expect(page.locator("form#helpen")).to_be_visible()
    visit.assert_private()
