"""What the privacy gate reports: one ``PrivacyFinding`` per suspicious span of text.

Detectors only say *where* and *what kind*; the Dutch wording lives here, in one table, so
every message a coordinator reads is kind, precise and consistent.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"  # a confident identifier: the text must change
CHECK = "check"  # an uncertain item: publication waits until a person confirms it
WARNING = "warning"  # informational: special categories (AVG) and combinations


@dataclass(frozen=True)
class Hit:
    """A raw detector result: a span of the scanned text and its type (a key of ``KINDS``)."""

    start: int
    end: int
    type: str
    detail: str = ""  # extra words for the message, e.g. the place and age of a combination
    severity: str = ""  # overrides the type's default severity ("error" or "check")


@dataclass(frozen=True)
class PrivacyFinding:
    """One privacy finding in a text; ``start``/``end`` are character offsets into it."""

    start: int
    end: int
    text: str
    type: str
    severity: str  # "error", "check" or "warning"
    message: str
    suggestion: str


_VIA_COORDINATOR = (
    "Laat reacties via de coördinator of het aanmeldformulier lopen; die staan al op de pagina."
)
_CONFIRM = (
    "Gaat het niet om het gezin of iemand uit hun omgeving (maar bijvoorbeeld om een bekende "
    "persoon, een merk of een plaats)? Bevestig dat dan onder `privacy: toegestaan` met "
    "`tekst: {t}` en een `reden`; gaat het wel om hen, haal het dan weg."
)

# type -> (severity, message with {t} for the text, the one suggestion). A message says what
# was found and why it matters; the suggestion says what to do. Never the same advice twice.
KINDS: dict[str, tuple[str, str, str]] = {
    "name": (
        ERROR,
        "`{t}` lijkt een voornaam of naam: daarmee is het gezin te herkennen.",
        "Schrijf een omschrijving ('een moeder', 'zijn zusje', 'de juf') of de naam uit het "
        "veld `pseudoniem`.",
    ),
    "address": (
        ERROR,
        "`{t}` lijkt een straat of adres. Daarmee is het gezin te vinden.",
        "Noem hooguit de wijk of het dorp, bijvoorbeeld 'in Schalkwijk'.",
    ),
    "postcode": (
        ERROR,
        "`{t}` lijkt een postcode. Een postcode wijst vaak een paar straten aan.",
        "Noem de wijk of het dorp in plaats van de postcode.",
    ),
    "phone": (ERROR, "`{t}` lijkt een telefoonnummer.", _VIA_COORDINATOR),
    "email": (ERROR, "`{t}` lijkt een e-mailadres.", _VIA_COORDINATOR),
    "url": (
        ERROR,
        "`{t}` is een webadres dat naar het gezin kan leiden.",
        "Laat links naar persoonlijke pagina's of profielen weg.",
    ),
    "handle": (
        ERROR,
        "`{t}` lijkt een account op sociale media.",
        "Laat accountnamen weg; ze leiden rechtstreeks naar het kind of de ouder.",
    ),
    "bsn": (
        ERROR,
        "`{t}` is een geldig burgerservicenummer (BSN).",
        "Haal het nummer weg: een BSN hoort nooit in een zoekprofiel.",
    ),
    "iban": (
        ERROR,
        "`{t}` is een bankrekeningnummer (IBAN).",
        "Haal het rekeningnummer weg; giften lopen via de stichting.",
    ),
    "plate": (
        ERROR,
        "`{t}` lijkt een kenteken.",
        "Laat het kenteken weg; 'heeft een auto' is genoeg.",
    ),
    "birthdate": (
        ERROR,
        "`{t}` verraadt een geboortedatum.",
        "Noem alleen de leeftijd, bijvoorbeeld 'een jongen van 7'.",
    ),
    "institution": (
        ERROR,
        "`{t}` noemt een school, opvang, zorginstelling of hulpverlener bij naam.",
        "Schrijf het algemeen: 'op de basisschool', 'via het wijkteam', 'bij de logopedist'.",
    ),
    "club": (
        ERROR,
        "`{t}` is een sportclub of team: dat maakt het gezin vindbaar.",
        "Schrijf het algemeen, bijvoorbeeld 'hij voetbalt bij een club in de buurt'.",
    ),
    "organisation": (
        ERROR,
        "`{t}` noemt een werkgever, bedrijf, vereniging of gemeenschap bij naam: dat maakt het "
        "gezin vindbaar.",
        "Schrijf het algemeen, bijvoorbeeld 'werkt in de bouw' of 'is actief in een kerk'.",
    ),
    "event": (
        CHECK,
        "`{t}` verwijst naar een gebeurtenis of bericht waarmee het gezin te vinden is.",
        _CONFIRM,
    ),
    "date": (
        CHECK,
        "`{t}` is een datum; als het een verjaardag is, verraadt hij de geboortedatum.",
        _CONFIRM,
    ),
    "health": (
        WARNING,
        "`{t}` is informatie over gezondheid, een bijzonder persoonsgegeven (AVG).",
        "Noem het alleen als het voor de match nodig is, en dan vaag, bijvoorbeeld "
        "'heeft baat bij duidelijke afspraken'.",
    ),
    "religion": (
        WARNING,
        "`{t}` zegt iets over geloof, een bijzonder persoonsgegeven (AVG).",
        "Noem het alleen als het voor de match echt nodig is, en dan algemeen.",
    ),
    "origin": (
        WARNING,
        "`{t}` zegt iets over afkomst, een bijzonder persoonsgegeven (AVG).",
        "Noem het alleen als het voor de match nodig is, bijvoorbeeld 'spreekt ook Arabisch'.",
    ),
    "combination": (
        WARNING,
        "`{t}` maakt het gezin herkenbaar in combinatie met {detail}: in een wijk of dorp is er "
        "vaak maar één zo'n kind.",
        "Laat één van de drie weg: noem een leeftijdsgroep ('basisschoolleeftijd'), de gemeente "
        "in plaats van het dorp, of laat het bijzondere detail weg.",
    ),
}

# The wording of an uncertain (``check``) finding, where it differs from the error's.
CHECK_MESSAGES: dict[str, str] = {
    "name": "`{t}` lijkt een naam die de privacycontrole niet kent.",
    "address": "`{t}` lijkt een straat of plein; als het gezin daar woont, is het te vinden.",
    "url": "`{t}` is een webadres; als het naar het gezin leidt, is het te vinden.",
    "institution": "`{t}` lijkt een school of instelling bij naam.",
    "club": "`{t}` lijkt een club of team bij naam.",
    "organisation": "`{t}` lijkt een bedrijf, werkgever of organisatie bij naam.",
}

BLOCKING = frozenset({ERROR, CHECK})
ERROR_TYPES = frozenset(t for t, (severity, _m, _s) in KINDS.items() if severity in BLOCKING)


def make_finding(text: str, hit: Hit) -> PrivacyFinding:
    """The Dutch finding for a detector hit inside ``text``."""
    severity, message, suggestion = KINDS[hit.type]
    severity = hit.severity or severity
    if severity == CHECK:
        message = CHECK_MESSAGES.get(hit.type, message)
        suggestion = _CONFIRM
    matched = text[hit.start : hit.end]
    return PrivacyFinding(
        start=hit.start,
        end=hit.end,
        text=matched,
        type=hit.type,
        severity=severity,
        message=message.format(t=matched, detail=hit.detail),
        suggestion=suggestion.format(t=matched),
    )
