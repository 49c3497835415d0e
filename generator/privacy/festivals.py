"""Holidays and festivals of many cultures: "Keti Koti", "Divali", "Nowruz" name no family.

The list ``data/feestdagen.txt`` is generated from the ``holidays`` package (the Open World
Holidays Framework, kept by vacanza) for the countries the families and their neighbours come
from, in Dutch where the package has Dutch names and in English otherwise, plus the short
forms Dutch writers use ("Keti Koti" for "Keti Koti Dey") and a few Dutch spellings the package
lacks (``EXTRA``). ``holidays`` is a development dependency only: the gate reads the text file
(~300 phrases, under 1 ms). Rebuild with ``python -m generator.privacy.festivals``.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

FILE = Path(__file__).parent / "data" / "feestdagen.txt"
COUNTRIES = [
    "NL",
    "BE",
    "SR",
    "AW",
    "CW",
    "SX",
    "TR",
    "MA",
    "DZ",
    "TN",
    "EG",
    "SY",
    "IQ",
    "IR",
    "AF",
    "ER",
    "ET",
    "SO",
    "GH",
    "NG",
    "CV",
    "IN",
    "PK",
    "ID",
    "CN",
    "VN",
    "UA",
    "PL",
    "RO",
    "BG",
    "IL",
    "BA",
    "RS",
]
# Dutch spellings and festivals without a public holiday anywhere in the package.
EXTRA = """
suikerfeest|offerfeest|ramadan|iftar|hanoeka|chanoeka|chanukah|pesach|poerim|loofhuttenfeest|
nowruz|newroz|navroz|holi|diwali|divali|keti koti|kwakoe|sinterklaas|sint-maarten|
sint maarten|kerstmis|kerst|pasen|pinksteren|hemelvaart|carnaval|halloween|oud en nieuw|
oudjaar|oudejaarsavond|chinees nieuwjaar|chinese nieuwjaar|bayram|şeker bayramı|
kurban bayramı|eid|ied|timkat|meskel|genna|thanksgiving|vaisakhi|navratri|durga puja|
maanfeest|lantaarnfeest|midherfstfeest|lentefeest|tết|songkran|kwanzaa
""".replace("\n", "").split("|")


def _clean(name: str) -> list[str]:
    name = re.sub(r"\s*\((?:estimated|observed|geschat)\)", "", name).strip()
    if not name or re.search(r"\d|substituted|;", name):
        return []
    forms = [name.lower()]
    short = re.sub(r"(?i)\s+(?:dey|day|dag)$", "", name)
    if short != name and " " in short:
        forms.append(short.lower())  # "Keti Koti Dey" -> "keti koti"
    return forms


@cache
def festivals() -> frozenset[str]:
    """Lower-case names of holidays and festivals."""
    try:
        lines = FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in lines if line.strip())


def main() -> None:
    import holidays  # development dependency: pip install -e '.[dev]'

    names: set[str] = set()
    for code in COUNTRIES:
        for language in ("nl", "en_US", None):
            try:
                table = holidays.country_holidays(code, years=range(2024, 2028), language=language)
            except (NotImplementedError, KeyError, AttributeError):
                continue
            for name in table.values():
                for part in str(name).split(";"):
                    names.update(_clean(part))
    names.update(EXTRA)
    kept = sorted(n for n in names if len(n) > 2)
    FILE.write_text("\n".join(kept) + "\n", encoding="utf-8")
    print(f"{len(kept)} holidays and festivals -> {FILE}")


if __name__ == "__main__":
    main()
