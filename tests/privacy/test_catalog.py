"""scan_catalog through pipeline.check: positions in the YAML file, acceptances, the gate."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.errors import Finding, Severity, ValidationFailed

PROFILE = """\
id: haarlem-x7pq
gemeente: haarlem
wijk: Schalkwijk
titel: "Voor Daan zoeken wij een speelmaatje"
kinderen:
  - leeftijd: 7
    geslacht: jongen
steunvormen: [speelmiddag]
frequentie: wekelijks
verhaal: |
  Een vrolijke jongen van 7 die graag buiten speelt en hutten bouwt.

  Zijn moeder Fatima werkt veel. Bel haar op 06-12345678 of mail
  moeder@example.nl voor een kennismaking.
wensen:
  - Een gezin met een tuin
  - Liefst dicht bij OBS De Vlinder
pseudoniem: Sam
status: open
gepubliceerd: 2026-11-01
illustratie: spelen
facebook:
  tekst: >
    Sam zit op De Regenboog en
    heeft autisme.
"""


def write_profile(config: Path, text: str) -> Path:
    path = config.parent / "profiles" / "haarlem" / "test-privacy.yml"
    path.write_text(text, encoding="utf-8")
    return path


def privacy_findings(config: Path, path: Path) -> list[Finding]:
    catalog = pipeline.check(config, [path])
    return [f for f in catalog.report.sorted() if f.code.startswith("privacy-")]


def by_text(findings: list[Finding]) -> dict[str, Finding]:
    return {f.text or f.message: f for f in findings}


def test_findings_point_at_the_words_in_the_file(demo_project: Path) -> None:
    path = write_profile(demo_project, PROFILE)
    found = by_text(privacy_findings(demo_project, path))
    # Quoted title: the name sits after the opening quote.
    assert (found["Daan"].line, found["Daan"].column, found["Daan"].field) == (4, 14, "titel")
    # Block scalar: the text starts on the next line, indented by two.
    assert (found["Fatima"].line, found["Fatima"].column) == (13, 15)
    assert (found["06-12345678"].line, found["06-12345678"].column) == (13, 46)
    assert (found["moeder@example.nl"].line, found["moeder@example.nl"].column) == (14, 3)
    assert found["Fatima"].field == "verhaal"
    assert found["Fatima"].code == "privacy-name" and found["Fatima"].type == "name"
    # A list item and a folded scalar.
    assert (found["OBS De Vlinder"].line, found["OBS De Vlinder"].column) == (17, 22)
    assert found["OBS De Vlinder"].field == "wensen[1]"
    assert (found["De Regenboog"].line, found["De Regenboog"].column) == (24, 16)
    assert found["autisme"].severity is Severity.WARNING
    assert "Sam" not in found and "Schalkwijk" not in found
    lines = PROFILE.splitlines()
    for f in found.values():
        assert lines[f.line - 1][f.column - 1 :].startswith(f.text or "")


def test_errors_block_the_checked_pipeline(demo_project: Path) -> None:
    write_profile(demo_project, PROFILE)
    with pytest.raises(ValidationFailed) as info:
        pipeline.checked(demo_project)
    assert any(f.code == "privacy-phone" for f in info.value.findings)


def test_acceptance_turns_a_finding_into_info_and_unused_ones_warn(demo_project: Path) -> None:
    accepted = PROFILE + (
        "privacy:\n  toegestaan:\n"
        "    - {tekst: autisme, reden: nodig om een passend gezin te vinden}\n"
        "    - {tekst: Kees, reden: bestaat niet meer}\n"
    )
    path = write_profile(demo_project, accepted)
    found = privacy_findings(demo_project, path)
    autism = next(f for f in found if f.text == "autisme")
    assert autism.severity is Severity.INFO
    assert "geaccepteerd" in autism.message and "passend gezin" in autism.message
    unused = [f for f in found if f.code == "privacy-unused-acceptance"]
    assert len(unused) == 1 and "Kees" in unused[0].message
    assert unused[0].severity is Severity.WARNING and unused[0].line == 29


def test_demo_profiles_have_no_privacy_errors() -> None:
    repo = Path(__file__).resolve().parents[2]
    catalog = pipeline.check(repo / "site_config.yml")
    errors = [f for f in catalog.report.errors if f.code.startswith("privacy-")]
    assert errors == []


def test_only_the_checked_file_is_scanned(demo_project: Path) -> None:
    write_profile(demo_project, PROFILE)
    other = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    catalog = pipeline.check(demo_project, [other])
    assert not [f for f in catalog.report.findings if f.code.startswith("privacy-")]


def test_rare_detail_with_the_profiles_own_wijk_and_age_is_a_combination(
    demo_project: Path,
) -> None:
    twin = PROFILE.replace("Een vrolijke jongen van 7", "Een vrolijke tweelingbroer")
    path = write_profile(demo_project, twin)
    found = [f for f in privacy_findings(demo_project, path) if f.type == "combination"]
    assert [f.text for f in found] == ["tweelingbroer", "autisme"]
    assert all(f.severity is Severity.WARNING for f in found)
    assert "Schalkwijk" in found[0].message and "7" in found[0].message


def test_missing_name_lists_stop_the_gate_with_the_install_command(
    demo_project: Path, tmp_path: Path
) -> None:
    """A broken install (deduce without its lists) is refused, not scanned with fewer names."""
    import os
    import subprocess
    import sys

    fake = tmp_path / "shadow" / "deduce"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(fake.parent)}
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=demo_project.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert "pip install 'deduce" in proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
