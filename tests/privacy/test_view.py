"""The detectors read the text as it shows: invisible marks between digits hide nothing."""

from __future__ import annotations

from generator.privacy import scan_published, scan_text

KEYCAP = "\ufe0f\u20e3"


def test_a_phone_number_in_keycap_emoji_is_found_and_points_into_the_stored_text() -> None:
    # BLNS "0️⃣ 1️⃣ 2️⃣ …": a poster drops the emoji marks and prints the bare digits.
    text = "Bel ons: " + " ".join(d + KEYCAP for d in "0612345678")
    [phone] = [f for f in scan_text(text, []) if f.type == "phone"]
    assert text[phone.start : phone.end] == phone.text
    assert phone.text.startswith("0" + KEYCAP) and phone.text.endswith("8")
    assert [f.type for f in scan_published(text, [])] == ["phone"]


def test_zero_width_spaces_and_soft_hyphens_do_not_split_a_number() -> None:
    for mark in ("\u200b", "\u00ad", "\u2060"):
        text = f"Bel 06{mark}1234{mark}5678 na zes uur"
        [phone] = scan_text(text, [])
        assert phone.type == "phone" and phone.text == f"06{mark}1234{mark}5678"


def test_plain_emoji_change_nothing() -> None:
    assert scan_text("Een vrolijke meid \U0001f600 van 7 die graag danst \u2764\ufe0f", []) == []
