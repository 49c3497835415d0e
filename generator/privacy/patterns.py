"""Pattern detectors: contact details, numbers with a checksum, dates of birth, addresses.

Numbers are only reported when they are what they look like, checked by kept libraries:
``phonenumbers`` (Google's libphonenumber metadata; its matcher with region NL and leniency
VALID) for phone numbers, ``python-stdnum`` for the BSN's 11-proef and the IBAN's mod-97.
So "groep 4", "2 middagen" and "15:30" never match, and an IBAN's digits are no phone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from generator.privacy.finding import CHECK, Hit

MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
# "30 juni", "1e mei", and "30-6" or "30/6": a day and a month without a year.
_DAY_MONTH = (
    rf"(?:\d{{1,2}}(?:e|ste|de)?\s+(?:{MONTHS})\.?|"
    r"(?:[12]\d|3[01]|0?[1-9])[-/](?:1[0-2]|0?[1-9])(?![\d/-]|[.,]\d))"
)
# An age in digits or in words: "wordt op 21 april tien", "op 9 oktober wordt hij negen".
_AGE = (
    r"(?:\d{1,2}|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|"
    r"veertien|vijftien|zestien|zeventien|achttien)"
)
_NUMERIC_DATE = r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"
_ISO_DATE = r"(?:19|20)\d{2}-[01]?\d-[0-3]?\d"
_DATE = rf"(?:{_ISO_DATE}|{_DAY_MONTH}(?:\s+(?:19|20)\d{{2}})?|{_NUMERIC_DATE})"
# A full date with a year: a birthday when the context says so, otherwise worth a look.
FULL_DATE = re.compile(
    rf"(?<![\d-])(?:{_ISO_DATE}|\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|"
    rf"\d{{1,2}}\s+(?:{MONTHS})\.?\s+(?:19|20)\d{{2}}|"
    # a weekday with a day and month: "op vrijdag 14-2" names one day of the family's life
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\s+\d{1,2}[-/]\d{1,2})"
    r"(?![\d-])",
    re.IGNORECASE,
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TLD = r"(?:nl|com|org|net|be|eu|info|io|de|online|email)"
# After an "(at)" any country's domain: ".pl", ".ua", ".tr" (a web address needs more).
_MAIL_TLD = r"(?:[a-z]{2}|com|org|net|info|online|email)"
_DOT = r"\[dot\]|\(dot\)|\[punt\]|\(punt\)|\{punt\}|\s(?:punt|dot)\s"
EMAIL_SPELLED = re.compile(
    rf"\b[\w.+-]+(?:\s*(?:{_DOT})\s*[\w+-]+)*"  # "mirela punt popescu"
    rf"\s*(?:@|\[at\]|\(at\)|\{{at\}}|\[@\]|\(@\)|\(a\)|\[a\]|[\[(]apenstaartje[\])]|"
    rf"\s(?:at|apenstaartje)\s)\s*[\w-]+"
    rf"(?:\s*(?:\.|{_DOT})\s*[\w-]+)*?"
    rf"\s*(?:\.|{_DOT})\s*{_MAIL_TLD}\b",
    re.IGNORECASE,
)
URL = re.compile(
    rf"(?:https?://|www\.)[^\s<>\"')]+|\b[\w-]+(?:\.[\w-]+)*\.{_TLD}(?:/[^\s<>\"')]*)?(?![\w@])",
    re.IGNORECASE,
)
HANDLE = re.compile(r"(?<![\w@.])@[A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.)")
# A user name without its @, right after a platform: "op Snapchat als hamza_tlb013",
# "TikTok: mo.kickt_2014". Only names with an underscore, a digit or a dot inside count.
HANDLE_CUED = re.compile(
    r"(?i)\b(?:instagram|insta|ig|tiktok|snapchat|snap|twitter|threads|youtube|facebook|fb)"
    r"[^\S\n]*(?::|(?:als|is|heet|onder|account|naam)\b(?:[^\S\n]+(?:ze|hij|zij))?)?"
    r"[^\S\n]*:?[^\S\n]*"
    r"(?<![\w@.])([a-z0-9][a-z0-9_.]{2,29})(?<!\.)(?![\w@])"
)
# Nine digits, plain or in groups of 3-3-3 or 4-2-3 with dots, spaces or dashes.
BSN = re.compile(
    r"(?<![\d.,-])(?:\d{9}|\d{3}([.\s-])\d{3}\1\d{3}|\d{4}([.\s-])\d{2}\2\d{3})(?![\d]|[.,-]\d)"
)
# Nine digits in any grouping after the word: "BSN moeder (voor de aanvraag) 379 69 68 36".
BSN_SPACED = re.compile(
    r"(?:bsn|burgerservicenummer|sofinummer)\D{0,40}?(?<!\d)(\d(?:[ .-]?\d){8})(?![\d])", re.I
)
DUTCH_IBAN = re.compile(r"NL\d{2}\s?[A-Z]{4}(?:\s?\d{4}){2}\s?\d{2}", re.IGNORECASE)
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
            rf"\bgeboorte(?:datum|dag)\s*:?\s*({_DATE})",
            rf"\bwordt\s+(?:hij\s+|ze\s+|zij\s+)?op\s+{_DAY_MONTH}\s+{_AGE}(?:\s+jaar)?\b",
            rf"\bjarig\s+(?:op\s+)?{_DAY_MONTH}",
            rf"\bverjaardag\s+(?:is\s+)?(?:op\s+|al\s+op\s+)?{_DAY_MONTH}",
            rf"\b(?:jarig|verjaardag|geboren|geb\.)\s*[:(,]\s*{_DAY_MONTH}",
            rf"\b[Oo]p\s+{_DAY_MONTH}\s+(?:viert|wordt|is)\b[^.!?\n]{{0,30}}?"
            r"(?:verjaardag|\d{1,2}\s+jaar|jarig)",
            rf"\b[Oo]p\s+{_DAY_MONTH}\s+(?:wordt|word|werd)\s+(?:hij|ze|zij|het\s+\w+|de\s+\w+|"
            rf"(?:mijn|onze|zijn|haar|hun)\s+\w+)\s+{_AGE}\b",
            rf"\b(?:geboren|geb\.|geboortedatum|geboortedag|jarig|verjaardag)\D{{0,20}}{_ISO_DATE}",
            rf"\b(?:is\s+)?op\s+{_DAY_MONTH}\s+(?:\w+\s+){{0,2}}jarig",
        )
    ),
    re.IGNORECASE,
)
_STREET_SUFFIX = (
    r"(?:straat|straatje|laan|weg|plein|hof|gracht|kade|dijk|singel|pad|steeg|dreef|"
    r"plantsoen|boulevard|allee|burgwal|markt|erf)"
)
STREET = re.compile(
    rf"\b(?:(?:Van|De|Den|Ter|[A-Z][\w'-]+)\s+){{0,2}}[A-Z][\w'-]*?{_STREET_SUFFIX}\b"
    r"(?:\s+\d{1,4}(?:\s?[a-zA-Z]\b|-\d+)?)?"
)
LIVES_AT = re.compile(
    r"\b(?:woont|wonen|woonde|woonden|wonend|adres|verhuisd|verhuizen|verhuist|thuis|huis|"
    r"flat|flatje|woning|portiek|kennismaken)\b[^.!?\n]*$",
    re.IGNORECASE,
)
# "woont op Lauwersmeer 112": a name with a house number where somebody lives is an address.
LIVES_ON = re.compile(
    r"\b(?:woont|wonen|woonde|woonden|wonend)\b[^.!?\n]{0,40}?\b(?:op|aan)\s+(?:de\s+|het\s+)?"
    r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+\d{1,4}(?:\s?[a-zA-Z]\b|-\d+)?)(?![\d:.,]\d)"
    r"(?!\s*(?:jaar|jaren|maand|maanden|week|weken|dag|dagen|uur|kinderen|personen)\b)"
)
# "aan de Vlasakker": a street needs no suffix when somebody lives "aan" it.
AAN_DE = re.compile(r"\baan\s+de\s+([A-Z][\w'’-]+(?:\s+\d{1,4}(?:\s?[a-zA-Z]\b|-\d+)?)?)")
# Events and news that point at one family: "na de flatbrand van 14 april", "stonden in de krant".
# Newspapers and broadcasters named without an article: "stond vorig jaar in Tubantia".
_NEWS = (
    r"Tubantia|Stentor|Telegraaf|Volkskrant|Trouw|Parool|NRC|AD|Gelderlander|Limburger|PZC|"
    r"Omroep\s+[A-Z]\w+|RTV\s+[A-Z]\w+|NOS|RTL\s+Nieuws|Hart\s+van\s+Nederland|Editie\s+NL|"
    r"[A-Z]\w+\s+(?:Dagblad|Courant|Nieuwsblad|Nieuwsbode)"
)
EVENT = re.compile(
    rf"\b(?:na\s+)?(?:de\s+|het\s+)?(?:\w*brand|ongeluk|aanrijding|overstroming|explosie|"
    rf"schietpartij|steekpartij|inval|ontruiming|uitzetting|storm|aanslag)\s+(?:van|op|in|aan|bij)\s+"
    rf"(?:\d{{1,2}}\s+(?:{MONTHS})|vorige\s+\w+|de\s+[A-Z][\w-]+|het\s+[A-Z][\w-]+|"
    r"(?:\d\s*e|eerste|tweede)\s+(?:kerst|paas|pinkster)dag|oudejaarsavond|oudjaarsavond|"
    r"nieuwjaarsdag|nieuwjaarsnacht|koningsdag|oudjaarsdag)"
    r"|\b(?:stond|stonden|kwam|kwamen|was|waren)\s+(?:\w+\s+){0,4}?(?:in|op)\s+(?:de\s+krant|"
    r"het\s+nieuws|het\s+journaal|de\s+televisie|tv|het\s+[A-Z][\w ]{2,30}?(?=\s+met|[.,!?])|"
    r"de\s+[A-Z][\w]+(?:\s+[A-Z][\w]+)?|(?-i:{_NEWS}))"
    # Seen or read about in the news: "heb je hem in het nieuws gezien", "in het Brabants
    # Dagblad stond", "de kerstactie in de Sneeker Nieuwsbode"; and a royal honour.
    r"|\b(?:in|op)\s+(?:de\s+|het\s+)?(?:krant|nieuws|journaal|tv|televisie|radio)\s+"
    r"(?:\w+\s+)?(?:gezien|gelezen|gehoord|gestaan|geweest|gekomen)"
    r"|\b(?:in|op)\s+(?:de\s+|het\s+)?(?-i:(?:[A-Z][\w'’-]+\s+){0,3}"
    r"(?:Dagblad|Courant|Nieuwsblad|Nieuwsbode|Krant|Gazet|Stentor|Gelderlander|Limburger|"
    r"Telegraaf|Volkskrant|Parool|Tubantia|Destem|DeStem|PZC))\b"
    r"|\b(?:verongelukt|omgekomen|ongeluk|aanrijding|ongeval)\s+(?:\w+\s+){0,3}?op\s+de\s+"
    r"(?-i:[AN]\d{1,3})\b"
    r"|\bte\s+zien\s+(?:\w+\s+){0,2}?(?:op|in)\s+(?:de\s+|het\s+)?(?:tv|televisie|"
    r"(?:tv-)?programma|uitzending|documentaire)"
    r"|\b(?:kreeg|kregen|krijgt|ontving)\s+(?:\w+\s+){0,3}?(?:een\s+)?(?:lintje|oorkonde|"
    r"onderscheiding|dapperheidsmedaille|erepenning)\b"
    r"|\b(?:lintje|oorkonde|onderscheiding|erepenning)\s+(?:\w+\s+){0,5}?(?:gekregen|ontvangen|kreeg)\b",
    re.IGNORECASE,
)
HOSPITAL = re.compile(
    r"\b(?:[A-Z]*UMC[A-Z+]*|VUmc|AMC|WKZ|Radboudumc|Erasmus\s+MC|Sophia\s+Kinderziekenhuis|"
    r"Emma\s+Kinderziekenhuis|Prinses\s+Máxima\s+Centrum)(?![\w])"
)
CORNER = re.compile(
    r"\bop\s+de\s+hoek\s+van\s+(?:de\s+|het\s+)?[A-Z][\w'-]+"
    r"(?:\s+(?:en|met)\s+(?:de\s+|het\s+)?[A-Z][\w'-]+)?"
)


def bsn_valid(digits: str) -> bool:
    """The 11-proef, by python-stdnum (which also refuses all zeros and wrong lengths)."""
    return bool(stdnum_bsn.is_valid(digits)) and digits.strip("0") != ""


def iban_valid(iban: str) -> bool:
    """ISO 13616 mod-97 and the country's length and format, by python-stdnum."""
    return bool(stdnum_iban.is_valid(iban))


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
            # A web address may be a shop's or a charity's: a person looks (scan.py drops the
            # well-known ones).
            yield Hit(*_trim(text, m.start(), m.end()), "url", severity=CHECK)
    for m in HANDLE.finditer(text):
        yield Hit(m.start(), m.end(), "handle")
    for m in HANDLE_CUED.finditer(text):
        name = m.group(1)
        if any(c.isalpha() for c in name) and any(c in "_." or c.isdigit() for c in name):
            yield Hit(m.start(1), m.end(1), "handle")
    yield from phones(text)


# The shortest number a family could be called on (a local number without its area code).
MIN_PHONE_DIGITS = 7
_DATE_LIKE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}")


_O_FOR_ZERO = re.compile(r"(?<![\w@.])[oO](?=[1-9](?:[\s-]?\d){7,9}(?!\d))")


def phones(text: str) -> Iterator[Hit]:
    """Phone numbers by libphonenumber's matcher (region NL, leniency POSSIBLE).

    VALID misses numbers in ranges not (yet) handed out, which people still write as an
    example or a typo ("+31 6 98765432"); POSSIBLE alone also takes a BSN or an ISO date, so
    we keep only matches written like a phone number: starting with 0, + or "(0".
    Measured on tests/data/privacy/corpus.yml and the blind corpus (docs/benchmarks.md).
    """
    if sum(c.isdigit() for c in text) < MIN_PHONE_DIGITS:
        return  # the matcher costs ~0.1 ms per text; most texts have no phone at all
    # Imported here: its metadata costs ~0.1 s of start-up, and most profiles have no digits.
    import phonenumbers

    # Numbers anyone may call: 0800/0900 service lines, not a family's own number.
    public_types = {
        phonenumbers.PhoneNumberType.TOLL_FREE,
        phonenumbers.PhoneNumberType.PREMIUM_RATE,
        phonenumbers.PhoneNumberType.SHARED_COST,
    }
    # "o6-48291736": a letter o typed for the leading zero (same length, so offsets hold).
    text = _O_FOR_ZERO.sub("0", text)
    matcher = phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.POSSIBLE)
    for match in matcher:
        if not match.raw_string.startswith(("0", "+", "(0", "(+")):
            continue
        if sum(c.isdigit() for c in match.raw_string) < MIN_PHONE_DIGITS:
            # Decided per match, not per text: "01000" in a title alone was no phone number,
            # but on a built page with more digits around it the matcher ran and took it.
            continue
        if _DATE_LIKE.fullmatch(match.raw_string):
            continue  # "05-06-2018" is a date (birthdates() reports it where it matters)
        if match.start and text[match.start - 1].isalnum():
            continue  # digits inside a code or an (invalid) IBAN
        if phonenumbers.number_type(match.number) in public_types:
            continue
        yield Hit(match.start, match.end, "phone")


def phones_and_emails(text: str) -> Iterator[Hit]:
    """Only what the post-render check looks for."""
    for hit in contacts(text):
        if hit.type in ("phone", "email"):
            yield hit


def numbers(text: str) -> Iterator[Hit]:
    """BSN (11-proef), IBAN (mod-97), licence plates and postcodes."""
    for m in IBAN.finditer(text):
        # A Dutch account in IBAN form is one even when its check digits are wrong (a typo
        # still points at the family's account); other countries need python-stdnum's check.
        if iban_valid(m.group()) or DUTCH_IBAN.fullmatch(m.group()):
            yield Hit(m.start(), m.end(), "iban")
    for m in BSN.finditer(text):
        if bsn_valid(re.sub(r"\D", "", m.group())):
            yield Hit(m.start(), m.end(), "bsn")
    for m in BSN_SPACED.finditer(text):
        # Named as a BSN, nine digits are one even when the 11-test fails (a typo is still
        # somebody's number, or close to it).
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


# A day of the family's own life: "Op 15 juni wordt moeder geopereerd".
EVENT_DATE = re.compile(
    rf"\b(?:[Oo]p|[Vv]anaf)\s+{_DAY_MONTH}[^.!?\n]{{0,60}}?\b(?:geopereerd|operatie|opname|"
    r"opgenomen|bevalt|bevallen|uitgerekend|verhuist|verhuizen|zitting|rechtszaak|begrafenis|"
    r"crematie|trouwt|bruiloft|vrijgelaten|ontslagen|overleden|overleed|stierf|verloren|"
    r"verongelukt|geboren|te\s+zien)\b"
    # ... and the reverse order: "verloren hun moeder op 7 januari"
    r"|\b(?:overleden|overleed|stierf|verloren|verongelukt|geboren|geopereerd|opgenomen)\b"
    rf"[^.!?\n]{{0,40}}?\bop\s+{_DAY_MONTH}"
    # "op 23 augustus jl.": a day in the family's recent past
    rf"|\b{_DAY_MONTH}\s+(?:jl\.?|jongstleden)"
)


def birthdates(text: str) -> Iterator[Hit]:
    """Dates of birth by their context; any other full date (ISO or numeric) is a ``check``."""
    found: list[tuple[int, int]] = []
    for m in BIRTHDATE.finditer(text):
        found.append(_trim(text, m.start(), m.end()))
        yield Hit(*found[-1], "birthdate")
    for m in FULL_DATE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in found):
            continue
        found.append((m.start(), m.end()))
        yield Hit(m.start(), m.end(), "date", severity=CHECK)
    for m in EVENT_DATE.finditer(text):
        date = re.search(f"({_DAY_MONTH})", m.group())
        if date is None or any(s < m.end() and m.start() < e for s, e in found):
            continue
        yield Hit(m.start() + date.start(1), m.start() + date.end(1), "date", severity=CHECK)


def events(text: str) -> Iterator[Hit]:
    """News and events that point at one family, and named hospitals: worth a look."""
    for m in EVENT.finditer(text):
        yield Hit(*_trim(text, m.start(), m.end()), "event", severity=CHECK)
    for m in HOSPITAL.finditer(text):
        yield Hit(m.start(), m.end(), "institution", severity=CHECK)


def addresses(text: str) -> Iterator[Hit]:
    """Streets by their suffix (with or without a number) and "op de hoek van ..."."""
    for m in CORNER.finditer(text):
        yield Hit(m.start(), m.end(), "address")
    for m in LIVES_ON.finditer(text):
        yield Hit(m.start(1), m.end(1), "address")  # "woont met zijn oma op Lauwersmeer 112"
    for m in AAN_DE.finditer(text):
        lives = LIVES_AT.search(text[max(0, m.start() - 120) : m.start()]) is not None
        if lives or re.search(r"\d", m.group(1)):
            yield Hit(m.start(1), m.end(1), "address")
    for m in STREET.finditer(text):
        # With a house number, or where the family lives, it is an address.
        numbered = re.search(r"\d", m.group()) is not None
        lives = LIVES_AT.search(text[max(0, m.start() - 120) : m.start()]) is not None
        if numbered or lives:
            yield Hit(m.start(), m.end(), "address")
        elif re.search(r"\baan\s+de\s+$", text[max(0, m.start() - 8) : m.start()]):
            # "Bakkerij Öz aan de Peperstraat": where a workplace or a practice is, worth a look
            yield Hit(m.start(), m.end(), "address", severity=CHECK)
        # A street or square named without a number or a home near it is where the family
        # goes, not where it lives ("naar het Marktplein"): every address in the blind corpus
        # came with a number or with "wonen", "thuis" or "flat".
