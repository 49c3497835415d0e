"""Text cleaning and fitting: wrap, then shrink, and only then cut with an ellipsis."""

from __future__ import annotations

import pytest

from generator import fonts
from generator.images.text import ELLIPSIS, clean, fit, load_font

BOLD = str(fonts.font_file("bold"))


def test_clean_keeps_dutch_diacritics_and_typographic_punctuation() -> None:
    text = "Geïnteresseerd? ‘Één’ “café” – crème brûlée… Skoatterwâld"
    assert clean(text, BOLD) == text


def test_clean_removes_emoji_joiners_and_selectors_without_double_spaces() -> None:
    assert clean("Speelmaatje 😀🎉 voor de 👨‍👩‍👧 zaterdag ⚽️!", BOLD) == (
        "Speelmaatje voor de zaterdag!"
    )


def test_clean_spells_out_the_ij_ligature_the_font_lacks() -> None:
    assert clean("ĳs en Ĳsselmeer", BOLD) == "ijs en IJsselmeer"


def test_short_text_gets_the_largest_size_on_one_line() -> None:
    fitted = fit("Speelmaatje!", BOLD, 600, 250, 70, 34, 4)
    assert fitted.size == 70
    assert fitted.lines == ("Speelmaatje!",)
    assert not fitted.shortened


def test_long_text_wraps_before_it_shrinks() -> None:
    text = "Een lief meisje van 4 zoekt een logeeradres in de buurt"
    fitted = fit(text, BOLD, 656, 256, 70, 34, 4)
    assert len(fitted.lines) > 1
    assert " ".join(fitted.lines) == text
    single_line = fit(text, BOLD, 10_000, 256, 70, 34, 4)
    assert single_line.size == 70
    assert fitted.size >= 60  # wrapping, not shrinking, made it fit


@pytest.mark.parametrize("width,height", [(656, 256), (400, 120), (300, 60)])
def test_fitted_lines_never_exceed_the_box(width: int, height: int) -> None:
    text = "Voor een vrolijke, nieuwsgierige en heel sportieve jongen van zeven zoeken wij een warm gezin"
    fitted = fit(text, BOLD, width, height, 70, 20, 4)
    font = load_font(BOLD, fitted.size)
    assert all(font.getlength(line) <= width for line in fitted.lines)
    assert fitted.height <= height or len(fitted.lines) == 1
    assert len(fitted.lines) <= 4


def test_ellipsis_only_as_last_resort() -> None:
    text = " ".join(["woord"] * 80)
    fitted = fit(text, BOLD, 400, 150, 60, 30, 3)
    assert fitted.shortened
    assert fitted.size == 30
    assert fitted.lines[-1].endswith(ELLIPSIS)
    assert ELLIPSIS not in "".join(fitted.lines[:-1])


def test_word_wider_than_the_box_is_broken_at_the_largest_size_that_fits() -> None:
    word = "Kinderopvangtoeslagherberekeningsformulierenafhandelingsmedewerkersoverleg"
    fitted = fit(word, BOLD, 500, 250, 70, 34, 4)
    font = load_font(BOLD, fitted.size)
    assert fitted.size > 34 and not fitted.shortened
    assert len(fitted.lines) > 1
    assert "".join(fitted.lines) == word
    assert all(font.getlength(line) <= 500 for line in fitted.lines)
    # A word that fits when set smaller is shrunk, not broken.
    assert fit("Logeeradresjes", BOLD, 300, 250, 70, 20, 4).lines == ("Logeeradresjes",)
