"""Text on cards: clean it for the font, wrap it, shrink it, and only then cut it.

The order matters for how a card reads: a long title is first wrapped over more lines, then set
smaller, and only when even the smallest size does not fit is the last line cut with an
ellipsis. Text is never clipped by the canvas edge.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PIL import ImageFont, features

ELLIPSIS = "…"
# Letters the font lacks but that have a plain spelling every Dutch reader accepts.
_REPLACEMENTS = str.maketrans({"ĳ": "ij", "Ĳ": "IJ", "\u00a0": " ", "\u202f": " "})
_SPACES = re.compile(r"\s+")
# A space left before punctuation where an emoji was removed ("zaterdag ⚽!" -> "zaterdag!").
_SPACE_BEFORE_MARK = re.compile(r" +([!?.,;:…])")

Font = ImageFont.FreeTypeFont
LAYOUT_ENGINE = "raqm" if features.check("raqm") else "basic"


@cache
def load_font(path: str, size: int) -> Font:
    """Fonts are cached per process: opening a TTF costs more than drawing a line."""
    # Pillow's default engine: raqm (HarfBuzz) where the wheel has it, which measures text
    # 30x faster than BASIC here. The engine is part of the cache digest (``LAYOUT_ENGINE``).
    return ImageFont.truetype(path, size)


@cache
def _notdef_mask(path: str) -> bytes:
    # U+FFFF is a noncharacter, so every font draws its "missing glyph" box for it.
    return bytes(load_font(path, 32).getmask("\uffff"))


@cache
def has_glyph(path: str, char: str) -> bool:
    """Whether the font draws ``char`` itself rather than its missing-glyph box."""
    mask = load_font(path, 32).getmask(char)
    return bytes(mask) != _notdef_mask(path) or mask.size == (0, 0)


def clean(text: str, font_path: str) -> str:
    """``text`` with what the font cannot draw removed: emoji, symbols and control marks.

    Emoji are dropped rather than drawn: no openly licensed colour-emoji font renders
    deterministically with Pillow's FreeType build, and a missing-glyph box looks broken.
    """
    text = unicodedata.normalize("NFC", text).translate(_REPLACEMENTS)
    kept = []
    for char in text:
        if char.isspace():
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Sk"):
            continue  # joiners, variation selectors, skin-tone modifiers, stray accents
        elif has_glyph(font_path, char):
            kept.append(char)
    return _SPACE_BEFORE_MARK.sub(r"\1", _SPACES.sub(" ", "".join(kept))).strip()


@dataclass(frozen=True)
class FittedText:
    """Lines to draw at ``size`` px, ``pitch`` px apart; ``height`` is the laid-out height."""

    lines: tuple[str, ...]
    size: int
    pitch: int
    height: int
    shortened: bool


@cache
def _char_ink(path: str, size: int, char: str) -> tuple[int, int]:
    """How far ``char``'s ink reaches left of its origin and right of its advance.

    Letters like "j" and "f" overhang; measuring only the advance would let their ink poke a
    pixel or two out of the region. Per letter and cached, because measuring a whole line's
    ink costs 40 times more than its advance.
    """
    font = load_font(path, size)
    left, _top, right, _bottom = font.getbbox(char, anchor="la")
    return max(0, -math.floor(left)), max(0, math.ceil(right - font.getlength(char)))


def lead(font: Font, text: str) -> int:
    """Pixels to move the text right so its first letter's ink starts at the origin."""
    return _char_ink(str(font.path), font.size, text[0])[0] if text else 0


def ink_width(font: Font, text: str) -> int:
    """The width the text's ink needs, drawn at ``lead`` from the region's left edge."""
    if not text:
        return 0
    tail = _char_ink(str(font.path), font.size, text[-1])[1]
    return lead(font, text) + math.ceil(font.getlength(text)) + tail


def _line_height(font: Font) -> int:
    ascent, descent = font.getmetrics()
    return int(ascent + descent)


def _split_word(word: str, font: Font, width: int) -> list[str]:
    """A word wider than the box, broken into pieces that fit (only at the smallest size)."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and ink_width(font, current + char) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, font: Font, width: int, break_words: bool = False) -> list[str] | None:
    """Greedy word wrap; None when a single word is wider than ``width`` and may not break."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if ink_width(font, word) > width:
            if not break_words:
                return None
            if current:
                lines.append(current)
            *full, current = _split_word(word, font, width)
            lines.extend(full)
            continue
        candidate = f"{current} {word}" if current else word
        if ink_width(font, candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def _shorten(line: str, font: Font, width: int) -> str:
    """Cut ``line`` at a word (or, failing that, a letter) so that it plus "…" fits."""
    words = line.split(" ")
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",.;:–-") + ELLIPSIS
        if ink_width(font, candidate) <= width:
            return candidate
    text = line
    while text and ink_width(font, text + ELLIPSIS) > width:
        text = text[:-1]
    return text + ELLIPSIS


def fit(
    text: str,
    font_path: str,
    width: int,
    height: int,
    max_size: int,
    min_size: int,
    max_lines: int,
    leading: float = 1.08,
) -> FittedText:
    """The largest size at which ``text`` fits ``width`` x ``height`` in ``max_lines`` lines."""
    for size in range(max_size, min_size - 1, -2):
        font = load_font(font_path, size)
        pitch = round(size * leading)
        lines = wrap(text, font, width)
        if lines is None:
            continue
        laid = (len(lines) - 1) * pitch + _line_height(font)
        if len(lines) <= max_lines and laid <= height:
            return FittedText(tuple(lines), size, pitch, laid, False)
    # A word too wide for the box at every size: break it, at the largest size that then fits.
    for size in range(max_size, min_size - 1, -2):
        font = load_font(font_path, size)
        pitch = round(size * leading)
        lines = wrap(text, font, width, break_words=True) or [""]
        laid = (len(lines) - 1) * pitch + _line_height(font)
        if len(lines) <= max_lines and laid <= height:
            return FittedText(tuple(lines), size, pitch, laid, False)
    # Last resort: the smallest size, as many lines as fit, the last one cut with an ellipsis.
    font = load_font(font_path, min_size)
    pitch = round(min_size * leading)
    lines = wrap(text, font, width, break_words=True) or [""]
    room = max(1, min(max_lines, (height - _line_height(font)) // pitch + 1))
    shortened = len(lines) > room
    if shortened:
        rest = " ".join(lines[room - 1 :])
        lines = [*lines[: room - 1], _shorten(rest, font, width)]
    laid = (len(lines) - 1) * pitch + _line_height(font)
    return FittedText(tuple(lines), min_size, pitch, laid, shortened)


def font_path(path: Path) -> str:
    """Fonts are keyed by their path as text so the caches above stay hashable and picklable."""
    return str(path)
