"""Compare PDF routes for a poster-like A4 page: fpdf2, reportlab, Pillow raster pages.

    .venv/bin/pip install fpdf2      # not a project dependency; only this comparison needs it
    .venv/bin/python bench/print_libraries.py

The same page in each: background, illustration, logo, a wrapped bold title, four facts, a QR
code and the short URL, with Lato. Reports median ms per page (one core), file size and
whether the text can be extracted (pypdf). The reportlab row is what generator.printing does.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pypdf
import segno
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import fonts  # noqa: E402
from generator.images.text import load_font  # noqa: E402

REGULAR, BOLD = str(fonts.font_file("regular")), str(fonts.font_file("bold"))
ART = str(REPO / "theme" / "illustraties" / "samen.png")
LOGO = str(REPO / "theme" / "assets" / "logo.png")
TITLE = "Voor een vrolijke jongen van 7 in Schalkwijk zoeken wij een steungezin"
FACTS = ["Jongen van 7 jaar", "Speelmiddag, logeren", "Om de week", "Schalkwijk, Haarlem"]
URL = "https://www.buurtgezinnen.example/haarlem/haarlem-k3m9/?utm_source=poster&utm_medium=print"
SHORT = "buurtgezinnen.example/haarlem/haarlem-k3m9"


def fpdf2_page() -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("Lato", "", REGULAR)
    pdf.add_font("Lato", "B", BOLD)
    pdf.add_page()
    pdf.set_fill_color(255, 248, 240)
    pdf.rect(0, 0, 210, 297, style="F")
    pdf.image(ART, x=64, y=30, w=82)
    pdf.image(LOGO, x=16, y=13, w=16)
    pdf.set_font("Lato", "B", 34)
    pdf.set_xy(16, 122)
    pdf.multi_cell(178, 14, TITLE)
    pdf.set_font("Lato", "", 16)
    for fact in FACTS:
        pdf.set_x(16)
        pdf.cell(178, 9, fact, new_x="LMARGIN", new_y="NEXT")
    matrix = segno.make(URL, error="m").matrix
    unit = 38 / len(matrix)
    pdf.set_fill_color(0, 0, 0)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pdf.rect(156 + x * unit, 236 + y * unit, unit, unit, style="F")
    pdf.set_font("Lato", "", 9)
    pdf.set_xy(120, 276)
    pdf.cell(74, 5, SHORT, align="R")
    return bytes(pdf.output())


def reportlab_page() -> bytes:
    from generator.printing import qr
    from generator.printing.pdf import draw
    from generator.printing.sheets import Sheet

    # Every poster has its own link: encode the QR code each time, as the other routes do.
    qr.runs.cache_clear()
    qr.path_operators.cache_clear()

    sheet = Sheet(
        path="x.pdf", size="A4", subject=TITLE, kicker="Buurtgezinnen Haarlem", title=TITLE,
        facts=tuple(FACTS), line="", tiles=(), contact=("Coördinator", "haarlem@example.org"),
        qr_data=URL, short_url=SHORT, footer="Word steungezin", illustration=ART, logo=LOGO,
        colours=("#c2410c", "#1e3a5f", "#fff8f0"), regular_font=REGULAR, bold_font=BOLD,
    )  # fmt: skip
    return draw(sheet)


def pillow_page(dpi: int) -> Callable[[], bytes]:
    def page() -> bytes:
        width, height = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
        k = dpi / 150
        image = Image.new("RGB", (width, height), (255, 248, 240))
        draw = ImageDraw.Draw(image)
        draw.text((int(94 * k), int(720 * k)), TITLE[:38], font=load_font(BOLD, int(70 * k)),
                  fill=(30, 58, 95))  # fmt: skip
        for i, fact in enumerate(FACTS):
            draw.text((int(94 * k), int(900 * k + i * 60 * k)), fact,
                      font=load_font(REGULAR, int(32 * k)), fill=(0, 0, 0))  # fmt: skip
        buffer = io.BytesIO()
        segno.make(URL, error="m").save(buffer, kind="png", scale=int(8 * k))
        image.paste(Image.open(buffer), (int(900 * k), int(1390 * k)))
        with Image.open(ART) as source:
            art = source.convert("RGBA").resize((int(480 * k),) * 2)
        image.paste(art, (int(380 * k), int(180 * k)), art)
        out = io.BytesIO()
        image.save(out, format="PDF", resolution=dpi)
        return out.getvalue()

    return page


def main() -> int:
    routes: list[tuple[str, Callable[[], bytes]]] = [("reportlab 4 (chosen)", reportlab_page)]
    try:
        import fpdf  # noqa: F401

        routes.append(("fpdf2", fpdf2_page))
    except ImportError:
        print("fpdf2 not installed: `.venv/bin/pip install fpdf2` to compare it", file=sys.stderr)
    routes += [
        ("Pillow raster, 150 dpi", pillow_page(150)),
        ("Pillow raster, 300 dpi", pillow_page(300)),
    ]
    print("| route | ms per page | size | text extractable |\n| --- | --- | --- | --- |")
    for name, make in routes:
        make()  # warm: fonts registered, caches filled
        times = []
        for _ in range(15):
            start = time.perf_counter()
            data = make()
            times.append(time.perf_counter() - start)
        text = pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
        readable = "yes" if "Schalkwijk" in text else "no"
        median = statistics.median(times) * 1000
        print(f"| {name} | {median:.0f} | {len(data) / 1024:.0f} KB | {readable} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
