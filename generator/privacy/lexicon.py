"""Word lists for the privacy gate: deduce's lookup lists plus our own small lists.

We read the plain-text lists that the ``deduce`` package ships (first names, surnames,
places, common words) straight from its package folder, without importing deduce: importing
it builds its model (8-10 s and ~1.1 GB, 86 s and a 74 MB cache write on first use), while
reading the lists takes ~10 ms. The lists stay in deduce's package (LGPL-3.0); nothing of
them is copied into this repository. Without deduce's lists the gate refuses to run
(``MissingTool``): a gate that silently knows fewer names would let names through.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from generator.errors import MissingTool

# Capitalised words that are first names in deduce's list but, in a zoekprofiel, are far more
# often ordinary words, titles, months or brands.
NOT_NAMES = frozenset(
    [
        "mama",
        "papa",
        "oma",
        "opa",
        "juf",
        "meester",
        "moeder",
        "vader",
        "zon",
        "storm",
        "hoop",
        "liefde",
        "roos",
        "lelie",
        "iris",
        "fleur",
        "mei",
        "april",
        "juni",
        "juli",
        "augustus",
        "maart",
        "januari",
        "februari",
        "september",
        "oktober",
        "november",
        "december",
        "maandag",
        "dinsdag",
        "woensdag",
        "donderdag",
        "vrijdag",
        "zaterdag",
        "zondag",
        "kerst",
        "pasen",
        "pinksteren",
        "sinterklaas",
        "koningsdag",
        "suikerfeest",
        "offerfeest",
        "ramadan",
        "carnaval",
        "engels",
        "nederlands",
        "frans",
        "duits",
        "spaans",
        "turks",
        "arabisch",
        "pools",
        "lego",
        "minecraft",
        "fortnite",
        "pokemon",
        "pokémon",
        "netflix",
        "youtube",
        "tiktok",
        "instagram",
        "facebook",
        "samen",
        "graag",
        "iemand",
        "gezin",
        "steungezin",
        "buurtgezinnen",
        "welkom",
        "ook",
        "wel",
    ]
)

# Role words that, directly before a capitalised word, mark it as a person's name.
ROLE_WORDS = frozenset(
    [
        "juf",
        "juffrouw",
        "meester",
        "meneer",
        "mevrouw",
        "mevr",
        "mevr.",
        "mw",
        "mw.",
        "dhr",
        "dhr.",
        "mr",
        "mr.",
        "dokter",
        "dr",
        "dr.",
        "huisarts",
        "moeder",
        "vader",
        "mama",
        "papa",
        "mam",
        "pap",
        "oma",
        "opa",
        "tante",
        "oom",
        "neef",
        "nicht",
        "broer",
        "broertje",
        "zus",
        "zusje",
        "zoon",
        "zoontje",
        "dochter",
        "dochtertje",
        "kleinzoon",
        "kleindochter",
        "stiefvader",
        "stiefmoeder",
        "pleegmoeder",
        "pleegvader",
        "pleegzoon",
        "pleegdochter",
        "halfbroer",
        "halfzus",
        "stiefbroer",
        "stiefzus",
        "tweelingbroer",
        "tweelingzus",
        "familie",
        "fam",
        "fam.",
        "buurman",
        "buurvrouw",
        "buurjongen",
        "buurmeisje",
        "vriend",
        "vriendin",
        "vriendje",
        "vriendinnetje",
        "trainer",
        "trainster",
        "coach",
        "logopedist",
        "logopediste",
        "therapeut",
        "fysiotherapeut",
        "begeleider",
        "begeleidster",
        "mentor",
        "hulpverlener",
        "casemanager",
        "jeugdconsulent",
        "wijkagent",
        "directeur",
        "directrice",
        "pastor",
        "dominee",
        "imam",
        "pastoor",
        "ouderling",
        "zuster",
        "heet",
        "heten",
        "genaamd",
    ]
)

# Dutch particles inside surnames ("Pieter de Groot", "Anouk van der Berg").
INTERFIXES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "ter",
        "ten",
        "te",
        "'t",
        "in",
        "op",
        "bij",
        "v.d.",
        "vd",
        "d'",
        "le",
        "la",
        "du",
        "von",
    ]
)


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]  # as written, e.g. "Fatima"
    surnames: frozenset[str]  # as written, e.g. "Bakker"
    first_name_exceptions: frozenset[str]  # words deduce itself refuses as first names
    common_words: frozenset[str]  # lower case
    places: frozenset[str]  # lower case municipality, residence and province names
    source: str


def deduce_lists_dir() -> Path | None:
    """deduce's lookup source folder, found without importing (and so without loading) deduce."""
    try:
        spec = importlib.util.find_spec("deduce")
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "lookup" / "src"
    return folder if folder.is_dir() else None


def _lines(folder: Path | None, relative: str) -> list[str]:
    if folder is None:
        return []
    path = folder / relative
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return []
    return [line.strip() for line in text.splitlines() if line.strip()]


@cache
def lexicon() -> Lexicon:
    """The lists, read once per process (about 10 ms with deduce installed)."""
    folder = deduce_lists_dir()
    first = _lines(folder, "names/lst_first_name/items.txt")
    surnames = _lines(folder, "names/lst_surname/items.txt")
    exceptions = _lines(folder, "names/lst_first_name/exceptions.txt")
    common = _lines(folder, "whitelist/lst_common_word/items.txt")
    common += _lines(folder, "whitelist/lst_stop_word/items.txt")
    places: list[str] = []
    for kind in ("lst_municipality", "lst_residence", "lst_province", "lst_region"):
        places += _lines(folder, f"locations/lst_placename/{kind}/items.txt")
    if not first:
        # A privacy gate that quietly knows fewer names would let names through: refuse.
        raise MissingTool(
            "de namenlijsten van het pakket deduce ontbreken, dus de privacycontrole kan "
            "geen namen herkennen; installeer het met `pip install 'deduce>=3.0.6,<3.1'` "
            "(of `pip install -e .` in de projectmap)"
        )
    source = "deduce"
    return Lexicon(
        first_names=frozenset(first),
        surnames=frozenset(surnames),
        first_name_exceptions=frozenset(exceptions),
        common_words=frozenset(w.lower() for w in common) | NOT_NAMES,
        places=frozenset(p.lower() for p in places),
        source=source,
    )
