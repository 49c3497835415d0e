"""The classes of item the ninth blind review flagged wrongly, in our own words.

Each text is new (written for this test, not taken from any corpus).
"""

from __future__ import annotations

import pytest

from tests.privacy.blocking import overlapping

NOT_BLOCKED = [
    # dialect: a word the writer also types in lower case, in a text with capitals
    ("Hoi allemoal! Ôs jongske zuukt un gezin. Hij helpt ôs moeke.", "Ôs jongske"),
    ("Mee ons moeke gaon ze naor de markt. Dat vinde ze fijn, zegt ze mee un lach.", "Mee"),
    # a thing among lower-case activities of one list
    ("Ze houdt van tekenen, Gruffalo en zwemmen.", "Gruffalo"),
    # games, building toys, admiration and a character after a series
    ("Een spelletje Rummikub of Regenwormen gaat er altijd in.", "Rummikub"),
    ("Hij kan uren bouwen met Duplo en Magformers.", "Duplo"),
    ("Ze bewondert Famke Louise en zingt haar liedjes.", "Famke"),
    ("Hij is dol op Paw Patrol, vooral Zuma.", "Zuma"),
]


@pytest.mark.parametrize(("text", "item"), NOT_BLOCKED)
def test_dialect_and_things_are_not_blocked(text: str, item: str) -> None:
    assert not overlapping(text, item), f"{item!r} in {text!r} was blocked"


IDENTIFYING = [
    # people in a list stay people
    ("Ze speelt met de buren, Oksana en anderen.", "Oksana"),
    ("Een meisje, Tirza, en haar broer zoeken een gezin.", "Tirza"),
    # a writer without capitals still gets her names found
    ("mijn dochter ilinca en haar zusje speelt graag buiten", "ilinca"),
    # a comma with "vooral" makes no public figure without a cue before it
    ("Ze woont met haar zussen, vooral Samira helpt veel.", "Samira"),
]


@pytest.mark.parametrize(("text", "item"), IDENTIFYING)
def test_people_stay_names(text: str, item: str) -> None:
    assert overlapping(text, item), f"{item!r} in {text!r} has no blocking finding"
