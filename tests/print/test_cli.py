"""`buurtsite print` from the command line: options, aliases, Dutch errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from tests.print.conftest import qr_codes


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["print", *args])
    return result.exit_code, result.output


def test_one_profile_with_dutch_options(demo_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "uit"
    code, output = run(
        "--config", str(demo_project), "--profiel", "haarlem-k3m9", "--uitvoer", str(out)
    )
    assert code == 0, output
    assert "drukwerk geschreven naar" in output and "2 pdf's" in output
    assert sorted(p.name for p in (out / "haarlem" / "haarlem-k3m9").iterdir()) == [
        "flyer.pdf", "index.html", "krant-qr.png", "krant.jpg", "krant.txt", "poster.pdf",
    ]  # fmt: skip
    assert not (out / "haarlem" / "poster.pdf").exists()  # only what was asked for


def test_english_aliases_and_a_channel_in_the_qr(demo_project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, output = run(
        "--config", str(demo_project), "--profile", "haarlem-p7wx", "--kanaal", "school",
        "--out", str(out),
    )  # fmt: skip
    assert code == 0, output
    flyer = out / "haarlem" / "haarlem-p7wx" / "flyer.pdf"
    assert qr_codes(flyer) == [
        "https://www.buurtgezinnen.example/haarlem/haarlem-p7wx/?utm_source=school&utm_medium=print"
    ]


def test_help_shows_only_the_dutch_names() -> None:
    code, output = run("--help")
    assert code == 0
    assert "--profiel" in output and "--uitvoer" in output and "--gemeente" in output
    assert "--profile" not in output and "--out" not in output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--profiel", "haarlem-k3m"),
            "onbekend profiel 'haarlem-k3m' — bedoelde u 'haarlem-k3m9'?",
        ),
        (("--gemeente", "haarlm"), "onbekende gemeente 'haarlm'"),
        (("--gemeente", "rijswijk", "--profiel", "haarlem-k3m9"), "hoort niet bij gemeente"),
    ],
)
def test_mistakes_are_clear_dutch_errors(
    demo_project: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    code, output = run("--config", str(demo_project), *args, "--uitvoer", str(tmp_path / "o"))
    assert code == 1 and message in output and "Traceback" not in output
    assert not (tmp_path / "o").exists()


def test_a_filled_profile_says_why_it_gets_nothing(demo_project: Path, tmp_path: Path) -> None:
    code, output = run(
        "--config", str(demo_project), "--profiel", "haarlem-b2dq", "--uitvoer", str(tmp_path)
    )
    assert code == 0
    assert "geen drukwerk voor 'haarlem-b2dq': alleen open oproepen krijgen drukwerk" in output
    assert not list(tmp_path.rglob("*.pdf"))


def test_whole_gemeente(demo_project: Path, tmp_path: Path) -> None:
    code, output = run(
        "--config", str(demo_project), "--gemeente", "heerenveen", "--uitvoer", str(tmp_path)
    )
    assert code == 0, output
    assert (tmp_path / "heerenveen" / "poster.pdf").is_file()
    assert (tmp_path / "heerenveen" / "heerenveen-w6ka" / "flyer.pdf").is_file()
    assert not (tmp_path / "haarlem").exists()
