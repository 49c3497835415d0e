"""Write a national-scale buurtsite project: 342 gemeenten with 10 varied profiles each.

    .venv/bin/python bench/national_fixture.py OUTDIR

Deterministic (fixed seed, fixed dates around BUURTSITE_TODAY=2026-11-23): the same OUTDIR
content every time. Gemeente names are invented (syllable pairs), stories are assembled from
invented, anonymised sentences, so nothing here describes a real family. The project uses
the repository's theme/ and content/ (copied), so `buurtsite check` and `build` accept it.
"""

from __future__ import annotations

import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
GEMEENTEN = 342
PER_GEMEENTE = 10
TODAY = date(2026, 11, 23)
PREFIXES = [
    "Noord",
    "Zuid",
    "Oost",
    "West",
    "Groot",
    "Klein",
    "Nieuw",
    "Oud",
    "Ooster",
    "Wester",
    "Hooge",
    "Lange",
    "Achter",
    "Boven",
    "Neder",
    "Midden",
]
BASES = [
    "broek",
    "dam",
    "veen",
    "wijk",
    "horst",
    "berg",
    "hoven",
    "kerk",
    "sloot",
    "dijk",
    "meer",
    "hout",
    "woude",
    "loo",
    "rade",
    "beek",
    "zand",
    "gein",
    "holt",
    "schoten",
    "ven",
    "hem",
    "burg",
]
WIJKEN = ("Centrum", "Noord", "Zuid", "De Weiden", "Buitengebied")
PROVINCES = ("Groningen", "Friesland", "Drenthe", "Overijssel", "Gelderland", "Utrecht",
             "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg", "Flevoland")  # fmt: skip
SUPPORT = ("speelmiddag", "logeren", "weekenddag", "vervoer naar sport of club", "huiswerk",
           "samen eten", "uitstapjes", "luisterend oor voor de ouder", "oppas")  # fmt: skip
FREQUENCY = ("wekelijks", "om de week", "eens per drie weken", "maandelijks", "in overleg")
DAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
LIKES = ("buitenspelen", "tekenen", "voetbal", "lezen", "dieren", "bouwen met blokken",
         "zwemmen", "muziek", "koken", "fietsen", "knutselen", "treinen")  # fmt: skip
ILLUSTRATIONS = ("spelen", "logeren", "leren", "sport", "samen", "uitstapje", "eten")
STATUSES = ("open",) * 6 + ("in_gesprek", "gekoppeld", "gesloten", "concept")
ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


class _Dumper(yaml.SafeDumper):
    """No anchors: buurtsite refuses them, and the same date object appears twice."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def gemeente_names() -> list[str]:
    names = [p + b for p in PREFIXES for b in BASES]
    return names[:GEMEENTEN]


def slugify(name: str) -> str:
    return name.lower().replace(" ", "-")


def story(rng: random.Random, child: str, support: list[str]) -> str:
    likes = rng.sample(LIKES, 2)
    first = (
        f"Voor een {child} zoeken wij een steungezin in de buurt. "
        f"Dit kind houdt van {likes[0]} en {likes[1]}, en is vrolijk als het zich veilig voelt."
    )
    second = rng.choice(
        (
            "Thuis staat de ouder er alleen voor en is er weinig familie in de buurt.",
            "De ouders werken onregelmatig en hebben geen netwerk om op terug te vallen.",
            "Het gezin is net verhuisd en kent nog bijna niemand in de wijk.",
            "Door ziekte in het gezin is er thuis weinig rust en ruimte.",
        )
    )
    third = (
        f"Een gezin dat kan helpen met {' en '.join(support)} zou veel betekenen: "
        "een vaste, fijne plek voor het kind en wat lucht voor de ouder."
    )
    return f"{first}\n\n{second} {third}\n"


def profile(rng: random.Random, slug: str, index: int, used: set[str]) -> dict[str, object]:
    while True:
        profile_id = f"{slug}-" + "".join(rng.choice(ID_ALPHABET) for _ in range(4))
        if profile_id not in used:
            used.add(profile_id)
            break
    age = rng.randint(0, 17)
    gender = rng.choice(("jongen", "meisje"))
    child = f"{gender} van {age}" if age else f"baby ({gender})"
    support = rng.sample(SUPPORT, rng.choice((1, 1, 2)))
    status = STATUSES[index]
    published = TODAY - timedelta(days=rng.randint(3, 100))
    data: dict[str, object] = {
        "id": profile_id,
        "gemeente": slug,
        "wijk": rng.choice(WIJKEN),
        "titel": f"Een {child} zoekt een steungezin voor {support[0]}",
        "kinderen": [{"leeftijd": age, "geslacht": gender}],
        "steunvormen": support,
        "frequentie": rng.choice(FREQUENCY),
        "dagen": sorted(rng.sample(DAYS, rng.randint(0, 2)), key=DAYS.index),
        "verhaal": story(rng, child, support),
        "wensen": ["Geduld en een open huis", rng.choice(("Een tuin", "Een huisdier", "Rust"))],
        "status": status,
        "illustratie": rng.choice(ILLUSTRATIONS),
    }
    if status != "concept":
        data["gepubliceerd"] = published
        data["verloopt"] = published + timedelta(days=240)
        data["statuslog"] = [{"status": "open", "datum": published}]
        if status != "open":
            data["statuslog"].append({"status": status, "datum": published + timedelta(days=2)})
    return data


def write(outdir: Path) -> int:
    rng = random.Random(20261123)
    if outdir.exists():
        shutil.rmtree(outdir / "profiles", ignore_errors=True)
    outdir.mkdir(parents=True, exist_ok=True)
    for folder in ("theme", "content"):
        shutil.rmtree(outdir / folder, ignore_errors=True)
        shutil.copytree(REPO / folder, outdir / folder)
    config = yaml.safe_load((REPO / "site_config.yml").read_text(encoding="utf-8"))
    config["coordinatoren"] = []
    config["gemeenten"] = []
    used: set[str] = set()
    count = 0
    for number, name in enumerate(gemeente_names()):
        slug = slugify(name)
        coordinator = f"coord-{slug}"
        config["coordinatoren"].append(
            {
                "id": coordinator,
                "naam": f"Coördinator Buurtgezinnen {name}",
                "email": f"{slug}@example.org",
            }
        )
        config["gemeenten"].append(
            {
                "slug": slug,
                "naam": name,
                "provincie": PROVINCES[number % len(PROVINCES)],
                "coordinatoren": [coordinator],
                "wijken": list(WIJKEN),
                "facebook_pagina": str(100000000000000 + number),
                "intro": f"In {name} staan buren voor elkaar klaar. Helpt u mee?\n",
            }
        )
        folder = outdir / "profiles" / slug
        folder.mkdir(parents=True, exist_ok=True)
        profiles = [profile(rng, slug, i, used) for i in range(PER_GEMEENTE)]
        # Two open profiles of one family point at each other in every third gemeente.
        if number % 3 == 0:
            profiles[0]["broers_zussen"] = [profiles[1]["id"]]
        for data in profiles:
            text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
            (folder / f"{data['id']}.yml").write_text(text, encoding="utf-8")
            count += 1
    (outdir / "site_config.yml").write_text(
        yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8"
    )
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("gebruik: python bench/national_fixture.py UITVOERMAP", file=sys.stderr)
        return 2
    count = write(Path(argv[0]))
    print(f"{GEMEENTEN} gemeenten en {count} zoekprofielen geschreven naar {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
