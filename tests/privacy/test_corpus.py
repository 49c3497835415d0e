"""The gate's quality on the labelled corpus, computed by bench/privacy_score.py."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scoring() -> ModuleType:
    spec = importlib.util.spec_from_file_location("privacy_score", REPO / "bench/privacy_score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["privacy_score"] = module
    spec.loader.exec_module(module)
    return module


def test_corpus_is_big_and_varied_enough(scoring: ModuleType) -> None:
    items = scoring.load_corpus()
    clean = [i for i in items if not i["labels"]]
    kinds = {label["type"] for i in items for label in i["labels"]}
    assert len(items) >= 100
    assert len(clean) >= 40
    assert kinds >= {
        "name",
        "address",
        "postcode",
        "phone",
        "email",
        "url",
        "handle",
        "bsn",
        "iban",
        "plate",
        "birthdate",
        "institution",
        "health",
        "religion",
        "origin",
        "combination",
    }
    for item in items:
        for label in item["labels"]:
            assert str(label["text"]) in item["text"], item["id"]


def test_recall_and_false_alarms_meet_the_bar(scoring: ModuleType) -> None:
    result = scoring.score()
    assert result.recall >= 0.98, scoring.report(result, verbose=True)
    assert result.clean_alarm_rate <= 0.05, scoring.report(result, verbose=True)
    assert result.identifying_without_error == [], scoring.report(result, verbose=True)


def test_holdout_part_alone_meets_the_bar(scoring: ModuleType) -> None:
    result = scoring.score("holdout")
    assert result.clean_items > 0 and sum(result.labels.values()) > 0
    assert result.recall >= 0.98, scoring.report(result, verbose=True)
    assert result.clean_alarm_rate <= 0.05, scoring.report(result, verbose=True)
