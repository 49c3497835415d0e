"""Draw the theme's illustrations and logo with Pillow shapes: reproducible and openly licensed.

Run ``.venv/bin/python scripts/make_illustrations.py`` to (re)write theme/illustraties/*.png and
theme/assets/logo.png. Everything is drawn at twice the size and scaled down, which gives smooth
edges without depending on anti-aliasing support in ImageDraw. The drawings are flat and warm
and show objects (a ball, a house, a book), never people: a zoekprofiel is about a real child,
and no picture should suggest what that child looks like.

The output is deterministic for a given Pillow version; the files are released under CC0 like
the rest of the invented sample material.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 600
SCALE = 2
S = SIZE * SCALE

# A warm palette around the default brand colours (terracotta and navy).
TERRA = "#c2410c"
NAVY = "#1e3a5f"
PEACH = "#fdba74"
SAND = "#fde6c8"
SAGE = "#84a98c"
SUN = "#f6bd60"
ROSE = "#e07a5f"
SKY = "#9cc9dd"
CREAM = "#fffaf2"
BROWN = "#8d5a3b"

Draw = ImageDraw.ImageDraw


def _box(cx: float, cy: float, r: float) -> tuple[float, float, float, float]:
    return (cx - r, cy - r, cx + r, cy + r)


def _backdrop(d: Draw, colour: str = SAND) -> None:
    """The soft round shape every illustration sits on."""
    d.ellipse(_box(S / 2, S / 2, S * 0.47), fill=colour)


def _heart(d: Draw, cx: float, cy: float, r: float, fill: str) -> None:
    d.ellipse(_box(cx - r * 0.5, cy - r * 0.25, r * 0.55), fill=fill)
    d.ellipse(_box(cx + r * 0.5, cy - r * 0.25, r * 0.55), fill=fill)
    d.polygon(
        [(cx - r * 1.02, cy - r * 0.05), (cx + r * 1.02, cy - r * 0.05), (cx, cy + r)], fill=fill
    )


def _house(d: Draw, x: float, y: float, w: float, h: float, wall: str, roof: str) -> None:
    d.rectangle((x, y, x + w, y + h), fill=wall)
    d.polygon([(x - w * 0.12, y + 2), (x + w / 2, y - h * 0.62), (x + w * 1.12, y + 2)], fill=roof)


def spelen(d: Draw) -> None:
    _backdrop(d)
    # building blocks
    d.rounded_rectangle((250, 700, 530, 980), radius=24, fill=TERRA)
    d.rounded_rectangle((530, 700, 810, 980), radius=24, fill=SKY)
    d.rounded_rectangle((390, 420, 670, 700), radius=24, fill=SUN)
    d.ellipse(_box(530, 560, 60), fill=CREAM)
    # ball
    d.ellipse(_box(870, 850, 140), fill=ROSE)
    d.arc(_box(870, 850, 140), 200, 340, fill=CREAM, width=26)
    d.arc(_box(870, 850, 100), 20, 160, fill=CREAM, width=22)


def logeren(d: Draw) -> None:
    _backdrop(d, "#dfe7f0")
    # moon and stars above a little house
    d.ellipse(_box(820, 300, 110), fill=SUN)
    d.ellipse(_box(870, 260, 100), fill="#dfe7f0")
    for sx, sy, r in ((330, 280, 22), (470, 200, 16), (640, 330, 14), (260, 430, 12)):
        d.regular_polygon((sx, sy, r * 1.6), 4, rotation=45, fill=SUN)
    _house(d, 330, 620, 540, 380, PEACH, NAVY)
    d.rounded_rectangle((420, 700, 560, 820), radius=14, fill=SUN)
    d.rounded_rectangle((640, 760, 770, 1000), radius=16, fill=TERRA)


def leren(d: Draw) -> None:
    _backdrop(d)
    # an open book
    d.polygon([(200, 520), (600, 580), (600, 940), (200, 880)], fill=CREAM)
    d.polygon([(1000, 520), (600, 580), (600, 940), (1000, 880)], fill="#fff3e0")
    d.polygon(
        [(180, 880), (600, 950), (1020, 880), (1020, 910), (600, 985), (180, 910)], fill=TERRA
    )
    for i in range(4):
        y = 640 + i * 60
        d.line((260, y - 10 + i * 4, 540, y + 30 + i * 4), fill=PEACH, width=14)
        d.line((660, y + 30 + i * 4, 940, y - 10 + i * 4), fill=PEACH, width=14)
    # pencil
    d.polygon([(760, 230), (860, 330), (560, 630), (460, 530)], fill=SUN)
    d.polygon([(460, 530), (560, 630), (420, 680)], fill=SAND)
    d.polygon([(760, 230), (860, 330), (900, 290), (800, 190)], fill=ROSE)


def sport(d: Draw) -> None:
    _backdrop(d, "#e3eedf")
    # goal and a ball on the grass
    d.rectangle((120, 820, 1080, 1000), fill=SAGE)
    d.line((260, 380, 260, 830), fill=CREAM, width=30)
    d.line((940, 380, 940, 830), fill=CREAM, width=30)
    d.line((245, 380, 955, 380), fill=CREAM, width=30)
    for x in range(320, 900, 80):
        d.line((x, 395, x, 820), fill="#c9d8c4", width=8)
    for y in range(460, 820, 80):
        d.line((275, y, 925, y), fill="#c9d8c4", width=8)
    d.ellipse(_box(600, 820, 130), fill=CREAM)
    d.regular_polygon((600, 820, 52), 5, rotation=0, fill=NAVY)
    for k in range(5):
        a = math.radians(-90 + k * 72)
        d.regular_polygon((600 + 112 * math.cos(a), 820 + 112 * math.sin(a), 30), 5, fill=NAVY)
    d.ellipse(_box(600, 820, 130), outline=NAVY, width=10)


def samen(d: Draw) -> None:
    _backdrop(d)
    # two houses side by side, a heart between them
    _house(d, 170, 640, 360, 330, PEACH, TERRA)
    _house(d, 670, 600, 380, 370, SKY, NAVY)
    d.rounded_rectangle((300, 800, 400, 970), radius=12, fill=TERRA)
    d.rounded_rectangle((810, 790, 910, 970), radius=12, fill=NAVY)
    d.rectangle((120, 960, 1080, 1000), fill=SAGE)
    _heart(d, 600, 330, 150, ROSE)


def uitstapje(d: Draw) -> None:
    _backdrop(d, "#e6f0f4")
    d.ellipse(_box(800, 360, 120), fill=SUN)
    d.pieslice((60, 560, 760, 1260), 180, 360, fill=SAGE)
    d.pieslice((460, 640, 1160, 1340), 180, 360, fill="#6f947a")
    # a winding path and a tree
    d.polygon([(560, 1000), (660, 1000), (610, 820), (585, 820)], fill=SAND)
    d.rectangle((320, 640, 350, 800), fill=BROWN)
    d.ellipse(_box(335, 590, 90), fill="#5e8a68")
    d.ellipse((180, 300, 420, 380), fill=CREAM)
    d.ellipse((260, 260, 400, 360), fill=CREAM)


def eten(d: Draw) -> None:
    _backdrop(d)
    # a plate with fork and knife on a table cloth
    d.rounded_rectangle((140, 820, 1060, 1010), radius=30, fill=TERRA)
    d.ellipse(_box(600, 620, 270), fill=CREAM)
    d.ellipse(_box(600, 620, 200), fill="#fff3e0")
    d.ellipse(_box(560, 600, 80), fill=SAGE)
    d.ellipse(_box(660, 650, 70), fill=SUN)
    d.ellipse(_box(590, 690, 45), fill=ROSE)
    d.rounded_rectangle((230, 400, 262, 840), radius=14, fill=NAVY)
    for x in (200, 236, 272):
        d.rounded_rectangle((x - 10, 360, x + 10, 520), radius=8, fill=NAVY)
    d.rounded_rectangle((940, 400, 972, 840), radius=14, fill=NAVY)
    d.pieslice((930, 330, 1030, 620), 270, 90, fill=NAVY)
    for i in range(3):
        x = 520 + i * 80
        d.arc((x - 30, 200, x + 30, 300), 90, 270, fill=PEACH, width=14)
        d.arc((x - 30, 280, x + 30, 340), 270, 90, fill=PEACH, width=14)


def logo(d: Draw) -> None:
    """Invented mark: a house whose door is a heart, in the brand colours."""
    d.rounded_rectangle((40, 40, S - 40, S - 40), radius=220, fill=TERRA)
    _house(d, 330, 560, 540, 420, CREAM, CREAM)
    _heart(d, 600, 760, 120, TERRA)


ILLUSTRATIONS: dict[str, Callable[[Draw], None]] = {
    "spelen": spelen,
    "logeren": logeren,
    "leren": leren,
    "sport": sport,
    "samen": samen,
    "uitstapje": uitstapje,
    "eten": eten,
}


def render(draw_fn: Callable[[Draw], None], size: int = SIZE) -> Image.Image:
    big = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    draw_fn(ImageDraw.Draw(big))
    return big.resize((size, size), Image.Resampling.LANCZOS)


def main(root: Path) -> None:
    out = root / "theme" / "illustraties"
    out.mkdir(parents=True, exist_ok=True)
    for key, fn in ILLUSTRATIONS.items():
        render(fn).save(out / f"{key}.png", optimize=True)
    assets = root / "theme" / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    render(logo, 256).save(assets / "logo.png", optimize=True)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent)
