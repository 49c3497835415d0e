"""``build_print``: plan every sheet and kit, render what the cache lacks, write the folder.

Like the share cards (``generator.images.build``): each PDF and each 300-dpi image is cached
under a digest of everything that decides its bytes, with a manifest; an unchanged profile is
not drawn again. Rendering runs in a process pool (fork) when there is enough to do.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import json
import logging
import multiprocessing
import os
import shutil
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path

from generator.images.build import can_fork, default_workers
from generator.images.cache import Cache, FileHashes
from generator.images.cache import digest as card_digest
from generator.images.layout import CardSpec, draw_card
from generator.printing import listing, pdf, qr
from generator.printing.sheets import Kit, Plan, Sheet, asset_paths, plan
from generator.settings import Gemeente
from generator.validate import Catalog

log = logging.getLogger(__name__)

# Bump when the drawing code changes in a way the sheet does not capture.
LAYOUT_VERSION = "1"
SERIAL_BELOW = 12
KIT_SCALE = 2  # the 1200x630 card at 2400x1260 px: 20 x 10.7 cm at 300 dpi
KIT_ENCODING = f"jpeg-q85-300dpi-x{KIT_SCALE}"
Job = tuple[str, Sheet | CardSpec | str, str]  # kind, spec (a QR code's data for "png"), file


@dataclass
class PrintResult:
    files: list[str] = field(default_factory=list)  # every file written or kept, relative
    rendered: int = 0
    from_cache: int = 0
    skipped: dict[str, str] = field(default_factory=dict)  # profile id -> why not


@lru_cache(maxsize=1)
def versions() -> tuple[str, ...]:
    """Read once per process: importlib.metadata parses METADATA files (~5 ms a call)."""
    return tuple(importlib.metadata.version(d) for d in ("reportlab", "segno", "pillow"))


def sheet_digest(sheet: Sheet, hashes: FileHashes) -> str:
    """A digest of the sheet's text and the contents (not paths) of its fonts and images."""
    data = asdict(sheet)
    for key in ("path", "illustration", "logo", "regular_font", "bold_font"):
        data.pop(key)
    data["assets"] = [hashes(p) for p in asset_paths(sheet)]
    data["layout"] = LAYOUT_VERSION
    data["versions"] = versions()
    blob = json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


def kit_image(spec: CardSpec) -> bytes:
    """The share card redrawn at print resolution, as a 300-dpi JPEG (what papers ask for)."""
    image, _boxes = draw_card(spec, measure=False, scale=KIT_SCALE)
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85, subsampling=0, dpi=(300, 300))
    return buffer.getvalue()


def qr_digest(data: str) -> str:
    blob = f"{data}|{qr.ERROR}|{versions()}|{LAYOUT_VERSION}"
    return hashlib.sha256(blob.encode()).hexdigest()[:32]


def _render_to(kind: str, spec: Sheet | CardSpec | str, target: str) -> None:
    """Worker entry point: render and write atomically, so a killed run leaves no half file."""
    if isinstance(spec, Sheet):
        data = pdf.draw(spec)
    elif isinstance(spec, CardSpec):
        data = kit_image(spec)
    else:
        data = qr.png(spec)
    tmp = f"{target}.{os.getpid()}.tmp"
    with open(tmp, "wb") as handle:
        handle.write(data)
    os.replace(tmp, target)


def _render_all(jobs: Sequence[Job], workers: int) -> None:
    if workers <= 1 or len(jobs) < SERIAL_BELOW or not can_fork():
        for job in jobs:
            _render_to(*job)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        chunk = max(1, len(jobs) // (workers * 4))
        kinds, specs, targets = zip(*jobs, strict=True)
        for _ in pool.map(_render_to, kinds, specs, targets, chunksize=chunk):
            pass


def _write(target: Path, data: bytes) -> None:
    """Write only when the bytes differ, so unchanged files keep their mtime."""
    try:
        if target.read_bytes() == data:
            return
    except OSError:
        target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


def _copy(source: Path, target: Path) -> None:
    try:
        a, b = source.stat(), target.stat()
        if a.st_size == b.st_size and a.st_mtime_ns == b.st_mtime_ns:
            return
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)  # keeps the mtime compared above


def build_print(
    catalog: Catalog,
    out_dir: Path,
    cache_dir: Path,
    gemeenten: list[Gemeente] | None = None,
    profile_ids: list[str] | None = None,
    channel: str | None = None,
    workers: int | None = None,
    prune: bool = False,
) -> PrintResult:
    """Write posters, flyers, newspaper kits and listing pages for the chosen part of
    ``catalog`` under ``out_dir`` (``<gemeente>/`` and ``<gemeente>/<profiel>/``).

    ``prune`` removes files under ``out_dir`` (or, for chosen gemeenten, under their folders)
    that this run did not produce: the site's own print folder drops the print matter of
    profiles that were filled or closed since.
    """
    chosen: Plan = plan(catalog, gemeenten, profile_ids, channel)
    pdfs, jpgs, pngs = Cache(cache_dir / "pdf"), Cache(cache_dir / "jpg"), Cache(cache_dir / "png")
    for cache in (pdfs, jpgs, pngs):
        cache.files.mkdir(parents=True, exist_ok=True)
    hashes = FileHashes()
    wanted: dict[str, tuple[Cache, str, str]] = {}  # output path -> cache, digest, suffix
    jobs: list[Job] = []
    for sheet in chosen.sheets:
        key = sheet_digest(sheet, hashes)
        wanted[sheet.path] = (pdfs, key, ".pdf")
        if not pdfs.hit(sheet.path, key, ".pdf"):
            jobs.append(("pdf", sheet, str(pdfs.file_for(key, ".pdf"))))
    for kit in chosen.kits:
        key = card_digest(kit.card, hashes, KIT_ENCODING)
        path = f"{kit.folder}/krant.jpg"
        wanted[path] = (jpgs, key, ".jpg")
        if not jpgs.hit(path, key, ".jpg"):
            jobs.append(("jpg", kit.card, str(jpgs.file_for(key, ".jpg"))))
        # Encoding a QR code costs ~20 ms: 3,400 of them were most of a warm national run.
        key, path = qr_digest(kit.qr_data), f"{kit.folder}/krant-qr.png"
        wanted[path] = (pngs, key, ".png")
        if not pngs.hit(path, key, ".png"):
            jobs.append(("png", kit.qr_data, str(pngs.file_for(key, ".png"))))
    unique = list({target: (kind, spec, target) for kind, spec, target in jobs}.values())
    _render_all(unique, workers if workers is not None else default_workers())
    result = PrintResult(rendered=len(unique), from_cache=len(wanted) - len(jobs))
    result.skipped = chosen.skipped
    partial = gemeenten is not None or profile_ids is not None
    for cache, suffix in ((pdfs, ".pdf"), (jpgs, ".jpg"), (pngs, ".png")):
        mine = {p: d for p, (c, d, _s) in wanted.items() if c is cache}
        # A partial run keeps the rest of the manifest, so a later full run still hits.
        cache.save({**cache.manifest, **mine} if partial else mine, suffix)
    for path, (cache, key, suffix) in wanted.items():
        _copy(cache.file_for(key, suffix), out_dir / path)
        result.files.append(path)
    for kit in chosen.kits:
        result.files += _write_kit(kit, out_dir)
    base = catalog.settings.site.base
    for item in chosen.listings:
        _write(out_dir / item.folder / "index.html", listing.page(item, base).encode())
        result.files.append(f"{item.folder}/index.html")
    if prune and gemeenten is None:
        _prune(out_dir, set(result.files))
    elif prune and gemeenten:  # a run for some gemeenten tidies their folders only
        for g in gemeenten:
            own = {f.split("/", 1)[1] for f in result.files if f.startswith(f"{g.slug}/")}
            _prune(out_dir / g.slug, own)
    log.info("print: %d files, %d rendered, %d from cache", len(result.files),
             result.rendered, result.from_cache)  # fmt: skip
    return result


def _write_kit(kit: Kit, out_dir: Path) -> list[str]:
    text = f"{kit.headline}\n\n{kit.text}\n"
    _write(out_dir / kit.folder / "krant.txt", text.encode("utf-8"))
    return [f"{kit.folder}/krant.txt"]


def _prune(out_dir: Path, keep: set[str]) -> None:
    if not out_dir.is_dir():
        return
    for path in sorted(out_dir.rglob("*"), reverse=True):
        name = path.relative_to(out_dir).as_posix()
        if path.is_file() and name not in keep:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
