"""The font package: files the cards load and the site self-hosts."""

from __future__ import annotations

import pytest
from PIL import ImageFont

from generator import fonts
from generator.images.text import has_glyph

NEEDED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éëèêïíóöüúàáâçÉËÏÖÜ’‘“”–…€"


@pytest.mark.parametrize("weight", ["regular", "bold"])
def test_font_file_loads_in_pillow_and_covers_dutch(weight: str) -> None:
    path = fonts.font_file(weight)
    font = ImageFont.truetype(path, 24)
    assert font.getname()[0] == fonts.FAMILY
    missing = [ch for ch in NEEDED if not has_glyph(str(path), ch)]
    assert missing == []


def test_missing_glyph_detection_is_real() -> None:
    path = str(fonts.font_file("regular"))
    assert not has_glyph(path, "😀")
    assert not has_glyph(path, "\u0133")  # the ij ligature: Lato lacks it, clean() spells it out


def test_unknown_weight_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown font weight"):
        fonts.font_file("heavy")


def test_web_fonts_are_the_same_family_with_licence() -> None:
    web = fonts.web_fonts()
    assert {(w.family, w.weight, w.style, w.format) for w in web} == {
        ("Lato", 400, "normal", "truetype"),
        ("Lato", 700, "normal", "truetype"),
    }
    assert all(w.path.is_file() and w.path.suffix == ".ttf" for w in web)
    assert "Open Font License" in fonts.license_file().read_text(encoding="utf-8")
