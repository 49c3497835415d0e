"""Special categories under the AVG (health, religion, origin) and re-identification risk.

Both are warnings: a coordinator may have a good reason to say a child needs structure
because of autism, but should decide that consciously. The combination check is ours (no
anchor does it): a place, an exact age and one rare detail together can point at exactly one
family in a village, even when each of the three is harmless alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from generator.privacy.finding import Hit

HEALTH = re.compile(
    r"\b(?:autisme|autistisch\w*|ass|adhd|add|pdd-nos|diabetes|suikerziekte|epilepsie|"
    r"epileptisch\w*|astma|kanker|leukemie|tumor|chemo\w*|depressie\w*|depressief|burn-?out|"
    r"borderline|schizofren\w*|psychose\w*|psychotisch\w*|bipolair\w*|ptss|angststoornis\w*|"
    r"eetstoornis\w*|anorexia|boulimia|verslaving\w*|verslaafd\w*|alcoholis\w*|"
    r"downsyndroom|syndroom(?:\s+van\s+\w+)?|taaislijmziekte|cystic\s+fibrosis|spierziekte|"
    r"multiple\s+sclerose|hiv|aids|dyslexie|dyscalculie|verstandelijke\s+beperking|lvb|"
    r"hersenletsel|nah|ggz|psychiatri\w*|kinderpsychiatri\w*|dialyse|hartafwijking|reuma|"
    r"ziekte\s+van\s+\w+|\w+ziekte|hiv-positief|gehandicapt\w*|rolstoel|doof|blind|"
    r"slechtziend\w*|slechthorend\w*|trauma\w*|zelfmoord\w*|suïcid\w*)\b",
    re.IGNORECASE,
)
# Generic words that the "-ziekte" compound would catch but that name no illness.
_HEALTH_GENERIC = frozenset({"ziekte", "kinderziekte", "kinderziektes"})

RELIGION = re.compile(
    r"\b(?:moslim\w*|islam\w*|christe(?:n|lijk\w*)|katholiek\w*|protestant\w*|"
    r"gereformeerd\w*|hervormd\w*|evangelisch\w*|joods\w*|jood|hindoe\w*|boeddhis\w*|"
    r"moskee|synagoge|koran\w*|bijbel\w*|kerkelijk\w*|naar\s+de\s+kerk|gelovig\w*|"
    r"hoofddoek\w*|jehova\w*)\b",
    re.IGNORECASE,
)

_NATIONALITIES = (
    r"(?:Syrisch|Marokkaans|Turks|Pools|Eritrees|Eritrese|Somalisch|Afghaans|Oekraïens|"
    r"Oekraiens|Surinaams|Antilliaans|Arubaans|Kaapverdisch|Iraaks|Iraans|Koerdisch|Ghanees|"
    r"Nigeriaans|Chinees|Roemeens|Bulgaars|Russisch|Ethiopisch|Soedanees|Jemenitisch|"
    r"Palestijns|Libanees|Indiaas|Pakistaans|Bosnisch|Servisch|Kroatisch|Hongaars|Litouws|"
    r"Lets|Hindoestaans|Moluks|Indonesisch|Vietnamees|Braziliaans|Colombiaans|Venezolaans)"
)
ORIGIN = re.compile(
    rf"\b{_NATIONALITIES}e?(?=\s+(?:gezin|moeder|vader|ouders?|familie|jongen|meisje|kind|"
    rf"kinderen|afkomst|achtergrond|roots|vrouw|man|tiener|peuter|baby|nationaliteit)\b)"
    r"(?:\s+(?:afkomst|achtergrond|roots|nationaliteit))?"
    r"|\b(?:van|met\s+een)\s+\w+e\s+(?:afkomst|achtergrond|migratieachtergrond)"
    r"|\b(?:gevlucht|afkomstig|gevlucht\s+zijn)\s+uit\s+(?:een\s+ander\s+land|[A-Z][\w-]+)"
    r"|\bkomt\s+uit\s+een\s+ander\s+land|\bkomen\s+uit\s+een\s+ander\s+land"
    r"|\b(?:vluchteling\w*|statushouder\w*|asielzoeker\w*|azc|migratieachtergrond|"
    r"allochto\w*)\b",
    re.IGNORECASE,
)

# Exact ages: "van 7", "7 jaar", "7-jarige", "(7)".
EXACT_AGE = re.compile(
    r"\b(?:van|is|wordt)\s+(\d{1,2})\b(?!\s*(?:uur|:|\.\d))|\b(\d{1,2})(?:\s*jaar\b|-jarige?\b)|\((\d{1,2})\)"
)
MULTIPLES = re.compile(r"\b(?:tweeling\w*|drieling\w*|vierling\w*)\b", re.IGNORECASE)
SPORT_CLUB = re.compile(
    r"\b(?:[a-z]*(?:vereniging|club))\s+(?:(?:[A-Z]{1,4})\s+)?[A-Z][\w'-]+"
    r"|\b(?:VV|SV|HC|MHC|KV|RKSV|VVV|HV|ZV|TC|LTC|GV|JC)\s+[A-Z][\w'-]+"
)


def special_categories(text: str) -> Iterator[Hit]:
    for m in HEALTH.finditer(text):
        if m.group().lower() not in _HEALTH_GENERIC:
            yield Hit(m.start(), m.end(), "health")
    for m in RELIGION.finditer(text):
        yield Hit(m.start(), m.end(), "religion")
    for m in ORIGIN.finditer(text):
        yield Hit(m.start(), m.end(), "origin")


def combinations(text: str, places: Iterable[str], health_hits: Iterable[Hit]) -> Iterator[Hit]:
    """A rare detail, reported once, when the text also names a place and an exact age."""
    lowered = text.lower()
    place = next(
        (
            text[m.start() : m.end()]
            for p in sorted(places, key=len, reverse=True)
            if p
            and p.lower() in lowered
            and (m := re.search(rf"(?<!\w){re.escape(p.lower())}(?!\w)", lowered))
        ),
        None,
    )
    if place is None:
        return
    age_match = EXACT_AGE.search(text)
    if age_match is None:
        return
    age = next(g for g in age_match.groups() if g)
    yield from rare_details(text, f"de plaats '{place}' en de leeftijd {age}", health_hits)


def rare_details(text: str, detail: str, health_hits: Iterable[Hit]) -> Iterator[Hit]:
    """Combination warnings for every rare detail in ``text``: twins, clubs, named illnesses.

    ``detail`` names the place and age that make the detail identifying; the caller knows
    them (from the text itself, or from the profile's ``wijk`` and ``kinderen``).
    """
    rare: list[tuple[int, int]] = [(m.start(), m.end()) for m in MULTIPLES.finditer(text)]
    rare += [(m.start(), m.end()) for m in SPORT_CLUB.finditer(text)]
    rare += [(h.start, h.end) for h in health_hits if h.type == "health"]
    for start, end in sorted(set(rare)):
        yield Hit(start, end, "combination", detail)
