"""The in-process cache of parsed YAML files is keyed by content, never by time or name only."""

from __future__ import annotations

from pathlib import Path

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
