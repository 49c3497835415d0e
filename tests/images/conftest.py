"""Fixtures for the share-card tests: the demo catalog and the edge-case cards."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from generator import pipeline
from generator.images import CardSet, build_cards
from generator.images.gallery import edge_cards
from generator.images.specs import Planned
from generator.validate import Catalog

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "site_config.yml"
TODAY = "2026-11-23"  # as tests/conftest.py; module-scoped fixtures run outside its autouse one


@pytest.fixture(scope="session")
def repo_config() -> Path:
    return CONFIG


@pytest.fixture
def demo_catalog(demo_project: Path) -> Catalog:
    """The checked demo project, in a writable copy (tests may edit its theme files)."""
    return pipeline.checked(demo_project)


@pytest.fixture
def small_catalog(demo_catalog: Catalog) -> Catalog:
    """The demo project with two profiles: cheap to render for cache and pool tests."""
    keep = [p for p in demo_catalog.profiles if p.status != "concept"][:2]
    return replace(demo_catalog, profiles=keep)


@dataclass(frozen=True)
class Built:
    catalog: Catalog
    out: Path
    cache: Path
    sets: dict[str, CardSet]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """One cold, serial build of the demo project's cards, shared by a module's tests."""
    root = tmp_path_factory.mktemp("built")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BUURTSITE_TODAY", TODAY)
        catalog = pipeline.checked(CONFIG)
    sets = build_cards(catalog, root / "site", root / "cache", workers=1)
    return Built(catalog, root / "site", root / "cache", sets)


@pytest.fixture(scope="session")
def edge() -> dict[str, Planned]:
    """Every edge-case card, keyed "<case>" (og) and "<case>-feed"."""
    cards = {}
    for item in edge_cards(CONFIG):
        case = item.key.removeprefix("profiel:")
        cards[case if item.slot == "og" else f"{case}-feed"] = item
    return cards
