"""`python -m generator.printing gallery`: the reviewers' previews of real print matter."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.printing.__main__ import main
from generator.printing.gallery import SHOWN
from tests.print.conftest import REPO


@pytest.mark.slow
def test_print_gallery_command_writes_every_preview(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "print"
    assert main(["gallery", str(out), "--config", str(REPO / "site_config.yml")]) == 0
    readme = (out / "README.md").read_text("utf-8")
    for _source, name, caption in SHOWN:
        assert (out / name).stat().st_size > 0
        assert f"| {caption} | ![{name}]({name}) |" in readme
    assert capsys.readouterr().out == f"wrote {len(SHOWN) + 4} files to {out}\n"
