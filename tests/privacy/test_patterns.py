"""Unit tests for the number, contact, date and address detectors."""

from __future__ import annotations

import pytest

from generator.privacy import scan_text
from generator.privacy.patterns import bsn_valid, iban_valid


def kinds(text: str, allowed: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    return [(f.type, f.text) for f in scan_text(text, allowed)]


def test_bsn_eleven_test() -> None:
    assert bsn_valid("111222333")
    assert bsn_valid("123456782")
    assert not bsn_valid("123456789")
    assert not bsn_valid("000000000")


@pytest.mark.parametrize("written", ["111.222.333", "111222333", "BSN 111 222 333"])
def test_bsn_with_and_without_dots(written: str) -> None:
    found = kinds(f"Het nummer is {written}, graag meenemen.")
    assert [k for k, _ in found] == ["bsn"]


def test_nine_digits_failing_the_eleven_test_are_not_a_bsn() -> None:
    assert kinds("Het nummer is 123456789, graag meenemen.") == []


def test_iban_mod_97() -> None:
    assert iban_valid("NL91ABNA0417164300")
    assert iban_valid("NL91 ABNA 0417 1643 00")
    assert not iban_valid("NL92ABNA0417164300")
    # A Dutch account in IBAN form is reported even with wrong check digits (a typo still
    # points at the family's account); a foreign one needs a valid checksum.
    assert kinds("Maak over op NL92ABNA0417164300.") == [("iban", "NL92ABNA0417164300")]
    assert kinds("Maak over op GB82WEST12345698765432.") == [("iban", "GB82WEST12345698765432")]
    assert kinds("Maak over op GB83WEST12345698765432.") == []
    assert kinds("Maak over op nl91abna0417164300.") == [("iban", "nl91abna0417164300")]


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "06.12.34.56.78",
        "+31 6 12345678",
        "+31612345678",
        "0031 6 1234 5678",
        "+31 (0)20 555 1234",
        "020-5551234",
        "023.555.87.21",
    ],
)
def test_dutch_phone_formats(phone: str) -> None:
    assert kinds(f"Bel gerust {phone} na zes uur.") == [("phone", phone)]


@pytest.mark.parametrize("text", ["om 15:30 uur", "groep 4", "2 middagen", "van 10.00 tot 17.00"])
def test_times_and_counts_are_not_numbers(text: str) -> None:
    assert kinds(f"Het gaat om {text} per week.") == []


@pytest.mark.parametrize(
    "email",
    ["moeder@example.nl", "gezin.hulp [at] hotmail.com", "info at gezin punt nl", "a(at)b.nl"],
)
def test_email_also_spelled_out(email: str) -> None:
    assert kinds(f"Mail naar {email} voor meer.") == [("email", email)]


def test_url_and_handle() -> None:
    assert kinds("Kijk op www.ons-gezin.nl of volg @gezinnetje_12.") == [
        ("url", "www.ons-gezin.nl"),
        ("handle", "@gezinnetje_12"),
    ]


@pytest.mark.parametrize("plate", ["VX-123-B", "12-ABC-3", "AB-12-CD", "1-KBB-23"])
def test_licence_plates(plate: str) -> None:
    assert kinds(f"Een auto met kenteken {plate} staat voor de deur.") == [("plate", plate)]


def test_a_date_is_not_a_plate() -> None:
    assert kinds("Vanaf 12-04-26 zoeken wij een gezin.") == []


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Hij wordt op 17 november 7 jaar.", "wordt op 17 november 7 jaar"),
        ("Ze is geboren op 3 maart 2018.", "geboren op 3 maart 2018"),
        ("Geboortedatum: 12-04-2016.", "Geboortedatum: 12-04-2016"),
        ("Ze is jarig op 5 mei.", "jarig op 5 mei"),
        ("Zijn verjaardag is op 9 juni.", "verjaardag is op 9 juni"),
    ],
)
def test_dates_of_birth(text: str, phrase: str) -> None:
    assert ("birthdate", phrase) in kinds(text)


def test_a_plain_date_of_an_event_is_no_birthdate() -> None:
    assert kinds("Vanaf 1 januari zoeken wij een gezin voor de woensdag.") == []


def test_postcodes_with_letters_and_bare_in_context() -> None:
    assert kinds("Zij wonen in 2031 AB.") == [("postcode", "2031 AB")]
    assert kinds("Liefst in postcode 6601 of omgeving.") == [("postcode", "6601")]
    assert kinds("In 2026 zoeken wij een gezin.") == []


def test_addresses() -> None:
    assert kinds("Ze wonen aan de Kastanjelaan 14.") == [("address", "Kastanjelaan 14")]
    found = kinds("Vlak bij de speeltuin op de hoek van de Bloemstraat en de Tulpweg.")
    assert found[0] == ("address", "op de hoek van de Bloemstraat en de Tulpweg")
    assert kinds("Ze wonen in een rustige straat bij het park.") == []


def test_a_numeric_date_of_birth_is_not_a_phone_number() -> None:
    # phonenumbers' POSSIBLE leniency reads "05-06-2018" as a number; it is a birthday.
    assert kinds("Ze is geboren op 05-06-2018.") == [("birthdate", "geboren op 05-06-2018")]
