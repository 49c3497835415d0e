"""The classes of item the sixth blind review missed or flagged wrongly, in our own words.

Each text is new (written for this test, not taken from any corpus). Identifying items must
get a blocking finding (``error`` or ``check``) overlapping them; public entities, pets and our
own organisation must stay free of a hard error or of any blocking finding.
"""

from __future__ import annotations

import pytest

from tests.privacy.blocking import overlapping

IDENTIFYING = [
    # a child's name with an age after it in words or "van <n>"
    ("Het gaat om Lin, een jongen van 9, en zijn zus.", "Lin"),
    ("Ze hebben twee kinderen: Kojo van 7 en Efua van 4.", "Efua"),
    ("Voor yasin, een jongen van 10, zoeken we een maatje.", "yasin"),
    ("Merel is 9 en woont bij haar moeder.", "Merel"),
    # a surname after "gezin"/"familie" that is also a Dutch word
    ("In de wijk woont het gezin Smit met vier kinderen.", "Smit"),
    # a school that shares its name with a hamlet: nobody "zit op" a village
    ("Hij zit op De Wissel in groep 5.", "De Wissel"),
    # care by department and by therapy practice
    ("Zijn zusje ligt vaak op de kinderafdeling van het Gelre.", "Gelre"),
    ("Ze gaat wekelijks naar Speltherapie Het Eikje.", "Speltherapie Het Eikje"),
    # clubs of other sports, with more words before "bij"
    ("Hij judoot al drie jaar elke dinsdag bij Kwan Dojo Noord.", "Kwan Dojo"),
    ("Zij kickbokst twee avonden per week bij Vechtclub Oosterpoort.", "Oosterpoort"),
    # an employer with a surname's particles
    ("Vader werkt bij Loonbedrijf Van den Hoek & Zn. in de oogst.", "Van den Hoek"),
    # news, honours and unique roles
    ("Misschien las u het in de krant gelezen: het gezin verloor alles.", "in de krant gelezen"),
    ("Dit voorjaar stond moeder in de Leidse Courant met haar verhaal.", "Leidse Courant"),
    ("Vader kreeg vorig jaar een lintje voor zijn werk in de buurt.", "lintje"),
    ("moeder is de enige vroedvrouw van urk en werkt veel.", "de enige vroedvrouw van urk"),
    ("Opa was de laatste molenaar van Zaandijk en vertelt graag.", "de laatste molenaar"),
    # a house number where the family lives, and a phone typed with a letter o
    ("Ze wonen met oma op Zonnedauw 14, vlak bij het park.", "Zonnedauw 14"),
    ("App gerust naar o6 12345678 na vijf uur.", "o6 12345678"),
    # the writer says the reader may know the family: what follows is the identifying part
    ("U kent haar misschien: zij verkoopt bloemen op de hoek bij het station.", "bloemen"),
    # a day of the family's life, a holiday disaster, a lower-case team code and teacher
    ("De intake is op donderdag 9-3 om tien uur.", "donderdag 9-3"),
    ("Sinds de woningbrand op tweede kerstdag wonen ze tijdelijk elders.", "tweede kerstdag"),
    ("hij speelt bij rkvv westlandia jo11-2 in de spits", "westlandia jo11-2"),
    ("op school zegt juf visser dat hij het goed doet", "visser"),
    # a name in a quoted sentence is still a name
    ('Ze zegt vaak "Nadia Kowalczyk is mijn beste vriendin".', "Nadia Kowalczyk"),
    # a family member after an event noun is no public figure (unlike "sketches van ...")
    ("Opa komt naar de voorstelling van Ilinca op school.", "Ilinca"),
    ("Zaterdag gaat iedereen naar de wedstrijd van Kwabena.", "Kwabena"),
]


@pytest.mark.parametrize(("text", "item"), IDENTIFYING)
def test_identifying_item_blocks(text: str, item: str) -> None:
    assert overlapping(text, item), f"{item!r} in {text!r} has no blocking finding"


NOT_BLOCKED = [
    # our own organisation with its gemeente, and national charities with a cue word
    ("Stichting Buurtgezinnen Zwolle zoekt een steungezin.", "Stichting Buurtgezinnen Zwolle"),
    ("Met Kerst kreeg ze een pakket via Stichting Jarige Job.", "Stichting Jarige Job"),
    ("Ze verkochten op school Kinderpostzegels voor het goede doel.", "Kinderpostzegels"),
    # pets and cuddly toys, also by breed and in a list
    ("Ze hebben een labrador die Bolle heet.", "Bolle"),
    ("Thuis wonen twee konijnen, Snuf en Snuitje.", "Snuitje"),
    ("De hond van het gezin heet Pien en slaapt veel.", "Pien"),
    ("Zijn knuffelbeer heet ook Sven.", "Sven"),
    # characters and public figures after a media cue
    ("Hij kent alle sketches van Youp van 't Hek uit zijn hoofd.", "Youp"),
    ("Zijn lievelingsfilm is Pluk van de Petteflet.", "Pluk"),
    ("Hij maakte een werkstuk over Rembrandt en Vermeer.", "Rembrandt"),
    # time, not a unique role; a class, not a place
    ("Het laatste jaar in Zwolle was zwaar voor moeder.", "Zwolle"),
    ("Hij is de enige jongen van de klas die kan jongleren.", "de enige jongen"),
    ("Ze wonen op Schiermonnikoog 3 jaar.", "Schiermonnikoog 3"),
    # an invitation is no description; a quoted title; a first name that is also a word at
    # the start of a line behind an emoji
    ("Kent u het gezin? Neem dan contact op met de coördinator.", "Kent u het gezin"),
    ("Hij zingt “Brabantse Nachten Zijn Lang” uit volle borst mee.", "Brabantse Nachten"),
    ("🌷 Lieve buurvrouw gezocht voor een meisje van 5", "Lieve"),
]


@pytest.mark.parametrize(("text", "item"), NOT_BLOCKED)
def test_public_entities_and_pets_are_not_blocked(text: str, item: str) -> None:
    allowed = ("Zwolle",) if "Zwolle" in text else ()
    assert not overlapping(text, item, allowed), f"{item!r} in {text!r} was blocked"


NO_HARD_ERROR = [
    # a landmark church and a famous foreign club: worth a look, not an error
    ("Samen naar de Oude Kerk, de markt of het park.", "Oude Kerk"),
    ("Hij is gek op voetbal en heeft een shirt van AC Milan.", "AC Milan"),
    # "moeder De ..." may be a title ("De Gruffalo"), unlike "meneer De Vries"
    ("Ze leest samen met moeder De Gruffalo voor het slapen.", "De Gruffalo"),
    # an outing by an infinitive, without an article
    ("Denk aan zwemmen bij Kalverbos of een ijsje eten.", "Kalverbos"),
]


@pytest.mark.parametrize(("text", "item"), NO_HARD_ERROR)
def test_no_hard_error(text: str, item: str) -> None:
    assert "error" not in overlapping(text, item)


def test_surname_after_a_title_stays_an_error() -> None:
    assert overlapping("We spraken met meneer De Kleine over de kinderen.", "De Kleine") == {
        "error"
    }
