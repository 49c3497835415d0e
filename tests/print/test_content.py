"""Who gets print matter, what it says, and the privacy gate in front of the printer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator import pipeline
from generator.printing import PrintBlocked, build_print
from generator.printing.content import allowed_contacts, gate, krant_text, tracked_url
from tests.print.conftest import TODAY, Printed, pdf_text

KRANT_FILES = {"krant.txt", "krant.jpg", "krant-qr.png", "index.html"}


def files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_open_profiles_get_everything_and_others_nothing(printed: Printed) -> None:
    assert files(printed.out / "haarlem" / "haarlem-k3m9") == {
        "poster.pdf",
        "flyer.pdf",
        *KRANT_FILES,
    }
    assert files(printed.out / "haarlem") >= {"poster.pdf", *KRANT_FILES}
    # gekoppeld, in_gesprek, gesloten: a listing page that says why, and nothing to print.
    for folder in ("haarlem/haarlem-b2dq", "haarlem/haarlem-r4tn", "rijswijk/rijswijk-q5jc"):
        assert files(printed.out / folder) == {"index.html"}, folder
        page = (printed.out / folder / "index.html").read_text("utf-8")
        assert "geen drukwerk" in page and 'content="noindex, nofollow"' in page
    assert not (printed.out / "heerenveen" / "heerenveen-t9rm").exists()  # concept: no page
    assert set(printed.result.skipped) == {
        "haarlem-b2dq",
        "haarlem-r4tn",
        "rijswijk-q5jc",
        "wijchen-m3gd",
    }


def test_krant_text_is_short_in_register_u_and_names_the_contact(printed: Printed) -> None:
    texts = sorted(printed.out.rglob("krant.txt"))
    assert len(texts) >= 8
    for path in texts:
        headline, _blank, body = path.read_text("utf-8").partition("\n\n")
        assert headline and len(body.split()) <= 120, path
        words = set(re.findall(r"\w+", body.lower()))
        assert not words & {"je", "jij", "jouw", "jullie"}, path
        assert "u" in words
        assert "@example.org" in body and "buurtgezinnen.example/" in body
    kit = (printed.out / "haarlem" / "haarlem-k3m9" / "krant.txt").read_text("utf-8")
    assert kit.startswith("Gezocht: een steungezin in Schalkwijk\n\n")
    assert "buurtgezinnen.example/haarlem/haarlem-k3m9" in kit


def test_long_stories_are_cut_to_the_word_limit(printed: Printed) -> None:
    profile = printed.catalog.profile("haarlem-k3m9")
    gemeente = printed.catalog.settings.gemeente("haarlem")
    assert profile is not None and gemeente is not None
    long = profile.model_copy(update={"title": " ".join(["Een heel lange titel"] * 12)})
    _headline, text = krant_text(printed.catalog, gemeente, long)
    assert len(text.split()) <= 120
    assert text.endswith("(haarlem@example.org, 023 000 0001).")


def test_tracked_url_refuses_an_unknown_channel() -> None:
    assert tracked_url("https://x.example/", "a/", "markt").endswith(
        "a/?utm_source=markt&utm_medium=print"
    )
    with pytest.raises(ValueError, match="unknown print channel"):
        tracked_url("https://x.example/", "a/", "facebook")


def test_gate_allows_only_configured_contacts(printed: Printed) -> None:
    settings = printed.catalog.settings
    allowed = allowed_contacts(settings, settings.require_gemeente("haarlem"))
    gate(
        ["Bel 023 000 0001 of mail haarlem@example.org", "info@buurtgezinnen.example"], allowed, "t"
    )
    with pytest.raises(PrintBlocked, match="070 000 0002"):
        gate(["Bel 070 000 0002"], allowed, "test")  # Rijswijk's coordinator, not Haarlem's
    with pytest.raises(PrintBlocked, match="06-12345678"):
        gate(["Bel gerust 06-12345678"], allowed, "test")
    with pytest.raises(PrintBlocked, match=r"buurman@example\.net"):
        gate(["Mail buurman@example.net"], allowed, "test")


def test_a_profile_the_privacy_gate_stops_is_never_printed(
    demo_project: Path, tmp_path: Path
) -> None:
    story = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    text = story.read_text("utf-8")
    story.write_text(
        text.replace("verhaal: |\n", "verhaal: |\n  Bel ons op 06-12345678.\n"), "utf-8"
    )
    catalog = pipeline.check(demo_project, on=TODAY)  # not `checked`: it carries the error
    assert any(f.severity == "error" for f in catalog.report.findings)
    result = build_print(catalog, tmp_path / "out", tmp_path / "cache", workers=1)
    assert "privacycontrole" in result.skipped["haarlem-k3m9"]
    assert files(tmp_path / "out" / "haarlem" / "haarlem-k3m9") == {"index.html"}
    for pdf in (tmp_path / "out").rglob("*.pdf"):
        assert "12345678" not in pdf_text(pdf)
    for other in (tmp_path / "out").rglob("*.txt"):
        assert "12345678" not in other.read_text("utf-8")


def test_a_title_of_only_emoji_still_gets_a_headline(printed: Printed, tmp_path: Path) -> None:
    from dataclasses import replace

    profile = printed.catalog.profile("heerenveen-w6ka")
    assert profile is not None
    odd = profile.model_copy(update={"title": "🌈🌈🌈🌈🌈"})
    others = [p for p in printed.catalog.profiles if p.id != profile.id]
    # _cache_key=None: the catalog indexes profiles by their number, which did not change.
    catalog = replace(printed.catalog, profiles=[*others, odd], _cache_key=None)
    gemeente = catalog.settings.require_gemeente("heerenveen")
    build_print(catalog, tmp_path, tmp_path / "cache", [gemeente], ["heerenveen-w6ka"], workers=1)
    text = pdf_text(tmp_path / "heerenveen" / "heerenveen-w6ka" / "poster.pdf")
    assert "Wie helpt dit gezin in de buurt?" in " ".join(text.split())
