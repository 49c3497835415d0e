"""`buurtsite report` end to end: figures read from a real ledger and a real forms database."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from generator.cli import cli
from generator.forms import migrate
from generator.forms.fields import Submission
from generator.forms.purge import purge
from generator.forms.store import insert_many, make_engine, tellingen
from generator.publish.ledger import Ledger, PostState
from tests.forms import factories

NAME, EMAIL, PHONE = "Testpersoon Achternaamsen", "bewoner@example.net", "0612345678"


def submission(profile: str | None, source: str, utm: str | None = None) -> Submission:
    return factories.submission(
        profile=profile,
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        place="Haarlem",
        household="twee volwassenen",
        message="Wij willen graag helpen.",
        source=source,
        utm={"utm_source": utm} if utm else {},
    )


@pytest.fixture
def recorded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo_project: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setenv("BUURTSITE_DATA_DIR", str(data))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.chdir(demo_project.parent)
    engine = make_engine(migrate.database_url())
    migrate.upgrade(engine)
    # Idempotency makes one person answering one profile twice a day one aanmelding: vary days.
    for day in (14, 15, 16, 17):
        insert_many(
            engine,
            [(submission("haarlem-k3m9", "facebook", "facebook"), ["c@example.org"])],
            now=datetime(2026, 10, day, 12),
        )
    insert_many(engine, [(submission(None, "krant"), ["c@example.org"])], datetime(2026, 11, 2))
    # Three old aanmeldingen that retention removes; their counts must stay.
    for day in (3, 4, 5):
        insert_many(
            engine, [(submission("haarlem-b2dq", "website"), [])], datetime(2025, 3, day, 9)
        )
    purge(engine, 12, now=datetime(2026, 11, 23))
    with engine.connect() as conn:
        assert sum(r.aantal for r in conn.execute(select(tellingen.c.aantal))) == 3
    engine.dispose()
    with Ledger.in_dir(data) as ledger:
        for pid, day in (("haarlem-k3m9", 13), ("haarlem-p7wx", 13), ("rijswijk-h8vz", 3)):
            action = ledger.begin(pid, "100000000000001", "create", date(2026, 10, day))
            ledger.finish(action, pid, PostState.LIVE, post_id=f"1_{pid}")
        # An attempt whose outcome never became known is no post.
        ledger.begin("wijchen-z4nf", "100000000000004", "create", date(2026, 10, 29))
    return data


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, ["report", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_csv_figures(recorded: Path) -> None:
    table = run("--van", "2026-10-01", "--tot", "2026-11-23", "--format", "csv")
    rows = {line.split(",")[0]: line.split(",") for line in table.splitlines()[1:]}
    haarlem = rows["haarlem"]
    # zoekend begin/eind (families: the sibling pair k3m9 + p7wx is one), nieuw, koppelingen,
    # doel, per jaar, mediaan, aanmeldingen,
    # kanalen (facebook 4 is hidden: with the lone "< 3" it would give that one away; then
    # poster, flyer, krant, school, markt), posts
    assert haarlem[3:] == [
        *("1", "2", "2", "0", "1.8", "12", "", "5", "x", "0", "< 3"),
        *("0", "0", "0", "0", "0", "2"),
    ]
    assert rows["rijswijk"][-1] == "1"
    assert rows["wijchen"][-1] == "0"


def test_counts_survive_retention(recorded: Path) -> None:
    table = run(
        "--van", "2025-01-01", "--tot", "2025-12-31", "--format", "csv", "--gemeente", "haarlem"
    )
    haarlem = table.splitlines()[1].split(",")
    assert haarlem[10] == "3"  # aanmeldingen in 2025, all purged, all counted
    assert haarlem[12] == "3"  # ... through the website


def test_every_format_is_free_of_personal_data(recorded: Path, tmp_path: Path) -> None:
    outputs = [run("--format", fmt, "--van", "2025-01-01") for fmt in ("md", "csv")]
    target = tmp_path / "rapport.html"
    run("--format", "html", "--van", "2025-01-01", "--uitvoer", str(target))
    outputs.append(target.read_text(encoding="utf-8"))
    for text in outputs:
        for secret in (NAME, "Achternaamsen", EMAIL, PHONE, "Wij willen graag helpen"):
            assert secret not in text
    assert "<svg" in outputs[2] and "Koppelingen in Haarlem" in outputs[2]


def test_bad_period_and_gemeente_are_clear_errors(recorded: Path) -> None:
    result = CliRunner().invoke(cli, ["report", "--van", "2026-12-01", "--tot", "2026-01-01"])
    assert result.exit_code == 1 and "--van ligt na --tot" in result.output
    result = CliRunner().invoke(cli, ["report", "--gemeente", "haarlm"])
    assert (
        result.exit_code == 1
        and "onbekende gemeente 'haarlm' — bedoelde u 'haarlem'?" in result.output
    )
    result = CliRunner().invoke(cli, ["report", "--van", "1 januari"])
    assert result.exit_code == 2 and "is geen datum" in result.output


def test_a_single_aanmelding_is_not_given_away(recorded: Path) -> None:
    # In November Haarlem has one aanmelding (through the local paper, for no profile).
    # It used to read "Aanmeldingen 1" beside a "< 3" for that channel.
    md = run("--van", "2026-11-01", "--tot", "2026-11-23", "--gemeente", "haarlem")
    assert "| Aanmeldingen | 1 |" not in md
    assert "| Aanmeldingen | < 3 |" in md
    assert "| Anders (via via, krant of school zonder QR-code ...) | < 3 |" in md
    table = run("--van", "2026-11-01", "--tot", "2026-11-23", "--format", "csv")
    rows = {line.split(",")[0]: line.split(",") for line in table.splitlines()[1:]}
    assert rows["haarlem"][10:14] == ["< 3", "0", "0", "< 3"]
    # Nationally, the other gemeenten have none: the national total would be Haarlem's.
    national = run("--van", "2026-11-01", "--tot", "2026-11-23")
    [total] = [line for line in national.splitlines() if line.startswith("| **totaal** |")]
    assert total.split(" | ")[6] == "< 3"
