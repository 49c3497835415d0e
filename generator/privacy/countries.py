"""Countries and languages: "woont in syrie", "thuis wordt Dari gesproken" name no family.

The list ``data/landen-talen.txt`` holds the Dutch names of every country in the Unicode CLDR
and of the languages of the countries the families come from, as the ``babel`` package ships
them (``Locale("nl").territories`` and ``.languages``), in lower case without diacritics:
writers type "syrie" and "roemenie", and a phrase is compared the same way (``plain``). ``babel`` is only needed to rebuild the file (``python -m
generator.privacy.countries``); the gate reads the text file (~350 lines, under 1 ms).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

FILE = Path(__file__).parent / "data" / "landen-talen.txt"
# Names the CLDR lacks or writes otherwise than Dutch writers do.
EXTRA = (
    "dari",
    "papiamento",
    "papiamentu",
    "pasjtoe",
    "pashto",
    "tigrinya",
    "koerdistan",
    "palestina",
    "suriname",
)


def plain(word: str) -> str:
    """Lower case without diacritics: "Syrië" -> "syrie"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def countries_and_languages() -> frozenset[str]:
    """Lower-case names without diacritics (one or more words each)."""
    return frozenset(
        line.strip() for line in FILE.read_text(encoding="utf-8").splitlines() if line.strip()
    )


def build() -> list[str]:
    from babel import Locale  # development only
    from babel.core import get_global

    from generator.privacy.festivals import COUNTRIES

    nl = Locale("nl")
    names = set(EXTRA)
    for code, name in nl.territories.items():
        if not code.isdigit():  # "001" (Wereld), "150" (Europa): regions, not countries
            names.add(plain(name))
    # Languages: only those spoken by at least 1% in the countries the families come from
    # (festivals.COUNTRIES), and their regional names ("fa_AF" is "Dari"). All of CLDR's 600
    # languages would include rare ones that are first names ("Bini", "Bena").
    spoken = get_global("territory_languages")
    for country in COUNTRIES:
        for language, info in spoken.get(country, {}).items():
            if info.get("population_percent", 0) < 1:
                continue
            for code in (language, f"{language}_{country}"):
                if code in nl.languages:
                    names.add(plain(nl.languages[code]))
    return sorted(names)


if __name__ == "__main__":
    FILE.write_text("\n".join(build()) + "\n", encoding="utf-8")
    print(f"{FILE}: {len(build())} namen")
