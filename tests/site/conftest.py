"""The demo site, built once per test session (each MkDocs build costs about a second)."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from generator import pipeline
from generator.build import BuildResult, build_site
from generator.validate import Catalog

REPO = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 23)


def copy_demo(root: Path, card_cache: Path | None = None) -> Path:
    """A copy of the demo project under ``root``; returns its site_config.yml.

    ``card_cache`` seeds the copy's share-card cache: drawing the demo's cards costs seconds,
    and which cards are drawn is the images area's business, not what these tests check.
    """
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("profiles", "content", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    if card_cache is not None:
        shutil.copytree(card_cache, root / ".cache" / "kaarten")
    return root / "site_config.yml"


def build(config: Path, site: Path | None = None) -> tuple[Catalog, BuildResult]:
    root = config.parent
    catalog = pipeline.checked(config, on=TODAY)
    result = build_site(
        catalog, site or root / "site", root / "build" / "staged", root / ".cache" / "kaarten"
    )
    return catalog, result


@dataclass
class Built:
    root: Path
    catalog: Catalog
    result: BuildResult

    @property
    def site(self) -> Path:
        return self.result.site_dir

    @property
    def staged(self) -> Path:
        return self.result.staged_dir

    def page(self, url: str) -> str:
        return (self.site / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BUURTSITE_TODAY", TODAY.isoformat())
        config = copy_demo(tmp_path_factory.mktemp("demo") / "project")
        catalog, result = build(config)
        yield Built(config.parent, catalog, result)


@pytest.fixture
def make_demo(built: Built, tmp_path: Path) -> Callable[[str], Path]:
    """A factory of fresh demo copies whose card cache is already warm."""

    def make(name: str) -> Path:
        return copy_demo(tmp_path / name, built.root / ".cache" / "kaarten")

    return make
