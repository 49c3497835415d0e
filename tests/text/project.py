"""A small project (the demo's settings, theme and content, no profiles) to write profiles into."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]


def mini_project(root: Path) -> Path:
    """The demo project without its profiles under ``root``; returns its site_config.yml."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("content", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "profiles" / "haarlem").mkdir(parents=True)
    return root / "site_config.yml"


def profile_yaml(
    profile_id: str, title: str, story: str, wishes: list[str], raw_story: bool = False
) -> str:
    """An open Haarlem profile as a coordinator's tools would write it.

    Texts are serialised by PyYAML (double-quoted with escapes for what is not printable); with
    ``raw_story`` the story is pasted as-is into a ``|`` block, as a coordinator would paste it.
    """
    data = {
        "id": profile_id,
        "gemeente": "haarlem",
        "wijk": "Schalkwijk",
        "titel": title,
        "kinderen": [{"leeftijd": 7}],
        "steunvormen": ["speelmiddag"],
        "frequentie": "wekelijks",
        "wensen": wishes,
        "status": "open",
        "gepubliceerd": "2026-11-01",
    }
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    text = text.replace("gepubliceerd: '2026-11-01'", "gepubliceerd: 2026-11-01")
    if raw_story:
        block = "".join(f"  {line}\n" for line in story.split("\n"))
        return text + "verhaal: |\n" + block
    return text + yaml.safe_dump({"verhaal": story}, allow_unicode=True, width=1000)
