"""Frisian in a zoekprofiel ("Tige tank", "Wolkom"): read as words, not as names.

Each text is new (written for this test, not taken from any corpus). The Frisian words come
from tesseract's Frisian dictionary (``generator/privacy/data/frysk-woorden.txt.gz``).
"""

from __future__ import annotations

import pytest

from generator.privacy.words import is_frisian
from tests.privacy.blocking import overlapping

NOT_BLOCKED = [
    ("Tige tank foar it lêzen! Wy sjogge út nei dyn berjocht.", "Tige"),
    ("Wolkom by Buurtgezinnen. Hy fytst graach nei skoalle.", "Wolkom"),
    ("Oanmelde kin fia de webside. Graach oant sjen!", "Oanmelde"),
    ("Se hat twa broerkes. Moai dat jo meilêze.", "Moai"),
]


@pytest.mark.parametrize(("text", "item"), NOT_BLOCKED)
def test_frisian_words_are_not_names(text: str, item: str) -> None:
    assert not overlapping(text, item), f"{item!r} in {text!r} was blocked"


IDENTIFYING = [
    # a name no list has stays a name, Frisian text around it or not
    ("Us Sjoukje is acht en fytst graach.", "Sjoukje"),
    ("Tige tank! Heit Wobbe wurket in protte.", "Wobbe"),
    ("Se boartet mei Hylke en Tjitske út de buert.", "Tjitske"),
    # one word that Frisian also has, in a Dutch text, is no reason to excuse it
    ("Ze heeft twee keer per week oefentherapie bij Reade.", "Reade"),
]


@pytest.mark.parametrize(("text", "item"), IDENTIFYING)
def test_names_in_frisian_text_stay_names(text: str, item: str) -> None:
    assert overlapping(text, item), f"{item!r} in {text!r} has no blocking finding"


def test_the_frisian_list_holds_words_not_only_names() -> None:
    assert is_frisian("Tige") and is_frisian("wolkom")
    assert not is_frisian("Sjoukje") and not is_frisian("Oksana")
