"""The PDFs as a reader gets them: paper size, text, embedded fonts, a QR code that scans."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest
from pypdf.generic import DictionaryObject

from generator.printing.content import allowed_contacts
from generator.privacy import scan_published
from tests.print.conftest import BASE, Printed, pdf_text, qr_codes

A4 = (595.28, 841.89)
A5 = (419.53, 595.28)
MAX_BYTES = 300 * 1024


def size(path: Path) -> tuple[float, float]:
    box = pypdf.PdfReader(path).pages[0].mediabox
    return round(float(box.width), 2), round(float(box.height), 2)


@pytest.mark.parametrize(
    ("name", "paper", "source"), [("poster", A4, "poster"), ("flyer", A5, "flyer")]
)
def test_profile_sheet_paper_text_and_qr(
    printed: Printed, name: str, paper: tuple[float, float], source: str
) -> None:
    profile = printed.catalog.profile("haarlem-k3m9")
    assert profile is not None
    path = printed.out / "haarlem" / "haarlem-k3m9" / f"{name}.pdf"
    assert size(path) == paper
    text = " ".join(pdf_text(path).split())
    assert profile.title in text
    assert "Coördinator Buurtgezinnen Haarlem" in text
    assert "haarlem@example.org" in text and "023 000 0001" in text
    assert "buurtgezinnen.example/haarlem/haarlem-k3m9" in text  # the short URL, for typing
    assert "Jongen van 7 jaar" in text and "Schalkwijk, Haarlem" in text
    url = f"{BASE}haarlem/haarlem-k3m9/?utm_source={source}&utm_medium=print"
    assert qr_codes(path) == [url]
    assert path.stat().st_size <= MAX_BYTES


def test_gemeente_poster_shows_open_profiles_and_one_qr_to_the_gemeente(printed: Printed) -> None:
    path = printed.out / "haarlem" / "poster.pdf"
    assert size(path) == A4
    text = " ".join(pdf_text(path).split())
    # k3m9 and p7wx are a brother and sister: one family, two oproepen.
    assert "1 gezin in Haarlem zoekt een steungezin" in text
    for pid in ("haarlem-k3m9", "haarlem-p7wx"):
        profile = printed.catalog.profile(pid)
        assert profile is not None and profile.title[:25] in text
    assert "haarlem@example.org" in text
    assert qr_codes(path) == [f"{BASE}haarlem/?utm_source=poster&utm_medium=print"]


def test_every_font_is_lato_embedded_as_a_subset(printed: Printed) -> None:
    pdfs = sorted(printed.out.rglob("*.pdf"))
    assert len(pdfs) >= 8
    for path in pdfs:
        for page in pypdf.PdfReader(path).pages:
            fonts = page["/Resources"]["/Font"]
            names = []
            for ref in fonts.values():
                font = ref.get_object()
                assert isinstance(font, DictionaryObject)
                descriptor = font["/FontDescriptor"].get_object()
                assert "/FontFile2" in descriptor, (path, font["/BaseFont"])
                names.append(str(font["/BaseFont"]))
            assert names and all("+Lato-" in n for n in names), (path, names)


def test_no_contact_is_printed_but_the_configured_ones(printed: Printed) -> None:
    """Scans the text extracted from every PDF and kit: only the gemeente's own coordinator
    and the national office may appear."""
    settings = printed.catalog.settings
    files = sorted(printed.out.rglob("*.pdf")) + sorted(printed.out.rglob("*.txt"))
    assert len(files) >= 16
    for path in files:
        gemeente = settings.require_gemeente(path.relative_to(printed.out).parts[0])
        text = pdf_text(path) if path.suffix == ".pdf" else path.read_text("utf-8")
        assert scan_published(text, allowed_contacts(settings, gemeente)) == [], path
        # The scan does see contacts: the coordinator's address is there, and allowed.
        assert scan_published(text, []) != [], path
