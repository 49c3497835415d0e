"""The developer gallery command that generator.images and generator.printing share."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.galleries import run_gallery


def test_gallery_command_passes_its_folder_and_config_and_counts_the_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[tuple[Path, Path]] = []

    def write(config: Path, out: Path) -> list[Path]:
        asked.append((config, out))
        out.mkdir()
        files = [out / "a.png", out / "README.md"]
        for file in files:
            file.write_bytes(b"x")
        return files

    out = tmp_path / "galerij"
    argv = ["gallery", str(out), "--config", "elders.yml"]
    assert run_gallery("python -m x", "test gallery", "docs/x", write, argv) == 0
    assert asked == [(Path("elders.yml"), out)]
    assert capsys.readouterr().out == f"wrote 2 files to {out}\n"
    other = tmp_path / "andere"
    assert run_gallery("python -m x", "test gallery", "docs/x", write, ["gallery", str(other)]) == 0
    assert asked[-1] == (Path("site_config.yml"), other)  # the default config


def test_gallery_command_without_a_folder_is_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def write(config: Path, out: Path) -> list[Path]:
        raise AssertionError("nothing may be written")

    with pytest.raises(SystemExit) as stop:
        run_gallery("python -m x", "test gallery", "docs/x", write, ["gallery"])
    assert stop.value.code == 2
    assert "python -m x gallery" in capsys.readouterr().err
