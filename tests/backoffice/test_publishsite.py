"""The fast approval path writes the same site/ as a full build would."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator import pipeline
from generator.backoffice.publishsite import NotPublished, publish_profile
from generator.build import PrivacyBlocked, precompress
from generator.errors import ValidationFailed
from tests.site.conftest import TODAY, build, copy_demo

NEW_PROFILE = """id: haarlem-n4w2
gemeente: haarlem
wijk: Schalkwijk
titel: Een rustig gezin gezocht voor een meisje van 6
kinderen:
  - leeftijd: 6
    geslacht: meisje
steunvormen: [speelmiddag]
frequentie: wekelijks
verhaal: |
  Dit meisje van 6 tekent graag en speelt het liefst buiten. Haar moeder werkt veel en
  zoekt een gezin in de buurt voor een vaste middag in de week.
status: open
gepubliceerd: 2026-11-20
illustratie: spelen
"""


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BUURTSITE_TODAY", TODAY.isoformat())
    config = copy_demo(tmp_path / "snel")
    build(config)
    return config


def fast(config: Path, profile_id: str) -> list[str]:
    """The fast path; afterwards every text file's .gz is there and not older than it (the
    server serves no older .gz), though only the files written were compressed, not the site
    walked (``build.precompress`` with paths)."""
    root = config.parent
    result = publish_profile(
        config, profile_id, root / "site", root / "build" / "staged", root / ".cache" / "kaarten"
    )
    assert precompress(root / "site") == 0  # a full pass finds nothing left to compress
    return result.written


def full(config: Path, tmp_path: Path) -> dict[str, bytes]:
    """A full build of the same project into a fresh folder (same card cache)."""
    clean = tmp_path / "volledig"
    shutil.copytree(config.parent, clean, ignore=shutil.ignore_patterns("site", "build"))
    build(clean / "site_config.yml")
    return tree(clean / "site")


def test_new_profile_fast_path_equals_full_build(demo: Path, tmp_path: Path) -> None:
    (demo.parent / "profiles" / "haarlem" / "nieuw-meisje-6.yml").write_text(
        NEW_PROFILE, encoding="utf-8"
    )
    written = fast(demo, "haarlem-n4w2")
    assert "docs/haarlem/haarlem-n4w2.md" in written
    assert "docs/kaarten/profiel/haarlem-n4w2.png" in written
    site = tree(demo.parent / "site")
    assert "haarlem/haarlem-n4w2/index.html" in site
    expected = full(demo, tmp_path)
    assert sorted(site) == sorted(expected)
    different = [name for name in expected if site[name] != expected[name]]
    assert different == []


def test_status_change_fast_path_equals_full_build(demo: Path, tmp_path: Path) -> None:
    path = demo.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    text = path.read_text(encoding="utf-8").replace("status: open", "status: gekoppeld")
    path.write_text(
        text.replace(
            "  - {status: open, datum: 2026-10-12}",
            "  - {status: open, datum: 2026-10-12}\n  - {status: gekoppeld, datum: 2026-11-22}",
        ),
        encoding="utf-8",
    )
    before = (demo.parent / "site" / "haarlem" / "index.html").read_bytes()
    fast(demo, "haarlem-k3m9")
    site = tree(demo.parent / "site")
    assert site["haarlem/index.html"] != before
    expected = full(demo, tmp_path)
    assert sorted(site) == sorted(expected)
    assert [name for name in expected if site[name] != expected[name]] == []


def test_contact_details_block_the_fast_path(demo: Path) -> None:
    path = demo.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("titel: Voor een", "titel: Bel 06-12345678 voor een"), encoding="utf-8"
    )
    page = (demo.parent / "site" / "haarlem" / "haarlem-k3m9" / "index.html").read_bytes()
    with pytest.raises(BuurtsiteErrorTypes):
        fast(demo, "haarlem-k3m9")
    assert (demo.parent / "site" / "haarlem" / "haarlem-k3m9" / "index.html").read_bytes() == page


def test_the_approval_refuses_exactly_what_check_refuses(demo: Path) -> None:
    """A duplicate id written into another gemeente's file after the server's warm-up: the
    approved profile's own file is unchanged and its validation cached, yet the approval is
    refused with every error that `buurtsite check` gives in a fresh process."""
    pipeline.check(demo)  # the warm-up: every file parsed, validated and scanned
    other = demo.parent / "profiles" / "wijchen" / "oppas-baby.yml"
    other.write_text(
        other.read_text(encoding="utf-8").replace("id: wijchen-c7yh", "id: haarlem-k3m9"),
        encoding="utf-8",
    )
    page = (demo.parent / "site" / "haarlem" / "haarlem-k3m9" / "index.html").read_bytes()
    with pytest.raises(ValidationFailed) as refused:
        fast(demo, "haarlem-k3m9")
    command = [sys.executable, "-m", "generator", "check", "--format", "json", "--config"]
    check = subprocess.run(
        [*command, str(demo)], capture_output=True, text=True, check=False, cwd=demo.parent
    )
    assert check.returncode == 1
    rows = [json.loads(line) for line in check.stdout.splitlines()]
    expected = sorted(
        (r["file"], r["line"], r["column"], r["code"], r["message"])
        for r in rows
        if r["severity"] != "warning"
    )
    got = sorted((f.file, f.line, f.column, f.code, f.message) for f in refused.value.findings)
    assert got == expected
    assert {(file, code) for file, _l, _c, code, _m in got} == {
        ("profiles/haarlem/speelmiddag-jongen-7.yml", "duplicate-id"),
        ("profiles/wijchen/oppas-baby.yml", "duplicate-id"),
    }
    assert (demo.parent / "site" / "haarlem" / "haarlem-k3m9" / "index.html").read_bytes() == page


def test_needs_a_previous_full_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BUURTSITE_TODAY", TODAY.isoformat())
    config = copy_demo(tmp_path / "leeg")
    with pytest.raises(NotPublished, match="bouw eerst de hele site"):
        fast(config, "haarlem-k3m9")


# The privacy gate of check (a phone number in a title is an error) stops it before render;
# the published-text gate would stop it after. Either way nothing is written.
BuurtsiteErrorTypes = (PrivacyBlocked, ValidationFailed)


def test_a_card_left_out_of_the_plan_stops_the_fast_path() -> None:
    """A page showing a profile whose card was not planned would fall back to the default
    card and differ from a full build; the job then builds the whole site instead."""
    from generator.backoffice.publishsite import _Cards

    cards = _Cards({}, {"profiel:haarlem-k3m9"})
    assert cards.get("profiel:concept-zonder-pagina") is None
    with pytest.raises(NotPublished):
        cards.get("profiel:haarlem-k3m9")
