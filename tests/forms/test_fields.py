"""Every validation rule of the form and its Dutch message (no database needed)."""

from __future__ import annotations

import pytest

from generator import text
from generator.forms.fields import (
    LIMITS,
    MESSAGES,
    characters,
    clean,
    normalise_phone,
    normalise_place,
    too_long,
    utm_from_referer,
    validate,
)
from generator.validate import Catalog
from tests.forms.conftest import valid


def errors_for(catalog: Catalog, **changes: str) -> dict[str, str]:
    submission, errors = validate(clean(valid(**changes)), catalog)
    assert (submission is None) == bool(errors)
    return errors


def test_valid_steungezin_is_normalised(catalog: Catalog) -> None:
    sub, errors = validate(
        clean(valid(telefoon="+31 (0)6-1234 5678".replace("(0)", ""), woonplaats="2011ab")),
        catalog,
    )
    assert errors == {}
    assert sub is not None
    assert sub.phone == "0612345678"
    assert sub.place == "2011 AB"
    assert sub.role is None and sub.profile is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"soort": ""}, "soort", MESSAGES["soort"]),
        ({"soort": "vrijwilliger"}, "soort", MESSAGES["soort"]),
        ({"soort": "hulpvraag", "rol": ""}, "rol", MESSAGES["rol"]),
        ({"soort": "hulpvraag", "rol": "buurman"}, "rol", MESSAGES["rol"]),
        ({"gemeente": ""}, "gemeente", MESSAGES["gemeente"]),
        ({"gemeente": "atlantis"}, "gemeente", MESSAGES["gemeente"]),
        (
            {"gemeente": "wijchen", "profiel": "haarlem-k3m9"},
            "gemeente",
            MESSAGES["gemeente_profiel"],
        ),
        ({"profiel": "haarlem-zzzz"}, "profiel", MESSAGES["profiel"]),
        ({"profiel": "heerenveen-t9rm", "gemeente": "heerenveen"}, "profiel", MESSAGES["profiel"]),
        ({"naam": ""}, "naam", MESSAGES["naam"]),
        ({"naam": "1"}, "naam", MESSAGES["naam_kort"]),
        ({"naam": "x" * 101}, "naam", too_long("naam")),
        ({"email": ""}, "email", MESSAGES["email"]),
        ({"email": "geen-adres"}, "email", MESSAGES["email_fout"]),
        ({"email": "a@b"}, "email", MESSAGES["email_fout"]),
        ({"telefoon": ""}, "telefoon", MESSAGES["telefoon"]),
        ({"telefoon": "12345"}, "telefoon", MESSAGES["telefoon_fout"]),
        ({"telefoon": "+32 470 123456"}, "telefoon", MESSAGES["telefoon_fout"]),
        ({"woonplaats": ""}, "woonplaats", MESSAGES["woonplaats"]),
        ({"woonplaats": "0123 AB"}, "woonplaats", MESSAGES["woonplaats_fout"]),
        ({"woonplaats": "1234 SS"}, "woonplaats", MESSAGES["woonplaats_fout"]),
        ({"woonplaats": "Haarlem 12"}, "woonplaats", MESSAGES["woonplaats_fout"]),
        ({"huishouden": "x" * 201}, "huishouden", too_long("huishouden")),
        ({"soort": "hulpvraag", "rol": "gezin", "bericht": ""}, "bericht", MESSAGES["bericht"]),
        ({"bericht": "x" * 2001}, "bericht", too_long("bericht")),
        ({"bron": "televisie"}, "bron", MESSAGES["bron"]),
        ({"toestemming": ""}, "toestemming", MESSAGES["toestemming"]),
        ({"toestemming": "nee"}, "toestemming", MESSAGES["toestemming"]),
        ({"privacy_versie": ""}, "privacy_versie", MESSAGES["privacy_versie"]),
        ({"privacy_versie": "<script>"}, "privacy_versie", MESSAGES["privacy_versie"]),
    ],
)
def test_each_rule_has_its_dutch_message(
    catalog: Catalog, changes: dict[str, str], field: str, message: str
) -> None:
    errors = errors_for(catalog, **changes)
    assert errors.get(field) == message
    # The other fields of the otherwise valid form stay quiet.
    assert set(errors) == {field}


def test_every_mistake_is_reported_at_once(catalog: Catalog) -> None:
    _, errors = validate(clean({"soort": "hulpvraag"}), catalog)
    assert set(errors) == {
        "rol",
        "gemeente",
        "naam",
        "email",
        "telefoon",
        "woonplaats",
        "bericht",
        "toestemming",
        "privacy_versie",
    }


def test_profile_fills_in_its_gemeente_and_a_filled_profile_is_flagged(catalog: Catalog) -> None:
    sub, errors = validate(clean(valid(gemeente="", profiel="haarlem-b2dq")), catalog)
    assert errors == {} and sub is not None
    assert sub.gemeente == "haarlem"
    assert sub.profile_status == "gekoppeld" and sub.profile_not_open
    open_sub, _ = validate(clean(valid(profiel="haarlem-k3m9")), catalog)
    assert open_sub is not None and not open_sub.profile_not_open


def test_hulpvraag_keeps_its_role(catalog: Catalog) -> None:
    sub, errors = validate(
        clean(valid(soort="hulpvraag", rol="professional", bericht="Een gezin in de wijk")), catalog
    )
    assert errors == {} and sub is not None and sub.role == "professional"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("06-12345678", "0612345678"),
        ("023 123 45 67", "0231234567"),
        ("+31 6 12345678", "0612345678"),
        ("0031612345678", "0612345678"),
        ("(023) 1234567", "0231234567"),
        ("061234567", None),
        ("+44 20 7946 0958", None),
    ],
)
def test_dutch_phone_numbers(raw: str, expected: str | None) -> None:
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2011ab", "2011 AB"),
        ("9999 ZZ", "9999 ZZ"),
        ("1234 SA", None),
        ("'s-Hertogenbosch", "'s-Hertogenbosch"),
        ("Den Haag", "Den Haag"),
        ("12", None),
        ("<b>", None),
        ("2032 AB Haarlem", "2032 AB Haarlem"),
        ("Haarlem, 2032 AB", "2032 AB Haarlem"),
        ("2032ab,  haarlem", "2032 AB haarlem"),
        ("Haarlem 2032AB", "2032 AB Haarlem"),
        ("2032 AB, 's-Hertogenbosch", "2032 AB 's-Hertogenbosch"),
        ("2032 Haarlem", None),
        ("2032 AB 2033 AC", None),
        ("2032 ABC", None),
        ("1234 SS Haarlem", None),
    ],
)
def test_postcode_or_place(raw: str, expected: str | None) -> None:
    assert normalise_place(raw) == expected


def test_utm_from_page_wins_and_referer_is_the_fallback(catalog: Catalog) -> None:
    referer = "https://www.buurtgezinnen.example/haarlem/?utm_source=facebook&utm_campaign=x&a=1"
    assert utm_from_referer(referer) == {"utm_source": "facebook", "utm_campaign": "x"}
    sub, _ = validate(clean(valid()), catalog, referer)
    assert sub is not None and sub.utm == {"utm_source": "facebook", "utm_campaign": "x"}
    sub, _ = validate(clean(valid(utm_source="krant")), catalog, referer)
    assert sub is not None and sub.utm == {"utm_source": "krant"}


def test_clean_drops_unknown_fields_and_reads_json_booleans() -> None:
    data = clean({"toestemming": True, "onbekend": "x", "naam": "  Ans  ", "bericht": ["lijst"]})
    assert data == {"toestemming": "ja", "naam": "Ans", "bericht": ""}
    assert set(LIMITS) >= set(MESSAGES) - {
        "naam_kort",
        "email_fout",
        "telefoon_fout",
        "woonplaats_fout",
        "gemeente_profiel",
    }


@pytest.mark.parametrize(
    "value", ["".join(chr(c) for c in range(0x20, 0x7F)), "  Jan de Vries ", "a@b.nl", ""]
)
def test_printable_ascii_passes_the_character_rule_unchanged(value: str) -> None:
    """``characters`` skips the rule for printable ASCII; that is only right while the rule
    neither refuses nor changes any of it, in any field."""
    assert text.check(value) == (value, [])
    assert text.check(value, title=True) == (value, [])
    assert text.scrub(value) == value
    values, errors = characters({"naam": value, "bericht": value, "utm_source": value})
    assert errors == {}
    assert set(values.values()) == {value.strip()}


def test_text_that_is_not_printable_ascii_still_meets_the_rule() -> None:
    values, errors = characters(
        {"naam": "Jose\u0301 \u202eX", "bericht": "regel\r\nregel\x08", "utm_source": "fb\x00"}
    )
    assert values["naam"] == "Jos\u00e9 \u202eX" and "naam" in errors
    assert values["bericht"] == "regel\nregel\x08" and "bericht" in errors
    assert values["utm_source"] == "fb" and "utm_source" not in errors
