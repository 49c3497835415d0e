"""build_cards end to end: keys, files, sizes, determinism, cache and parallel rendering."""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from generator.images import build as build_module
from generator.images import build_cards, profile_alt
from generator.images.cache import MANIFEST
from generator.validate import Catalog
from tests.images.conftest import Built

MAX_CARD_BYTES = 200 * 1024


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.png")}


def test_every_card_is_written_with_its_size_and_alt(built: Built) -> None:
    catalog = built.catalog
    keys = {f"profiel:{p.id}" for p in catalog.profiles if p.status != "concept"}
    keys |= {f"gemeente:{g.slug}" for g in catalog.settings.gemeenten} | {"home", "default"}
    assert any(p.status == "concept" for p in catalog.profiles)  # and it gets no card
    assert set(built.sets) == keys
    for key, card_set in built.sets.items():
        assert (card_set.feed is not None) == key.startswith("profiel:")
        for card in [card_set.og] + ([card_set.feed] if card_set.feed else []):
            file = built.out / card.path
            with Image.open(file) as image:
                assert image.size == (card.width, card.height)
                assert image.format == "PNG"
                assert not image.info.keys() - {"transparency"}  # no text chunks or profiles
            assert file.stat().st_size <= MAX_CARD_BYTES
            assert card.alt and not card.path.startswith("/")
    og = built.sets["default"].og
    assert (og.width, og.height) == (1200, 630)
    feed = built.sets["profiel:haarlem-k3m9"].feed
    assert feed is not None and (feed.width, feed.height) == (1080, 1350)
    assert feed.path == "kaarten/profiel/haarlem-k3m9-feed.png"


def test_alt_text_names_the_profile_and_its_status(built: Built) -> None:
    for profile in built.catalog.profiles:
        if profile.status == "concept":
            continue
        gemeente = built.catalog.settings.gemeente(profile.gemeente)
        assert gemeente is not None
        alt = built.sets[f"profiel:{profile.id}"].og.alt
        assert profile.title.rstrip(".") in alt and gemeente.name in alt
        assert ("Gevonden" in alt) == (profile.status == "gekoppeld")
        assert alt.startswith(profile_alt(profile, gemeente.name))


def test_rebuild_in_a_fresh_cache_gives_identical_bytes(built: Built, tmp_path: Path) -> None:
    build_cards(built.catalog, tmp_path / "again", tmp_path / "cache", workers=1)
    first, second = _files(built.out), _files(tmp_path / "again")
    assert first and first == second


def test_warm_cache_renders_nothing(built: Built, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(built.cache, cache)
    manifest = json.loads((cache / MANIFEST).read_text())
    old = 1_000_000_000
    for file in (cache / "files").iterdir():
        os.utime(file, (old, old))
    build_cards(built.catalog, tmp_path / "two", cache, workers=1)
    assert json.loads((cache / MANIFEST).read_text()) == manifest
    assert all(f.stat().st_mtime == old for f in (cache / "files").iterdir())
    assert _files(built.out) == _files(tmp_path / "two")


def test_changed_illustration_rerenders_only_its_cards(
    demo_catalog: Catalog, tmp_path: Path
) -> None:
    cache = tmp_path / "cache"
    build_cards(demo_catalog, tmp_path / "one", cache, workers=1)
    before = json.loads((cache / MANIFEST).read_text())["cards"]
    art = demo_catalog.project.theme_dir / "illustraties" / "sport.png"
    with Image.open(art) as image:
        image.rotate(90).save(art)
    build_cards(demo_catalog, tmp_path / "two", cache, workers=1)
    after = json.loads((cache / MANIFEST).read_text())["cards"]
    changed = {path for path in after if after[path] != before[path]}
    users = {
        p.id for p in demo_catalog.profiles if p.illustration == "sport" and p.status != "concept"
    }
    assert users and changed == {
        f"kaarten/profiel/{i}{s}.png" for i in users for s in ("", "-feed")
    }
    # Files no card refers to any more are dropped, so the cache does not grow for ever.
    assert sorted(f.name for f in (cache / "files").iterdir()) == sorted(
        f"{d}.png" for d in set(after.values())
    )


@pytest.mark.parametrize("garbage", ["{not json", '{"format": 99, "cards": {}}', '["x"]'])
def test_unreadable_manifest_is_logged_and_rebuilt(
    small_catalog: Catalog, tmp_path: Path, caplog: pytest.LogCaptureFixture, garbage: str
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / MANIFEST).write_text(garbage)
    with caplog.at_level(logging.WARNING, logger="generator.images.cache"):
        sets = build_cards(small_catalog, tmp_path / "site", cache, workers=1)
    assert "unreadable" in caplog.text
    manifest = json.loads((cache / MANIFEST).read_text())
    assert manifest["format"] == 1
    assert set(manifest["cards"]) == {c.path for s in sets.values() for c in (s.og, s.feed) if c}
    assert all((tmp_path / "site" / path).is_file() for path in manifest["cards"])


def test_deleted_cache_file_is_rendered_again(small_catalog: Catalog, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    sets = build_cards(small_catalog, tmp_path / "one", cache, workers=1)
    victim = next((cache / "files").iterdir())
    victim.unlink()
    build_cards(small_catalog, tmp_path / "two", cache, workers=1)
    assert victim.is_file()
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    assert len(_files(tmp_path / "two")) == sum(1 + (s.feed is not None) for s in sets.values())


def test_parallel_rendering_matches_serial(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "SERIAL_BELOW", 1)  # use the pool even for the demo set
    build_cards(built.catalog, tmp_path / "parallel", tmp_path / "cache", workers=2)
    assert _files(built.out) == _files(tmp_path / "parallel")


def test_no_pool_while_another_thread_runs(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server or file watcher thread in the parent makes fork unsafe: render serially."""
    import threading

    monkeypatch.setattr(build_module, "SERIAL_BELOW", 1)
    assert build_module.can_fork() == (threading.active_count() == 1)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait, args=(10,))
    watcher.start()
    try:
        assert not build_module.can_fork()
        build_cards(built.catalog, tmp_path / "site", tmp_path / "cache", workers=2)
    finally:
        stop.set()
        watcher.join()
    assert _files(built.out) == _files(tmp_path / "site")
