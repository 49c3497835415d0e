"""The classes of item the eighth blind review missed or flagged wrongly, in our own words.

Each text is new (written for this test, not taken from any corpus).
"""

from __future__ import annotations

import pytest

from generator.privacy import scan_text
from tests.privacy.blocking import BLOCKING, overlapping

IDENTIFYING = [
    # a Dutch account in IBAN form with wrong check digits is still an account
    ("Een gift kan naar NL12 RABO 0123 4567 89, dank u wel.", "NL12 RABO 0123 4567 89"),
    # the street of a named workplace or practice
    ("Moeder werkt bij Kapsalon Yildiz aan de Kerkhoflaan.", "Kerkhoflaan"),
    # a factory of any kind with its name
    ("Vader draait nachtdiensten bij koekjesfabriek De Haas & Zn.", "De Haas"),
    # a name that is also a word, as the subject of "woont met haar ..."
    ("Linde woont met haar moeder en twee katten in een flat.", "Linde"),
    # a lower-case repeat of a name found in the title, with a comma in the description
    ("Kleine Yusra (5) zoekt een gezin\nyusra is een stoere, vrolijke meid.", "yusra is"),
    # dates of family events, before and after the verb
    ("Op 9 mei werd hun vader opgenomen in het ziekenhuis.", "9 mei"),
    ("De kinderen verloren hun oma op 2 februari.", "2 februari"),
    ("Sinds 18 oktober jl. wonen ze bij hun tante.", "18 oktober"),
    # a unique trade in the area, a road accident, a tv appearance
    ("Zijn vader is de enige klompenmaker in de wijde omgeving.", "de enige klompenmaker"),
    ("Hun moeder is vorig jaar verongelukt op de A28.", "verongelukt op de A28"),
    ("Misschien herken je vader wel: hij was te zien in het programma Over Mijn Lijf.", "vader"),
    # a church the family attends
    ("Op zondag zitten ze altijd in de Maranathakerk.", "Maranathakerk"),
    # revalidation with more words before "bij"
    ("Hij revalideert elke dinsdag- en donderdagochtend bij Reade in Amsterdam.", "Reade"),
]


@pytest.mark.parametrize(("text", "item"), IDENTIFYING)
def test_identifying_item_blocks(text: str, item: str) -> None:
    assert overlapping(text, item), f"{item!r} in {text!r} has no blocking finding"


NOT_BLOCKED = [
    # a thing named after somebody or something, and slogans glued into a hashtag
    ("Hij is een echte Nijntje-fan en draagt een Cambuur-sjaal.", "Nijntje-fan"),
    ("Deel dit bericht! #SuperheldZoektMaatje #OppasopaGezocht", "SuperheldZoektMaatje"),
    # a church as a landmark on an outing
    ("Een rondje door het centrum langs de Martinikerk en de Vismarkt.", "Martinikerk"),
    ("Samen naar de markt, de Grote Kerk of het park.", "Grote Kerk"),
]


@pytest.mark.parametrize(("text", "item"), NOT_BLOCKED)
def test_things_slogans_and_landmarks_are_not_blocked(text: str, item: str) -> None:
    assert not overlapping(text, item), f"{item!r} in {text!r} was blocked"


def test_a_double_first_name_is_still_a_name() -> None:
    assert overlapping("Anne-Fleur (7) en haar broer wonen bij oma.", "Anne-Fleur") == {"error"}


def test_a_hashtag_with_a_first_name_is_no_slogan() -> None:
    assert overlapping("#TeamIlias #Buurtgezinnen", "TeamIlias")


def test_own_organisation_with_a_gemeente_of_two_words_is_no_finding() -> None:
    # after the blind c9 score: the trailing allowed place was stripped one word at a time
    text = "Stichting Buurtgezinnen Den Bosch zoekt een steungezin."
    assert not [f for f in scan_text(text, ("Den Bosch",)) if f.severity in BLOCKING]


def test_a_relatives_pet_is_no_name() -> None:
    text = "De parkiet van opa heet Kobus en kan fluiten."
    assert not overlapping(text, "Kobus")
