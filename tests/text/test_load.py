"""The character rule applied after YAML parsing: profiles and site_config.yml."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import pipeline
from generator.cli import cli
from generator.errors import ConfigError

SOURCE = "profiles/haarlem/speelmiddag-jongen-7.yml"


def check_json(project: Path, *args: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(
        cli, ["check", "--config", str(project / "site_config.yml"), "--format", "json", *args]
    )
    rows = [json.loads(r) for r in result.output.splitlines() if r.startswith("{")]
    assert "Traceback" not in result.output
    return result.exit_code, rows


def with_line(path: Path, key: str, line: str) -> None:
    """Replace the line that starts with ``key:`` (and its indented block) by ``line``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, row in enumerate(lines) if row.startswith(f"{key}:"))
    end = index + 1
    while end < len(lines) and lines[end].startswith(" "):
        end += 1
    lines[index:end] = [line]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_escaped_backspace_in_a_title_is_an_error_at_its_column(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = demo_project.parent
    monkeypatch.chdir(project)
    with_line(project / SOURCE, "titel", 'titel: "Vrolijke jongen\\b van 7 \\a zoekt"')
    line = (project / SOURCE).read_text(encoding="utf-8").splitlines().index(
        'titel: "Vrolijke jongen\\b van 7 \\a zoekt"'
    ) + 1
    code, rows = check_json(project, SOURCE)
    assert code == 1
    found = [
        (r["line"], r["column"], r["code"], r["field"]) for r in rows if r["code"] == "text-control"
    ]
    assert found == [(line, 24, "text-control", "titel"), (line, 33, "text-control", "titel")]
    messages = [r["message"] for r in rows if r["code"] == "text-control"]
    assert "onzichtbaar teken U+0008 (backspace)" in messages[0]
    assert "U+0007 (bel)" in messages[1]
    assert all(r["suggestion"] for r in rows if r["code"] == "text-control")


def test_every_spelling_of_a_control_is_found_in_wishes(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = demo_project.parent
    monkeypatch.chdir(project)
    path = project / SOURCE
    with_line(
        path,
        "wensen",
        'wensen: ["pad C:\\\\x08 is gewoon tekst", "echt \\x1B[31m rood", "\\u0000"]',
    )
    code, rows = check_json(project, SOURCE)
    found = sorted(
        (r["column"], r["field"], r["message"][:33]) for r in rows if r["code"] == "text-control"
    )
    assert code == 1
    assert found == [
        (47, "wensen[1]", "onzichtbaar teken U+001B (escape)"),
        (64, "wensen[2]", "onzichtbaar teken U+0000 (nul-tek"),
    ]


def test_raw_control_character_in_the_file_is_named_at_its_place(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = demo_project.parent
    monkeypatch.chdir(project)
    with_line(project / SOURCE, "titel", "titel: Jongen van 7\x1b zoekt een gezin")
    code, rows = check_json(project, SOURCE)
    assert code == 1
    (row,) = rows
    assert row["code"] == "text-control" and row["column"] == 20
    assert "U+001B (escape)" in str(row["message"])


def test_word_line_breaks_in_a_story_become_newlines(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = demo_project.parent
    path = project / SOURCE
    source = path.read_text(encoding="utf-8")
    start = source.index("verhaal: |\n") + len("verhaal: |\n  ")
    # Word's soft line break (VT) and page break (FF) pasted into the block scalar, raw.
    path.write_text(source[:start] + "Uit Word\x0bplakken\x0cmag. " + source[start:], "utf-8")
    catalog = pipeline.check(project / "site_config.yml")
    assert catalog.report.errors == []
    story = next(p for p in catalog.profiles if p.id == "haarlem-k3m9").story
    assert story.startswith("Uit Word\nplakken\nmag. ")


def test_bidi_override_in_a_title_but_not_in_a_story(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = demo_project.parent
    monkeypatch.chdir(project)
    with_line(project / SOURCE, "titel", "titel: Jongen van 7 zoekt \u202egezin een")
    code, rows = check_json(project, SOURCE)
    assert code == 1
    assert [(r["code"], r["column"]) for r in rows if r["severity"] == "error"] == [
        ("text-bidi", 27)
    ]


def test_nfd_text_reaches_the_model_as_nfc(demo_project: Path) -> None:
    project = demo_project.parent
    with_line(project / SOURCE, "titel", "titel: Jongen van 7 zoekt een cafe\u0301gezin")
    catalog = pipeline.check(project / "site_config.yml")
    profile = next(p for p in catalog.profiles if p.id == "haarlem-k3m9")
    assert profile.title.endswith("caf\u00e9gezin")


def test_site_config_text_with_a_control_character_is_refused(demo_project: Path) -> None:
    source = demo_project.read_text(encoding="utf-8")
    demo_project.write_text(
        source.replace("titel: Buurtgezinnen", 'titel: "Buurt\\bgezinnen"', 1), "utf-8"
    )
    with pytest.raises(ConfigError) as caught:
        pipeline.check(demo_project)
    (finding,) = caught.value.findings
    assert (finding.line, finding.column, finding.code, finding.field) == (
        4,
        16,
        "text-control",
        "site.titel",
    )


def test_escaped_lone_surrogate_is_named_in_dutch(
    demo_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = demo_project.parent
    monkeypatch.chdir(project)
    with_line(project / SOURCE, "titel", 'titel: "Jongen van 7 \\ud83d zoekt een gezin"')
    code, rows = check_json(project, SOURCE)
    assert code == 1
    (row,) = rows
    assert row["code"] == "text-surrogate" and row["column"] == 8
    assert "los surrogaat" in str(row["message"])
