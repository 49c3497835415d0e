"""scan_published: the post-render check of HTML, feeds and Facebook texts."""

from __future__ import annotations

from generator.privacy import scan_published, scan_text

HTML = """<footer><a href="mailto:info@buurtgezinnen.example">info@buurtgezinnen.example</a>
<a href="tel:+31850000000">085 000 0000</a></footer>
<p>Bel de moeder op 06-12345678 of mail gezin [at] hotmail.com.</p>"""


def test_only_unconfigured_phones_and_emails_are_reported() -> None:
    found = scan_published(HTML, ["info@buurtgezinnen.example", "085 000 0000"])
    assert [(f.type, f.text) for f in found] == [
        ("phone", "06-12345678"),
        ("email", "gezin [at] hotmail.com"),
    ]
    assert all(f.severity == "error" for f in found)


def test_contacts_compare_normalised() -> None:
    text = "Bel 085-000 00 00 of mail INFO@Buurtgezinnen.example"
    assert scan_published(text, ["+31 85 000 0000", "info@buurtgezinnen.example"]) == []
    assert len(scan_published(text, [])) == 2


def test_names_and_schools_are_not_the_post_render_check() -> None:
    assert scan_published("Fatima zit op OBS De Vlinder.", []) == []


def test_markup_is_not_part_of_a_number() -> None:
    # BLNS "01000" in a title: the "1" of "</h1>" made it a phone number at build time only.
    assert scan_published("<h1>Steungezin gezocht 01000</h1>", []) == []
    [phone] = scan_published("<p>Bel 06-12345678</p>", [])
    assert phone.text == "06-12345678"


def test_a_short_number_is_no_phone_whatever_else_the_text_holds() -> None:
    # The same title once per line, as on a built page: the digits around it used to switch the
    # matcher on, so the build refused what `check` had accepted in the profile.
    page = "title: Gezocht 01000\nog_title: Gezocht 01000\n<h1>Gezocht 01000</h1>\n"
    assert scan_published(page, []) == []
    assert [f.text for f in scan_text("Bel 0612345678 of 01000", [])] == ["0612345678"]
