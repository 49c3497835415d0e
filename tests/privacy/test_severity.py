"""The three severities: `error` must change, `check` waits for a person, `warning` informs.

And `buurtsite check` blocks on an unconfirmed `check` (exit 1, Dutch hint), carries the
severity in its JSON, and lets a confirmation under `privacy: toegestaan` release it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.cli import cli
from generator.errors import Severity, ValidationFailed
from generator.privacy import scan_text


def severities(text: str, allowed: tuple[str, ...] = ()) -> dict[str, str]:
    return {f.text: f.severity for f in scan_text(text, allowed)}


@pytest.mark.parametrize(
    ("text", "item"),
    [
        ("Bel gerust 0570 - 61 23 45 na zessen.", "0570 - 61 23 45"),
        ("Mail naar moeder(at)gmail(punt)com voor contact.", "moeder(at)gmail(punt)com"),
        ("Mail naar moeder [at] gmail [punt] nl voor contact.", "moeder [at] gmail [punt] nl"),
        ("Zijn BSN is 1112.22.333, graag niet delen.", "1112.22.333"),
        ("Hij is geboren op 2019-03-12 in het ziekenhuis.", "geboren op 2019-03-12"),
        ("Op 12 maart wordt hij 8, dan geven ze een feestje.", "Op 12 maart wordt hij 8"),
        ("Zijn mentor, meneer De Graaf, ziet het ook.", "meneer De Graaf"),
        ("Mirela (6) houdt van knutselen.", "Mirela"),
        ("Wij zeggen Kees, maar thuis heet hij Semere.", "Semere"),
        ("Haar geboortedag: 14 februari 2017.", "geboortedag: 14 februari 2017"),
        (
            "Mail mirela punt popescu apenstaartje gmail punt com",
            "mirela punt popescu apenstaartje gmail punt com",
        ),
        ("Hij voetbalt in de JO9-3 van VV Reeshof.", "JO9-3 van VV Reeshof"),
        ("Hij speelt in de D3 van HC Lichtenvoorde.", "D3 van HC Lichtenvoorde"),
        ("Vader werkt bij Transportbedrijf Dijkstra.", "Transportbedrijf Dijkstra"),
        ("De kinderen gaan naar Jenaplanschool Oost.", "Jenaplanschool Oost"),
        ("Ze zit op De Klimboom in groep 5.", "De Klimboom"),
        ("Vader krijgt begeleiding van Emergis.", "Emergis"),
        ("Jelmer woont met zijn moeder aan de Vlasakker.", "Vlasakker"),
    ],
)
def test_confident_identifiers_are_errors(text: str, item: str) -> None:
    assert severities(text).get(item) == "error", scan_text(text)


@pytest.mark.parametrize(
    ("text", "item"),
    [
        # A proper noun no list knows, without a cue: a person must look.
        ("Samen met Ruthsela pannenkoeken bakken, dat is het plan.", "Ruthsela"),
        ("Beschikbaar vanaf 2026-01-15, in overleg.", "2026-01-15"),
        ("Omid is in behandeling bij Karakter.", "Karakter"),
        # A full name without a role, age or family cue is more often a public figure.
        ("Ze zag Fabio Jakobsen winnen in de Tour.", "Fabio Jakobsen"),
        # A chain is public, but which branch employs the parent is for a person to judge.
        ("Moeder werkt bij de Albert Heijn in het dorp.", "de Albert Heijn"),
        ("Foto's staan op www.gezinvanjanssen.nl, kijk gerust.", "www.gezinvanjanssen.nl"),
    ],
)
def test_uncertain_items_are_checks(text: str, item: str) -> None:
    assert severities(text).get(item) == "check", scan_text(text)


def test_a_name_found_once_is_found_everywhere_with_its_strongest_severity() -> None:
    text = "Voor Yonas (8) zoeken we een gezin. Samen met Yonas bakken ze pannenkoeken."
    found = [f for f in scan_text(text) if f.text == "Yonas"]
    assert len(found) == 2 and {f.severity for f in found} == {"error"}


@pytest.mark.parametrize(
    "text",
    [
        "Hij is fan van Snelle en Davina Michelle en zingt de hele dag.",
        "De oudste is weg van Paw Patrol: Chase en Marshall zijn zijn helden.",
        "Ze wil net zo goed schaatsen als Irene Schouten.",
        "Moeder doet de boodschappen bij de Albert Heijn en bestelt soms via bol.com.",
        "Hij is fan van Ajax (sorry FC Groningen-fans) en van Max Verstappen.",
        "Samen naar het Griftpark of de Efteling, en een Happy Meal bij McDonald's.",
        "Eens per week haalt moeder een pakket bij de Voedselbank.",
        "De Kindertelefoon is gratis te bellen op 0800-0432.",
        "Ze spelen graag op het Plompetorenplein en fietsen naar de Beekse Bergen.",
        "Hij kijkt Freeks Wilde Wereld en tutorials van Bob Ross.",
        "Hun kat heet Garfield en de hond Bobby; haar knuffel, Snuffie, gaat overal mee.",
    ],
)
def test_public_figures_brands_and_places_are_not_findings(text: str) -> None:
    assert [f for f in scan_text(text) if f.severity in ("error", "check")] == []


CHECK_ONLY = """\
id: haarlem-x7pq
gemeente: haarlem
wijk: Schalkwijk
titel: "Een speelmaatje voor een jongen van 7"
kinderen:
  - leeftijd: 7
    geslacht: jongen
steunvormen: [speelmiddag]
frequentie: wekelijks
verhaal: |
  Een vrolijke jongen van 7 die graag buiten speelt.
  Samen met Ruthsela bakt hij het liefst pannenkoeken.
pseudoniem: Sam
status: open
gepubliceerd: 2026-11-01
illustratie: spelen
"""


def write(config: Path, text: str) -> Path:
    path = config.parent / "profiles" / "haarlem" / "test-check.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unconfirmed_check_blocks_build_and_check(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(demo_project, CHECK_ONLY)
    with pytest.raises(ValidationFailed) as info:
        pipeline.checked(demo_project)
    (blocking,) = [f for f in info.value.findings if f.code.startswith("privacy-")]
    assert blocking.severity is Severity.CHECK and blocking.text == "Ruthsela"
    assert "privacy: toegestaan" in (blocking.suggestion or "")
    monkeypatch.chdir(demo_project.parent)
    result = CliRunner().invoke(cli, ["check", "profiles/haarlem/test-check.yml"])
    assert result.exit_code == 1
    assert "controleren [verhaal]: `Ruthsela` lijkt een naam" in result.output
    assert "1 te controleren" in result.output and "`privacy: toegestaan`" in result.output
    result = CliRunner().invoke(
        cli, ["check", "--format", "json", "profiles/haarlem/test-check.yml"]
    )
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert [(r["severity"], r["text"]) for r in rows] == [("check", "Ruthsela")]


def test_a_confirmation_with_a_reason_releases_the_check_and_stays_recorded(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    confirmed = CHECK_ONLY + (
        "privacy:\n  toegestaan:\n"
        "    - tekst: Ruthsela\n"
        "      reden: de pop uit zijn lievelingsboek, geen persoon\n"
    )
    write(demo_project, confirmed)
    catalog = pipeline.checked(demo_project)  # no longer raises
    (info,) = [f for f in catalog.report.findings if f.text == "Ruthsela"]
    assert info.severity is Severity.INFO
    assert info.message.startswith("bevestigd: `Ruthsela`") and "lievelingsboek" in info.message
    monkeypatch.chdir(demo_project.parent)
    result = CliRunner().invoke(cli, ["check", "profiles/haarlem/test-check.yml"])
    assert result.exit_code == 0, result.output


def test_a_club_reported_as_an_error_gets_no_second_combination_message() -> None:
    text = "In Jubbega voetbalt een jongen van 7 bij SV Kwiek."
    found = [(f.severity, f.type, f.text) for f in scan_text(text, ("Jubbega",))]
    assert found == [("error", "club", "SV Kwiek")]
