"""The progress report as Markdown, CSV or a self-contained HTML page (inline SVG, no scripts)."""

from __future__ import annotations

import csv
import io
from html import escape

from generator.report.charts import channel_chart, koppelingen_chart
from generator.report.figures import CHANNEL_LABELS, Channel, GemeenteFigures, ProgressReport, nl

FOOTNOTE = (
    "Kleine aantallen aanmeldingen (1 of 2), per profiel, per kanaal en in de totalen, staan als "
    "'< 3', zodat niemand te herkennen is; 'x' is een verborgen getal, zodat zo'n klein aantal "
    "ook niet uit de andere getallen of een totaal terug te rekenen is."
)


def _median(fig: GemeenteFigures) -> str:
    if fig.median_days_to_koppeling is None:
        return "–"
    return f"{nl(fig.median_days_to_koppeling)} dagen"


def _rows(fig: GemeenteFigures) -> list[tuple[str, str]]:
    return [
        ("Gezinnen die zoeken aan het begin van de periode", str(fig.open_at_start)),
        ("Gezinnen die zoeken aan het eind van de periode", str(fig.open_at_end)),
        ("Nieuwe zoekprofielen", str(fig.new_profiles)),
        (
            "Koppelingen (doel deze periode)",
            f"{fig.koppelingen} ({nl(fig.target_in_period)}; {fig.target_per_year} per jaar)",
        ),
        ("Mediaan van publicatie tot koppeling", _median(fig)),
        ("Aanmeldingen", fig.signups.shown),
        ("Facebookberichten geplaatst", str(fig.posts)),
    ]


def _period(report: ProgressReport) -> str:
    return f"{report.start:%d-%m-%Y} tot en met {report.end:%d-%m-%Y}"


def markdown(report: ProgressReport) -> str:
    out = [
        "# Voortgangsrapportage Buurtgezinnen",
        "",
        f"Periode: {_period(report)}. Gemaakt op {report.made_on:%d-%m-%Y}.",
        "",
    ]
    if len(report.gemeenten) > 1:
        out += _national_md(report)
    for fig in report.gemeenten:
        out += [f"## {fig.name}", "", "| | |", "| --- | --- |"]
        out += [f"| {label} | {value} |" for label, value in _rows(fig)]
        out += ["", "**Aanmeldingen per kanaal**", "", "| kanaal | aantal |", "| --- | --- |"]
        out += [
            f"| {CHANNEL_LABELS[c]} | {fig.signups_by_channel[c.value].shown} |" for c in Channel
        ]
        if fig.signups_by_profile:
            out += ["", "**Aanmeldingen per profiel**", "", "| profiel | aantal |", "| --- | --- |"]
            out += [
                f"| {report.titles[pid]} (`{pid}`) | {cell.shown} |"
                for pid, cell in fig.signups_by_profile.items()
            ]
        out.append("")
    out += [f"_{FOOTNOTE}_", ""]
    return "\n".join(out)


def _national_md(report: ProgressReport) -> list[str]:
    out = [
        "## Landelijk overzicht",
        "",
        "| gemeente | zoekend (begin) | zoekend (eind) | nieuw | koppelingen | doel | aanmeldingen | berichten |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for f in report.gemeenten:
        out.append(
            f"| {f.name} | {f.open_at_start} | {f.open_at_end} | {f.new_profiles} | "
            f"{f.koppelingen} | {nl(f.target_in_period)} | {f.signups.shown} | {f.posts} |"
        )
    t = report.totals
    out.append(
        f"| **totaal** | {nl(t['open_at_start'])} | {nl(t['open_at_end'])} | {nl(t['new_profiles'])} | "
        f"{nl(t['koppelingen'])} | {nl(t['target_in_period'])} | {report.signups_total.shown} | "
        f"{nl(t['posts'])} |"
    )
    return [*out, ""]


CSV_COLUMNS = [
    "gemeente",
    "van",
    "tot",
    "zoekend_begin",
    "zoekend_eind",
    "nieuwe_profielen",
    "koppelingen",
    "doel_periode",
    "doel_per_jaar",
    "mediaan_dagen_tot_koppeling",
    "aanmeldingen",
    *(f"aanmeldingen_{c.value}" for c in Channel),
    "facebookberichten",
]


def csv_text(report: ProgressReport) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for f in report.gemeenten:
        median = "" if f.median_days_to_koppeling is None else f"{f.median_days_to_koppeling:g}"
        writer.writerow(
            [
                f.slug,
                report.start.isoformat(),
                report.end.isoformat(),
                f.open_at_start,
                f.open_at_end,
                f.new_profiles,
                f.koppelingen,
                f"{f.target_in_period:g}",
                f.target_per_year,
                median,
                f.signups.shown,
                *(f.signups_by_channel[c.value].shown for c in Channel),
                f.posts,
            ]
        )
    return buffer.getvalue()


STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2933}
h1,h2{color:#1e3a5f}table{border-collapse:collapse;margin:1rem 0}
th,td{border:1px solid #cbd2d9;padding:.35rem .6rem;text-align:left}
td.n,th.n{text-align:right}.chart{width:100%;max-width:36rem;height:auto;font-size:12px}
.chart .axis{stroke:#52606d}.chart .target{stroke:#c2410c;stroke-dasharray:6 4}
.chart .series{fill:none;stroke:#1e3a5f;stroke-width:2.5}.chart circle{fill:#1e3a5f}
.chart .bar{fill:#1e3a5f}.note{color:#52606d;font-size:.9rem}
"""


def html(report: ProgressReport) -> str:
    parts = [
        '<!doctype html><html lang="nl"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Voortgangsrapportage Buurtgezinnen</title>",
        f"<style>{STYLE}</style></head><body><main>",
        "<h1>Voortgangsrapportage Buurtgezinnen</h1>",
        f"<p>Periode: {_period(report)}. Gemaakt op {report.made_on:%d-%m-%Y}.</p>",
    ]
    if len(report.gemeenten) > 1:
        parts.append(_national_html(report))
    for fig in report.gemeenten:
        parts.append(f"<section><h2>{escape(fig.name)}</h2><table>")
        parts += [
            f"<tr><th scope='row'>{escape(k)}</th><td class='n'>{escape(v)}</td></tr>"
            for k, v in _rows(fig)
        ]
        parts.append("</table>")
        parts.append("<h3>Koppelingen in de tijd</h3>")
        parts.append(koppelingen_chart(fig, report.start, report.end))
        parts.append("<h3>Aanmeldingen per kanaal</h3>")
        parts.append(channel_chart(fig))
        if fig.signups_by_profile:
            parts.append(
                "<h3>Aanmeldingen per profiel</h3><table><tr><th>profiel</th>"
                "<th class='n'>aantal</th></tr>"
            )
            parts += [
                f"<tr><td>{escape(report.titles[pid])}</td><td class='n'>{escape(c.shown)}</td></tr>"
                for pid, c in fig.signups_by_profile.items()
            ]
            parts.append("</table>")
        parts.append("</section>")
    parts.append(f"<p class='note'>{escape(FOOTNOTE)}</p></main></body></html>\n")
    return "\n".join(parts)


def _national_html(report: ProgressReport) -> str:
    head = "".join(
        f"<th scope='col'>{h}</th>"
        for h in (
            "gemeente",
            "zoekend (begin)",
            "zoekend (eind)",
            "nieuw",
            "koppelingen",
            "doel",
            "aanmeldingen",
            "berichten",
        )
    )
    rows = []
    for f in report.gemeenten:
        values = [nl(v) for v in (f.open_at_start, f.open_at_end, f.new_profiles, f.koppelingen)]
        values += [nl(f.target_in_period), f.signups.shown, nl(f.posts)]
        cells = "".join(f"<td class='n'>{escape(v)}</td>" for v in values)
        rows.append(f"<tr><th scope='row'>{escape(f.name)}</th>{cells}</tr>")
    t = report.totals
    keys = ["open_at_start", "open_at_end", "new_profiles", "koppelingen", "target_in_period"]
    sums = [nl(t[k]) for k in keys] + [report.signups_total.shown, nl(t["posts"])]
    total = "".join(f"<td class='n'><strong>{escape(v)}</strong></td>" for v in sums)
    rows.append(f"<tr><th scope='row'>totaal</th>{total}</tr>")
    return f"<h2>Landelijk overzicht</h2><table><tr>{head}</tr>{''.join(rows)}</table>"
