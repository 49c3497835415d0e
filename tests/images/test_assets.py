"""The committed illustrations, logo and gallery are exactly what their scripts produce."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from generator.images.__main__ import main as images_main
from generator.images.gallery import EDGE_CASES

REPO = Path(__file__).resolve().parents[2]
DEMO_KEYS = {"spelen", "logeren", "leren", "sport", "samen", "uitstapje", "eten"}


def _load_script() -> object:
    spec = importlib.util.spec_from_file_location(
        "make_illustrations", REPO / "scripts" / "make_illustrations.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_illustrations_and_logo_are_reproducible(tmp_path: Path) -> None:
    script = _load_script()
    script.main(tmp_path)  # type: ignore[attr-defined]
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.png"))
    assert made == sorted(
        [f"theme/illustraties/{k}.png" for k in DEMO_KEYS] + ["theme/assets/logo.png"]
    )
    for rel in made:
        assert (tmp_path / rel).read_bytes() == (REPO / rel).read_bytes(), (
            f"{rel} differs: run .venv/bin/python scripts/make_illustrations.py"
        )


def test_gallery_command_writes_every_case_and_matches_docs(tmp_path: Path) -> None:
    assert images_main(["gallery", str(tmp_path), "--config", str(REPO / "site_config.yml")]) == 0
    index = (tmp_path / "README.md").read_text(encoding="utf-8")
    for case, (what, _data) in EDGE_CASES.items():
        assert f"![{case}]({case}.png)" in index and what in index
        assert (tmp_path / f"{case}-feed.png").is_file()
    committed = REPO / "docs" / "gallery"
    for file in tmp_path.iterdir():
        assert file.read_bytes() == (committed / file.name).read_bytes(), (
            f"docs/gallery/{file.name} is stale: run "
            ".venv/bin/python -m generator.images gallery docs/gallery"
        )
