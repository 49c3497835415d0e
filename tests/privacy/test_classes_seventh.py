"""The classes of item the seventh blind review missed or flagged wrongly, in our own words.

Each text is new (written for this test, not taken from any corpus).
"""

from __future__ import annotations

import pytest

from tests.privacy.blocking import overlapping

IDENTIFYING = [
    # an account holder after "t.n.v." and a surname after an abbreviated title
    ("Giften zijn welkom op NL91 ABNA 0417 1643 00 t.n.v. fam. Wubbels.", "Wubbels"),
    ("Vragen? Bel dhr. Krommenhoek op maandag.", "Krommenhoek"),
    # a BSN named as such, in any grouping, even when its 11-test fails
    ("Let op, BSN van vader (alleen intern): 123 45 67 89", "123 45 67 89"),
    # obfuscated e-mail addresses
    ("Mail ons: lisa.en.mama (apenstaartje) kpnmail.nl", "lisa.en.mama"),
    ("Reageren kan via j.vandersloot(a)hotmail.com of de site.", "j.vandersloot(a)hotmail.com"),
    # a birthday with "word" and "de jongste"; a family event with its date
    ("Op 12-07 word de oudste 9 en dan wil hij naar zee.", "12-07"),
    ("Op 3 maart wordt vader geopereerd aan zijn knie.", "3 maart"),
    # an honour and a reader who may have read about the family
    ("Moeder kreeg een oorkonde van de burgemeester voor haar moed.", "oorkonde"),
    ("Misschien heeft u over haar gelezen: zij won de marathon op krukken.", "marathon"),
    ("Wellicht kent u het verhaal van de vader die op de dijk een kalf ter wereld hielp.", "kalf"),
    # a name inside such a sentence is still a name
    ("Misschien heb je over hem gehoord, Jurre is de jongen van de brand.", "Jurre"),
    # the team code with the club, where the club's acronym and place alone were a check
    ("Hij speelt in de JO11-3 van SVZW Wierden.", "JO11-3"),
    # a pet elsewhere does not excuse a child with an age
    ("Ze hebben een kat die Joep heet. Joep (4) is het broertje.", "Joep (4)"),
]


@pytest.mark.parametrize(("text", "item"), IDENTIFYING)
def test_identifying_item_blocks(text: str, item: str) -> None:
    allowed = ("Wierden",) if "Wierden" in text else ()
    assert overlapping(text, item, allowed), f"{item!r} in {text!r} has no blocking finding"


def test_the_club_with_its_team_code_is_an_error() -> None:
    text = "Hij speelt in de JO11-3 van SVZW Wierden."
    assert overlapping(text, "JO11-3", ("Wierden",)) == {"error"}


NOT_BLOCKED = [
    # a pet or a public figure named once with a cue, then again without one
    ("Thuis woont een konijn dat Flap heet. Samen met Flap kijkt hij tv.", "met Flap"),
    ("Haar lievelingsboek is Momo en ze wil net zo dapper zijn als Momo zelf.", "als Momo"),
    # media and sports cues
    ("Hij kent alle teksten van Frans Duijts uit zijn hoofd.", "Frans Duijts"),
    ("Ze kent het verhaal van Hansje Brinker, de jongen met zijn vinger in de dijk.", "Hansje"),
    ("Sinds de TT praat hij over niets anders dan Valentino Rossi.", "Valentino"),
    ("Hij droomt van een carrière als Donyell Malen.", "Donyell"),
    ("Ze zijn dol op de Fabeltjeskrant, vooral op Meindert het Paard.", "Meindert"),
    # our own organisation and a place in a hashtag; a club's stadium
    ("Deel dit bericht! #BuurtgezinnenZwolle #SintMichielsgestel", "BuurtgezinnenZwolle"),
    ("Hij ging mee naar Heracles Almelo in het Erve Asito.", "Asito"),
    # a river an outing goes to, not a club
    ("Ze spelen graag aan de oevers van de Regge.", "Regge"),
]


@pytest.mark.parametrize(("text", "item"), NOT_BLOCKED)
def test_public_entities_and_pets_are_not_blocked(text: str, item: str) -> None:
    assert not overlapping(text, item), f"{item!r} in {text!r} was blocked"


def test_a_comma_with_vooral_is_no_public_cue_by_itself() -> None:
    text = "Ze woont met haar zussen, vooral Tamara helpt veel."
    assert overlapping(text, "Tamara")
