"""Pattern detectors: contact details, numbers with a checksum, dates of birth, addresses.

Numbers are only reported when they are what they look like: a BSN must pass the 11-proef
and an IBAN the mod-97 check, so "groep 4", "2 middagen" and "15:30" never match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.privacy.finding import Hit

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
_DAY_MONTH = rf"\d{{1,2}}\s+(?:{MONTHS})\.?"
_NUMERIC_DATE = r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"
_DATE = rf"(?:{_DAY_MONTH}(?:\s+(?:19|20)\d{{2}})?|{_NUMERIC_DATE})"

PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?31[\s.-]?(?:\(0\)[\s.-]?)?|\(?0)[1-9](?:\)?[\s.-]?\d){8}(?!\d)"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLD = r"(?:nl|com|org|net|be|eu|info|io|de|online|email)"
EMAIL_SPELLED = re.compile(
    rf"\b[\w.+-]+\s*(?:\[at\]|\(at\)|\{{at\}}|\s(?:at|apenstaartje)\s)\s*[\w-]+"
    rf"(?:\s*(?:\.|\[dot\]|\(dot\)|\s(?:punt|dot)\s)\s*[\w-]+)*?"
    rf"\s*(?:\.|\[dot\]|\(dot\)|\s(?:punt|dot)\s)\s*{_TLD}\b",
    re.IGNORECASE,
)
URL = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"')]+|\b[\w-]+(?:\.[\w-]+)*\.{_TLD}(?:/[^\s<>\"')]*)?(?![\w@])",
    re.IGNORECASE,
)
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.)")
BSN = re.compile(r"(?<![\d.,])(\d{3})(\.?)(\d{3})\2(\d{3})(?![\d.,]\d|\d)")
BSN_SPACED = re.compile(r"(?:bsn|burgerservicenummer)\D{0,12}(\d{3}\s\d{3}\s\d{3})", re.I)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){3,7}(?:\s?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
PLATE = re.compile(
    r"(?<![\w-])([A-Z]{1,3}|\d{1,3})-([A-Z]{1,3}|\d{1,3})-([A-Z]{1,3}|\d{1,3})(?![\w-])"
)
POSTCODE = re.compile(r"\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b")
POSTCODE_BARE = re.compile(r"\b(?:postcode(?:gebied)?|pc)\s*:?\s*([1-9]\d{3})\b", re.IGNORECASE)
BIRTHDATE = re.compile(
    "|".join(
        (
            rf"\b(?:geboren|geb\.)\s+(?:op\s+|in\s+)?{_DATE}",
            rf"\bgeboortedatum\s*:?\s*({_DATE})",
            rf"\bwordt\s+(?:hij\s+|ze\s+|zij\s+)?op\s+{_DAY_MONTH}\s+\d{{1,2}}(?:\s+jaar)?",
            rf"\bjarig\s+(?:op\s+)?{_DAY_MONTH}",
            rf"\bverjaardag\s+(?:is\s+)?(?:op\s+)?{_DAY_MONTH}",
            rf"\b[Oo]p\s+{_DAY_MONTH}\s+(?:viert|wordt|is)\b[^.!?\n]{{0,30}}?"
            r"(?:verjaardag|\d{1,2}\s+jaar|jarig)",
        )
    ),
    re.IGNORECASE,
)
_STREET_SUFFIX = (
    r"(?:straat|straatje|laan|weg|plein|hof|gracht|kade|dijk|singel|pad|steeg|dreef|"
    r"plantsoen|boulevard|allee|burgwal|markt|erf|kwartier)"
)
STREET = re.compile(
    rf"\b(?:(?:Van|De|Den|Ter|[A-Z][\w'-]+)\s+){{0,2}}[A-Z][\w'-]*?{_STREET_SUFFIX}\b"
    r"(?:\s+\d{1,4}(?:\s?[a-zA-Z]\b|-\d+)?)?"
)
CORNER = re.compile(
    r"\bop\s+de\s+hoek\s+van\s+(?:de\s+|het\s+)?[A-Z][\w'-]+"
    r"(?:\s+(?:en|met)\s+(?:de\s+|het\s+)?[A-Z][\w'-]+)?"
)


def bsn_valid(digits: str) -> bool:
    """The 11-proef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and not all zero)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def iban_valid(iban: str) -> bool:
    """ISO 13616 mod-97: move the first four characters to the end, letters to numbers."""
    compact = re.sub(r"\s", "", iban).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{10,30}", compact):
        return False
    if compact.startswith("NL") and len(compact) != 18:
        return False
    rearranged = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in rearranged)) % 97 == 1


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop sentence punctuation that a greedy pattern swallowed at the end."""
    while end > start and text[end - 1] in ".,;:!?":
        end -= 1
    return start, end


def contacts(text: str) -> Iterator[Hit]:
    """Phones, e-mail addresses (also spelled out: "naam [at] domein"), URLs, handles."""
    for m in EMAIL.finditer(text):
        yield Hit(*_trim(text, m.start(), m.end()), "email")
    for m in EMAIL_SPELLED.finditer(text):
        yield Hit(m.start(), m.end(), "email")
    for m in URL.finditer(text):
        if "@" not in text[max(0, m.start() - 1) : m.end()]:
            yield Hit(*_trim(text, m.start(), m.end()), "url")
    for m in HANDLE.finditer(text):
        yield Hit(m.start(), m.end(), "handle")
    for m in PHONE.finditer(text):
        yield Hit(m.start(), m.end(), "phone")


def phones_and_emails(text: str) -> Iterator[Hit]:
    """Only what the post-render check looks for."""
    for hit in contacts(text):
        if hit.type in ("phone", "email"):
            yield hit


def numbers(text: str) -> Iterator[Hit]:
    """BSN (11-proef), IBAN (mod-97), licence plates and postcodes."""
    for m in IBAN.finditer(text):
        if iban_valid(m.group()):
            yield Hit(m.start(), m.end(), "iban")
    for m in BSN.finditer(text):
        if bsn_valid(m.group(1) + m.group(3) + m.group(4)):
            yield Hit(m.start(), m.end(), "bsn")
    for m in BSN_SPACED.finditer(text):
        if bsn_valid(m.group(1).replace(" ", "")):
            yield Hit(m.start(1), m.end(1), "bsn")
    for m in PLATE.finditer(text):
        groups = m.groups()
        letters = sum(g.isalpha() for g in groups)
        if len("".join(groups)) == 6 and 0 < letters < 3:
            yield Hit(m.start(), m.end(), "plate")
    for m in POSTCODE.finditer(text):
        yield Hit(m.start(), m.end(), "postcode")
    for m in POSTCODE_BARE.finditer(text):
        yield Hit(m.start(1), m.end(1), "postcode")


def birthdates(text: str) -> Iterator[Hit]:
    for m in BIRTHDATE.finditer(text):
        yield Hit(*_trim(text, m.start(), m.end()), "birthdate")


def addresses(text: str) -> Iterator[Hit]:
    """Streets by their suffix (with or without a number) and "op de hoek van ..."."""
    for m in CORNER.finditer(text):
        yield Hit(m.start(), m.end(), "address")
    for m in STREET.finditer(text):
        yield Hit(m.start(), m.end(), "address")
