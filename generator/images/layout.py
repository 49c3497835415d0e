"""Drawing one card from a ``CardSpec``: plain data in, a Pillow image and its text boxes out.

Nothing here knows about the catalog, so a spec can be sent to a worker process and its digest
says everything that decides the pixels. Every text is fitted into a named region; the boxes
actually drawn are returned so tests can check that nothing leaves its region or the canvas.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageDraw

from generator.images.text import fit, ink_width, lead, load_font

Box = tuple[int, int, int, int]
RGB = tuple[int, int, int]

GEVONDEN = "gevonden"
VERLOPEN = "verlopen"
# The "found" stamp is green whatever the brand colours: it must read as good news.
FOUND_GREEN = "#2f6b4f"


@dataclass(frozen=True)
class CardSpec:
    """Everything that decides a card's pixels (and so its cache digest)."""

    path: str
    width: int
    height: int
    kicker: str
    title: str
    facts: tuple[str, ...]
    footer: str
    illustration: str  # file path of a PNG
    logo: str | None  # file path of a PNG, or None
    colours: tuple[str, str, str]  # primary, secondary, background (#rrggbb)
    regular_font: str
    bold_font: str
    badge: str | None = None  # GEVONDEN, VERLOPEN or None


@dataclass(frozen=True)
class TextBox:
    """Where one piece of text landed: its region and the ink box ImageDraw measured."""

    name: str
    region: Box
    bbox: Box
    text: str


@dataclass(frozen=True)
class Layout:
    """Named regions of one card format."""

    logo: Box
    kicker: Box
    title: Box
    facts: Box
    art: Box
    footer: Box
    title_sizes: tuple[int, int]  # largest, smallest
    fact_sizes: tuple[int, int]


LANDSCAPE = Layout(
    logo=(64, 40, 124, 100),
    kicker=(140, 40, 720, 100),
    title=(64, 126, 720, 382),
    facts=(64, 398, 720, 542),
    art=(752, 80, 1152, 480),
    footer=(64, 562, 1136, 630),
    title_sizes=(70, 34),
    fact_sizes=(30, 22),
)
PORTRAIT = Layout(
    logo=(72, 56, 144, 128),
    kicker=(164, 56, 1008, 128),
    title=(72, 676, 1008, 1000),
    facts=(72, 1024, 1008, 1232),
    art=(290, 160, 790, 660),
    footer=(72, 1264, 1008, 1350),
    title_sizes=(84, 40),
    fact_sizes=(40, 28),
)
FOOTER_BAND = {LANDSCAPE: 548, PORTRAIT: 1250}  # y where the coloured band starts


def layout_for(width: int, height: int) -> Layout:
    return PORTRAIT if height > width else LANDSCAPE


def _times(box: Box, scale: int) -> Box:
    return (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)


def scaled(lay: Layout, scale: int) -> Layout:
    """``lay`` for a canvas ``scale`` times larger: the newspaper kit redraws the card at
    print resolution with the same regions, so it looks exactly like the share card."""
    if scale == 1:
        return lay
    return Layout(
        logo=_times(lay.logo, scale),
        kicker=_times(lay.kicker, scale),
        title=_times(lay.title, scale),
        facts=_times(lay.facts, scale),
        art=_times(lay.art, scale),
        footer=_times(lay.footer, scale),
        title_sizes=(lay.title_sizes[0] * scale, lay.title_sizes[1] * scale),
        fact_sizes=(lay.fact_sizes[0] * scale, lay.fact_sizes[1] * scale),
    )


def rgb(colour: str) -> RGB:
    value = colour.lstrip("#")
    return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))


def _luminance(colour: RGB) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def on_colour(background: RGB) -> RGB:
    """White or near-black text, whichever contrasts more with ``background``."""
    lum = _luminance(background)
    return (255, 255, 255) if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else (28, 25, 23)


def contrast(a: RGB, b: RGB) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable(ink: RGB, background: RGB, minimum: float = 4.5) -> RGB:
    """``ink``, darkened (or lightened on a dark background) until it reaches ``minimum``
    contrast: a coordinator may pick a pale brand colour, and the card must stay legible."""
    target = on_colour(background)
    for step in range(11):
        candidate = _mix(ink, target, step / 10)
        if contrast(candidate, background) >= minimum:
            return candidate
    return target


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _asset(path: str, size: int, faded: bool) -> Image.Image:
    """An illustration or logo scaled to ``size``; cached per process, never modified.

    Keyed by the file's mtime and size too: a long-running ``serve`` must not keep drawing an
    illustration that was edited since (its cards' digests already changed)."""
    stat = os.stat(path)
    return _scaled_asset(path, stat.st_mtime_ns, stat.st_size, size, faded)


@lru_cache(maxsize=64)
def _scaled_asset(path: str, _mtime: int, _bytes: int, size: int, faded: bool) -> Image.Image:
    with Image.open(path) as source:
        image = source.convert("RGBA").resize((size, size), Image.Resampling.LANCZOS)
    if faded:
        grey = image.convert("LA").convert("RGBA")
        grey.putalpha(image.getchannel("A").point(lambda a: a * 55 // 100))
        image = grey
    return image


@lru_cache(maxsize=4096)
def _line_mask(font_path: str, size: int, line: str) -> tuple[Image.Image, int]:
    """The line's coverage mask and its padding, cached per worker process.

    Rasterising glyphs is half of a card's time, and many lines repeat from card to card (the
    kicker and footer of a gemeente, "Jongen van 7 jaar", "Speelmiddag"). The padding is
    generous so accents above the ascender and descenders are never clipped.
    """
    font = load_font(font_path, size)
    pad = size // 2 + 2
    ascent, descent = font.getmetrics()
    width = ink_width(font, line) + 2 * pad
    mask = Image.new("L", (width, ascent + descent + 2 * pad), 0)
    ImageDraw.Draw(mask).text((pad, pad), line, font=font, fill=255, anchor="la")
    return mask, pad


def _draw_lines(
    draw: ImageDraw.ImageDraw,
    name: str,
    region: Box,
    lines: tuple[str, ...],
    font_path: str,
    size: int,
    pitch: int,
    top: int,
    fill: RGB,
) -> list[TextBox]:
    font = load_font(font_path, size)
    boxes = []
    for i, line in enumerate(lines):
        xy = (region[0] + lead(font, line), top + i * pitch)
        if isinstance(draw, _Canvas):
            mask, pad = _line_mask(font_path, size, line)
            draw.image.paste(fill, (xy[0] - pad, xy[1] - pad), mask)
            if not draw.measure:
                continue
        else:
            draw.text(xy, line, font=font, fill=fill, anchor="la")
        bbox = draw.textbbox(xy, line, font=font, anchor="la")
        ink = (int(bbox[0]), int(bbox[1]), int(bbox[2]), int(bbox[3]))
        boxes.append(TextBox(name, region, ink, line))
    return boxes


def _fitted(
    draw: ImageDraw.ImageDraw,
    name: str,
    region: Box,
    text: str,
    font_path: str,
    sizes: tuple[int, int],
    max_lines: int,
    fill: RGB,
    centre: bool = False,
) -> list[TextBox]:
    width, height = region[2] - region[0], region[3] - region[1]
    fitted = fit(text, font_path, width, height, sizes[0], sizes[1], max_lines)
    top = region[1] + ((height - fitted.height) // 2 if centre else 0)
    return _draw_lines(
        draw, name, region, fitted.lines, font_path, fitted.size, fitted.pitch, top, fill
    )


def _facts(
    draw: ImageDraw.ImageDraw, spec: CardSpec, lay: Layout, dot: RGB, ink: RGB
) -> list[TextBox]:
    """One line per fact, each with a round bullet; all facts share one font size so the
    list reads as a list (the longest fact decides it)."""
    if not spec.facts:
        return []
    x0, y0, x1, y1 = lay.facts
    row = (y1 - y0) // len(spec.facts)
    indent = round(row * 0.55)
    regions = [(x0 + indent, y0 + i * row, x1, y0 + (i + 1) * row) for i in range(len(spec.facts))]
    size = min(
        fit(fact, spec.regular_font, x1 - r[0], row, *lay.fact_sizes, 1).size
        for fact, r in zip(spec.facts, regions, strict=True)
    )
    boxes: list[TextBox] = []
    for fact, region in zip(spec.facts, regions, strict=True):
        r = max(5, row // 9)
        cy = region[1] + row // 2
        draw.ellipse((x0 + 2, cy - r, x0 + 2 + 2 * r, cy + r), fill=dot)
        sizes = (size, lay.fact_sizes[1])
        boxes += _fitted(draw, "feit", region, fact, spec.regular_font, sizes, 1, ink, True)
    return boxes


def _badge(
    draw: ImageDraw.ImageDraw, spec: CardSpec, lay: Layout, base: Image.Image, scale: int = 1
) -> list[TextBox]:
    """The "Gevonden!" stamp or the "Niet meer actueel" band, over the illustration."""
    ax0, ay0, ax1, ay1 = lay.art
    side = ax1 - ax0
    if spec.badge == GEVONDEN:
        r = side * 30 // 100
        cx, cy = ax0 + r + side // 20, ay1 - r - side // 20
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r),
            fill=rgb(FOUND_GREEN),
            outline=(255, 255, 255),
            width=max(4, r // 16),
        )
        inner = round(r * 0.66)
        region = (cx - inner, cy - inner // 2, cx + inner, cy + inner // 2)
        return _fitted(
            draw,
            "badge",
            region,
            "Gevonden!",
            spec.bold_font,
            (r // 2, 14 * scale),
            1,
            (255, 255, 255),
            True,
        )
    if spec.badge == VERLOPEN:
        band = side // 6
        y = ay0 + (side - band) // 2
        secondary = rgb(spec.colours[1])
        draw.rounded_rectangle((ax0, y, ax1, y + band), radius=band // 2, fill=secondary)
        pad = band // 2
        region = (ax0 + pad, y + band // 8, ax1 - pad, y + band - band // 8)
        return _fitted(
            draw,
            "badge",
            region,
            "Niet meer actueel",
            spec.bold_font,
            (band // 2, 14 * scale),
            1,
            on_colour(secondary),
            True,
        )
    return []


class _Canvas(ImageDraw.ImageDraw):
    """ImageDraw that knows whether to measure what it draws: measuring every line costs
    about a third of a card's drawing time, and only tests and the gallery need the boxes."""

    def __init__(self, image: Image.Image, measure: bool) -> None:
        super().__init__(image)
        self.image = image
        self.measure = measure


def draw_card(
    spec: CardSpec, measure: bool = True, scale: int = 1
) -> tuple[Image.Image, list[TextBox]]:
    """The card as an RGB image, plus every text box drawn on it (none if not ``measure``).

    ``scale`` draws it that many times larger (the print-resolution copy of the same card)."""
    base = layout_for(spec.width, spec.height)
    lay = scaled(base, scale)
    primary, secondary, background = (rgb(c) for c in spec.colours)
    muted = spec.badge == VERLOPEN
    title_ink = readable(secondary, background)
    if muted:
        title_ink = readable(_mix(title_ink, background, 0.35), background, 3.0)
    kicker_ink = readable(primary, background)
    width, height = spec.width * scale, spec.height * scale
    image = Image.new("RGB", (width, height), background)
    draw = _Canvas(image, measure)

    # A soft disc behind the illustration, a tint of the brand colour.
    ax0, ay0, ax1, ay1 = lay.art
    grow = (ax1 - ax0) // 14
    draw.ellipse(
        (ax0 - grow, ay0 - grow, ax1 + grow, ay1 + grow), fill=_mix(primary, background, 0.88)
    )
    art = _asset(spec.illustration, ax1 - ax0, muted)
    image.paste(art, (ax0, ay0), art)
    if spec.logo:
        logo = _asset(spec.logo, lay.logo[2] - lay.logo[0], False)
        image.paste(logo, lay.logo[:2], logo)
    kicker_region = lay.kicker if spec.logo else (lay.logo[0], *lay.kicker[1:])

    boxes: list[TextBox] = []
    boxes += _fitted(
        draw,
        "kop",
        kicker_region,
        spec.kicker,
        spec.bold_font,
        (30 * scale, 18 * scale),
        1,
        kicker_ink,
        True,
    )
    boxes += _fitted(
        draw, "titel", lay.title, spec.title, spec.bold_font, lay.title_sizes, 4, title_ink
    )
    boxes += _facts(
        draw, spec, lay, primary, readable(_mix(secondary, (0, 0, 0), 0.25), background)
    )

    band = FOOTER_BAND[base] * scale
    draw.rectangle((0, band, width, height), fill=primary)
    fx0, _fy0, fx1, fy1 = lay.footer
    footer_region = (fx0, band, fx1, fy1)
    boxes += _fitted(
        draw,
        "voet",
        footer_region,
        spec.footer,
        spec.bold_font,
        (lay.fact_sizes[0], 16 * scale),
        1,
        on_colour(primary),
        True,
    )
    boxes += _badge(draw, spec, lay, image, scale)
    return image, boxes
