"""Items that only their context gives away: homes, care providers, congregations, events.

- named homes and buildings: "flat De Kogge", "woont in De Hoogte", a farm as the home;
- care providers after a verb of care, without any kind word: "krijgt begeleiding van De
  Twentse Zorgcirkel", "gaat naar Kindpunt voor therapie", "woont doordeweeks bij Ipse de
  Bruggen" (care organisations are an open set; the verb says what the name is);
- congregations named in English or another language: "... Fellowship", "... Assembly",
  "Moskee Al Noer";
- a news event the family was in ("na de brand op hun boerderij", "de actie '…'"), a role
  only one person has ("de enige huisarts in het dorp") and registration numbers of boats
  and vehicles ("UK-165"): a person must look.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from generator.privacy.entities import public_spans
from generator.privacy.finding import CHECK, ERROR, Hit
from generator.privacy.lexicon import lexicon
from generator.privacy.organisations import WORKPLACE, attends
from generator.privacy.patterns import LIVES_AT
from generator.privacy.tokens import FUNCTION_WORDS
from generator.privacy.words import dutch_words, is_dutch

# A capitalised name of up to four words, lower-case particles allowed inside.
_CAPW = r"[A-Z][\w'’&-]*"
_NAME = (
    rf"(?:(?:De|Het|'t|'s)\s+)?{_CAPW}(?:\s+(?:(?:de|der|van|den|het|op|aan|en)\s+)?{_CAPW})"
    r"{0,3}"
)
_BUILDING = (
    r"(?:flat|flatgebouw|woontoren|torenflat|galerijflat|portiekflat|seniorenflat|complex|"
    r"wooncomplex|appartementencomplex|woongebouw|hofje|woonhofje|woonboot|woonwagenkamp|"
    r"boerderij|hoeve|erf|camping|chaletpark|vakantiepark|woonwijk|opvang|noodopvang|"
    r"azc|woonvoorziening|woongroep|gezinshuis|landgoed|erve|huize|woonerf|"
    r"(?:opvang|woon|nood|azc-?)locatie|[a-z]+flat|[a-z]+complex)"
)
NAMED_BUILDING = re.compile(rf"\b(?i:{_BUILDING})\s+(?:(?:de|het|'t)\s+)?({_NAME})")
_OUTING_TO = re.compile(r"\bnaar\s+(?:de|het|'t)\s+$")
LIVES_IN = re.compile(
    r"\b(?:woont|wonen|woonde|woonden|verhuisd|verhuizen|verhuist|opgegroeid)\s+"
    r"(?:(?:nu|sinds\s+\w+(?:\s+\w+)?|al\s+\w+\s+jaar|tijdelijk|doordeweeks|samen|met\s+\w+(?:\s+\w+)?)\s+)*"
    r"(?:in|op|bij|naar)\s+((?:De|Het|'t)\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)
_CARE_VERB = (
    r"(?:krijgt|krijgen|kreeg|heeft|hebben)\s+(?:\w+\s+){0,2}?(?:hulp|begeleiding|zorg|therapie|"
    r"behandeling|ondersteuning|dagbesteding|logeeropvang|respijtzorg|ambulante\s+begeleiding)"
    r"\s+(?:van|bij|via|vanuit|door)|woont\s+(?:\w+\s+)?doordeweeks\s+(?:bij|in|op)|"
    r"doordeweeks\s+woont\s+(?:hij|ze|zij)\s+(?:bij|in|op)|logeert\s+(?:\w+\s+){0,2}?(?:bij|in)|"
    r"is\s+(?:\w+\s+)?(?:in|onder)\s+behandeling\s+(?:bij|van|in)|"
    r"(?:begeleider|begeleidster|behandelaar|hulpverlener|casemanager|jeugdhulpverlener|"
    r"zorgaanbieder|woonbegeleider)\s+(?:van|bij|vanuit)|"
    r"(?:zit|zitten|gaat|gaan)\s+(?:\w+\s+){0,2}?(?:bij|naar)|"
    r"(?:moet|moeten|gaat|gaan|ging|gingen|komt|komen|rijdt|reist)\s+(?:\w+\s+){1,5}?naar"
)
CARE_VERB = re.compile(rf"\b(?i:{_CARE_VERB})\s+(?:de\s+|het\s+)?({_NAME})")
# What makes "gaat naar X" or "zit bij X" care rather than a club or a friend.
_CARE_AFTER = re.compile(
    r"[^.!?\n¶]{0,40}?\b(?:therapie|behandeling|begeleiding|dagbesteding|logopedie|fysio\w*|"
    r"zorg|hulp|logeren|logeeropvang|revalidatie|speltherapie|training\s+voor|"
    r"onderzoek|behandelaar)",
    re.IGNORECASE,
)
CONGREGATION = re.compile(
    rf"\b{_CAPW}(?:\s+{_CAPW}){{0,3}}\s+(?:Assembly|Assemblies|Church|Fellowship|Ministries|"
    r"Ministry|Chapel|Tabernacle|Temple|Mission|Congregation|Parish|Gospel\s+Centre|"
    r"Gospel\s+Center|Christian\s+Centre|Christian\s+Center|Worship\s+Centre|Kerk|Gemeente|"
    r"Gemeenschap|Camii|Cami|Mosque|Masjid)\b(?:\s+[A-Z][\w'’-]+)?"
    r"|\b(?:Church|Assembly|Fellowship|Kerk|Tabernacle)\s+of\s+(?:the\s+|God\s+)?[A-Z][\w'’-]+"
    r"|\b(?:Moskee|Mosque|Masjid|Cami|Camii|Kerk|Gemeente|Gurdwara|Mandir|Tempel|Synagoge)\s+"
    r"(?!De\b|Het\b)[A-Z][\w'’-]+(?:[\s-]+[A-Z][\w'’-]+){0,2}"
)
# "de Al Fourkaan moskee": a name before a lower-case kind word (not "de Turkse moskee").
TRAILING_WORSHIP = re.compile(
    rf"\b({_CAPW}(?:\s+{_CAPW}){{0,3}})\s+(?:moskee|kerk|kerkgemeente|gemeente|tempel|synagoge|"
    r"gurdwara|mandir|kapel)\b"
)
_HOME = r"(?:hun|zijn|haar|onze|mijn|het)\s+(?:\w+\s+)?(?:boerderij|huis|woning|flat|woonboot|erf|bedrijf|winkel|zaak)"
EVENT = re.compile(
    rf"\b(?i:\w*brand|ongeluk|overstroming|explosie|inbraak|storm|instorting)\s+(?i:op|in|bij|aan)\s+"
    rf"(?:(?i:{_HOME})|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
    r"|\b(?i:actie|inzamelingsactie|doneeractie|crowdfunding|benefietactie|sponsoractie|petitie|"
    r"gofundme)\s+(?:van\s+\w+\s+)?['‘“\"][^'’”\"\n¶]{3,60}['’”\"]"
)
UNIQUE_ROLE = re.compile(
    r"\b(?i:de|het)\s+(?:enige|laatste)\s+(?:\w+\s+){0,4}?[a-zë]{4,}\s+(?i:van|in|op|uit|binnen)\s+"
    r"(?:(?i:het|de|ons|dit|hun)\s+)?(?:(?i:eiland|dorp|dorpje|wijk|buurt|straat|stadje|stad|kern|"
    r"gemeente|regio|streek|polder|(?:wijde\s+)?(?:omtrek|omgeving)|provincie)\b|[A-Z][\w'’-]+|"
    r"[a-z][\w'’-]+)"
)
# The words a writer addresses the reader with ("u", and the informal forms some use).
_READER = "(?:{})".format(
    "|".join(
        w.strip()
        for w in (Path(__file__).parent / "data" / "lezer.txt").read_text("utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    )
)
# The writer says the reader may know the family: what follows, up to the end of the next
# sentence, is what makes it known ("Misschien ken je hun vader wel: hij is de ...").
RECOGNISABLE = re.compile(
    rf"\b(?:(?:(?:ken|kent|kennen|herken|herkent|herkennen)\s+{_READER}|"
    rf"{_READER}\s+(?:ken|kent|kennen|herkent|herkennen))\s+(?:misschien\s+)?"
    r"(?:het\s+gezin|dit\s+gezin|de\s+familie|het\s+verhaal|ze|hen|hem|haar|hun\s+\w+|"
    r"zijn\s+\w+|moeder|vader|mama|papa|oma|opa|de\s+moeder|de\s+vader)|"
    rf"(?:heb|hebt|heeft|hebben)\s+{_READER}\s+(?:\w+\s+){{0,3}}?(?:gelezen|gehoord|gezien)|"
    rf"(?:herinnert|herinner)\s+{_READER}\s+(?:zich|{_READER})\s+(?:\w+\s+){{0,2}}?verhaal)"
    r"[^.!?\n:]*[.!?:]?[^.!?\n]{0,200}",
    re.IGNORECASE,
)
_INVITATION = re.compile(
    r"[^.!?\n]*\?\s*(?:neem|meld|reageer|bel|mail|stuur|vul|kijk|laat|dan)\b", re.IGNORECASE
)
# "het laatste jaar in Utrecht" is time, not a unique role.
_TIME_WORDS = re.compile(
    r"(?i)(?:keer|dag|dagen|week|weken|maand|maanden|jaar|jaren|tijd|periode|ronde|les|"
    r"schooldag|vakantie)\s"
)
REGISTRATION = re.compile(r"(?<![\w-])[A-Z]{2,3}[- ]\d{1,3}(?![\w-]|[.,]\d)")
# Codes of school levels, teams, channels and clubs that look like a registration.
_NOT_REGISTRATION = frozenset(
    [
        "JO",
        "MO",
        "NS",
        "HC",
        "VV",
        "SV",
        "FC",
        "PSV",
        "UMC",
        "MBO",
        "HBO",
        "VWO",
        "WO",
        "ROC",
        "ISK",
        "BSO",
        "SO",
        "VSO",
        "SBO",
        "PO",
        "VO",
        "NT",
        "RTL",
        "NPO",
        "SBS",
        "CAO",
        "KNVB",
        "TV",
    ]
)
# A street in lower case where the family lives: "ze wonen aan de holterweg".
LOWER_STREET = re.compile(
    r"\b(?:woont|wonen|woonde|huis|woning|flat|adres)\b[^.!?\n¶]{0,40}?\b(?:aan|in|op)\s+de\s+"
    r"([a-z][a-zë'-]*(?:straat|weg|laan|dijk|singel|gracht|kade|plein|dreef|steeg|hof|pad))\b"
)
HOME = "woning"  # Hit.detail of the family's home, which scan.py must not take for a public place
_GENERIC = frozenset({"De", "Het", "Een", "Hij", "Zij", "Ze", "Daar", "Er", "Ook", "En", "Maar"})


# Lower case: a kind word before a name ("obs de vuurvogel", "autobedrijf wolthuis").
_LOWER_KIND = (
    r"obs|cbs|pcbs|rkbs|ikc|sbo|bso|kdv|psz|vv|sv|hc|mhc|lmhc|fc|rksv|rkvv|scouting|"
    r"[a-z]*school|[a-z]*club|[a-z]*vereniging|[a-z]*studio|[a-z]*bedrijf|bakkerij|slagerij|"
    r"uitzendbureau|kapsalon|kindcentrum|kinderopvang|praktijk|moskee|kerk|college|lyceum|"
    r"manege|kringloop(?:winkel)?|[a-z]*winkel|[a-z]*verhuur|[a-z]*salon|nagelstudio|"
    r"restaurant|snackbar|cafetaria|shoarma(?:zaak|bar)?|grillroom|toko|[a-z]*boerderij|"
    r"stichting|dansschool|zwemschool|sportschool"
)
LOWER_ORGANISATION = re.compile(
    rf"\b(?:{_LOWER_KIND})\s+((?:(?:de|het|'t|van|den|der|sint)[\s-]+)*)"
    r"([a-zà-ÿ][\w'’&-]*)(\s+[a-zà-ÿ][\w'’&-]*)?"
)
_SCHOOLISH = re.compile(r"(?:obs|cbs|pcbs|rkbs|ikc|sbo|bso|kdv|psz|[a-z]+school|kindcentrum)\b")
# "basisschool de hele week": words after an article that start a time phrase, not a name.
# "na school het liefst ...": a superlative after "het" starts an adverb, not a name.
_SUPERLATIVE = re.compile(r"(?:lief|mee|be|eer|vaak|leuk|fijn|lang|hard|snel|vroeg|laat)st")
_NOT_SCHOOL_NAMES = frozenset(
    [
        "hele",
        "gehele",
        "komende",
        "volgende",
        "vorige",
        "eerste",
        "laatste",
        "andere",
        "zelfde",
        "meeste",
        "ochtend",
        "middag",
        "week",
        "weken",
        "dag",
        "dagen",
    ]
)
_LOWER_CARE = re.compile(
    r"\b(?:(?:in\s+)?behandeling\s+(?:bij|via|van)|begeleiding\s+(?:van|bij|via)|hulp\s+van|"
    r"behandeld\s+bij|aangemeld\s+bij|revalideert\s+(?:in|bij)|revalidatie\s+(?:in|bij)|"
    r"(?:werkt|werken|werkte|werkzaam)\s+(?:[\w'’]+\s+){0,5}?(?:bij|voor))\s+(?:(?:de|het|'t)\s+)?"
    r"([a-z][\w'’&-]{1,})"
)
# Lower case: where the family lives, named by a word that no word list has as a plain word
# ("woont met zijn mama in kleiburg"): a complex, a farm or a neighbourhood; a person looks.
LOWER_LIVES_IN = re.compile(
    r"\b(?:woont|wonen|woonde|woonden)\s+(?:[\w'’]+\s+){0,7}?(?:in|op)\s+(?:(?:de|het|'t)\s+)?"
    r"([a-z][\w'’-]{3,})\b"
)


LOWER_POSTCODE = re.compile(r"\b[1-9]\d{3}\s?([a-z]{2})\b")
LOWER_PLATE = re.compile(
    r"(?<![\w-])([a-z]{1,3}|\d{1,3})-([a-z]{1,3}|\d{1,3})-([a-z]{1,3}|\d{1,3})(?![\w-])"
)


def lower_numbers(text: str) -> Iterator[Hit]:
    """Postcodes and licence plates typed without capitals: "7421 ab", "xk-12-tt"."""
    for m in LOWER_POSTCODE.finditer(text):
        letters = m.group(1)
        glued = " " not in m.group()
        if letters in ("sa", "sd", "ss") or (
            not glued and (letters in FUNCTION_WORDS or is_dutch(letters))
        ):
            continue
        # "in 2024 bv" may be a year; glued ("7421ab") it is surely a postcode.
        yield Hit(m.start(), m.end(), "postcode", severity="" if glued else CHECK)
    for m in LOWER_PLATE.finditer(text):
        groups = m.groups()
        letters = sum(g.isalpha() for g in groups)
        if len("".join(groups)) == 6 and 0 < letters < 3:
            yield Hit(m.start(), m.end(), "plate")


def lower_organisations(text: str, ignore: frozenset[str], sloppy: bool) -> Iterator[Hit]:
    """Schools, clubs, employers and care providers written without capitals."""
    for m in LOWER_ORGANISATION.finditer(text):
        word, more = m.group(2), m.group(3)
        if word in FUNCTION_WORDS or word in ignore or re.search(r"-(?:fans?|supporters?)$", word):
            continue  # "fc groningen-fans": the professional club everybody knows
        end = m.end(2)
        if more and not is_dutch(more.strip()) and more.strip() not in FUNCTION_WORDS:
            end = m.end(3)  # "jenaplanschool de zeeuwse zon" keeps its second word
        if not is_dutch(word):
            yield Hit(m.start(), end, "organisation", severity=CHECK)
        elif (
            sloppy
            and m.group(1).strip() in ("de", "het", "'t")
            and word not in _NOT_SCHOOL_NAMES
            and not _SUPERLATIVE.fullmatch(word)
        ):
            # "obs de vuurvogel", "kringloop de ommekeer", "manege de peelhoeve"
            kind = "institution" if _SCHOOLISH.match(m.group()) else "organisation"
            yield Hit(m.start(), end, kind, severity=CHECK)
    for m in _LOWER_CARE.finditer(text):
        word = m.group(1)
        if not is_dutch(word) and word not in ignore and word not in FUNCTION_WORDS:
            # "werkt bij het gvb", "werkt op zaterdag bij de action" (which branch is a
            # parent's workplace is for a person to judge)
            yield Hit(m.start(1), m.end(1), "organisation", detail=WORKPLACE, severity=CHECK)
    if not sloppy:
        return
    words = dutch_words()
    places = lexicon().places
    for m in LOWER_LIVES_IN.finditer(text):
        word = m.group(1)
        if word in words or word in ignore or word in places or word in FUNCTION_WORDS:
            continue
        if re.search(r"(?:se|sche)$", word):
            continue  # "in de haagse beemden": an adjective of place before the name
        yield Hit(m.start(1), m.end(1), "address", detail=HOME, severity=CHECK)


def _first(name: str) -> str:
    words = [w for w in name.split() if w not in ("De", "Het", "'t", "'s")]
    return words[0] if words else ""


def context_items(text: str, ignore: frozenset[str]) -> Iterator[Hit]:
    """Homes, care providers, congregations, events, unique roles and registrations."""

    places = lexicon().places

    def allowed(name: str) -> bool:
        """The profile's own places, and any known place: "woont in De Bilt", "in Het Gooi"."""
        words = [w.lower() for w in name.split() if w not in ("De", "Het", "'t", "'s")]
        whole = name.lower()
        return (
            not words
            or whole in ignore
            or whole in places
            or " ".join(words) in places
            or all(w in ignore for w in words)
        )

    public: list[tuple[int, int]] | None = None
    for m in NAMED_BUILDING.finditer(text):
        if _first(m.group(1)) in _GENERIC or allowed(m.group(1)):
            continue
        public = public_spans(text) if public is None else public
        if any(m.start() - 25 <= e <= m.start() for _s, e in public):
            continue  # "naar Heracles Almelo in het Erve Asito": the club's stadium
        # "mee naar het Erve Vennegoor": an outing, unless somebody lives or moves there
        outing = _OUTING_TO.search(text, max(0, m.start() - 12), m.start()) is not None
        home = LIVES_AT.search(text[max(0, m.start() - 60) : m.start()]) is not None
        yield Hit(
            m.start(1),
            m.end(1),
            "address",
            detail=HOME,
            severity=CHECK if outing and not home else "",
        )
    for m in LIVES_IN.finditer(text):
        if not allowed(m.group(1)) and _first(m.group(1)) not in _GENERIC:
            yield Hit(m.start(1), m.end(1), "address", detail=HOME, severity=CHECK)
    for m in LOWER_STREET.finditer(text):
        yield Hit(m.start(1), m.end(1), "address", detail=HOME, severity=CHECK)
    for m in CARE_VERB.finditer(text):
        name, verb = m.group(1), m.group().lower()
        if allowed(name) or _first(name) in _GENERIC:
            continue
        if re.match(r"(?:zit|gaat|gaan|moet|ging|komt|komen|rijdt|reist)", verb) and not (
            _CARE_AFTER.match(text, m.end())
        ):
            continue
        sure = "doordeweeks" in verb or "behandeling" in verb
        yield Hit(m.start(1), m.end(1), "institution", severity="" if sure else CHECK)
    for m in CONGREGATION.finditer(text):
        if _first(m.group()) not in _GENERIC:
            # "de Nieuwe Kerk", "de Grote Kerk": a landmark whose name is ordinary Dutch is
            # worth a look (an outing or the family's church); "Bethel Church" names a circle.
            words = m.group().split()
            landmark = len(words) == 2 and words[1] == "Kerk" and is_dutch(words[0])
            if landmark and not attends(text, m.start(), m.end()):
                continue  # "naar de Nieuwe Kerk, de markt of het park": an outing
            yield Hit(m.start(), m.end(), "organisation", severity=CHECK if landmark else ERROR)
    for m in TRAILING_WORSHIP.finditer(text):
        words = m.group(1).split()
        adjectives = all(re.search(r"(?:se|sche|ese|ees)$", w) for w in words)
        if not adjectives and words[0] not in _GENERIC and not allowed(m.group(1)):
            yield Hit(m.start(), m.end(), "organisation", severity=CHECK)
    for m in EVENT.finditer(text):
        yield Hit(m.start(), m.end(), "event", severity=CHECK)
    for m in RECOGNISABLE.finditer(text):
        if _INVITATION.match(m.group()):
            continue  # "Kent u het gezin? Neem contact op": an invitation, no description
        yield Hit(m.start(), m.end(), "event", severity=CHECK)
    for m in UNIQUE_ROLE.finditer(text):
        where = m.group().split()[-1]
        if (
            where[0].islower()
            and where.lower() not in lexicon().places
            and not re.search(
                r"(?i)(?:eiland|dorp|dorpje|wijk|buurt|straat|stadje|stad|kern|gemeente|regio|"
                r"streek|polder|omtrek|omgeving|provincie)$",
                where,
            )
        ):
            continue  # "de enige jongen van de klas"; but "de enige schapenscheerder van sneek"
        if _TIME_WORDS.search(m.group()):
            continue
        yield Hit(m.start(), m.end(), "event", severity=CHECK)
    for m in REGISTRATION.finditer(text):
        if m.group()[:-1].rstrip("- 0123456789") not in _NOT_REGISTRATION:
            yield Hit(m.start(), m.end(), "plate", severity=CHECK)
