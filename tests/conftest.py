"""Fixtures shared by every test area. Area-specific fixtures live in tests/<area>/conftest.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"


@pytest.fixture(autouse=True)
def _fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the same 'today', so expiry and warnings are reproducible."""
    monkeypatch.setenv("BUURTSITE_TODAY", TODAY)


@pytest.fixture
def demo_project(tmp_path: Path) -> Path:
    """A writable copy of the demo project (config, profiles, content, theme); returns its config."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("profiles", "content", "theme"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, root / folder)
    return root / "site_config.yml"
