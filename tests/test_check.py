"""`buurtsite check`: every kind of bad input gives its Dutch message at the right line, exit 1."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli

BAD = Path(__file__).parent / "data" / "bad"

# file -> (line, column or None, code, a fragment of the Dutch message)
EXPECTED: dict[str, tuple[int, int | None, str, str]] = {
    "01_syntax_colon.yml": (4, 14, "yaml-syntax", "dubbele punt tussen aanhalingstekens"),
    "02_tab_indent.yml": (6, 1, "yaml-tab", "tabs zijn niet toegestaan"),
    "03_duplicate_key.yml": (
        19,
        1,
        "duplicate-key",
        "'titel' staat er twee keer in (ook op regel 4)",
    ),
    "04_list_root.yml": (1, 1, "wrong-type", "moet een blok met velden zijn"),
    "05_scalar_root.yml": (1, 1, "wrong-type", "moet een blok met velden zijn"),
    "06_children_mapping.yml": (6, 3, "wrong-type", "'kinderen' moet een lijst"),
    "07_age_text.yml": (6, 15, "wrong-type", "moet een geheel getal zijn, niet 'acht'"),
    "08_age_out_of_range.yml": (6, 15, "out-of-range", "mag hooguit 23 zijn"),
    "09_impossible_date.yml": (16, 15, "invalid-date", "'2026-02-30' is geen bestaande datum"),
    "10_unknown_gemeente.yml": (2, 11, "unknown-gemeente", "bedoelde u 'haarlem'?"),
    "11_unknown_wijk.yml": (3, 7, "unknown-wijk", "bedoelde u 'Schalkwijk'?"),
    "12_unknown_support.yml": (8, 15, "unknown-value", "bedoelde u 'speelmiddag'?"),
    "13_unknown_key.yml": (4, 1, "unknown-field", "onbekend veld 'title' — bedoelde u 'titel'?"),
    "14_missing_field.yml": (1, 1, "missing-field", "verplicht veld 'frequentie' ontbreekt"),
    "15_duplicate_id.yml": (1, 5, "duplicate-id", "wordt ook gebruikt in profiles/haarlem/"),
    "16_wrong_folder.yml": (2, 11, "wrong-folder", "verplaats het naar profiles/rijswijk/"),
    "17_not_utf8.yml": (11, 10, "file-encoding", "niet in UTF-8 opgeslagen"),
    "18_empty.yml": (1, 1, "file-empty", "het bestand is leeg"),
    "19_binary.yml": (3, 1, "file-binary", "geen tekstbestand"),
    "20_alias_bomb.yml": (1, 4, "yaml-alias", "ankers en aliassen"),
    "21_deep_nesting.yml": (19, None, "yaml-too-deep", "dieper genest"),
    "22_python_tag.yml": (4, 8, "yaml-tag", "'!!python/object/apply:os.system' is niet toegestaan"),
    "23_two_documents.yml": (19, 1, "yaml-multiple-documents", "meer dan één YAML-document"),
    "24_unclosed_quote.yml": (4, 8, "yaml-syntax", "aanhalingsteken niet afgesloten"),
    "25_anders_without_text.yml": (8, 28, "invalid", "hoort `steunvorm_anders`"),
    "26_unknown_status.yml": (15, 9, "unknown-value", "kies uit: 'concept', 'open'"),
    "27_expiry_before_published.yml": (17, 11, "invalid", "`verloopt` ligt vóór `gepubliceerd`"),
    "28_unknown_sibling.yml": (19, 17, "unknown-sibling", "geen profiel met id 'haarlem-zzzz'"),
    "29_bool_text.yml": (20, 15, "wrong-type", "moet ja of nee (true/false) zijn"),
    "30_age_range_reversed.yml": (6, 5, "invalid", "`leeftijd_van` is groter dan `leeftijd_tot`"),
    "31_wishes_scalar.yml": (13, 9, "wrong-type", "'wensen' moet een lijst"),
    "32_published_missing.yml": (15, 9, "missing-field", "`gepubliceerd` (datum) is verplicht"),
    "33_bad_id.yml": (1, 5, "bad-format", "'id' heeft niet de juiste vorm"),
    "34_curly_quotes.yml": (4, 16, "yaml-curly-quotes", "tellen in YAML niet als aanhalingstekens"),
    "35_indent_field.yml": (7, 14, "yaml-indent", "dit veld springt verder in"),
    "36_indent_list.yml": (15, 2, "yaml-indent", "deze regel begint in een andere kolom"),
    "37_missing_colon.yml": (9, 1, "yaml-syntax", "ontbreekt de ':' na de veldnaam"),
    "38_text_after_bar.yml": (10, 12, "yaml-syntax", "na '|' of '>' mag op dezelfde regel niets"),
}


def run_check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["check", *args], catch_exceptions=False)
    return result.exit_code, result.output


def test_every_bad_file_is_expected() -> None:
    assert sorted(p.name for p in BAD.glob("*.yml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 25


def test_demo_content_is_clean(monkeypatch: pytest.MonkeyPatch, demo_project: Path) -> None:
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check()
    assert code == 0, output
    assert "0 fout(en)" in output


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_gives_dutch_message_at_its_line(
    name: str, demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    line, column, code, fragment = EXPECTED[name]
    target = demo_project.parent / "profiles" / "haarlem" / name
    shutil.copy(BAD / name, target)
    monkeypatch.chdir(demo_project.parent)
    exit_code, output = run_check(str(target.relative_to(demo_project.parent)), "--format", "json")
    assert exit_code == 1
    findings = [json.loads(row) for row in output.splitlines() if row.startswith("{")]
    matching = [f for f in findings if f["code"] == code and fragment in f["message"]]
    assert matching, findings
    assert matching[0]["file"] == f"profiles/haarlem/{name}"
    assert matching[0]["line"] == line
    if column is not None:
        assert matching[0]["column"] == column
    assert matching[0]["severity"] == "error"
    assert "Traceback" not in output


def test_yaml_syntax_messages_have_no_english() -> None:
    from generator.load import load_yaml

    english = ("while ", "expected", "found", "mapping", "scalar", "block")
    for path in sorted(BAD.glob("*.yml")):
        _doc, findings = load_yaml(path, BAD)
        for f in findings:
            if f.code.startswith("yaml-"):
                assert not any(word in f.message for word in english), (path.name, f.message)


def test_curly_quotes_are_named_and_straight_ones_suggested() -> None:
    from generator.load import load_yaml

    _doc, findings = load_yaml(BAD / "34_curly_quotes.yml", BAD)
    assert len(findings) == 1
    assert "krullende aanhalingstekens" in findings[0].message
    assert 'Gebruik rechte: "..."' in findings[0].message
    assert 'dus titel: "Gezocht: een vrolijk gezin voor een jongen van 8"' in findings[0].message


def test_an_apostrophe_is_not_taken_for_a_quote(tmp_path: Path) -> None:
    from generator.load import load_yaml

    path = tmp_path / "x.yml"
    path.write_text("titel: ‘s avonds: een gezin gezocht\n", encoding="utf-8")
    _doc, findings = load_yaml(path, tmp_path)
    assert [f.code for f in findings] == ["yaml-syntax"]
    assert "dubbele punt tussen aanhalingstekens" in findings[0].message


def test_text_format_names_file_line_and_column(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copy(BAD / "13_unknown_key.yml", demo_project.parent / "profiles/haarlem/x.yml")
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check()
    assert code == 1
    assert "profiles/haarlem/x.yml:4:1: fout: onbekend veld 'title' — bedoelde u 'titel'?" in output


def test_all_problems_reported_in_one_run(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("07_age_text.yml", "11_unknown_wijk.yml", "12_unknown_support.yml"):
        shutil.copy(BAD / name, demo_project.parent / "profiles" / "haarlem" / name)
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check("--format", "json")
    files = {json.loads(r)["file"] for r in output.splitlines() if r.startswith("{")}
    assert code == 1
    assert len(files) == 3


def test_huge_file_is_refused(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = demo_project.parent / "profiles" / "haarlem" / "groot.yml"
    target.write_bytes(b"verhaal: " + b"a" * (10 * 1024 * 1024))
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check("profiles/haarlem/groot.yml")
    assert code == 1
    assert "hooguit 256 KB" in output


def test_utf8_bom_is_fine(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    source.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check(str(source.relative_to(demo_project.parent)))
    assert code == 0, output


def test_warnings_fail_only_with_strict(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    source.write_text(source.read_text().replace("verloopt: 2027-06-30", "verloopt: 2026-11-30"))
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check()
    assert code == 0
    assert "waarschuwing" in output and "verloopt op 2026-11-30" in output
    code, _ = run_check("--streng")
    assert code == 1


def test_expired_open_and_sibling_warnings(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = demo_project.parent
    sibling = root / "profiles" / "haarlem" / "logeren-meisje-4.yml"
    sibling.write_text(sibling.read_text().replace("status: open", "status: gekoppeld"))
    older = root / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    older.write_text(
        older.read_text().replace("gepubliceerd: 2026-10-12", "gepubliceerd: 2026-01-02")
    )
    monkeypatch.chdir(root)
    code, output = run_check("--format", "json")
    codes = {json.loads(r)["code"] for r in output.splitlines() if r.startswith("{")}
    assert code == 0
    assert {"sibling-closed", "open-long"} <= codes


def test_broken_config_is_reported(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = demo_project.read_text().replace("  titel: Buurtgezinnen", "  title: Buurtgezinnen")
    demo_project.write_text(text.replace('primair: "#c2410c"', 'primair: "oranje"'))
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check()
    assert code == 1
    assert (
        "site_config.yml:4:3: fout [site.title]: onbekend veld 'title' — bedoelde u 'titel'?"
        in output
    )
    assert "site_config.yml:7:14: fout: 'site.kleuren.primair' heeft niet de juiste vorm" in output
    assert output.index(":4:3:") < output.index(":7:14:")


def test_missing_config_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run_check()
    assert code == 1
    assert "configuratiebestand site_config.yml niet gevonden" in output


def test_no_traceback_in_a_real_process(demo_project: Path) -> None:
    root = demo_project.parent
    for name in ("22_python_tag.yml", "19_binary.yml", "20_alias_bomb.yml"):
        shutil.copy(BAD / name, root / "profiles" / "haarlem" / name)
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stdout + proc.stderr
    assert "gehackt" not in proc.stdout + proc.stderr
    assert proc.stdout.count(": fout:") >= 3


def test_dates_are_accepted_as_jjjj_mm_dd_and_dd_mm_jjjj(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    text = source.read_text()
    assert "gepubliceerd: 2026-10-12" in text and "verloopt: 2027-06-30" in text
    source.write_text(
        text.replace("gepubliceerd: 2026-10-12", "gepubliceerd: 12-10-2026").replace(
            "verloopt: 2027-06-30", "verloopt: '30-06-2027'"
        )
    )
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check(str(source.relative_to(demo_project.parent)))
    assert code == 0, output
    source.write_text(text.replace("gepubliceerd: 2026-10-12", "gepubliceerd: 31-02-2026"))
    code, output = run_check(str(source.relative_to(demo_project.parent)))
    assert code == 1
    assert "'31-02-2026' is geen bestaande datum" in output


def test_warning_prints_dates_the_way_they_are_typed(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    source.write_text(source.read_text().replace("verloopt: 2027-06-30", "verloopt: 2026-11-30"))
    monkeypatch.chdir(demo_project.parent)
    _code, output = run_check()
    assert "verloopt op 2026-11-30" in output


def test_choices_ignore_case_and_spaces(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = demo_project.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    text = source.read_text()
    assert "steunvormen: [speelmiddag, uitstapjes]" in text and "frequentie: wekelijks" in text
    source.write_text(
        text.replace("[speelmiddag, uitstapjes]", "[Weekenddag, Samen  Eten]")
        .replace("frequentie: wekelijks", "frequentie: Wekelijks")
        .replace("status: open", "status: Open")
    )
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check(str(source.relative_to(demo_project.parent)))
    assert code == 0, output
    code, output = run_check(str(source.relative_to(demo_project.parent)), "--format", "TEXT")
    assert code == 0, output


def test_field_paths_read_as_dutch(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.errors import field_label

    assert field_label("kinderen[0].leeftijd") == "kind 1, leeftijd"
    assert field_label("wensen[2]") == "wens 3"
    assert field_label("gemeenten[1].wijken[0]") == "gemeente 2, wijk 1"
    assert field_label("site.kleuren.primair") == "site.kleuren.primair"
    shutil.copy(BAD / "07_age_text.yml", demo_project.parent / "profiles/haarlem/x.yml")
    monkeypatch.chdir(demo_project.parent)
    _code, output = run_check()
    assert "'kind 1, leeftijd' moet een geheel getal zijn" in output
    assert "[0]" not in output


def test_config_choices_ignore_case(demo_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = demo_project.read_text()
    assert "  berichttype: foto\n  bij_gekoppeld: bewerken\n" in text
    demo_project.write_text(
        text.replace("berichttype: foto", "berichttype: Foto").replace(
            "bij_gekoppeld: bewerken", "bij_gekoppeld: Bewerken"
        )
    )
    monkeypatch.chdir(demo_project.parent)
    code, output = run_check()
    assert code == 0, output
