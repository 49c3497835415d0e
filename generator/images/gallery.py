"""The edge-case gallery: invented profiles that stress the card layout, rendered to docs/.

``python -m generator.images gallery docs/gallery`` writes one og card and one feed card per
case plus an index (README.md), so a reviewer sees at a glance how the cards cope with a very
long title, emoji, a baby and a 23-year-old, three children, every kind of support and each
status. The same cases drive the layout tests in tests/images/.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from generator.images.build import render_bytes
from generator.images.specs import Planned, plan
from generator.model import SupportType, Zoekprofiel
from generator.validate import Catalog, load_project

_BASE: dict[str, Any] = {
    "gemeente": "haarlem",
    "wijk": "Schalkwijk",
    "kinderen": [{"leeftijd": 7, "geslacht": "jongen"}],
    "steunvormen": ["speelmiddag"],
    "frequentie": "wekelijks",
    "verhaal": "Een verzonnen verhaal voor de galerij met randgevallen van de deelkaarten.",
    "status": "open",
    "gepubliceerd": "2026-11-01",
    "illustratie": "spelen",
}

# id -> (what it shows, overrides of the base profile)
EDGE_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "galerij-lange-titel": (
        "the longest title the schema allows (120 characters)",
        {
            "titel": "Voor een vrolijke, nieuwsgierige en heel sportieve jongen van zeven zoeken "
            "wij een warm gezin met tijd, geduld en tuin"
        },
    ),
    "galerij-een-woord": ("a one-word title", {"titel": "Speelmaatje!"}),
    "galerij-lang-woord": (
        "one word wider than the title box",
        {"titel": "Kinderopvangtoeslagherberekeningsformulierenafhandelingsmedewerkersoverleg"},
    ),
    "galerij-diakrieten": (
        "Dutch diacritics, typographic quotes, en dash and ellipsis",
        {
            "titel": "Geïnteresseerd in ‘samen’ koken? “Crème brûlée” – één café… ĳs!",
            "wijk": "Haarlem-Noord",
            "illustratie": "eten",
        },
    ),
    "galerij-emoji": (
        "emoji are removed cleanly",
        {"titel": "Zoekt een speelmaatje 😀🎉 voor de 👨‍👩‍👧 zaterdag ⚽️", "illustratie": "sport"},
    ),
    "galerij-baby-en-23": (
        "a baby (age 0) and a young adult of 23",
        {
            "titel": "Moeder met baby en oudste zoon zoekt steun",
            "kinderen": [{"leeftijd": 0, "geslacht": "meisje"}, {"leeftijd": 23}],
        },
    ),
    "galerij-baby": (
        "one child younger than 1",
        {
            "titel": "Baby zoekt een oppasgezin",
            "kinderen": [{"leeftijd": 0}],
            "steunvormen": ["oppas"],
        },
    ),
    "galerij-drie-kinderen": (
        "three siblings, one of them an age range",
        {
            "titel": "Drie broertjes en zusjes zoeken een opa en oma",
            "kinderen": [
                {"leeftijd": 8, "geslacht": "jongen"},
                {"leeftijd": 2},
                {"leeftijd_van": 4, "leeftijd_tot": 5, "geslacht": "meisje"},
            ],
            "illustratie": "samen",
        },
    ),
    "galerij-alle-steun": (
        "every kind of support at once",
        {
            "titel": "Gezin zoekt hulp op alle fronten",
            "steunvormen": [s.value for s in SupportType],
            "steunvorm_anders": "samen naar de bibliotheek",
            "illustratie": "leren",
        },
    ),
    "galerij-gekoppeld": (
        "status gekoppeld: the Gevonden! stamp",
        {
            "titel": "Meisje van 4 zoekt een logeeradres",
            "status": "gekoppeld",
            "illustratie": "logeren",
        },
    ),
    "galerij-gesloten": (
        "status gesloten: muted, Niet meer actueel",
        {
            "titel": "Jongen van 12 zoekt een gezin voor uitstapjes",
            "status": "gesloten",
            "illustratie": "uitstapje",
        },
    ),
    "galerij-verlopen": (
        "open but past its expiry date: muted as well",
        {
            "titel": "Meisje van 9 zoekt hulp bij huiswerk",
            "gepubliceerd": "2025-01-01",
            "verloopt": "2025-06-01",
            "illustratie": "leren",
        },
    ),
}


def edge_profiles() -> list[Zoekprofiel]:
    return [
        Zoekprofiel.model_validate({**_BASE, "id": key, **overrides})
        for key, (_what, overrides) in EDGE_CASES.items()
    ]


def edge_catalog(config_path: Path, today: date = date(2026, 11, 23)) -> Catalog:
    """A catalog of the project's settings with only the edge-case profiles in it."""
    return Catalog(project=load_project(config_path), today=today, profiles=edge_profiles())


def edge_cards(config_path: Path) -> list[Planned]:
    """The planned profile cards (og and feed) of every edge case."""
    return [p for p in plan(edge_catalog(config_path)) if p.key.startswith("profiel:")]


def write_gallery(config_path: Path, out: Path) -> list[Path]:
    """Render every edge case into ``out`` (flat file names) and write README.md there."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    rows = []
    for item in edge_cards(config_path):
        name = Path(item.spec.path).name
        target = out / name
        target.write_bytes(render_bytes(replace(item.spec, path=name)))
        written.append(target)
        if item.slot == "og":
            case = item.key.removeprefix("profiel:")
            what = EDGE_CASES[case][0]
            feed = name.replace(".png", "-feed.png")
            rows.append(f"| {what} | ![{case}]({name}) | [feed]({feed}) |")
    index = out / "README.md"
    index.write_text(
        "# Share card gallery (edge cases)\n\n"
        "Generated by `.venv/bin/python -m generator.images gallery docs/gallery`; do not edit.\n"
        "Each row is an invented profile from `generator/images/gallery.py` that stresses the\n"
        "layout. The og card (1200x630) is shown; the 1080x1350 feed card is linked.\n\n"
        "| case | og card | feed |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    written.append(index)
    return written
