"""The classes of item the blind corpora c13 and c14 showed, in our own words.

Each text is new (written for this test, not taken from any corpus).
"""

from __future__ import annotations

import pytest

from tests.privacy.blocking import overlapping

NO_HARD_ERROR = [
    # a class trip: "met school" visits a public place, it names no school
    ("Vorig jaar is hij met school het Openluchtmuseum Arnhem in geweest.", "Openluchtmuseum"),
    # an outing to a stadium or farm named like a home is worth a look, not an error
    ("Op zaterdag gaat ze met haar oom mee naar het Erve Vennegoor.", "Vennegoor"),
]


@pytest.mark.parametrize(("text", "item"), NO_HARD_ERROR)
def test_outings_get_no_hard_error(text: str, item: str) -> None:
    assert "error" not in overlapping(text, item), f"{item!r} in {text!r}: a hard error"


NOT_BLOCKED = [
    # a heading in capitals on the line after a role word is no nickname
    ("Een meisje van 9 en haar moeder\nWIE: een gezin uit de buurt", "WIE"),
    ("Samen met hun oma\nHOE: een middag per week", "HOE"),
    # characters listed after their series and a colon
    ("Ze kijkt elke dag Sesamstraat: Pino, Tommie en Ieniemienie.", "Ieniemienie"),
    ("Zijn favoriet is Paw Patrol: Rubble en Skye.", "Skye"),
    # a name after a museum, fort or castle is the place
    ("Ze gaat graag naar Museum Jan Cunen in Oss.", "Cunen"),
    ("In de zomer spelen ze bij Fort Ruigenhoek.", "Ruigenhoek"),
    ("Een uitje naar Kasteel Doorwerth vindt hij prachtig.", "Doorwerth"),
    # a fan of a famous club, in one word
    ("Hij is een echte PSV-fan en Ajaxfans vindt hij maar niks.", "Ajaxfans"),
]


@pytest.mark.parametrize(("text", "item"), NOT_BLOCKED)
def test_headings_characters_and_places_are_not_blocked(text: str, item: str) -> None:
    assert not overlapping(text, item), f"{item!r} in {text!r} was blocked"


IDENTIFYING = [
    # a short nickname after a role word on the same line stays a name
    ("Haar broer TJ is elf.", "TJ"),
    ("Ze woont met haar zoon DJ in de wijk.", "DJ"),
    # a surname after the children's names and ages
    ("Noor (7) en Daan (4) van den Heuvel wonen met hun vader in de wijk.", "van den Heuvel"),
    ("Anouk (12) Dijkstra woont met haar oma.", "Dijkstra"),
    # "heet ze" between the platform and the user name
    ("Op Instagram heet hij jessy_voetbal10, maar bel ons.", "jessy_voetbal10"),
    # an e-mail with [at] at a foreign provider
    ("Mail haar gerust: oksana.koval[at]ukr.ua of bel.", "oksana.koval[at]ukr.ua"),
    # a parent who works as something is a person, even when the name is also a word
    ("Taras werkt als chauffeur en is vaak weg.", "Taras"),
    # a person after a colon with no public entity before it stays a name
    ("Wie zoekt er hulp: Ilona en haar zoon.", "Ilona"),
]


@pytest.mark.parametrize(("text", "item"), IDENTIFYING)
def test_names_stay_names(text: str, item: str) -> None:
    assert overlapping(text, item), f"{item!r} in {text!r} has no blocking finding"
