"""Progress figures from a small, known history: every number is asserted."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date
from itertools import product
from pathlib import Path

import pytest

from generator import pipeline
from generator.report.figures import Channel, PostEvent, ProgressReport, SignupEvent, compute
from generator.report.output import csv_text, html, markdown
from generator.report.suppress import SMALL, Sheet
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
    assert fig.signups.value == 7 and fig.signups.shown == "7"
    assert fig.posts == 2
    assert [v for _, v in fig.koppelingen_by_month] == [0, 1, 2]


def test_small_numbers_are_suppressed(history: Catalog) -> None:
    report = compute(history, date(2026, 1, 1), date(2026, 3, 31), posts(), signups())
    fig = next(g for g in report.gemeenten if g.slug == "haarlem")
    assert fig.signups_by_channel["facebook"].shown == "4"
    assert fig.signups_by_channel["website"].shown == "< 3"
    assert fig.signups_by_channel["anders"].shown == "< 3"
    assert fig.signups_by_profile["haarlem-cccc"].shown == "< 3"
    # Nothing gives cccc away: 7 aanmeldingen, of which 4 for aaaa, leaves 0 to 3 for cccc
    # (some aanmeldingen name no profile), and website + anders = 3 is 1 + 2 or 2 + 1.
    assert fig.signups_by_profile["haarlem-aaaa"].shown == "4"
    assert fig.signups_by_profile["haarlem-bbbb"].shown == "0"


def sheet(values: dict[str, int], parts: str, whole: str, exact: bool = True) -> dict[str, str]:
    table = Sheet()
    for key, value in values.items():
        table.add((key,), value)
    table.tie([(k,) for k in parts], (whole,), exact=exact)
    return {key[0]: cell.shown for key, cell in table.protect().items()}


def test_sheet_hides_a_second_cell_when_one_would_be_recomputable() -> None:
    assert sheet({"a": 1, "b": 5, "c": 9, "t": 15}, "abc", "t") == {
        "a": "< 3",
        "b": "x",
        "c": "9",
        "t": "15",
    }
    assert sheet({"a": 0, "b": 7, "t": 7}, "ab", "t") == {"a": "0", "b": "7", "t": "7"}
    # "< 3" says "1 or 2": two of them under a total below 3 are both 1, whatever else is shown.
    shown = sheet({"a": 1, "b": 1, "c": 0, "t": 2}, "abc", "t")
    assert sorted([shown["a"], shown["b"]]) == ["< 3", "x"] and shown["t"] == "< 3"
    # At most the total: a lone "< 3" under a total of 1 is still only "1 or 2" to a reader.
    assert sheet({"a": 1, "b": 0, "t": 1}, "ab", "t", exact=False) == {
        "a": "< 3",
        "b": "0",
        "t": "< 3",
    }


def possible(shown: str, ceiling: int) -> Iterable[int]:
    """What a reader knows of a shown count. "x" is any number: capped here, well above any
    count in the report, so that the cap itself tells nothing."""
    if shown == "< 3":
        return range(1, 3)
    return range(ceiling + 1) if shown == "x" else [int(shown)]


def solve(
    parts: list[Iterable[int]], whole: Iterable[int], exact: bool = True
) -> tuple[list[set[int]], set[int]]:
    """Every value each part and the whole can take, by trying every combination."""
    wholes = set(whole)
    found: list[set[int]] = [set() for _ in parts]
    fitting: set[int] = set()
    for combo in product(*parts):
        fits = {w for w in wholes if (w == sum(combo) if exact else w >= sum(combo))}
        if fits:
            fitting |= fits
            for i, value in enumerate(combo):
                found[i].add(value)
    return found, fitting


def assert_nothing_small_is_given_away(report: ProgressReport) -> None:
    """Brute force, independent of the code under test: work out every hidden count."""
    ceiling = 2 * report.signups_total.value + SMALL
    cells = {
        fig.slug: [*fig.signups_by_channel.values(), *fig.signups_by_profile.values()]
        for fig in report.gemeenten
    }
    known = {
        fig.slug: [set(possible(c.shown, ceiling)) for c in cells[fig.slug]]
        for fig in report.gemeenten
    }
    totals = {fig.slug: set(possible(fig.signups.shown, ceiling)) for fig in report.gemeenten}
    everyone = set(possible(report.signups_total.shown, ceiling))
    for _ in range(3):  # what one sum reveals narrows the next: go round until it settles
        for fig in report.gemeenten:
            channels = len(fig.signups_by_channel)
            values = known[fig.slug]
            by_channel, totals[fig.slug] = solve(values[:channels], totals[fig.slug])
            by_profile, totals[fig.slug] = solve(values[channels:], totals[fig.slug], exact=False)
            known[fig.slug] = by_channel + by_profile
        if len(report.gemeenten) > 1:
            slugs = [fig.slug for fig in report.gemeenten]
            narrowed, everyone = solve([totals[s] for s in slugs], everyone)
            totals = dict(zip(slugs, narrowed, strict=True))
    for fig in report.gemeenten:
        for cell, values in zip(cells[fig.slug], known[fig.slug], strict=True):
            assert cell.value in values
            if 0 < cell.value < 3:
                assert len(values) > 1, f"{fig.name}: {cell.shown} is {values}"
        if 0 < fig.signups.value < 3:
            assert len(totals[fig.slug]) > 1, f"{fig.name}: {fig.signups.shown}"
    if 0 < report.signups_total.value < 3:
        assert len(everyone) > 1


def test_a_single_aanmelding_is_not_given_away_by_the_totals(history: Catalog) -> None:
    # The reported leak: Haarlem's one aanmelding showed as "Aanmeldingen 1" beside a "< 3"
    # per channel and per profile; the national total gave it away as well.
    events = [SignupEvent("haarlem", "haarlem-aaaa", Channel.FACEBOOK, date(2026, 2, 1))]
    events += [SignupEvent("rijswijk", None, Channel.FACEBOOK, date(2026, 2, 1))] * 4
    events += [SignupEvent("rijswijk", None, Channel.WEBSITE, date(2026, 2, 1))] * 3
    events += [SignupEvent("wijchen", None, Channel.OTHER, date(2026, 2, 1))] * 3
    report = compute(history, date(2026, 1, 1), date(2026, 3, 31), posts(), events)
    haarlem = next(g for g in report.gemeenten if g.slug == "haarlem")
    assert haarlem.signups.value == 1 and haarlem.signups.shown == "< 3"
    assert report.signups_total.shown == "x"  # 11 minus 7 and 3 would be Haarlem's 1
    assert_nothing_small_is_given_away(report)
    md = markdown(report)
    assert "| Aanmeldingen | 1 |" not in md and "| Aanmeldingen | < 3 |" in md
    [national] = [line for line in md.splitlines() if line.startswith("| **totaal** |")]
    assert national.split(" | ")[6] == "x"
    [row] = [line for line in csv_text(report).splitlines() if line.startswith("haarlem,")]
    assert row.split(",")[10:14] == ["< 3", "< 3", "0", "0"]  # total, facebook, website, anders
    # The gemeente's own report reads the same as its part of the national one.
    alone = compute(
        history,
        date(2026, 1, 1),
        date(2026, 3, 31),
        posts(),
        events,
        [history.settings.require_gemeente("haarlem")],
    )
    assert alone.gemeenten[0].signups_by_channel == haarlem.signups_by_channel


def test_two_small_cells_under_a_small_total_are_hidden(history: Catalog) -> None:
    events = [
        SignupEvent("haarlem", "haarlem-aaaa", Channel.FACEBOOK, date(2026, 2, 1)),
        SignupEvent("haarlem", "haarlem-cccc", Channel.WEBSITE, date(2026, 2, 2)),
    ]
    report = compute(history, date(2026, 1, 1), date(2026, 3, 31), posts(), events)
    assert_nothing_small_is_given_away(report)
    haarlem = next(g for g in report.gemeenten if g.slug == "haarlem")
    assert "x" in {c.shown for c in haarlem.signups_by_channel.values()}
    assert "x" in {c.shown for c in haarlem.signups_by_profile.values()}


def test_the_sample_history_gives_nothing_away(history: Catalog) -> None:
    assert_nothing_small_is_given_away(
        compute(history, date(2026, 1, 1), date(2026, 3, 31), posts(), signups())
    )


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


@pytest.mark.parametrize("seed", range(30))
def test_random_small_counts_give_nothing_away(history: Catalog, seed: int) -> None:
    rng = random.Random(seed)
    profiles = {
        slug: [p.id for p in history.profiles_of(slug) if p.has_page()] + [None]
        for slug in ("haarlem", "rijswijk", "wijchen")
    }
    events = [
        SignupEvent(slug, rng.choice(ids), rng.choice(list(Channel)), date(2026, 2, 1))
        for slug, ids in profiles.items()
        for _ in range(rng.choice([0, 1, 1, 2, 2, 3, 5]))
    ]
    report = compute(history, date(2026, 1, 1), date(2026, 3, 31), [], events)
    assert_nothing_small_is_given_away(report)
