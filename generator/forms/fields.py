"""Raw form fields -> a validated ``Submission``, or a Dutch message per field.

Every rule collects its message and carries on, so the resident sees every mistake at once.
The field names are the contract with the site's HTML forms (see the site engineer's templates).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from email_validator import EmailNotValidError, validate_email

from generator import text
from generator.model import LISTED_STATUSES
from generator.validate import Catalog

KINDS = ("steungezin", "hulpvraag")
ROLES = ("gezin", "professional")
SOURCES = ("facebook", "website", "krant", "school", "via-via", "anders")
UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")

# Every field the form may send, with its maximum length; anything else is ignored.
LIMITS: dict[str, int] = {
    "soort": 20,
    "rol": 20,
    "gemeente": 60,
    "profiel": 60,
    "naam": 100,
    "email": 254,
    "telefoon": 20,
    "woonplaats": 60,
    "huishouden": 200,
    "bericht": 2000,
    "bron": 20,
    "toestemming": 10,
    "privacy_versie": 20,
    "website": 200,
    "ts": 20,
    **{name: 200 for name in UTM_FIELDS},
}

MESSAGES: dict[str, str] = {
    "soort": "Kies of u steungezin wilt worden of hulp zoekt.",
    "rol": "Geef aan of u hulp vraagt voor uw eigen gezin of als professional.",
    "gemeente": "Kies een gemeente uit de lijst.",
    "gemeente_profiel": "Deze oproep hoort bij een andere gemeente; kies de gemeente van de oproep.",
    "profiel": "Deze oproep bestaat niet (meer). Meld u aan zonder oproep of kies een andere.",
    "naam": "Vul uw naam in.",
    "naam_kort": "Vul uw naam in (minstens 2 letters).",
    "email": "Vul uw e-mailadres in.",
    "email_fout": "Dit e-mailadres klopt niet; controleer het, bv. naam@voorbeeld.nl.",
    "telefoon": "Vul uw telefoonnummer in.",
    "telefoon_fout": "Vul een Nederlands telefoonnummer in, bv. 06 12345678 of 023 1234567.",
    "woonplaats": "Vul uw postcode of woonplaats in.",
    "woonplaats_fout": (
        "Vul een geldige postcode (1234 AB), uw woonplaats of allebei in, bv. 2032 AB Haarlem."
    ),
    "bericht": "Vertel kort waarmee we u kunnen helpen.",
    "bron": "Kies hoe u van ons hoorde uit de lijst.",
    "toestemming": "Geef toestemming om uw gegevens te gebruiken; anders kunnen we u niet bellen.",
    "privacy_versie": "Het formulier is verouderd; laad de pagina opnieuw en probeer het nog eens.",
}

PHONE_RE = re.compile(r"^(?:0[1-9]\d{8}|(?:\+|00)31[1-9]\d{8})$")
PHONE_STRIP = re.compile(r"[\s\-().]")
POSTCODE_IN_RE = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{3}) ?([A-Za-z]{2})(?![0-9A-Za-z])")
PLACE_RE = re.compile(r"^[A-Za-zÀ-ÿ'][A-Za-zÀ-ÿ' .\-]{1,59}$")
VERSION_RE = re.compile(r"^[A-Za-z0-9._-]{1,20}$")


def too_long(name: str) -> str:
    return f"Dit veld is te lang (hooguit {LIMITS[name]} tekens)."


@dataclass(frozen=True)
class Submission:
    """One valid aanmelding, normalised, before it is stored."""

    kind: str
    role: str | None
    gemeente: str
    profile: str | None
    profile_status: str | None  # status at the time of sign-up; flags a filled/closed profile
    name: str
    email: str
    phone: str
    place: str
    household: str | None
    message: str | None
    source: str | None
    privacy_version: str
    utm: dict[str, str] = field(default_factory=dict)

    @property
    def profile_not_open(self) -> bool:
        return self.profile_status is not None and self.profile_status not in LISTED_STATUSES


def clean(raw: Mapping[str, object]) -> dict[str, str]:
    """Known fields as stripped strings; JSON booleans become 'ja'/''; other fields dropped."""
    out: dict[str, str] = {}
    for name in LIMITS:
        value = raw.get(name)
        if value is None:
            continue
        if isinstance(value, bool):
            text = "ja" if value else ""
        elif isinstance(value, str | int | float):
            text = str(value)
        else:
            text = ""
        out[name] = text.strip()
    return out


def normalise_phone(value: str) -> str | None:
    """A Dutch number as 0XXXXXXXXX, or None when it is not one."""
    compact = PHONE_STRIP.sub("", value)
    if not PHONE_RE.match(compact):
        return None
    if compact.startswith("+31"):
        return "0" + compact[3:]
    if compact.startswith("0031"):
        return "0" + compact[4:]
    return compact


def normalise_place(value: str) -> str | None:
    """'1234 AB', a place name, or both ('1234 AB Haarlem'); None when it is none of these.

    The label says "postcode of woonplaats", and people type both, in either order and with or
    without a comma: '2032 AB Haarlem', 'Haarlem, 2032 AB', '2032ab haarlem'.
    """
    value = " ".join(value.split())
    found = POSTCODE_IN_RE.search(value)
    if found is None:
        if any(ch.isdigit() for ch in value):
            return None
        return value if PLACE_RE.match(value) else None
    letters = found.group(2).upper()
    if letters in ("SA", "SD", "SS"):  # never issued as postcode letters
        return None
    postcode = f"{found.group(1)} {letters}"
    rest = " ".join(f"{value[: found.start()]} {value[found.end() :]}".replace(",", " ").split())
    if not rest:
        return postcode
    if any(ch.isdigit() for ch in rest) or not PLACE_RE.match(rest):
        return None
    both = f"{postcode} {rest}"
    return both if len(both) <= LIMITS["woonplaats"] else None


def utm_from_referer(referer: str | None) -> dict[str, str]:
    """UTM parameters from the landing page's address, for forms posted without JavaScript."""
    if not referer:
        return {}
    query = urlsplit(referer).query
    return {k: text.scrub(v)[: LIMITS[k]] for k, v in parse_qsl(query) if k in UTM_FIELDS and v}


def characters(data: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The values under the one character rule (``generator.text``), and a message per field
    that holds a refused character (NUL, backspace, a lone surrogate ...).

    Line breaks (a textarea's CR LF, Word's vertical tab) become "\\n" and the text NFC.
    The UTM fields are hidden, so the resident could not correct them: refused characters
    are removed there instead.
    """
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for name, value in data.items():
        if value.isascii() and value.isprintable():
            # Printable ASCII holds nothing the rule refuses or changes (no control character,
            # no line break, already NFC): most fields of most sign-ups, at a fraction of the cost.
            values[name] = value.strip()
            continue
        if name in UTM_FIELDS:
            values[name] = text.scrub(value).strip()
            continue
        normal, refused = text.check(value, title=name == "naam")
        values[name] = normal.strip()
        if refused:
            errors[name] = refused[0].form_message()
    return values, errors


def plain(value: str) -> str:
    """One backoffice value under the character rule, stripped; "" when it holds a refused
    character. For fields whose answer to a bad value is already "wrong or missing" (the log-in
    name, the address to delete): a NUL byte reaching PostgreSQL would be a server error."""
    normal, refused = text.check(value)
    return "" if refused else normal.strip()


def validate(
    data: Mapping[str, str], catalog: Catalog, referer: str | None = None
) -> tuple[Submission | None, dict[str, str]]:
    """(submission, {}) when valid, else (None, {field: Dutch message}) for every problem."""
    data, errors = characters(data)
    for name, value in data.items():
        if len(value) > LIMITS[name] and name not in UTM_FIELDS:
            errors.setdefault(name, too_long(name))

    kind = data.get("soort", "")
    if kind not in KINDS:
        errors.setdefault("soort", MESSAGES["soort"])
    role = data.get("rol", "") or None
    if kind == "hulpvraag" and role not in ROLES:
        errors.setdefault("rol", MESSAGES["rol"])
    if kind != "hulpvraag":
        role = None

    settings = catalog.settings
    gemeente = data.get("gemeente", "")
    profile_id = data.get("profiel", "") or None
    profile_status: str | None = None
    if profile_id:
        profile = catalog.profile(profile_id)
        if profile is None or not profile.has_page():
            errors.setdefault("profiel", MESSAGES["profiel"])
        else:
            profile_status = profile.status.value
            if not gemeente:
                gemeente = profile.gemeente
            elif gemeente != profile.gemeente:
                errors.setdefault("gemeente", MESSAGES["gemeente_profiel"])
    if not gemeente or settings.gemeente(gemeente) is None:
        errors.setdefault("gemeente", MESSAGES["gemeente"])

    name = data.get("naam", "")
    if not name:
        errors.setdefault("naam", MESSAGES["naam"])
    elif sum(ch.isalpha() for ch in name) < 2:
        errors.setdefault("naam", MESSAGES["naam_kort"])

    email = data.get("email", "")
    if not email:
        errors.setdefault("email", MESSAGES["email"])
    elif "email" not in errors:
        try:
            email = validate_email(email, check_deliverability=False).normalized
        except EmailNotValidError:
            errors["email"] = MESSAGES["email_fout"]

    phone_raw = data.get("telefoon", "")
    phone = normalise_phone(phone_raw) if phone_raw else None
    if not phone_raw:
        errors.setdefault("telefoon", MESSAGES["telefoon"])
    elif phone is None:
        errors.setdefault("telefoon", MESSAGES["telefoon_fout"])

    place_raw = data.get("woonplaats", "")
    place = normalise_place(place_raw) if place_raw else None
    if not place_raw:
        errors.setdefault("woonplaats", MESSAGES["woonplaats"])
    elif place is None:
        errors.setdefault("woonplaats", MESSAGES["woonplaats_fout"])

    message = data.get("bericht", "") or None
    if kind == "hulpvraag" and not message:
        errors.setdefault("bericht", MESSAGES["bericht"])

    source = data.get("bron", "") or None
    if source is not None and source not in SOURCES:
        errors.setdefault("bron", MESSAGES["bron"])

    if data.get("toestemming", "").lower() not in ("ja", "on", "true", "1"):
        errors.setdefault("toestemming", MESSAGES["toestemming"])
    version = data.get("privacy_versie", "")
    if not VERSION_RE.match(version):
        errors.setdefault("privacy_versie", MESSAGES["privacy_versie"])

    if errors:
        return None, errors
    utm = {k: data[k][: LIMITS[k]] for k in UTM_FIELDS if data.get(k)}
    if not utm:
        utm = utm_from_referer(referer)
    assert phone is not None and place is not None  # guaranteed by the checks above
    return (
        Submission(
            kind=kind,
            role=role,
            gemeente=gemeente,
            profile=profile_id,
            profile_status=profile_status,
            name=name,
            email=email,
            phone=phone,
            place=place,
            household=data.get("huishouden", "") or None,
            message=message,
            source=source,
            privacy_version=version,
            utm=utm,
        ),
        {},
    )
