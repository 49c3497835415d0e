"""``build_cards``: plan every card, render the ones the cache lacks, copy all into the site.

Rendering runs in a process pool when there is enough work to pay for starting it; workers
write straight into the cache folder so no image bytes travel between processes.
"""

from __future__ import annotations

import io
import logging
import multiprocessing
import os
import shutil
import threading
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

from generator.images.cache import Cache, FileHashes, digest
from generator.images.layout import CardSpec, draw_card
from generator.images.specs import Planned, plan

if TYPE_CHECKING:
    from generator.validate import Catalog

log = logging.getLogger(__name__)

# Below this many cards to render, starting worker processes costs more than it saves.
SERIAL_BELOW = 24
SUFFIX = ".png"
ENCODING = "png-octree-256"


@dataclass(frozen=True)
class Card:
    path: str  # posix path relative to the built site's root
    width: int
    height: int
    alt: str  # Dutch alt text, used in <img alt>, og:image:alt and the Facebook post


@dataclass(frozen=True)
class CardSet:
    og: Card  # 1200x630 og:image card
    feed: Card | None  # feed image for Facebook photo posts (profiles only), else None


def encode(image: Image.Image) -> bytes:
    """PNG with a 256-colour palette: flat artwork loses nothing visible, and the file is a
    third of the size of full-colour PNG and faster to compress (see docs/benchmarks.md).
    JPEG would be faster still but rings around text and is larger for flat colour."""
    paletted = image.quantize(
        colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
    )
    buffer = io.BytesIO()
    paletted.save(buffer, format="PNG", compress_level=6)
    return buffer.getvalue()


def render_bytes(spec: CardSpec) -> bytes:
    """The encoded card: the same spec always gives the same bytes."""
    image, _boxes = draw_card(spec, measure=False)
    return encode(image)


def _render_to(spec: CardSpec, target: str) -> None:
    """Worker entry point: render and write atomically, so a killed build leaves no half file."""
    data = render_bytes(spec)
    tmp = f"{target}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)


def can_fork() -> bool:
    """Whether a process pool is safe here: POSIX fork, and no other thread alive.

    fork, not spawn or forkserver: those re-import the caller's ``__main__`` in every worker,
    which fails from stdin or a notebook and re-runs any unguarded script code. fork copies
    the parent instead, which is only safe while no other thread (a server, a file watcher)
    could be holding a lock at that moment; otherwise we render serially.
    """
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _render_all(jobs: Sequence[tuple[CardSpec, str]], workers: int) -> None:
    if workers <= 1 or len(jobs) < SERIAL_BELOW or not can_fork():
        for spec, target in jobs:
            _render_to(spec, target)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        chunk = max(1, len(jobs) // (workers * 4))
        specs, targets = zip(*jobs, strict=True)
        for _ in pool.map(_render_to, specs, targets, chunksize=chunk):
            pass


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def build_cards(
    catalog: Catalog, out_dir: Path, cache_dir: Path, workers: int | None = None
) -> dict[str, CardSet]:
    """Write every card under ``out_dir`` and return the card sets by catalog key.

    Keys: ``profiel:<id>`` for every profile with a page, ``gemeente:<slug>``, ``home`` and
    ``default``. Unchanged cards come from ``cache_dir`` without being drawn again.
    """
    planned = plan(catalog)
    cache = Cache(cache_dir)
    cache.files.mkdir(parents=True, exist_ok=True)
    hashes = FileHashes()
    digests: dict[str, str] = {}
    jobs: list[tuple[CardSpec, str]] = []
    for item in planned:
        card_digest = digest(item.spec, hashes, ENCODING)
        digests[item.spec.path] = card_digest
        if not cache.hit(item.spec.path, card_digest, SUFFIX):
            jobs.append((item.spec, str(cache.file_for(card_digest, SUFFIX))))
    # Two cards with identical inputs share one cache file: render it once.
    unique = list({target: (spec, target) for spec, target in jobs}.values())
    _render_all(unique, workers if workers is not None else default_workers())
    log.info(
        "cards: %d planned, %d rendered, %d from cache",
        len(planned),
        len(unique),
        len(planned) - len(jobs),
    )
    cache.save(digests, SUFFIX)

    for item in planned:
        target = out_dir / item.spec.path
        source = cache.file_for(digests[item.spec.path], SUFFIX)
        if _same_copy(source, target):
            continue  # rewriting 7,000 unchanged cards cost seconds and woke MkDocs' copier
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)  # keeps the mtime that _same_copy compares
    return _card_sets(planned)


def _same_copy(source: Path, target: Path) -> bool:
    """True when ``target`` is the copy of ``source`` made earlier (same size and mtime)."""
    try:
        a, b = source.stat(), target.stat()
    except FileNotFoundError:
        return False
    return a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns


def _card_sets(planned: list[Planned]) -> dict[str, CardSet]:
    slots: dict[str, dict[str, Card]] = {}
    for item in planned:
        card = Card(item.spec.path, item.spec.width, item.spec.height, item.alt)
        slots.setdefault(item.key, {})[item.slot] = card
    return {key: CardSet(og=cards["og"], feed=cards.get("feed")) for key, cards in slots.items()}


def strip_metadata(src: Path, dst: Path) -> None:
    """Copy an image without EXIF, XMP, ICC, text chunks or timestamps.

    Theme images are made by people with cameras and editors that write where and when a
    picture was taken; none of that belongs on a public site. The pixels are kept as they are.
    """
    if src.suffix.lower() == ".svg":
        # Vector logos are text we wrote ourselves; Pillow cannot read them anyway.
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dst)
        return
    with Image.open(src) as image:
        image.load()
        fmt = image.format or "PNG"
        clean = image.copy()
    # Pillow writes ICC profiles, EXIF and text chunks from ``info``; keep only transparency.
    clean.info = {k: v for k, v in clean.info.items() if k == "transparency"}
    dst.parent.mkdir(parents=True, exist_ok=True)
    options: dict[str, Any] = {"quality": 90} if fmt == "JPEG" else {}
    clean.save(dst, format=fmt, **options)
