"""Measure the national build: cold, no change, one edited profile, the MkDocs floor, preview.

    .venv/bin/python bench/national_fixture.py /tmp/national
    .venv/bin/python bench/build_bench.py /tmp/national
    .venv/bin/python bench/build_bench.py --warm-cards /tmp/national   # keep the card cache
    .venv/bin/python bench/build_bench.py --edit-only /tmp/national    # one more edit rebuild

Each scenario runs what `buurtsite build` runs (check, then build_site) in this process and
reports the time per stage. The floor is a bare `mkdocs build` of the same staged project in
a subprocess. The preview figures are `serve --gemeente`'s rebuild after a save, and the time
from writing a profile to the served page showing the change (HTTP on 127.0.0.1).
Run it once on a quiet machine: a cold national build takes minutes on 2 cores.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator import pipeline
from generator.build import build_site
from generator.preview import Preview, Rebuild

TODAY = date(2026, 11, 23)


def scenario(config: Path, name: str) -> dict[str, float | str]:
    root = config.parent
    timings: dict[str, float] = {}
    started = time.perf_counter()
    catalog = pipeline.checked(config, on=TODAY)
    timings["check"] = time.perf_counter() - started
    result = build_site(
        catalog, root / "site", root / "build" / "staged", root / ".cache" / "kaarten",
        timings=timings,
    )  # fmt: skip
    total = time.perf_counter() - started
    row: dict[str, float | str] = {"scenario": name, "mode": result.mode, "total": total}
    row.update({k: round(v, 2) for k, v in timings.items()})
    row["ours"] = round(total - timings["check"], 2)
    row["total"] = round(total, 2)
    print(json.dumps(row), flush=True)
    return row


def edit_profile(path: Path, marker: str) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    lines = [
        f"titel: {marker} {line[7:]}" if line.startswith("titel: ") else line for line in lines
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def floor(root: Path) -> float:
    out = root / "build" / "floor-site"
    shutil.rmtree(out, ignore_errors=True)
    mkdocs = Path(sys.executable).parent / "mkdocs"
    started = time.perf_counter()
    subprocess.run(
        [str(mkdocs), "build", "-q", "-f", str(root / "build" / "staged" / "mkdocs.yml"),
         "-d", str(out)],
        check=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": str(int(datetime(2026, 11, 23, tzinfo=UTC).timestamp()))},
    )  # fmt: skip
    seconds = time.perf_counter() - started
    print(json.dumps({"scenario": "floor: bare mkdocs build", "total": round(seconds, 2)}))
    return seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def preview(config: Path, slug: str, profile: Path) -> dict[str, float]:
    view = Preview(config, slug)
    first = view.rebuild()
    rebuilds = []
    for i in range(3):
        edit_profile(profile, f"P{i}")
        rebuilds.append(view.rebuild().seconds)
    results: list[Rebuild] = []
    port = free_port()
    server = view.server(port, results.append)
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}/{slug}/{profile.stem}/"
    try:
        time.sleep(1.0)
        marker = f"LIVE{time.time_ns() % 1000000}"  # unique, so a re-run cannot match at once
        edit_profile(profile, marker)
        saved = time.perf_counter()
        while True:
            with urllib.request.urlopen(url, timeout=5) as response:
                if marker in response.read().decode("utf-8"):
                    break
            if time.perf_counter() - saved > 30:
                raise RuntimeError("the preview never showed the change")
            time.sleep(0.02)
        visible = time.perf_counter() - saved
    finally:
        server.shutdown(wait=True)
        thread.join(timeout=5)
    row = {
        "scenario": f"serve --gemeente {slug}",
        "first": round(first.seconds, 2),
        "rebuild_after_save": round(sorted(rebuilds)[1], 2),
        "save_to_served_page": round(visible, 2),
    }
    print(json.dumps(row), flush=True)
    return row


def main(argv: list[str]) -> int:
    warm_cards = "--warm-cards" in argv
    edit_only = "--edit-only" in argv
    argv = [a for a in argv if a not in ("--warm-cards", "--edit-only")]
    if len(argv) != 1:
        print(
            "gebruik: python bench/build_bench.py [--warm-cards | --edit-only] PROJECTMAP",
            file=sys.stderr,
        )
        return 2
    os.environ["BUURTSITE_TODAY"] = TODAY.isoformat()
    root = Path(argv[0]).resolve()
    config = root / "site_config.yml"
    if edit_only:
        # One more edit rebuild of an already built project: run it alternately from two code
        # trees (each on its own built fixture) to compare them on the same machine load.
        profiles = sorted((root / "profiles").glob("*/*.yml"))
        target = next(p for p in profiles[len(profiles) // 2 :] if "status: open" in p.read_text())
        edit_profile(target, f"E{time.time_ns() % 1000000}")
        scenario(config, "rebuild after editing one profile")
        return 0
    # --warm-cards keeps the share-card cache: the cards are the images area's cost (see
    # bench/images_bench.py) and dominate a cold national build.
    for folder in ("build", "site") if warm_cards else ("build", "site", ".cache"):
        shutil.rmtree(root / folder, ignore_errors=True)
    profiles = sorted((root / "profiles").glob("*/*.yml"))
    # An open profile in the middle of the country.
    target = next(p for p in profiles[len(profiles) // 2 :] if "status: open" in p.read_text())
    rows: list[dict[str, float | str]] = []
    rows.append(scenario(config, "cold build"))
    rows.append(scenario(config, "rebuild, nothing changed"))
    edit_profile(target, "Bewerkt")
    rows.append(scenario(config, "rebuild after editing one profile"))
    rows.append({"scenario": "floor", "total": round(floor(root), 2)})
    rows.append(preview(config, target.parent.name, target))  # type: ignore[arg-type]
    (root / "bench.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
