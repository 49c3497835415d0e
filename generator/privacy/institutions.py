"""Schools, childcare, care institutions and named teams or practices.

Deduce's institution list holds hospitals and registered care providers, but a zoekprofiel
names the primary school, the BSO or the local wijkteam, which no list has (the anchor
"missed almost all schools and invented institutions"). So we look at how such names are
written: a kind word or abbreviation followed by a capitalised name ("OBS De Vlinderhof",
"via wijkteam Oost", "bij Praktijk Zonnewende"), or a capitalised name followed by a kind
word ("Montessori Lyceum"), or "zit op De Regenboog".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.privacy.entities import PLACE_ENDINGS, PUBLIC_PHRASES
from generator.privacy.finding import CHECK, Hit
from generator.privacy.lexicon import lexicon
from generator.privacy.organisations import CLUB_ABBREVIATIONS
from generator.privacy.schools import named_schools
from generator.privacy.tokens import FUNCTION_WORDS
from generator.privacy.words import famous_words, is_dutch

# A capitalised name of up to three words, optionally after an article: "De Regenboog".
_NAME = r"(?:(?:De|Het|de|het|'t|St\.?|Sint)\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}"

ABBREVIATIONS = r"(?:OBS|CBS|PCBS|RKBS|KBS|IKC|SBO|SO|VSO|BSO|KDV|PSZ|ZMLK|ISK|VMBO|MBO|ROC)"

KIND_WORDS = (
    r"(?:[a-z]*school|kindcentrum|kindcentra|kinderopvang|kinderdagverblijf|"
    r"peuterspeelzaal|peuteropvang|buitenschoolse\s+opvang|opvang|gastouderbureau|"
    r"[a-z]*praktijk|[a-z]*therapie|wijkteam|jeugdteam|buurtteam|sociaal\s+team|gebiedsteam|jeugdzorg|"
    r"zorgboerderij|ziekenhuis|lyceum|college|gymnasium|atheneum|scholengemeenschap|"
    r"revalidatiecentrum|kliniek|instelling|stichting)"
)

# Kind words that can follow the name ("Montessori Lyceum", "Karakter kinderpsychiatrie").
TRAILING_KINDS = (
    r"(?:[Ll]yceum|[Cc]ollege|[Gg]ymnasium|[Ss]cholengemeenschap|[Kk]inderpsychiatrie|"
    r"[Jj]eugdzorg|[Kk]inderopvang|[Bb]asisschool|[Kk]liniek|(?:[Kk]inder)?[Zz]iekenhuis|"
    r"[Kk]indcentrum)"
)

AFTER_ABBREVIATION = re.compile(rf"\b(?i:{ABBREVIATIONS})\s+{_NAME}")
# Care by its context: "in behandeling bij Parnassia", "begeleiding van Emergis", "UMCG".
CARE_CONTEXT = re.compile(
    r"\b(?:(?:(?:in|onder)\s+)?behandeling\s+(?:bij|van|in|via)|begeleiding\s+(?:van|bij|door|vanuit|via)|"
    r"revalidatie\s+(?:bij|in)|(?:hulpverlener|behandelaar|therapeut|psycholoog)\s+(?:van|bij)|"
    r"(?:hulp|zorg|ondersteuning|therapie)\s+(?:van|bij|via|vanuit)|opgenomen\s+(?:in|bij)|"
    r"ligt\s+(?:\w+\s+)?in|(?:door)?verwezen\s+(?:naar|door)|aangemeld\s+bij|"
    r"behandeld\s+(?:in|bij|door)|controle\s+(?:in|bij)|"
    r"(?:revalideert|revalideerde|ondersteund|begeleid|behandeld)\s+(?:\w+\s+){0,5}?(?:in|bij|door)|"
    r"(?:woonvorm|woongroep|dagbesteding|logeerhuis|zorgboerderij)\s+(?:van|bij)|"
    r"onder\s+controle\s+(?:in|bij)|wachtlijst\s+(?:van|bij)|"
    r"(?:kinder|kinder\w*|neonatologie\w*|jeugd\w*)?afdeling\s+(?:van|in)|"
    r"(?:poli|polikliniek)\s+(?:van|in|bij))\s+(?:de\s+|het\s+|'t\s+)?"
    r"((?:[A-Z][\w'’&-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w'’&-]*|[A-Z]{2,})){0,3})"
)
# An acronym with a place, province or part of the country is a regional organisation:
# "GGZ Drenthe", "RIBW Arnhem", "CJG Noord" (a person looks; "FC Utrecht" is public).
ACRONYM_PLACE = re.compile(
    r"\b([A-Z]{2,5})[\s-]+((?:Noord|Oost|Zuid|West|Midden|Centrum)(?:-[A-Z][\w'’]+)?\b|"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)
_NOT_ORGANISATION_ACRONYMS = frozenset(
    ["BSN", "IBAN", "NL", "KNVB", "NS", "NOS", "RTL", "SBS", "TV", "AH", "OV", "JO", "MO"]
)
# Adjectives of origin, which OpenTaal lists only with a capital: "turkse", "islamitische".
_ADJECTIVE = re.compile(r"(?:se|sche|ese|ees)$")
# Lower case: a name before a kind word, after an article ("de al maarif school").
LOWER_BEFORE_KIND = re.compile(
    r"\b(?:de|het|'t)\s+((?:[a-zà-ÿ][\w'’-]*\s+){1,3}?)(?:basisschool|school|moskee|kerk|"
    r"college|lyceum|kliniek|kindcentrum|praktijk)\b"
)
AFTER_KIND = re.compile(rf"\b(?i:{KIND_WORDS})\s+{_NAME}")
# A capitalised school compound is itself a name: "Mariaschool", "Bonifaciusschool"; and a
# school type with a district or name after it: "Jenaplanschool Oost", "Daltonschool Noord".
SCHOOL_COMPOUND = re.compile(
    r"\b[A-Z][\w'’-]*(?:school|college|lyceum|kindcentrum|academie)\b(?:\s+[A-Z][\w'’-]+)?"
)
SCHOOL_TYPES = frozenset(
    [
        "basisschool",
        "school",
        "jenaplanschool",
        "daltonschool",
        "montessorischool",
        "vrijeschool",
        "freinetschool",
        "kindcentrum",
        "college",
        "lyceum",
        "academie",
        "brede",
        "basisschool",
    ]
)
BEFORE_KIND = re.compile(rf"\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+{TRAILING_KINDS}\b")
# "zit op De Regenboog", "zitten op de Zonnewijzer", "gaat naar Het Kompas".
SITS_AT = re.compile(
    r"\b(?:zit|zitten|zat|zaten|ophalen|halen|haalt|brengen|brengt|opgehaald|gebracht|"
    r"lopen|loopt|fietsen|fietst)\s+(?:\w+\s+){0,3}?(?:op|van|bij|naar|uit)\s+"
    r"((?:[Dd]e|[Hh]et|'t)\s+[A-Z][\w'’-]+"
    r"(?:\s+[A-Z][\w'’-]+)?)|\b(?:gaat|gaan|ging)\s+(?:\w+\s+)?naar\s+((?:De|Het|'t)\s+"
    r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)

_SCHOOL_LEVELS = frozenset(
    ["VMBO", "MBO", "HBO", "HAVO", "VWO", "WO", "ISK", "PRO", "VSO", "SO", "SBO", "BO", "VO"]
)
_ARTICLES = frozenset({"De", "Het", "'t", "St", "St.", "Sint"})
# Generic kind words after which a capital starts a new sentence or is a common place word.
_GENERIC_FOLLOWERS = frozenset(
    [
        "Hij",
        "Zij",
        "Ze",
        "Het",
        "De",
        "Een",
        "Wij",
        "We",
        "Dit",
        "Dat",
        "Daar",
        "Er",
        "Ook",
        "En",
        "Maar",
        "Nederland",
        "Nederlands",
    ]
)


def institutions(text: str, ignore: frozenset[str] = frozenset()) -> Iterator[Hit]:
    """Named schools, opvang, care providers, practices and teams."""
    for pattern in (AFTER_ABBREVIATION, AFTER_KIND, BEFORE_KIND):
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            words = m.group().split()
            if pattern is AFTER_KIND:
                named = [w for w in words[1:] if w[0].isupper() and w not in _ARTICLES]
                if not named or named[0] in _GENERIC_FOLLOWERS:
                    continue
                if words[0].lower() == "school" and text[max(0, start - 4) : start] == "met ":
                    continue  # "met school het Openluchtmuseum bezocht": a class trip
            if any(w.lower() in ignore for w in words if w[0].isupper()) and len(words) == 2:
                continue  # "school Schalkwijk": a school in the allowed wijk is not a name
            yield Hit(start, end, "institution")
    for m in SCHOOL_COMPOUND.finditer(text):
        words = m.group().split()
        if words[0].lower() in SCHOOL_TYPES and len(words) == 1:
            continue  # "Basisschool" at the start of a sentence
        if len(words) == 2 and words[1] in _GENERIC_FOLLOWERS:
            if words[0].lower() in SCHOOL_TYPES:
                continue
            yield Hit(m.start(), m.start() + len(words[0]), "institution")
            continue
        yield Hit(m.start(), m.end(), "institution")
    for m in CARE_CONTEXT.finditer(text):
        name = m.group(1)
        words = name.split()
        article = words[0] in ("De", "Het") and len(words) > 1  # "De Twentse Zorgcirkel"
        if (words[0] in _GENERIC_FOLLOWERS and not article) or all(
            w.lower() in ignore for w in words
        ):
            continue
        # A listed word ("Karakter", "Mondriaan") after a care cue is worth a look; an
        # unknown one or an acronym ("Parnassia", "UMCG") is the care provider's name.
        known = all(is_dutch(w) or w.lower() in famous_words() for w in words if not w.isupper())
        acronym = any(w.isupper() and len(w) > 1 for w in words)
        severity = CHECK if known and not acronym else ""
        yield Hit(m.start(1), m.end(1), "institution", severity=severity)
    yield from _acronym_places(text, ignore)
    yield from _lower_before_kind(text, ignore)
    yield from named_schools(text, ignore)
    for m in SITS_AT.finditer(text):
        group = 1 if m.group(1) else 2
        name = m.group(group)
        if name.split()[-1].lower() in ignore or PLACE_ENDINGS.search(name.split()[-1]):
            continue  # "naar het Vondelpark": a park, not a school
        if name.split()[-1] in _SCHOOL_LEVELS:
            continue  # "zit op het VMBO": a school level, not a school
        # "zit op De Regenboog" is a school; "gaat naar De Adelaarshorst" may be a stadium,
        # and "een ijsje halen bij de Zernike" (lower-case "de") a shop or a place.
        sits = re.match(r"(?i)zit|zat", m.group()) is not None
        places = lexicon().places
        if name.lower() in places or (not sits and name.split(None, 1)[-1].lower() in places):
            # "naar Het Gooi", "naar De Bilt": a region or a village; but nobody "zit op"
            # a village, so "zit op De Wissel" is a school even though Wissel is a hamlet.
            continue
        if not sits and name[:1].islower():
            continue
        yield Hit(m.start(group), m.end(group), "institution", severity="" if sits else CHECK)


def _acronym_places(text: str, ignore: frozenset[str]) -> Iterator[Hit]:
    places = lexicon().places
    for m in ACRONYM_PLACE.finditer(text):
        acronym, where = m.group(1), m.group(2)
        if acronym in _NOT_ORGANISATION_ACRONYMS or acronym in _SCHOOL_LEVELS:
            continue
        if re.fullmatch(CLUB_ABBREVIATIONS, acronym):
            continue  # "HC Lichtenvoorde": a club, which organisations() reports as an error
        if acronym.lower() in PUBLIC_PHRASES or f"{acronym} {where}".lower() in PUBLIC_PHRASES:
            continue  # "PSV", "FC Utrecht": clubs everybody knows
        compass = re.match(r"(?:Noord|Oost|Zuid|West|Midden|Centrum)\b", where) is not None
        if compass or where.lower() in places or where.split()[0].lower() in places:
            yield Hit(m.start(), m.end(), "institution", severity=CHECK)


def _lower_before_kind(text: str, ignore: frozenset[str]) -> Iterator[Hit]:
    """ "op de al maarif school": a word that is no Dutch word before the kind word."""
    for m in LOWER_BEFORE_KIND.finditer(text):
        words = m.group(1).split()
        if any(w in ignore for w in words):
            continue
        if any(
            w not in FUNCTION_WORDS and not is_dutch(w) and not _ADJECTIVE.search(w) for w in words
        ):
            yield Hit(m.start(1), m.end(), "institution", severity=CHECK)
