"""The privacy findings cache: reused when nothing changed, ignored when anything did."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from generator import pipeline


def _with_phone(config: Path) -> Path:
    path = config.parent / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "dinosaurussen.", "dinosaurussen. Bel gerust 06-12345678."
        ),
        encoding="utf-8",
    )
    return path


def _phone_messages(config: Path) -> list[str]:
    catalog = pipeline.check(config)
    return [f.message for f in catalog.report.findings if f.code == "privacy-phone"]


def test_cached_findings_are_reused_and_refreshed_on_edit(demo_project: Path) -> None:
    profile = _with_phone(demo_project)
    first = _phone_messages(demo_project)
    assert len(first) == 1
    cache = demo_project.parent / ".cache" / "privacy-findings.json"
    data = json.loads(cache.read_text(encoding="utf-8"))
    # Mark the cached finding: if the next run shows the mark, it came from the cache.
    for rows in data.values():
        for row in rows:
            if row["code"] == "privacy-phone":
                row["message"] = "UIT DE CACHE"
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert _phone_messages(demo_project) == ["UIT DE CACHE"]
    profile.write_text(profile.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _phone_messages(demo_project) == first


def test_unreadable_cache_is_logged_and_rebuilt(
    demo_project: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _with_phone(demo_project)
    cache = demo_project.parent / ".cache" / "privacy-findings.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("{niet te lezen", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="buurtsite.privacy"):
        assert len(_phone_messages(demo_project)) == 1
    assert "unreadable" in caplog.text
    assert json.loads(cache.read_text(encoding="utf-8"))
