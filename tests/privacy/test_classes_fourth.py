"""The classes of item the fourth blind review missed or flagged wrongly, in our own words.

Each text is new (written for this test, not taken from any corpus). Identifying items must
get a blocking finding (``error`` or ``check``) overlapping them; near misses must stay free of
one, and clean texts of hard errors.
"""

from __future__ import annotations

import pytest

from tests.privacy.blocking import overlapping

IDENTIFYING = [
    # schools named by name only, by the sentence around them
    ("Ze zit in groep 7 van De Wilgenkamp en fietst zelf.", "De Wilgenkamp"),
    ("De Tweeling Zit In Groep 3 Van Het Zonnedal En Speelt Graag Buiten.", "Het Zonnedal"),
    ("ze zitten in groep 4 van de klimboom", "de klimboom"),
    ("hij zit op de sterrenwachter en leert goed", "sterrenwachter"),
    ("de meiden zitten allebei op het vlonderpad, dat is om de hoek", "vlonderpad"),
    ("Op haar oude school, De Lindeboog, had ze weinig vriendjes.", "De Lindeboog"),
    ("ze gaat naar de oekelbosch en is daar blij", "oekelbosch"),
    # day and month with an age, without a birthday word
    ("Op 14 maart wordt ze zeven en dan wil ze naar de dierentuin.", "14 maart"),
    ("Hij houdt van lego en wordt op 2 november twaalf jaar.", "2 november"),
    ("Op 30 mei wordt hij 6!", "30 mei"),
    # care providers and employers without a kind word
    (
        "Ze komt elke week in het Willem-Alexander Kinderziekenhuis voor controle.",
        "Kinderziekenhuis",
    ),
    ("Opa revalideert al maanden bij Hofzicht in Zeist.", "Hofzicht"),
    ("Oma wordt thuis ondersteund door Zorgwaard.", "Zorgwaard"),
    ("Zijn broer woont in een woonvorm van Sterrebos.", "Sterrebos"),
    ("Vader werkt 's nachts als heftruckchauffeur op Euromax.", "Euromax"),
    ("Moeder werkt in het LUMC op de afdeling kinderen.", "LUMC"),
    ("Ze werkt in het distributiecentrum van Bolcom in Waalwijk.", "Bolcom"),
    # a first name glued to a cheering word in a lower-case hashtag
    ("Help mee! #teamyusuf", "#teamyusuf"),
    # a first name before an age in words
    ("Yara is negen en houdt van tekenen.", "Yara"),
]


@pytest.mark.parametrize(("text", "item"), IDENTIFYING)
def test_identifying_item_blocks(text: str, item: str) -> None:
    assert overlapping(text, item), f"{item!r} in {text!r} has no blocking finding"


NEAR_MISSES = [
    # no school: ordinary places to sit or go, school levels, allowed names
    ("ze zit op de bank en kijkt tv", "bank"),
    ("ze zit op de basisschool om de hoek", "basisschool"),
    ("hij zit in groep 6 van de basisschool", "basisschool"),
    ("we gaan naar de kinderboerderij op zondag", "kinderboerderij"),
    ("na school het liefst een gezin met kinderen", "school het liefst"),
    # no date of birth
    ("Op 14 maart wordt het een feest in de wijk.", "14 maart"),
    ("#teamwork en #hupholland", "#teamwork"),
    ("Hij is twee keer per week bij zijn oma.", "Hij is twee"),
    # places and countries
    ("Vader werkt in Rotterdam en moeder werkt in Duitsland.", "Duitsland"),
    ("de familie van moeder woont in eritrea en afghanistan", "eritrea"),
    ("Thuis spreken ze Tigrinya en een beetje Nederlands.", "Tigrinya"),
    ("We zoeken een gezin in de gemeente Het Hogeland.", "Het Hogeland"),
]


@pytest.mark.parametrize(("text", "item"), NEAR_MISSES)
def test_near_miss_is_not_blocked(text: str, item: str) -> None:
    allowed = ("Het Hogeland",) if "Hogeland" in text else ()
    assert not overlapping(text, item, allowed), f"{item!r} in {text!r} was blocked"


NO_HARD_ERROR = [
    # a character from a children's series after a media cue: a person looks, no error
    ("Hij kijkt het liefst naar Meester Kikker op tv.", "Meester Kikker"),
    # an outing, not a membership
    ("In de zomer gaan we zwemmen bij de Wielewaal of naar het bos.", "Wielewaal"),
]


@pytest.mark.parametrize(("text", "item"), NO_HARD_ERROR)
def test_no_hard_error(text: str, item: str) -> None:
    assert "error" not in overlapping(text, item)


WORDS_NOT_NAMES = [
    ("Ze houdt van de Brabantse Kempen en van de Zwolse koekjes.", "Zwolse"),
    ("We zoeken een Knuffelopa voor twee broers.", "Knuffelopa"),
    ("Ze speelt graag met haar Legos en haar Playmobils.", "Legos"),
    ("Op Zaterdag Gaat Hij Naar De Markt. Op School Kan Hij Zich Slecht Concentreren.", "School"),
    ("Ze kijkt naar natuurdocumentaires van Freek Vonk en Dylan Haegens.", "Freek Vonk"),
]


@pytest.mark.parametrize(("text", "item"), WORDS_NOT_NAMES)
def test_derived_words_and_sentences_are_no_names(text: str, item: str) -> None:
    assert not overlapping(text, item), f"{item!r} in {text!r} was blocked"
