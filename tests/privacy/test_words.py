"""The Dutch lexicon (OpenTaal, shipped) and the well-known words (wordfreq)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from generator.privacy.words import dutch_words, famous_words, is_dutch, is_known_compound


def test_the_shipped_list_is_sorted_for_binary_search() -> None:
    words = dutch_words().words
    assert len(words) > 300_000
    assert all(a < b for a, b in pairwise(words))


@pytest.mark.parametrize(
    "word", ["Roos", "storm", "huiswerkmaatje", "Transportbedrijf", "opa-en-oma-gezin"]
)
def test_dutch_words_and_compounds(word: str) -> None:
    assert is_dutch(word)


@pytest.mark.parametrize("word", ["Mirela", "Yonas", "Ruthsela", "Fatima", "Oksana"])
def test_names_are_no_dutch_words(word: str) -> None:
    assert not is_dutch(word)


def test_well_known_words_and_their_compounds() -> None:
    famous = famous_words()
    assert {"heijn", "verstappen", "efteling"} <= famous
    assert "mirela" not in famous
    assert is_known_compound("Pokémonkaarten")
    assert not is_known_compound("Ruthsela")  # "ruth" + a 4-letter word is still a name
