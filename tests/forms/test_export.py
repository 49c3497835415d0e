"""The one CSV/JSON writer: Dutch Excel opens it as columns, and no cell can run as a formula."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from sqlalchemy import Engine

from generator.cli import cli
from generator.forms.export import cell, neutralise
from tests.forms.conftest import ORIGIN, REPO, add_user, log_in, rows, valid

HOSTILE = {
    "naam": "Jan;=2+5;",
    "bericht": "Ik help graag\r=HYPERLINK(A1)\n+1;@SUM(A1)\t-2",
    "huishouden": "=cmd|' /C calc'!A0",
}
# utm_source from the page's address: a TAB, then a formula (URL-encoded).
REFERER = ORIGIN + "/steungezin/?utm_source=%09%3D3%2B4&utm_campaign=%3Bhaarlem%0D%3Dx"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def assert_harmless(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    table = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    for row in table:
        for value in row:
            # Every piece a spreadsheet may split a cell into, at ; or a line break or tab.
            for piece in [value, *value.replace("\r", ";").replace("\n", ";").split(";")]:
                assert not piece.startswith(DANGEROUS), (value, piece)
            for piece in value.split("\t")[1:]:
                assert not piece.startswith(DANGEROUS), (value, piece)
    return table


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("Jan;=2+5;", "Jan;'=2+5;"),
        ("a\r=b\n-c\t@d", "a\r'=b\n'-c\t'@d"),
        ("\t=3+4", "'\t'=3+4"),
        ("gewoon; tekst - met streepje", "gewoon; tekst - met streepje"),
    ],
)
def test_neutralise(raw: str, expected: str) -> None:
    assert neutralise(raw) == expected


def test_cells_are_dutch() -> None:
    assert (cell(True), cell(False), cell(None)) == ("ja", "nee", "")


def test_backoffice_and_cli_export_the_same_harmless_dutch_csv(
    base_url: str,
    engine: Engine,
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with httpx.Client(base_url=base_url, headers={"Origin": ORIGIN}, timeout=10) as http:
        sent = http.post("/aanmelden", data=valid(**HOSTILE), headers={"Referer": REFERER})
        assert sent.status_code == 303, sent.text
        assert http.post("/aanmelden", data=valid(email="twee@example.org")).status_code == 303
        log_in(http, "bureau", add_user(engine, "bureau", "backoffice"))
        response = http.get("/backoffice/export?format=csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    table = assert_harmless(response.content.decode("utf-8"))
    header, *body = table
    assert header[:4] == ["kenmerk", "ontvangen", "gewijzigd", "soort"]
    assert "e-mailadres" in header and "oproep niet meer open" in header
    assert len(body) == 2 and all(len(r) == len(header) for r in body)
    hostile = next(
        dict(zip(header, r, strict=True)) for r in body if r[header.index("naam")][0] == "J"
    )
    assert hostile["naam"] == "Jan;'=2+5;"
    # The edge turned the bare CR into a newline (the character rule); the writer still guards.
    assert hostile["bericht"] == "Ik help graag\n'=HYPERLINK(A1)\n'+1;'@SUM(A1)\t'-2"
    assert hostile["campagne: bron"] == "'\t'=3+4"
    assert hostile["oproep niet meer open"] == "nee"
    # Local time (Europe/Amsterdam) as dd-mm-jjjj uu:mm, not UTC in ISO form.
    [stored] = [r for r in rows(engine) if r["naam"] == HOSTILE["naam"]]
    assert hostile["ontvangen"] != stored["created_at"].strftime("%d-%m-%Y %H:%M")
    assert len(hostile["ontvangen"]) == 16 and hostile["ontvangen"][2] == "-"

    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", database_url)
    out = tmp_path / "export.csv"
    result = CliRunner().invoke(
        cli, ["forms", "export", "--uitvoer", str(out), "--config", str(REPO / "site_config.yml")]
    )
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == response.content
