"""Drawing one ``Sheet`` as a vector PDF with reportlab: text stays text (sharp at any size,
selectable, searchable), Lato is embedded as a subset, the QR code is a vector path.

Geometry is written once in millimetres for A4 and multiplied for A5 (A5 is A4 scaled by
1/sqrt(2)), so poster and flyer are the same design. The illustration and logo are flattened
once per process into JPEG tiles on the page colour; reportlab embeds JPEG bytes as they are,
which keeps a page at a few tens of milliseconds (see docs/decisions.md).
"""

from __future__ import annotations

import io
import os
from functools import lru_cache

from PIL import Image, ImageDraw
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm as _mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from generator.images.layout import RGB, on_colour, readable, rgb
from generator.printing import qr
from generator.printing.sheets import Sheet, Tile

# ASCII85 doubles the cost of embedding an image in pure Python and adds 25% to its size;
# PDF readers need no 7-bit safe streams.
rl_config.useA85 = 0
REGULAR, BOLD = "Lato", "Lato-Bold"
ELLIPSIS = "…"
PAGE = {"A4": A4, "A5": A5}
TILE_DPI = 200
mm = float(_mm)  # points per millimetre


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _fonts(sheet: Sheet) -> None:
    known = pdfmetrics.getRegisteredFontNames()
    for name, path in ((REGULAR, sheet.regular_font), (BOLD, sheet.bold_font)):
        if name not in known:
            pdfmetrics.registerFont(TTFont(name, path))


def fit(
    text: str, font: str, width: float, sizes: tuple[float, float], lines: int
) -> tuple[float, list[str]]:
    """The largest size (in steps of 1 pt) at which ``text`` wraps into ``lines`` lines of
    ``width``; at the smallest size the last line is cut at a word with an ellipsis."""
    size = sizes[0]
    while True:
        wrapped = _wrap(text, font, size, width)
        if len(wrapped) <= lines or size - 1 < sizes[1]:
            break
        size -= 1
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1 :]).split(" ")
        while len(rest) > 1 and _width(" ".join(rest) + ELLIPSIS, font, size) > width:
            rest.pop()
        wrapped = [*wrapped[: lines - 1], " ".join(rest).rstrip(",.;:–-") + ELLIPSIS]
    return size, wrapped


def _width(text: str, font: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, font, size))


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    current = ""
    for word in text.split():
        while _width(word, font, size) > width and len(word) > 1:  # a word wider than a line
            cut = len(word) - 1
            while cut > 1 and _width(word[:cut], font, size) > width:
                cut -= 1
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}" if current else word
        if _width(candidate, font, size) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


@lru_cache(maxsize=32)
def _tile(path: str, _mtime: int, side_px: int, disc: RGB, page: RGB) -> bytes:
    """The illustration on its tinted disc, flattened onto the page colour, as JPEG."""
    big = side_px * 2  # drawn at twice the size and scaled down: a smooth disc edge
    canvas = Image.new("RGB", (big, big), page)
    ImageDraw.Draw(canvas).ellipse((0, 0, big - 1, big - 1), fill=disc)
    inset = big // 16
    with Image.open(path) as source:
        art = source.convert("RGBA").resize((big - 2 * inset,) * 2, Image.Resampling.LANCZOS)
    canvas.paste(art, (inset, inset), art)
    return _jpeg(canvas.resize((side_px, side_px), Image.Resampling.LANCZOS))


@lru_cache(maxsize=8)
def _logo(path: str, _mtime: int, side_px: int, page: RGB) -> bytes:
    with Image.open(path) as source:
        logo = source.convert("RGBA").resize((side_px, side_px), Image.Resampling.LANCZOS)
    canvas = Image.new("RGB", logo.size, page)
    canvas.paste(logo, (0, 0), logo)
    return _jpeg(canvas)


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=90, subsampling=0, optimize=True)
    return buffer.getvalue()


def _px(side_mm: float) -> int:
    return round(side_mm / 25.4 * TILE_DPI)


class _Page:
    """A canvas measured in A4 millimetres from the top left, whatever the paper size."""

    def __init__(self, sheet: Sheet, buffer: io.BytesIO) -> None:
        width, height = PAGE[sheet.size]
        self.k = float(width / A4[0])
        self.height = float(height)
        # initialFontName: otherwise reportlab lists Helvetica (not embedded) in every page.
        self.c = Canvas(
            buffer,
            pagesize=(width, height),
            invariant=1,
            pageCompression=1,
            initialFontName=REGULAR,
        )
        self.primary, self.secondary, self.background = (rgb(c) for c in sheet.colours)

    def x(self, v: float) -> float:
        return v * mm * self.k

    def y(self, v: float) -> float:
        return self.height - v * mm * self.k

    def pt(self, size: float, floor: float = 0) -> float:
        return max(size * self.k, floor)

    def fill(self, colour: RGB) -> None:
        self.c.setFillColorRGB(*(v / 255 for v in colour))

    def rect(self, x: float, top: float, w: float, h: float, colour: RGB, r: float = 0) -> None:
        self.fill(colour)
        if r:
            self.c.roundRect(
                self.x(x), self.y(top + h), self.x(w), self.x(h), self.x(r), stroke=0, fill=1
            )
        else:
            self.c.rect(self.x(x), self.y(top + h), self.x(w), self.x(h), stroke=0, fill=1)

    def lines(
        self,
        x: float,
        top: float,
        lines: list[str],
        font: str,
        size: float,
        colour: RGB,
        leading: float = 1.18,
        centre_width: float = 0,
    ) -> float:
        """Draw ``lines`` (first baseline one ascent below ``top``); returns the bottom, in mm."""
        self.fill(colour)
        self.c.setFont(font, size)
        pitch = size * leading
        baseline = self.y(top) - size * 0.8
        for line in lines:
            if centre_width:
                self.c.drawCentredString(self.x(x + centre_width / 2), baseline, line)
            else:
                self.c.drawString(self.x(x), baseline, line)
            baseline -= pitch
        return (self.height - baseline - pitch + size * 0.25) / mm / self.k

    def text(
        self,
        x: float,
        top: float,
        width: float,
        text: str,
        font: str,
        sizes: tuple[float, float],
        max_lines: int,
        colour: RGB,
    ) -> float:
        size, wrapped = fit(text, font, self.x(width), (self.pt(sizes[0]), sizes[1]), max_lines)
        return self.lines(x, top, wrapped, font, size, colour)

    def image(self, data: bytes, x: float, top: float, side: float) -> None:
        reader = ImageReader(io.BytesIO(data))
        self.c.drawImage(reader, self.x(x), self.y(top + side), self.x(side), self.x(side))

    def bullets(self, x: float, top: float, width: float, facts: tuple[str, ...], size: float,
                ink: RGB, pitch: float) -> float:  # fmt: skip
        """One line per fact with a round bullet; all share one size (a list reads as a list),
        down to 80% of ``size``, and a fact still too long is cut with an ellipsis."""
        bottom = top
        room = self.x(width - 6)
        sizes = (self.pt(size), max(self.pt(size) * 0.8, 7))
        common = min((fit(fact, REGULAR, room, sizes, 1)[0] for fact in facts), default=sizes[0])
        for i, fact in enumerate(facts):
            row = top + i * pitch
            self.fill(self.primary)
            self.c.circle(self.x(x + 1.6), self.y(row + pitch * 0.42), self.x(1.3), 0, 1)
            _size, wrapped = fit(fact, REGULAR, room, (common, common), 1)
            bottom = self.lines(x + 6, row + pitch * 0.1, wrapped, REGULAR, common, ink)
        return bottom


def _header(page: _Page, sheet: Sheet, ink: RGB) -> None:
    x = 16.0
    if sheet.logo:
        page.image(_logo(sheet.logo, _mtime(sheet.logo), 160, page.background), x, 13, 16)
        x += 20
    page.text(x, 17.5, 178 - x, sheet.kicker, BOLD, (16, 8), 1, ink)


def _mtime(path: str) -> int:
    return os.stat(path).st_mtime_ns


def _qr_block(page: _Page, sheet: Sheet, top: float, side: float) -> None:
    """The QR code on a white square with its quiet zone, and the short URL under it."""
    x = 194 - side
    modules, _runs = qr.runs(sheet.qr_data)
    total = modules + 2 * qr.QUIET_ZONE
    page.rect(x, top, side, side, (255, 255, 255))
    unit = side / total
    # The symbol as one path in module units (y downward), written as PDF operators: through
    # reportlab's path API, formatting ~800 coordinates was a third of a poster's time.
    page.fill((0, 0, 0))
    c = page.c
    c.saveState()
    c.translate(page.x(x + qr.QUIET_ZONE * unit), page.y(top + qr.QUIET_ZONE * unit))
    c.scale(page.x(unit), -page.x(unit))
    c.addLiteral(qr.path_operators(sheet.qr_data))
    c.restoreState()
    # The address people type is never cut: it shrinks to fit the width beside the contact.
    room = page.x(86)
    size = min(page.pt(9.5, 7), room / _width(sheet.short_url, REGULAR, 1))
    page.fill((0, 0, 0))
    page.c.setFont(REGULAR, size)
    page.c.drawRightString(page.x(194), page.y(top + side + 1.2) - size * 0.8, sheet.short_url)


def _contact_block(page: _Page, sheet: Sheet, top: float, ink: RGB, heading: str) -> None:
    bottom = page.text(16, top, 120, heading, BOLD, (15, 8), 2, ink)
    page.lines(16, bottom + 2, list(sheet.contact), REGULAR, page.pt(12.5, 8), ink, leading=1.3)


def _footer(page: _Page, sheet: Sheet) -> None:
    page.rect(0, 283, 210, 14, page.primary)
    size, wrapped = fit(sheet.footer, BOLD, page.x(178), (page.pt(15), 7), 1)
    page.lines(16, 286.6, wrapped, BOLD, size, on_colour(page.primary), centre_width=178)


def _tiles(page: _Page, tiles: tuple[Tile, ...], top: float, ink: RGB, title_ink: RGB) -> float:
    fill = mix(page.primary, page.background, 0.88)
    ink, title_ink = readable(ink, fill), readable(title_ink, fill)
    for i, tile in enumerate(tiles):
        x = 16 + (i % 2) * 91
        upper = top + (i // 2) * 70
        page.rect(x, upper, 87, 64, fill, r=4)
        bottom = page.text(x + 5, upper + 5, 77, tile.title, BOLD, (15, 8), 3, title_ink)
        page.bullets(x + 5, max(bottom + 1.5, upper + 27), 77, tile.facts, 10.5, ink, 8.2)
    return top + ((len(tiles) + 1) // 2) * 70


def draw(sheet: Sheet) -> bytes:
    """The sheet as PDF bytes: the same sheet always gives the same bytes."""
    _fonts(sheet)
    buffer = io.BytesIO()
    page = _Page(sheet, buffer)
    c = page.c
    c.setTitle(sheet.subject)
    c.setAuthor(sheet.kicker)
    c.setCreator("buurtsite")
    c.setSubject(sheet.short_url)
    title_ink = readable(page.secondary, page.background)
    kicker_ink = readable(page.primary, page.background)
    ink = readable(mix(page.secondary, (0, 0, 0), 0.25), page.background)
    page.rect(0, 0, 210, 297, page.background)
    _header(page, sheet, kicker_ink)
    disc = mix(page.primary, page.background, 0.88)
    if sheet.tiles or not sheet.facts:  # the gemeente poster
        bottom = page.text(16, 36, 178, sheet.title, BOLD, (38, 14), 3, title_ink)
        if sheet.tiles:
            bottom = _tiles(page, sheet.tiles, max(bottom + 6, 84), ink, title_ink)
        # Room left above the contact block (one row of tiles or none): the illustration.
        side = min(110, 228 - bottom - 8)
        if side >= 50:
            tile = _tile(sheet.illustration, _mtime(sheet.illustration), _px(side), disc,
                         page.background)  # fmt: skip
            page.image(tile, (210 - side) / 2, bottom + 4 + (228 - bottom - 8 - side) / 2, side)
        heading = "Wordt u steungezin? Neem contact op:"
    else:
        side = 82
        tile = _tile(sheet.illustration, _mtime(sheet.illustration), _px(side), disc,
                     page.background)  # fmt: skip
        page.image(tile, (210 - side) / 2, 32, side)
        bottom = page.text(16, 122, 178, sheet.title, BOLD, (36, 16), 3, title_ink)
        bottom = page.bullets(16, max(bottom + 4, 166), 178, sheet.facts, 16, ink, 10.5)
        if sheet.line:
            quoted = f"“{sheet.line}”"
            page.text(16, bottom + 3, 178, quoted, REGULAR, (13.5, 7), 3, title_ink)
        heading = "Wilt u dit gezin helpen? Neem contact op:"
    _contact_block(page, sheet, 240, ink, heading)
    _qr_block(page, sheet, 236, 38)
    _footer(page, sheet)
    c.showPage()
    c.save()
    return buffer.getvalue()
