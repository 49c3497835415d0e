"""Crawl the national build for broken internal links and images; optionally compare Zensical.

    .venv/bin/python bench/national_fixture.py /tmp/national
    .venv/bin/python bench/crawl_bench.py /tmp/national
    .venv/bin/python bench/crawl_bench.py --zensical /tmp/national   # also build with Zensical

Builds the project the way `buurtsite build` does (incremental: a warm site/ is reused), then
crawls site/ with generator.crawl: every <a>, image, script, stylesheet, og tag, JSON-LD URL,
CSS url(), feed link and sitemap entry. Exits 1 when anything is broken. With --zensical it
also builds the same staged project with a bare `mkdocs build` and with Zensical (cold, then
again with its cache warm), each timed with its peak memory, crawls Zensical's output, and
counts the pages whose link targets, og tags or robots differ from the MkDocs build.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import pipeline
from generator.build import build_site
from generator.crawl import Crawl, crawl

TODAY = date(2026, 11, 23)
# The same clock for every engine: MkDocs takes page dates and the sitemap.gz mtime from it.
ENV = {**os.environ, "SOURCE_DATE_EPOCH": str(int(datetime(2026, 11, 23, tzinfo=UTC).timestamp()))}


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
    return row


def timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Run ``command``; its wall-clock seconds and peak memory in MiB (0 without GNU time).

    The peak comes from GNU time, not from our own wait4(): Linux keeps a process's peak
    across fork and exec, so a child of this (large) Python process would report our size."""
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        wrapper = ["/usr/bin/time", "-f", "%M", "-o", str(peak_file)]
        if not Path(wrapper[0]).is_file():
            wrapper = []
        started = time.perf_counter()
        done = subprocess.run(
            wrapper + command, cwd=cwd, capture_output=True, text=True, env=ENV, check=False
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"{command[0]} faalde:\n{done.stdout}{done.stderr}")
        peak = int(peak_file.read_text().split()[-1]) / 1024 if wrapper else 0.0
    return seconds, peak


def engines(staged: Path, work: Path) -> tuple[Path, dict[str, float]]:
    """Build ``staged`` with bare MkDocs, then with Zensical twice (cold, then its cache warm)."""
    binary = Path(sys.executable).parent / "zensical"
    if not binary.is_file():
        raise SystemExit("Zensical ontbreekt: .venv/bin/pip install 'zensical==0.0.73'")
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(staged, work, ignore=shutil.ignore_patterns(".*"))
    mkdocs = [str(Path(sys.executable).parent / "mkdocs"), "build", "-q", "-d", "mkdocs-site"]
    figures: dict[str, float] = {}
    figures["mkdocs_seconds"], figures["mkdocs_peak_mib"] = timed(mkdocs, work)
    zensical = [str(binary), "build", "-f", "mkdocs.yml"]
    figures["zensical_cold_seconds"], figures["zensical_peak_mib"] = timed(zensical, work)
    figures["zensical_warm_seconds"], _peak = timed(zensical, work)
    return work / "site", {k: round(v, 2) for k, v in figures.items()}


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
    print(json.dumps(rows[0]), flush=True)
    if with_zensical:
        site, figures = engines(staged, root / "build" / "engines")
        started = time.perf_counter()
        other = crawl(site, base)
        row = summary("Zensical build", other, time.perf_counter() - started)
        shared = set(mkdocs.pages) & set(other.pages)
        row.update(
            {
                **figures,
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
    return 1 if any(r["broken"] for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
