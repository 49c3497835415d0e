"""generator.text: the one rule for characters in free text."""

from __future__ import annotations

import json
import unicodedata
import xml.etree.ElementTree as ET

import pytest

from generator import text


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("regel een\x0bregel twee", "regel een\nregel twee"),  # Word's Shift+Enter
        ("blad een\x0cblad twee", "blad een\nblad twee"),
        ("windows\r\nregels\rmac", "windows\nregels\nmac"),
        ("nel\x85ls\u2028ps\u2029", "nel\nls\nps\n"),
        ("tab\tblijft", "tab\tblijft"),
    ],
)
def test_line_breaks_become_newlines_and_are_not_refused(given: str, expected: str) -> None:
    assert text.check(given) == (expected, [])


def test_text_is_nfc() -> None:
    decomposed = "Skoatterwa\u0302ld e\u0301e\u0301n"
    normal, refused = text.check(decomposed)
    assert refused == []
    assert normal == "Skoatterwâld één" and unicodedata.is_normalized("NFC", normal)


@pytest.mark.parametrize(
    ("char", "kind", "named"),
    [
        ("\x00", "control", "U+0000 (nul-teken)"),
        ("\x07", "control", "U+0007 (bel)"),
        ("\x08", "control", "U+0008 (backspace)"),
        ("\x1b", "control", "U+001B (escape)"),
        ("\x7f", "control", "U+007F (delete)"),
        ("\x9b", "control", "U+009B (stuurteken)"),
        ("\ud800", "surrogate", "U+D800 (los surrogaat, een half teken)"),
        ("\ufffe", "noncharacter", "U+FFFE (niet-teken)"),
        ("\ufdd0", "noncharacter", "U+FDD0 (niet-teken)"),
        ("\U0010ffff", "noncharacter", "U+10FFFF (niet-teken)"),
    ],
)
def test_refused_everywhere_with_the_character_named(char: str, kind: str, named: str) -> None:
    _normal, refused = text.check(f"voor{char}na")
    assert [(r.index, r.char, r.kind) for r in refused] == [(4, char, kind)]
    assert named in refused[0].message
    assert refused[0].code == f"text-{kind}"
    assert refused[0].suggestion
    assert named in refused[0].form_message()


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u202a", "\u2066", "\u2069"])
def test_bidi_controls_refused_in_titles_only(char: str) -> None:
    assert text.check(f"Een jongen{char} van 7")[1] == []
    (refused,) = text.check(f"Een jongen{char} van 7", title=True)[1]
    assert refused.kind == "bidi" and "leesrichting" in refused.message


@pytest.mark.parametrize(
    "kept",
    [
        "👨‍👩‍👧 gezin",  # zero-width joiners in an emoji sequence
        "مرحبا \u200f",  # Arabic with a right-to-left mark
        "zacht\u00adafbreken",
        "\U0001f1f3\U0001f1f1",  # a flag
    ],
)
def test_ordinary_unicode_is_kept(kept: str) -> None:
    assert text.check(kept, title=True) == (unicodedata.normalize("NFC", kept), [])


def test_scrub_removes_what_check_refuses_so_xml_and_json_accept_it() -> None:
    nasty = "a\x00b\x08c\x0bd\ud800e\ufffff\u202eg\x9bh\r\n"
    clean = text.scrub(nasty)
    assert clean == "abc\nde" + "f\u202egh\n"
    assert text.check(clean)[1] == []
    assert text.scrub(nasty, title=True) == "abc\ndefgh\n"
    element = ET.Element("t")
    element.text = clean
    assert ET.fromstring(ET.tostring(element, encoding="unicode")).text == clean
    json.dumps(clean, ensure_ascii=False).encode("utf-8")  # no lone surrogate left
