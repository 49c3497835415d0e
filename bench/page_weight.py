"""Bytes a visitor downloads for one profile page, measured in Chromium.

    .venv/bin/python bench/page_weight.py [--profile haarlem/haarlem-k3m9] [--runs 3]

Builds the demo site into a temporary folder, serves it on 127.0.0.1 (Python's http.server,
which does not compress), opens the profile page in a fresh browser context (empty cache) at a
phone and a desktop viewport, waits until the network is idle, and adds up the response bodies
per type (HTML, CSS, JS, fonts, images, other). Each body is also gzipped (level 6, as nginx's
default) to show what a compressing web server would send. Target: <= 250 KB in total.
Every run must give the same bytes; a difference means the page loads something nondeterministic.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import sys
import tempfile
import threading
from collections import defaultdict
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from playwright.sync_api import Response, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import pipeline  # noqa: E402
from generator.build import build_site  # noqa: E402

TARGET_KB = 250
VERBOSE = "--urls" in sys.argv
TYPES = {
    "document": "HTML",
    "stylesheet": "CSS",
    "script": "JS",
    "font": "fonts",
    "image": "images",
}
VIEWPORTS = {"telefoon": (360, 740), "desktop": (1280, 800)}
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def build(root: Path) -> Path:
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("profiles", "content", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    os.environ.setdefault("BUURTSITE_TODAY", "2026-11-23")
    catalog = pipeline.checked(root / "site_config.yml")
    return build_site(catalog, root / "site", root / "staged", root / ".cache").site_dir


def weigh(browser: Any, url: str, viewport: tuple[int, int]) -> dict[str, list[int]]:
    """{type: [raw bytes, gzipped bytes, requests]} for one cold page load."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    responses: list[Response] = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for response in responses:
        body = response.body() if response.status < 300 else b""
        kind = TYPES.get(response.request.resource_type, "other")
        if VERBOSE:
            print(f"  {kind:<8}{len(body):>8}  {response.url}")
        totals[kind][0] += len(body)
        totals[kind][1] += len(gzip.compress(body, 6))
        totals[kind][2] += 1
    context.close()
    return dict(totals)


def report(name: str, totals: dict[str, list[int]]) -> int:
    print(f"\n{name}")
    print(f"  {'type':<8}{'requests':>9}{'raw KB':>10}{'gzip KB':>10}")
    for kind in [*TYPES.values(), "other"]:
        if kind in totals:
            raw, packed, count = totals[kind]
            print(f"  {kind:<8}{count:>9}{raw / 1024:>10.1f}{packed / 1024:>10.1f}")
    raw = sum(v[0] for v in totals.values())
    packed = sum(v[1] for v in totals.values())
    count = sum(v[2] for v in totals.values())
    verdict = "binnen" if raw / 1024 <= TARGET_KB else "BOVEN"
    print(f"  {'total':<8}{count:>9}{raw / 1024:>10.1f}{packed / 1024:>10.1f}")
    print(f"  uncompressed {verdict} the target of {TARGET_KB} KB")
    return raw


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", default="haarlem/haarlem-k3m9")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--urls", action="store_true", help="list every response")
    args = parser.parse_args()
    chromium = os.environ.get("BUURTSITE_CHROMIUM") or shutil.which("chromium")
    if chromium is None:
        print("Chromium ontbreekt: apt-get install chromium", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        site = build(Path(tmp))
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(site)))
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}/{args.profile.strip('/')}/"
        worst = 0
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=chromium, args=ARGS)
                for name, viewport in VIEWPORTS.items():
                    runs = [weigh(browser, url, viewport) for _ in range(args.runs)]
                    raws = {sum(v[0] for v in r.values()) for r in runs}
                    if len(raws) > 1:
                        print(f"{name}: runs differ ({sorted(raws)} bytes)", file=sys.stderr)
                    worst = max(worst, report(f"{args.profile} at {name} {viewport}", runs[-1]))
                browser.close()
        finally:
            httpd.shutdown()
            httpd.server_close()
    return 0 if worst / 1024 <= TARGET_KB else 1


if __name__ == "__main__":
    raise SystemExit(main())
