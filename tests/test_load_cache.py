"""The in-process cache of parsed YAML files is keyed by content, never by time or name only."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import load
from generator.load import load_yaml


def test_a_changed_file_is_parsed_again_even_with_the_same_size(tmp_path: Path) -> None:
    path = tmp_path / "profiel.yml"
    path.write_text("titel: Een\n", encoding="utf-8")
    first, _ = load_yaml(path, display="profiel.yml")
    again, _ = load_yaml(path, display="profiel.yml")
    assert first is not None and again is first  # unchanged bytes: the parsed document
    path.write_text("titel: Twe\n", encoding="utf-8")  # same size, same second
    changed, _ = load_yaml(path, display="profiel.yml")
    assert changed is not None and changed.data == {"titel": "Twe"}
    other, _ = load_yaml(path, display="ander.yml")
    assert other is not None and other.display == "ander.yml"


def test_the_cache_keeps_the_most_recently_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "PARSED_MAX", 2)
    monkeypatch.setattr(load, "_PARSED", {})
    paths = [tmp_path / f"{name}.yml" for name in "abc"]
    for i, path in enumerate(paths):
        path.write_text(f"n: {i}\n", encoding="utf-8")
    a, _ = load_yaml(paths[0], display="a")
    load_yaml(paths[1], display="b")
    assert load_yaml(paths[0], display="a")[0] is a  # a is used again, b is now the oldest
    load_yaml(paths[2], display="c")
    assert len(load._PARSED) == 2
    assert load_yaml(paths[0], display="a")[0] is a
