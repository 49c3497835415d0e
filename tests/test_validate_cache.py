"""The in-process cache of validated profiles is keyed by the file's bytes and by everything
else one profile's validation reads: the settings, the date and the illustrations."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.validate import Catalog, load_catalog, load_project
from tests.site.conftest import TODAY, copy_demo

FILE = "profiles/haarlem/speelmiddag-jongen-7.yml"  # haarlem-k3m9: Schalkwijk, spelen, 2027-06-30


def catalog(config: Path, on: date = TODAY) -> Catalog:
    return load_catalog(load_project(config), on=on)


def codes(checked: Catalog) -> set[str]:
    return {f.code for f in checked.report.findings if f.file == FILE}


def test_unchanged_inputs_give_the_same_validated_profile(tmp_path: Path) -> None:
    config = copy_demo(tmp_path / "p")
    first, again = catalog(config), catalog(config)
    assert again.profile("haarlem-k3m9") is first.profile("haarlem-k3m9")  # not validated again
    assert again.report.sorted() == first.report.sorted()
    path = config.parent / FILE
    path.write_text(path.read_text(encoding="utf-8").replace("wijk: Schalkwijk", "wijk: Nergens"))
    changed = catalog(config)
    assert "unknown-wijk" in codes(changed)


def test_a_settings_change_validates_an_unchanged_file_again(tmp_path: Path) -> None:
    config = copy_demo(tmp_path / "p")
    assert "unknown-wijk" not in codes(catalog(config))
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("wijken: [Schalkwijk, ", "wijken: ["), encoding="utf-8")
    assert "unknown-wijk" in codes(catalog(config))


def test_another_day_or_fewer_illustrations_validate_again(tmp_path: Path) -> None:
    config = copy_demo(tmp_path / "p")
    assert codes(catalog(config)) & {"expired", "unknown-illustration"} == set()
    assert "expired" in codes(catalog(config, on=date(2027, 7, 1)))
    (config.parent / "theme" / "illustraties" / "spelen.png").unlink()
    assert "unknown-illustration" in codes(catalog(config))
