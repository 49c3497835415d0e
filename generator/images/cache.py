"""The card cache: files named by the digest of everything that decides their pixels.

``manifest.json`` in the cache folder maps each card's site path to the digest it was last
rendered from. A card is re-rendered only when its digest changed or its file is gone. An
unreadable manifest is logged and treated as empty: the cache is an optimisation, so a broken
one costs time, never the build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path
from typing import Any

import PIL

from generator.images.layout import CardSpec
from generator.images.specs import asset_paths
from generator.images.text import LAYOUT_ENGINE

log = logging.getLogger(__name__)

# Bump when the drawing code changes in a way the spec does not capture.
LAYOUT_VERSION = "5"
MANIFEST_FORMAT = 1
MANIFEST = "manifest.json"


class FileHashes:
    """sha256 of each asset file, read once per build."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def __call__(self, path: Path) -> str:
        if path not in self._known:
            self._known[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self._known[path]


def stamps(paths: Iterable[Path]) -> bytes:
    """Path, size and modification time of each file that exists: a cheap stand-in for the
    contents of many files, for digests taken on every build."""
    lines = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        lines.append(f"{path}|{stat.st_size}|{stat.st_mtime_ns}\n")
    return "".join(lines).encode()


def digest(spec: CardSpec, hashes: FileHashes, encoding: str) -> str:
    """A digest of the spec's text and the *contents* (not paths) of its assets."""
    data: dict[str, Any] = asdict(spec)
    for key in ("illustration", "logo", "regular_font", "bold_font"):
        data.pop(key)
    data["assets"] = [hashes(p) for p in asset_paths(spec)]
    data["layout"] = LAYOUT_VERSION
    data["pillow"] = PIL.__version__
    data["engine"] = LAYOUT_ENGINE
    data["encoding"] = encoding
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


class Cache:
    """The cache folder: ``manifest.json`` plus ``files/<digest>.<ext>``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = root / "files"
        self.manifest: dict[str, str] = self._read()

    def _read(self) -> dict[str, str]:
        path = self.root / MANIFEST
        if not path.exists():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            cards = data["cards"]
            if data.get("format") != MANIFEST_FORMAT or not isinstance(cards, dict):
                raise ValueError(f"unexpected manifest format {data.get('format')!r}")
            return {str(k): str(v) for k, v in cards.items()}
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning(
                "card cache manifest %s is unreadable (%s); rebuilding the cache", path, exc
            )
            return {}

    def file_for(self, card_digest: str, suffix: str) -> Path:
        return self.files / f"{card_digest}{suffix}"

    def hit(self, card_path: str, card_digest: str, suffix: str) -> bool:
        return (
            self.manifest.get(card_path) == card_digest
            and self.file_for(card_digest, suffix).is_file()
        )

    def save(self, cards: dict[str, str], suffix: str) -> None:
        """Write the new manifest atomically and drop files no card refers to any more."""
        self.files.mkdir(parents=True, exist_ok=True)
        tmp = self.root / f"{MANIFEST}.{os.getpid()}.tmp"
        tmp.write_text(
            json.dumps({"format": MANIFEST_FORMAT, "cards": cards}, indent=1, sort_keys=True),
            encoding="utf-8",
        )
        os.replace(tmp, self.root / MANIFEST)
        self.manifest = dict(cards)
        keep = {f"{d}{suffix}" for d in cards.values()}
        for file in self.files.iterdir():
            if file.name not in keep:
                file.unlink(missing_ok=True)
