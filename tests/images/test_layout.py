"""Every edge-case card: right size, every text box inside the canvas and inside its region."""

from __future__ import annotations

import pytest

from generator.images.gallery import EDGE_CASES
from generator.images.layout import GEVONDEN, VERLOPEN, draw_card
from generator.images.specs import FEED_SIZE, OG_SIZE, Planned
from generator.images.text import ELLIPSIS

CASES = sorted(EDGE_CASES)
SLOTS = ["", "-feed"]


@pytest.mark.parametrize("suffix", SLOTS)
@pytest.mark.parametrize("case", CASES)
def test_text_stays_inside_canvas_and_region(
    edge: dict[str, Planned], case: str, suffix: str
) -> None:
    spec = edge[case + suffix].spec
    image, boxes = draw_card(spec)
    assert image.size == (FEED_SIZE if suffix else OG_SIZE)
    assert image.mode == "RGB"
    names = {b.name for b in boxes}
    assert {"kop", "titel", "feit", "voet"} <= names
    for box in boxes:
        x0, y0, x1, y1 = box.bbox
        assert 0 <= x0 < x1 <= spec.width and 0 <= y0 < y1 <= spec.height, box
        rx0, ry0, rx1, ry1 = box.region
        assert rx0 <= x0 and x1 <= rx1 and ry0 <= y0 and y1 <= ry1, box


def test_title_boxes_do_not_overlap_the_facts(edge: dict[str, Planned]) -> None:
    for key, item in edge.items():
        _image, boxes = draw_card(item.spec)
        title_bottom = max(b.bbox[3] for b in boxes if b.name == "titel")
        facts_top = min(b.bbox[1] for b in boxes if b.name == "feit")
        assert title_bottom < facts_top, key


def _drawn(item: Planned, name: str) -> str:
    _image, boxes = draw_card(item.spec)
    return " ".join(b.text for b in boxes if b.name == name)


def test_long_title_is_wrapped_and_shrunk_but_complete(edge: dict[str, Planned]) -> None:
    item = edge["galerij-lange-titel"]
    _image, boxes = draw_card(item.spec)
    lines = [b for b in boxes if b.name == "titel"]
    assert len(lines) >= 3
    assert " ".join(b.text for b in lines) == item.spec.title
    assert ELLIPSIS not in item.spec.title


def test_one_word_title_is_set_large(edge: dict[str, Planned]) -> None:
    _image, boxes = draw_card(edge["galerij-een-woord"].spec)
    (title,) = [b for b in boxes if b.name == "titel"]
    assert title.text == "Speelmaatje!"
    assert title.bbox[3] - title.bbox[1] >= 45  # the largest size, not a shrunk one


def test_diacritics_and_quotes_are_drawn_as_written(edge: dict[str, Planned]) -> None:
    assert _drawn(edge["galerij-diakrieten"], "titel") == (
        "Geïnteresseerd in ‘samen’ koken? “Crème brûlée” – één café… ijs!"
    )


def test_emoji_are_removed_from_the_drawn_title(edge: dict[str, Planned]) -> None:
    drawn = _drawn(edge["galerij-emoji"], "titel")
    assert drawn == "Zoekt een speelmaatje voor de zaterdag"
    assert all(ord(ch) < 0x2000 for ch in drawn)


def test_children_facts_for_age_0_23_and_three_siblings(edge: dict[str, Planned]) -> None:
    assert edge["galerij-baby"].spec.facts[0] == "Kind, jonger dan 1 jaar"
    assert edge["galerij-baby-en-23"].spec.facts[0] == "2 kinderen van 0 en 23 jaar"
    assert edge["galerij-drie-kinderen"].spec.facts[0] == "3 kinderen van 2, 4-5 en 8 jaar"
    assert _drawn(edge["galerij-drie-kinderen"], "feit").startswith("3 kinderen van 2, 4-5 en 8")


def test_every_support_type_is_summarised_legibly(edge: dict[str, Planned]) -> None:
    fact = edge["galerij-alle-steun"].spec.facts[1]
    assert fact == "Speelmiddag, logeren, weekenddag en 8 meer"
    _image, boxes = draw_card(edge["galerij-alle-steun"].spec)
    heights = {b.bbox[3] - b.bbox[1] for b in boxes if b.name == "feit"}
    assert min(heights) >= 18  # not shrunk into an unreadable line


def test_status_treatments(edge: dict[str, Planned]) -> None:
    assert edge["galerij-gekoppeld"].spec.badge == GEVONDEN
    assert _drawn(edge["galerij-gekoppeld"], "badge") == "Gevonden!"
    for case in ("galerij-gesloten", "galerij-verlopen"):
        assert edge[case].spec.badge == VERLOPEN
        assert _drawn(edge[case], "badge") == "Niet meer actueel"
    assert edge["galerij-een-woord"].spec.badge is None
    assert _drawn(edge["galerij-een-woord"], "badge") == ""


def test_brand_colours_are_used(edge: dict[str, Planned]) -> None:
    spec = edge["galerij-een-woord"].spec
    image, _boxes = draw_card(spec)
    primary = tuple(int(spec.colours[0][i : i + 2], 16) for i in (1, 3, 5))
    background = tuple(int(spec.colours[2][i : i + 2], 16) for i in (1, 3, 5))
    assert image.getpixel((5, spec.height - 5)) == primary  # the footer band
    assert image.getpixel((5, 5)) == background


def test_measuring_does_not_change_the_pixels(edge: dict[str, Planned]) -> None:
    spec = edge["galerij-gekoppeld"].spec
    measured, boxes = draw_card(spec)
    plain, no_boxes = draw_card(spec, measure=False)
    assert boxes and no_boxes == []
    assert measured.tobytes() == plain.tobytes()


def test_pale_brand_colours_stay_legible(edge: dict[str, Planned]) -> None:
    from dataclasses import replace

    from generator.images.layout import contrast, readable, rgb

    spec = replace(edge["galerij-een-woord"].spec, colours=("#fde68a", "#fbcfe8", "#fffdf7"))
    image, boxes = draw_card(spec)
    background = rgb("#fffdf7")
    assert contrast(readable(rgb("#fde68a"), background), background) >= 4.5
    title = next(b for b in boxes if b.name == "titel")
    # The darkest pixel of the title is readable against the background.
    crop = image.crop(title.bbox).convert("RGB")
    raw = crop.tobytes()
    pixels = [(raw[i], raw[i + 1], raw[i + 2]) for i in range(0, len(raw), 3)]
    darkest = min(pixels, key=sum)
    assert contrast(darkest, background) >= 4.5


def test_demo_and_site_cards_keep_text_inside_regions(repo_config: object) -> None:
    """Not only the edge cases: every card of the demo site (profiles, gemeenten, home)."""
    from pathlib import Path

    from generator import pipeline
    from generator.images.specs import plan

    assert isinstance(repo_config, Path)
    for item in plan(pipeline.checked(repo_config)):
        image, boxes = draw_card(item.spec)
        assert image.size == (item.spec.width, item.spec.height)
        assert {"kop", "titel", "feit", "voet"} <= {b.name for b in boxes}, item.key
        for box in boxes:
            x0, y0, x1, y1 = box.bbox
            rx0, ry0, rx1, ry1 = box.region
            assert rx0 <= x0 < x1 <= rx1 and ry0 <= y0 < y1 <= ry1, (item.key, box)
