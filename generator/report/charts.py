"""Static SVG charts for the HTML report: no script, no third-party request, readable in print.

Every chart has a <title> and <desc> so a screen reader gets the same facts as the picture.
"""

from __future__ import annotations

from datetime import date
from html import escape

from generator.report.figures import CHANNEL_LABELS, Channel, GemeenteFigures, nl

WIDTH, HEIGHT, PAD = 560, 240, 40
MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _month(m: date) -> str:
    return f"{MONTHS[m.month - 1]} {m:%y}"


def koppelingen_chart(fig: GemeenteFigures, start: date, end: date) -> str:
    """Cumulative koppelingen per month against the pro-rated target line."""
    points = fig.koppelingen_by_month
    top = max([fig.target_in_period, *(v for _, v in points), 1.0])
    n = max(len(points) - 1, 1)
    inner_w, inner_h = WIDTH - 2 * PAD, HEIGHT - 2 * PAD

    def x(i: int) -> float:
        return PAD + inner_w * i / n

    def y(v: float) -> float:
        return HEIGHT - PAD - inner_h * v / top

    line = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, (_, v) in enumerate(points))
    labels = "".join(
        f'<text x="{x(i):.1f}" y="{HEIGHT - PAD + 16}" text-anchor="middle">{_month(m)}</text>'
        for i, (m, _) in enumerate(points)
    )
    dots = "".join(
        f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="3"/>' for i, (_, v) in enumerate(points)
    )
    desc = (
        f"{fig.koppelingen} koppelingen van {start:%d-%m-%Y} tot en met {end:%d-%m-%Y}; "
        f"doel voor deze periode {nl(fig.target_in_period)}."
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="k-{fig.slug}-t k-{fig.slug}-d" class="chart">'
        f'<title id="k-{fig.slug}-t">Koppelingen in {escape(fig.name)}</title>'
        f'<desc id="k-{fig.slug}-d">{escape(desc)}</desc>'
        f'<line x1="{PAD}" y1="{HEIGHT - PAD}" x2="{WIDTH - PAD}" y2="{HEIGHT - PAD}" class="axis"/>'
        f'<line x1="{PAD}" y1="{y(0):.1f}" x2="{WIDTH - PAD}" y2="{y(fig.target_in_period):.1f}" '
        f'class="target"/>'
        f'<text x="{WIDTH - PAD}" y="{y(fig.target_in_period) - 6:.1f}" text-anchor="end">'
        f"doel {nl(fig.target_in_period)}</text>"
        f'<polyline points="{line}" class="series"/>{dots}{labels}'
        f'<text x="{PAD}" y="{PAD - 12}">aantal koppelingen (opgeteld)</text></svg>'
    )


def channel_chart(fig: GemeenteFigures) -> str:
    """Aanmeldingen per channel as horizontal bars; hidden (small) counts get no bar."""
    cells = fig.signups_by_channel
    top = max([c.value for c in cells.values() if not c.hidden] + [1])
    row_h = 34
    height = PAD + row_h * len(Channel)
    label_w = 250
    bars = []
    for i, channel in enumerate(Channel):
        cell = cells[channel.value]
        y = PAD // 2 + i * row_h
        width = 0 if cell.hidden else (WIDTH - label_w - 60) * cell.value / top
        bars.append(
            f'<text x="0" y="{y + 17}">{escape(CHANNEL_LABELS[channel])}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{width:.1f}" height="18" class="bar"/>'
            f'<text x="{label_w + width + 6:.1f}" y="{y + 17}">{escape(cell.shown)}</text>'
        )
    desc = "; ".join(f"{CHANNEL_LABELS[c]}: {cells[c.value].shown}" for c in Channel)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="c-{fig.slug}-t c-{fig.slug}-d" class="chart">'
        f'<title id="c-{fig.slug}-t">Aanmeldingen per kanaal in {escape(fig.name)}</title>'
        f'<desc id="c-{fig.slug}-d">{escape(desc)}</desc>{"".join(bars)}</svg>'
    )
