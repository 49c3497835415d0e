"""Unit tests for names, schools and institutions, special categories and combinations."""

from __future__ import annotations

import pytest

from generator.privacy import scan_text


def kinds(text: str, allowed: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(f.type, f.text) for f in scan_text(text, allowed)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Het meisje heet Fatima en is 8.", "Fatima"),
        ("Vraag het aan juf Marloes op school.", "juf Marloes"),
        ("Meester Ahmed zegt dat hij goed leert.", "Meester Ahmed"),
        ("Dokter Jansen verwees het gezin.", "Dokter Jansen"),
        ("Ze woont bij haar moeder Oksana.", "Oksana"),
        ("Een jongen, Liam, zoekt een gezin.", "Liam"),
        ("Zijn vader Pieter de Groot werkt veel.", "Pieter de Groot"),
    ],
)
def test_names_with_and_without_titles(text: str, name: str) -> None:
    assert ("name", name) in kinds(text)
    assert all(f.severity == "error" for f in scan_text(text) if f.type == "name")


def test_message_is_kind_and_dutch() -> None:
    (found,) = scan_text("Fatima is een vrolijke meid.")
    assert found.message.startswith("`Fatima` lijkt een voornaam")
    assert "pseudoniem" in found.suggestion
    assert (found.start, found.end) == (0, 6)


@pytest.mark.parametrize(
    "text",
    [
        "Fatima is een vrolijke meid.",  # a listed first name: error
        "Mirela houdt van knutselen en verkleden.",  # unknown to every list: check
        "Hij voetbalt in de JO9-3 van SV Kwiek.",  # a club by its cue
    ],
)
def test_each_finding_gives_its_advice_once(text: str) -> None:
    (found,) = [f for f in scan_text(text) if f.severity in ("error", "check")]
    printed = f"{found.message} {found.suggestion}"
    # The issue: the name message said "Noem geen namen; schrijf 'een moeder' ..." and the
    # suggestion said "Vervang de naam door een omschrijving ..." again.
    for phrase in ("pseudoniem", "omschrijving", "toegestaan", "algemeen", "Noem geen"):
        assert printed.count(phrase) <= 1, printed
    assert found.suggestion and found.suggestion not in found.message


def test_pseudonym_and_places_are_allowed() -> None:
    assert kinds("Sam is 7 en woont in Schalkwijk.", ("Sam", "Schalkwijk")) == []
    assert kinds("Sam is 7 en woont in Schalkwijk.") == [("name", "Sam")]


@pytest.mark.parametrize(
    "text",
    [
        "Ze houdt van de roos en de zonnebloem.",
        "Zon of regen, hij wil naar buiten.",
        "Hij is groot fan van Max Verstappen.",
        "Ze leest de boeken van Harry Potter.",
        "Met Kerst en Pasen is het gezin vaak alleen.",
        "Op maandag en woensdag om 15:30 in groep 4.",
        "Ze helpt met wiskunde en Engels.",
    ],
)
def test_near_misses_are_not_names(text: str) -> None:
    assert kinds(text) == []


@pytest.mark.parametrize(
    ("text", "school"),
    [
        ("Ze zit op De Regenboog in groep 4.", "De Regenboog"),
        ("Hij gaat naar OBS De Vlinderhof.", "OBS De Vlinderhof"),
        ("Haar zus zit op CBS Het Kompas.", "CBS Het Kompas"),
        ("Zijn broer gaat naar RKBS Sint Jozef.", "RKBS Sint Jozef"),
        ("Het gezin kwam via wijkteam Oost.", "wijkteam Oost"),
        ("Moeder is in behandeling bij Praktijk Zonnewende.", "Praktijk Zonnewende"),
        ("Na school gaat hij naar BSO Boomhut.", "BSO Boomhut"),
        ("Ze gaat naar het Montessori Lyceum.", "Montessori Lyceum"),
    ],
)
def test_schools_and_institutions(text: str, school: str) -> None:
    assert ("institution", school) in kinds(text)


def test_generic_school_words_are_fine() -> None:
    assert kinds("Hij gaat graag naar school en naar de bso. Via het wijkteam kwam hij.") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hij heeft autisme.", "health"),
        ("Het gezin is moslim.", "religion"),
        ("Een Syrisch gezin zoekt contact.", "origin"),
    ],
)
def test_special_categories_are_warnings(text: str, kind: str) -> None:
    found = scan_text(text)
    assert [f.type for f in found] == [kind]
    assert found[0].severity == "warning"
    assert "AVG" in found[0].message


def test_combination_of_place_age_and_rare_detail_is_a_warning() -> None:
    text = "In Jubbega woont een tweeling van 7."
    found = [f for f in scan_text(text, ("Jubbega",)) if f.type == "combination"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert "Jubbega" in found[0].message and "7" in found[0].message
    # Without the exact age, or without the place, the twin alone is not a risk.
    assert scan_text("In Jubbega woont een tweeling.", ("Jubbega",)) == []
    assert scan_text("Wij zoeken een gezin voor een tweeling van 7.") == []
