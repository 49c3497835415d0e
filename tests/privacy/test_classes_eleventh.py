"""The classes of item the blind corpora c11 and c12 showed, in our own words.

Each text is new (written for this test, not taken from any corpus).
"""

from __future__ import annotations

import pytest

from tests.privacy.blocking import overlapping

IDENTIFYING = [
    # a public list ends at the end of its sentence: the next sentence's name is a person
    ("Ze zingt graag mee met Snelle en Froukje.\n\nLars helpt haar. Lars werkt veel.", "Lars"),
    ("Hij kijkt Paw Patrol. Yusuf wil graag bellen. Yusuf kookt ook.", "Yusuf"),
    # a first name that is also a word, as the subject of a sentence about the family
    ("Maarten is vader van twee kinderen en werkt in de haven.", "Maarten"),
    ("Roos is moeder van een tweeling.", "Roos"),
    ("Milan woont met zijn dochter boven een winkel.", "Milan"),
    # a name in an all-capitals title, found by its age or elsewhere in the text
    ("STEUNGEZIN GEZOCHT VOOR DAVUT (6)\n\nDavut houdt van treinen.", "DAVUT"),
    ("TIMO EN ZIJN ZUSJE\n\nTimo (9) en zijn zusje zoeken een steungezin.", "TIMO"),
    # a handle without its @: a user name with an underscore, or after a platform's name
    ("Ze staat op Instagram als lotte_dansje09, maar bel liever ons.", "lotte_dansje09"),
    ("Op TikTok: mo.kickt_2014, vol voetbalfilmpjes.", "mo.kickt_2014"),
]


@pytest.mark.parametrize(("text", "item"), IDENTIFYING)
def test_identifying_items_block(text: str, item: str) -> None:
    assert overlapping(text, item), f"{item!r} in {text!r} has no blocking finding"


NOT_BLOCKED = [
    # inhabitants of a place are no person's name
    ("De Arnhemmers zijn trots op hun stad.", "Arnhemmers"),
    ("Zoetermeerders en Krimpenaren kwamen samen.", "Krimpenaren"),
    ("Alle Hengeloërs kennen de markt.", "Hengeloërs"),
    ("Echte Tilburgers weten waar het beste ijs is.", "Tilburgers"),
    ("Zoals alle Friezen houdt hij van schaatsen.", "Friezen"),
    # a district named after its kind ("-kwartier", "-wijk") is the wijk, not an address
    ("Ze wonen in het Bloemenkwartier, vlak bij het park.", "Bloemenkwartier"),
    # an outing to a lake or a beach is no club membership
    ("In de zomer zwemmen ze graag bij het Veluwemeer.", "Veluwemeer"),
    ("Ze fietsen en zwemmen bij de Zevenhuizerplas.", "Zevenhuizerplas"),
    # our own organisation's page is nobody's personal page
    ("Volg ons op facebook.com/BuurtgezinnenZwolle voor nieuws.", "facebook.com"),
    # an underscore in an ordinary file or word is no handle
    ("Het formulier heet aanmelding_steungezin.pdf op de site.", "aanmelding_steungezin"),
]


@pytest.mark.parametrize(("text", "item"), NOT_BLOCKED)
def test_places_and_their_people_are_not_blocked(text: str, item: str) -> None:
    assert not overlapping(text, item), f"{item!r} in {text!r} was blocked"
