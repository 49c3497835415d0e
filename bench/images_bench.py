"""Benchmark share cards: N synthetic profiles, cold with 1 and 2 workers, then a warm cache.

    .venv/bin/python bench/images_bench.py --profiles 300

Profiles are copies of the demo profiles with new ids (each profile makes an og card and a
feed card). Also compares encodings on the same drawn cards, since encoding dominates.
Prints a Markdown table for docs/benchmarks.md. Run it on an idle machine; it uses 2 cores.
Each cold run is repeated (``--repeat``, alternating the order) and the best time is kept.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PIL import Image

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import pipeline  # noqa: E402
from generator.images import build_cards  # noqa: E402
from generator.images.build import encode  # noqa: E402
from generator.images.layout import draw_card  # noqa: E402
from generator.images.specs import plan  # noqa: E402
from generator.validate import Catalog  # noqa: E402


def synthetic(catalog: Catalog, n: int) -> Catalog:
    """``n`` profiles with pages, cycled from the demo ones. Each title starts with its number,
    so no title line repeats (the line cache gets no free hits); the facts do repeat, as the
    demo has only nine profiles: real data repeats them less, so expect a little slower."""
    base = [p for p in catalog.profiles if p.has_page()]
    profiles = [
        base[i % len(base)].model_copy(
            update={"id": f"bench-{i:05d}", "title": f"{i}: {base[i % len(base)].title}"}
        )
        for i in range(n)
    ]
    return replace(catalog, profiles=profiles)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    """(wall seconds, 1-minute load average just before): a busy machine explains a slow run."""
    load = os.getloadavg()[0]
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start, load


def build(catalog: Catalog, root: Path, cache: str, workers: int) -> tuple[float, float]:
    return timed(lambda: build_cards(catalog, root / "site", root / cache, workers=workers))


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _jpeg(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def encodings(catalog: Catalog, sample: int) -> list[tuple[str, float, float, int]]:
    """(name, ms per card, mean KB, max KB) for each encoding over the same drawn cards."""
    specs = [p.spec for p in plan(catalog)][:sample]
    start = time.perf_counter()
    images = [draw_card(s)[0] for s in specs]
    draw_ms = (time.perf_counter() - start) * 1000 / len(images)
    rows = [("draw only (no encode)", draw_ms, 0.0, 0)]
    for name, fn in (
        ("PNG, 256-colour palette (chosen)", encode),
        ("PNG, full colour (Pillow default)", _png),
        ("JPEG quality 85", _jpeg),
    ):
        start = time.perf_counter()
        sizes = [len(fn(image)) for image in images]
        ms = (time.perf_counter() - start) * 1000 / len(images)
        rows.append((name, ms, statistics.mean(sizes) / 1024, max(sizes) // 1024))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=300)
    parser.add_argument("--sample", type=int, default=60, help="cards for the encoding table")
    parser.add_argument("--repeat", type=int, default=2, help="runs of each; the best is kept")
    args = parser.parse_args()
    os.environ.setdefault("BUURTSITE_TODAY", "2026-11-23")
    catalog = synthetic(pipeline.checked(REPO / "site_config.yml"), args.profiles)
    cards = len(plan(catalog))

    # The machine is shared: alternate the runs and keep the best of each, as timeit does.
    runs: dict[str, list[tuple[float, float]]] = {"cold1": [], "cold2": [], "warm": []}
    for attempt in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp)
            for workers in (1, 2) if attempt % 2 == 0 else (2, 1):
                runs[f"cold{workers}"].append(build(catalog, root, f"c{workers}", workers))
            runs["warm"].append(build(catalog, root, "c2", 2))
            sizes = [p.stat().st_size for p in (root / "site").rglob("*.png")]
    cold1, cold2, warm = (min(runs[k]) for k in ("cold1", "cold2", "warm"))

    print(f"{args.profiles} profiles -> {cards} cards (og + feed per profile, plus gemeenten)")
    print()
    print("| run | wall time | ms per card | load average before |")
    print("| --- | --- | --- | --- |")
    for name, (wall, load) in (("cold, 1 worker", cold1), ("cold, 2 workers", cold2),
                               ("warm cache (nothing changed)", warm)):  # fmt: skip
        print(f"| {name} | {wall:.2f} s | {wall * 1000 / cards:.1f} | {load:.1f} |")
    print()
    print(f"card size: mean {statistics.mean(sizes) / 1024:.0f} KB, max {max(sizes) // 1024} KB")
    print()
    print("| encoding (same drawn cards) | ms per card | mean KB | max KB |")
    print("| --- | --- | --- | --- |")
    for name, ms, mean_kb, max_kb in encodings(catalog, args.sample):
        print(f"| {name} | {ms:.1f} | {mean_kb:.0f} | {max_kb} |")


if __name__ == "__main__":
    main()
