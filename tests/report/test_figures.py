"""Progress figures from a small, known history: every number is asserted."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator import pipeline
from generator.report.figures import Channel, PostEvent, SignupEvent, compute, protect
from generator.report.output import csv_text, html, markdown
from generator.validate import Catalog

PROFILE = """\
id: {id}
gemeente: haarlem
wijk: Schalkwijk
titel: Een vrolijk kind zoekt een steungezin {id}
kinderen:
  - leeftijd: 7
steunvormen: [speelmiddag]
frequentie: wekelijks
verhaal: |
  Een vrolijk kind dat graag buiten speelt. Een vaste middag zou veel betekenen.
status: {status}
gepubliceerd: {published}
verloopt: 2027-12-31
statuslog:
{log}
illustratie: spelen
"""


def write_profile(root: Path, pid: str, status: str, log: list[tuple[str, str]]) -> None:
    lines = "\n".join(f"  - {{status: {s}, datum: {d}}}" for s, d in log)
    text = PROFILE.format(id=pid, status=status, published=log[0][1], log=lines)
    (root / "profiles" / "haarlem" / f"{pid}.yml").write_text(text, encoding="utf-8")


@pytest.fixture
def history(demo_project: Path) -> Catalog:
    root = demo_project.parent
    for path in (root / "profiles" / "haarlem").glob("*.yml"):
        path.unlink()
    write_profile(
        root, "haarlem-aaaa", "gekoppeld", [("open", "2026-01-10"), ("gekoppeld", "2026-02-19")]
    )
    write_profile(
        root, "haarlem-bbbb", "gekoppeld", [("open", "2025-12-01"), ("gekoppeld", "2026-03-02")]
    )
    write_profile(root, "haarlem-cccc", "open", [("open", "2026-02-01")])
    write_profile(
        root, "haarlem-dddd", "gesloten", [("open", "2025-11-01"), ("gesloten", "2026-01-15")]
    )
    write_profile(
        root, "haarlem-eeee", "gekoppeld", [("open", "2026-04-01"), ("gekoppeld", "2026-05-01")]
    )
    catalog = pipeline.checked(demo_project)
    return catalog


def signups() -> list[SignupEvent]:
    events = [SignupEvent("haarlem", "haarlem-aaaa", Channel.FACEBOOK, date(2026, 1, 20))] * 4
    events += [SignupEvent("haarlem", "haarlem-cccc", Channel.WEBSITE, date(2026, 2, 5))] * 2
    events += [SignupEvent("haarlem", None, Channel.OTHER, date(2026, 3, 1))]
    events += [SignupEvent("haarlem", "haarlem-aaaa", Channel.FACEBOOK, date(2025, 12, 31))]
    events += [SignupEvent("rijswijk", None, Channel.FACEBOOK, date(2026, 2, 1))]
    return events


def posts() -> list[PostEvent]:
    return [
        PostEvent("haarlem-aaaa", date(2026, 1, 10)),
        PostEvent("haarlem-cccc", date(2026, 2, 1)),
        PostEvent("haarlem-bbbb", date(2025, 12, 1)),
    ]


def test_figures_for_a_quarter(history: Catalog) -> None:
    report = compute(history, date(2026, 1, 1), date(2026, 3, 31), posts(), signups())
    fig = next(g for g in report.gemeenten if g.slug == "haarlem")
    # looking on 1 January: bbbb (open since Dec) and dddd (open since Nov); aaaa opened later.
    assert fig.open_at_start == 2
    # looking on 31 March: only cccc (aaaa and bbbb coupled, dddd closed, eeee not yet open).
    assert fig.open_at_end == 1
    assert fig.new_profiles == 2  # aaaa and cccc opened in the quarter
    assert fig.koppelingen == 2  # aaaa (19 Feb) and bbbb (2 Mar); eeee is in May
    assert fig.median_days_to_koppeling == (40 + 91) / 2
    assert fig.target_per_year == 12
    assert fig.target_in_period == round(12 * 90 / 365, 1)
    assert fig.signups == 7
    assert fig.posts == 2
    assert [v for _, v in fig.koppelingen_by_month] == [0, 1, 2]


def test_small_numbers_are_suppressed(history: Catalog) -> None:
    report = compute(history, date(2026, 1, 1), date(2026, 3, 31), posts(), signups())
    fig = next(g for g in report.gemeenten if g.slug == "haarlem")
    assert fig.signups_by_channel["facebook"].shown == "4"
    assert fig.signups_by_channel["website"].shown == "< 3"
    assert fig.signups_by_channel["anders"].shown == "< 3"
    assert fig.signups_by_profile["haarlem-cccc"].shown == "< 3"
    # cccc = 2 could otherwise be recomputed from aaaa = 4 and the per-profile total.
    assert fig.signups_by_profile["haarlem-aaaa"].shown == "x"
    assert fig.signups_by_profile["haarlem-bbbb"].shown == "0"


def test_protect_hides_a_second_cell_when_one_would_be_recomputable() -> None:
    cells = protect({"a": 1, "b": 5, "c": 9})
    assert [cells[k].shown for k in "abc"] == ["< 3", "x", "9"]
    assert protect({"a": 0, "b": 7})["a"].shown == "0"


def test_outputs_carry_the_figures_and_no_personal_data(history: Catalog) -> None:
    report = compute(history, date(2026, 1, 1), date(2026, 3, 31), posts(), signups())
    md, page, table = markdown(report), html(report), csv_text(report)
    assert "| Koppelingen (doel deze periode) | 2 (3; 12 per jaar) |" in md
    assert "## Landelijk overzicht" in md
    assert "haarlem,2026-01-01,2026-03-31,2,1,2,2,3,12,65.5,7,4,< 3,< 3,0,0,0,0,0,2" in table
    assert (
        "<svg" in page
        and "<script" not in page
        and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    )
    for text in (md, page, table):
        assert "@" not in text
        assert "06-" not in text and "+31" not in text
