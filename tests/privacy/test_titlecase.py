"""Title Case: capitals that carry no information are no evidence of a name.

Texts written for this test (not taken from any corpus).
"""

from __future__ import annotations

import pytest

from generator.privacy import scan_text
from generator.privacy.titlecase import untitled

BLOCKING = ("error", "check")


def severities(text: str, allowed: tuple[str, ...] = ()) -> dict[str, str]:
    return {f.text: f.severity for f in scan_text(text, allowed) if f.severity in BLOCKING}


# Clean texts in Title Case: before, "Werkt", "Is", "Zoekt" after a capitalised role word
# were names, and "In De Zorg" was an employer.
TITLE_CLEAN = [
    "Lieve Oma Gezocht Voor Een Stoer Meisje",
    "Papa Werkt In De Zorg En Mama Is Vaak Moe. Ze Zoeken Een Gezin In De Buurt.",
    "Onze Buurvrouw Helpt Soms, Maar Broer Studeert In Een Andere Stad.",
    "De Jongens Gaan Graag Met Opa Vissen En Oma Bakt Dan Pannenkoeken.",
    "Tante Woont Ver Weg En Oom Werkt Nachten.",
]


@pytest.mark.parametrize("text", TITLE_CLEAN)
def test_title_case_raises_no_hard_error(text: str) -> None:
    assert "error" not in severities(text).values(), severities(text)


def test_title_case_clean_texts_do_not_block_at_all() -> None:
    assert [t for t in TITLE_CLEAN if severities(t)] == []


# Identifying items in Title Case: still found, by form (a word that is no Dutch word keeps
# its capital) or by a cue.
TITLE_IDENTIFYING = [
    ("Een Vrolijke Meid, Ilinca (6), Zoekt Een Oppas", "Ilinca"),
    ("Haar Moeder Werkt Bij Bakkerij Van Oosterzee In Het Centrum", "Bakkerij Van Oosterzee"),
    ("Hij Zit Op Basisschool De Wilgenhoek En Zwemt Graag", "Basisschool De Wilgenhoek"),
    ("Bel Gerust Naar 06 18 27 36 45 Of Mail Ons", "06 18 27 36 45"),
    ("Zijn Vader Heet Tadeusz En Werkt Veel", "Tadeusz"),
    ("Haar Tante Lelie Komt Elke Week Langs", "Lelie"),
    ("Meneer Bakker Van De Judoclub Zegt Dat Hij Sterk Is", "Bakker"),
]


@pytest.mark.parametrize(("text", "item"), TITLE_IDENTIFYING)
def test_title_case_identifying_items_still_block(text: str, item: str) -> None:
    start = text.index(item)
    end = start + len(item)
    hits = [
        f for f in scan_text(text) if f.severity in BLOCKING and f.start < end and start < f.end
    ]
    assert hits, scan_text(text)


def test_a_name_read_from_title_capitals_is_a_check_not_an_error() -> None:
    # "Bakkerij De Gouden Aar" could be a name or a description; in Title Case only a person
    # can tell.
    found = severities("Zijn Moeder Werkt Bij Bakkerij De Gouden Aar Vlakbij.")
    assert set(found.values()) == {"check"}, found
    assert any("Bakkerij De Gouden Aar" in t for t in found), found


def test_untitled_lowers_dutch_words_only_and_keeps_offsets() -> None:
    text = "Papa Werkt Veel En Ilinca Is Zes. gewone zin met Mirela erin."
    view, spans = untitled(text)
    assert [text[s:e] for s, e in spans] == ["Papa Werkt Veel En Ilinca Is Zes"]
    assert len(view) == len(text)
    assert view.startswith("Papa werkt veel en Ilinca is zes.")
    assert view.endswith("gewone zin met Mirela erin.")  # not Title Case: untouched


def test_ordinary_text_is_not_title_case() -> None:
    text = "Vader Oleksandr werkt bij Transport Dijkstra en zoon Taras (7) zit op De Klimop."
    assert untitled(text) == (text, [])


def test_a_long_glued_slogan_in_a_hashtag_is_a_check_a_name_stays_an_error() -> None:
    found = severities("Reageer Via Het Formulier! #Samenhelpenwijelkaar #Kwasiba")
    assert found == {"Samenhelpenwijelkaar": "check", "Kwasiba": "error"}, found
