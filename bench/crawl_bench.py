"""Crawl the national build for broken internal links and images; optionally compare Zensical.

    .venv/bin/python bench/national_fixture.py /tmp/national
    .venv/bin/python bench/crawl_bench.py /tmp/national
    .venv/bin/python bench/crawl_bench.py --zensical /tmp/national   # also build with Zensical

Builds the project the way `buurtsite build` does (incremental: a warm site/ is reused), then
crawls site/ with generator.crawl: every <a>, image, script, stylesheet, og tag, JSON-LD URL,
CSS url(), feed link and sitemap entry. Exits 1 when anything is broken. With --zensical it
also builds the same staged project with Zensical (cold, then again with its cache warm),
crawls that, and counts the pages whose link targets, og tags or robots differ from MkDocs.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import pipeline
from generator.build import build_site
from generator.crawl import Crawl, crawl

TODAY = date(2026, 11, 23)


def summary(name: str, report: Crawl, seconds: float) -> dict[str, object]:
    row: dict[str, object] = {
        "scenario": name,
        "pages": len(report.pages),
        "references_checked": report.checked,
        "broken": len(report.broken),
        "crawl_seconds": round(seconds, 2),
    }
    if report.broken:
        row["reasons"] = dict(Counter(b.reason.split("'")[0] for b in report.broken))
        row["first"] = [f"{b.page} -> {b.url} ({b.reason})" for b in report.broken[:5]]
    print(json.dumps(row), flush=True)
    return row


def zensical(staged: Path, work: Path) -> tuple[Path, float, float, float]:
    """Build ``staged`` with Zensical twice; returns the site, cold and warm seconds, peak MiB."""
    binary = Path(sys.executable).parent / "zensical"
    if not binary.is_file():
        raise SystemExit("Zensical ontbreekt: .venv/bin/pip install 'zensical==0.0.73'")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(staged, work, ignore=shutil.ignore_patterns(".*"))
    seconds = []
    for _run in range(2):
        started = time.perf_counter()
        subprocess.run(
            [str(binary), "build", "-f", "mkdocs.yml"], cwd=work, check=True, capture_output=True
        )
        seconds.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return work / "site", seconds[0], seconds[1], peak


def main(argv: list[str]) -> int:
    with_zensical = "--zensical" in argv
    argv = [a for a in argv if a != "--zensical"]
    if len(argv) != 1:
        print("gebruik: python bench/crawl_bench.py [--zensical] PROJECTMAP", file=sys.stderr)
        return 2
    os.environ["BUURTSITE_TODAY"] = TODAY.isoformat()
    root = Path(argv[0]).resolve()
    catalog = pipeline.checked(root / "site_config.yml", on=TODAY)
    staged = root / "build" / "staged"
    started = time.perf_counter()
    result = build_site(catalog, root / "site", staged, root / ".cache" / "kaarten")
    print(json.dumps({"build": result.mode, "seconds": round(time.perf_counter() - started, 2)}))
    base = catalog.settings.site.base
    started = time.perf_counter()
    mkdocs = crawl(root / "site", base)
    rows = [summary("MkDocs build", mkdocs, time.perf_counter() - started)]
    if with_zensical:
        site, cold, warm, peak = zensical(staged, root / "build" / "zensical")
        started = time.perf_counter()
        other = crawl(site, base)
        row = summary("Zensical build", other, time.perf_counter() - started)
        shared = set(mkdocs.pages) & set(other.pages)
        row.update(
            {
                "zensical_cold_seconds": round(cold, 2),
                "zensical_warm_seconds": round(warm, 2),
                "zensical_peak_mib": round(peak),
                "pages_only_in_one": len(set(mkdocs.pages) ^ set(other.pages)),
                "pages_with_other_link_targets": sum(
                    mkdocs.targets(p) != other.targets(p) for p in shared
                ),
                "pages_with_other_head_tags": sum(
                    mkdocs.facts(p) != other.facts(p) for p in shared
                ),
                "same_sitemap": mkdocs.sitemap == other.sitemap,
            }
        )
        print(json.dumps(row), flush=True)
        rows.append(row)
    (root / "crawl.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 1 if any(r["broken"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
