"""The generalisation benches: leave-list-out pools stay disjoint from the detector's lists,
and the blind scorer counts what it says it counts."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_bench(name: str) -> ModuleType:
    sys.path.insert(0, str(REPO / "bench"))
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def leave_out() -> ModuleType:
    return load_bench("privacy_leave_out")


@pytest.fixture(scope="module")
def blind() -> ModuleType:
    return load_bench("privacy_blind")


def test_filtered_pools_share_no_word_with_any_list_the_detector_loads(
    leave_out: ModuleType,
) -> None:
    pools, removed = leave_out.filtered_pools()
    known = leave_out.detector_words()
    kept = [name for pool in pools.values() for names in pool.values() for name in names]
    assert len(kept) >= 100  # enough left to measure every origin
    assert all(pool["first"] + pool["nick"] for pool in pools.values())
    for name in kept:
        assert name.lower() not in known, name
        assert not any(part in known for part in leave_out._parts(name)), name
    # The filter does remove names that the lists know (e.g. Fatima from deduce's list).
    assert "Fatima" in removed["moroccan"]


def test_leave_out_recall_per_origin_meets_the_bar(
    leave_out: ModuleType, blind: ModuleType
) -> None:
    pools, _removed = leave_out.filtered_pools()
    result = blind.score_items(leave_out.profiles(pools), group="origin")
    assert result.identifying_blocked == result.identifying
    assert result.recall >= 0.95, blind.report(result, verbose=True, group="origin")
    for origin, labels in result.labels.items():
        assert result.found[origin] / labels >= 0.9, origin


def test_blind_scorer_counts_any_overlapping_blocking_finding(blind: ModuleType) -> None:
    items = [
        # The label says "school"; the finding may be of another type: it still counts.
        {
            "id": "a",
            "gemeente": "Zwolle",
            "wijk": "Holtenbroek",
            "text": "Mirela (6) zit op De Zonnewijzer in Holtenbroek.",
            "labels": [
                {"type": "name", "text": "Mirela"},
                {"type": "school", "text": "De Zonnewijzer"},
            ],
        },
        {
            "id": "b",
            "gemeente": "Zwolle",
            "wijk": "",
            "text": "Een vrolijk gezin in Zwolle.",
            "labels": [],
        },
        {"id": "c", "gemeente": "Zwolle", "wijk": "", "text": "Bel 06-12345678.", "labels": []},
        {
            "id": "d",
            "gemeente": "Zwolle",
            "wijk": "",
            "text": "Hij heeft autisme.",
            "labels": [{"type": "health", "text": "autisme"}],
        },
    ]
    result = blind.score_items(items)
    assert (result.labels["name"], result.found["name"]) == (1, 1)
    assert (result.labels["school"], result.found["school"]) == (1, 1)
    assert result.labels["health"] == 1 and result.found["health"] == 0  # a warning never counts
    assert (result.clean, len(result.clean_with_error), len(result.clean_with_blocking)) == (
        2,
        1,
        1,
    )
    assert result.identifying == 2 and result.identifying_blocked == 1
    assert "missed: d: health 'autisme'" in blind.report(result, verbose=True)


@pytest.mark.parametrize("corpus", ["blind-c1.yml", "blind-c11.yml", "blind-c12.yml"])
def test_the_kept_blind_corpora_meet_the_bar(blind: ModuleType, corpus: str) -> None:
    """c1, c11 and c12 were each scored once blind (docs/benchmarks.md) and met the issue's
    bar then; kept, they guard against regressions (no longer blind). c13-c16 are kept as
    data: c13 and c16 did not meet the bar when scored, so they guard nothing yet."""
    result = blind.score_items(blind.load(REPO / "tests/data/privacy" / corpus))
    assert result.recall >= 0.95, blind.report(result, verbose=True)
    assert result.identifying_blocked == result.identifying
    assert len(result.clean_with_error) * 15 <= result.clean, blind.report(result, verbose=True)
    assert len(result.clean_with_blocking) * 3 <= result.clean, blind.report(result, verbose=True)
