"""A line break between a line and a heading or list item ends a name; a hard-wrapped
paragraph does not (found by the blind corpus c5: "PSV" + a "Praktisch:" heading on the next
line was reported as the club "PSV Praktisch", a hard error on a clean profile)."""

from __future__ import annotations

from generator.privacy import scan_text

BLOCKING = ("error", "check")


def blocking(text: str) -> list[str]:
    return [f.text for f in scan_text(text, allowed_names=["Utrecht"]) if f.severity in BLOCKING]


def test_a_club_name_ends_at_the_line_break_before_a_heading() -> None:
    assert blocking("Ze speelt bij VV Rood Wit\nWanneer: elke zaterdag") == ["VV Rood Wit"]


def test_a_list_item_on_the_next_line_is_not_part_of_a_name() -> None:
    found = blocking("Hij traint bij VV Rood Wit\n- één middag per week\n- soms een logeernacht")
    assert found == ["VV Rood Wit"]


def test_school_then_a_heading_is_no_named_school() -> None:
    assert blocking("Hij zit op school\nPraktisch: één middag per week, liefst op woensdag.") == []


def test_a_name_hard_wrapped_inside_a_paragraph_is_still_found() -> None:
    text = (
        "Hij is een vrolijke jongen die elke zaterdag met veel plezier voetbalt bij VV Rood\n"
        "Wit en daarna graag met zijn vrienden een patatje eet in de kantine."
    )
    assert blocking(text) == ["VV Rood\nWit"]


def test_a_long_list_item_ends_at_its_line_break_before_a_heading() -> None:
    text = (
        "- Ze wil heel graag een keer met iemand mee naar een wedstrijd van VV Rood Wit\n"
        "Praktisch\n"
        "- Elke week een middag"
    )
    assert blocking(text) == ["VV Rood Wit"]
