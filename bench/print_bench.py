"""Benchmark print matter at national scale: poster + flyer for every profile of the fixture.

    .venv/bin/python bench/national_fixture.py /tmp/national
    .venv/bin/python bench/print_bench.py /tmp/national [--workers 2]
    .venv/bin/python bench/print_bench.py --edit-rebuild 5 /tmp/national
    .venv/bin/python bench/print_bench.py --plan-cost 3 /tmp/national

Every profile of the fixture (3,420) is made open for this run, so each gets a poster (A4)
and a flyer (A5): the issue's target counts documents, not today's statuses. Reports ms per
document with 1 worker on a sample and with ``--workers`` on all, PDF sizes, the full
``build_print`` (gemeente posters and newspaper kits too), a warm rerun, and an edit of one
profile. Prints a Markdown table for docs/benchmarks.md. Run it on an idle machine.

``--edit-rebuild N`` measures instead the print step of ``build`` after one edited profile,
on the fixture's own statuses: planning every gemeente (what ``build`` did before) against
``build_changed`` (only the gemeenten whose inputs changed), N alternating pairs, in CPU
seconds of this process (drawing four documents runs here too: fewer than the pool's minimum).
Its first run draws the fixture's print matter (an hour on a loaded machine).

``--plan-cost N`` measures only the planning part of that, without drawing anything: every
gemeente's plan against the per-gemeente digests plus one gemeente's plan, N alternating pairs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import pipeline  # noqa: E402
from generator.model import Status  # noqa: E402
from generator.printing import build_print  # noqa: E402
from generator.printing.build import PrintResult, _render_all  # noqa: E402
from generator.printing.incremental import build_changed, gemeente_digests  # noqa: E402
from generator.printing.sheets import A4, A5, plan  # noqa: E402
from generator.validate import Catalog  # noqa: E402

TODAY = date(2026, 11, 23)


def all_open(catalog: Catalog) -> Catalog:
    fresh = TODAY - timedelta(days=10)
    profiles = [
        p.model_copy(update={"status": Status.OPEN, "published": fresh, "expires": None})
        for p in catalog.profiles
    ]
    # _cache_key=None: the catalog's per-gemeente index is keyed by the number of profiles.
    return replace(catalog, profiles=profiles, _cache_key=None)


class Rows(list[tuple[str, str]]):
    """Table rows, printed as they are measured: a national run takes minutes."""

    def __init__(self) -> None:
        super().__init__()
        print("| step | result |\n| --- | --- |", flush=True)

    def append(self, row: tuple[str, str]) -> None:
        super().append(row)
        print(f"| {row[0]} | {row[1]} |", flush=True)


def render(
    catalog: Catalog, folder: Path, workers: int, limit: int | None
) -> tuple[float, float, int]:
    """Wall and CPU seconds (CPU: this process only, so for 1 worker) to render the profiles'
    posters and flyers without cache, and how many. CPU time does not grow with the load
    other programs put on the machine; wall time does."""
    sheets = [s for s in plan(catalog).sheets if s.path.count("/") == 2][:limit]
    folder.mkdir(parents=True, exist_ok=True)
    jobs = [("pdf", s, str(folder / f"{i}.pdf")) for i, s in enumerate(sheets)]
    start, cpu = time.perf_counter(), time.process_time()
    _render_all(jobs, workers)  # type: ignore[arg-type]
    return time.perf_counter() - start, time.process_time() - cpu, len(jobs)


def edit_rebuild(project: Path, pairs: int, workers: int) -> None:
    catalog = pipeline.checked(project / "site_config.yml", on=TODAY)
    out, cache = project / "build" / "print-bench", project / ".cache" / "drukwerk-bench"
    start = time.perf_counter()
    build_changed(catalog, out, cache, workers=workers)  # draws what the cache lacks
    print(f"first run (cache and folder filled): {time.perf_counter() - start:.0f} s")

    def every(changed: Catalog) -> PrintResult:
        return build_print(changed, out, cache, None, workers=workers, prune=True)

    def only_changed(changed: Catalog) -> PrintResult:
        return build_changed(changed, out, cache, workers=workers)

    index = next(i for i, p in enumerate(catalog.profiles) if p.status is Status.OPEN)
    first = catalog.profiles[index]
    rows = Rows()
    for n in range(pairs):
        for name, run in (
            ("every gemeente (before)", every),
            ("changed only (after)", only_changed),
        ):
            edited = list(catalog.profiles)
            edited[index] = first.model_copy(update={"title": f"{first.title} {name[0]}{n}"})
            changed = replace(catalog, profiles=edited, _cache_key=None)
            wall, cpu = time.perf_counter(), time.process_time()
            result = run(changed)
            rows.append(
                (f"pair {n + 1}: {name}, {len(result.files):,} files planned",
                 f"{time.process_time() - cpu:.2f} s CPU / {time.perf_counter() - wall:.2f} s wall")
            )  # fmt: skip
    print(f"\n1-minute load average after: {os.getloadavg()[0]:.1f}")


def plan_cost(project: Path, pairs: int) -> None:
    catalog = pipeline.checked(project / "site_config.yml", on=TODAY)
    everyone = catalog.settings.gemeenten
    edited = next(
        g for g in everyone if any(p.status is Status.OPEN for p in catalog.profiles_of(g.slug))
    )

    def before() -> int:
        return len(plan(catalog).sheets)

    def after() -> int:
        gemeente_digests(catalog, everyone)
        return len(plan(catalog, [edited]).sheets)

    rows = Rows()
    for n in range(pairs):
        for name, run in (
            ("plan every gemeente (before)", before),
            ("digests + plan one (after)", after),
        ):
            wall, cpu = time.perf_counter(), time.process_time()
            sheets = run()
            rows.append(
                (f"pair {n + 1}: {name}, {sheets:,} sheets",
                 f"{time.process_time() - cpu:.2f} s CPU / {time.perf_counter() - wall:.2f} s wall")
            )  # fmt: skip
    print(f"\n1-minute load average after: {os.getloadavg()[0]:.1f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--edit-rebuild", type=int, metavar="PAIRS", default=0)
    parser.add_argument("--plan-cost", type=int, metavar="PAIRS", default=0)
    args = parser.parse_args()
    os.environ["BUURTSITE_TODAY"] = TODAY.isoformat()
    if args.plan_cost:
        plan_cost(args.project, args.plan_cost)
        return 0
    if args.edit_rebuild:
        edit_rebuild(args.project, args.edit_rebuild, args.workers)
        return 0
    load = os.getloadavg()[0]
    start = time.perf_counter()
    catalog = all_open(pipeline.checked(args.project / "site_config.yml", on=TODAY))
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    planned = plan(catalog)
    plan_s = time.perf_counter() - start
    n_profiles = sum(1 for s in planned.sheets if s.size == A5)
    rows = Rows()
    rows.append(("profiles (all made open)", f"{n_profiles:,}"))
    rows.append(("load + check catalogue", f"{load_s:.1f} s"))
    rows.append(("plan every sheet and kit (texts, privacy gate)", f"{plan_s:.1f} s"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        seconds, cpu, n = render(catalog, root / "one", 1, args.sample)
        rows.append(
            (f"poster/flyer, 1 worker ({n} documents): wall / CPU",
             f"{seconds * 1000 / n:.1f} / {cpu * 1000 / n:.1f} ms/doc")
        )  # fmt: skip
        seconds, _cpu, n = render(catalog, root / "pool", args.workers, None)
        per_doc = seconds * 1000 / n
        rows.append(
            (f"poster + flyer for all, {args.workers} workers ({n:,} documents)",
             f"{seconds:.0f} s = {per_doc:.1f} ms/doc")
        )  # fmt: skip
        sizes = [p.stat().st_size / 1024 for p in (root / "pool").iterdir()]
        a4 = [s.path for s in planned.sheets if s.size == A4]
        rows.append(
            ("PDF size (median / max)", f"{statistics.median(sizes):.0f} KB / {max(sizes):.0f} KB")
        )
        out, cache = root / "out", root / "cache"
        start = time.perf_counter()
        cold = build_print(catalog, out, cache, workers=args.workers)
        rows.append(
            (f"build_print cold, {args.workers} workers ({cold.rendered:,} PDFs + kit images)",
             f"{time.perf_counter() - start:.0f} s")
        )  # fmt: skip
        start = time.perf_counter()
        warm = build_print(catalog, out, cache, workers=args.workers)
        rows.append(
            (f"build_print warm (rendered {warm.rendered})", f"{time.perf_counter() - start:.1f} s")
        )
        first = catalog.profiles[0]
        edited = [first.model_copy(update={"title": first.title + " Nu!"}), *catalog.profiles[1:]]
        start = time.perf_counter()
        changed = replace(catalog, profiles=edited, _cache_key=None)
        again = build_print(changed, out, cache, workers=args.workers)
        rows.append(
            (f"one profile edited (rendered {again.rendered})",
             f"{time.perf_counter() - start:.1f} s")
        )  # fmt: skip
        disk = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20
        rows.append((f"output folder ({len(a4):,} A4 sheets in all)", f"{disk:.0f} MiB"))
    print(f"\n1-minute load average before: {load:.1f}; after: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
