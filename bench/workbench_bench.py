"""The workbench's speed on the national fixture: live check, preview, approval -> page live.

    .venv/bin/python bench/national_fixture.py /tmp/national
    BUURTSITE_TODAY=2026-11-23 .venv/bin/python -m generator build --config /tmp/national/site_config.yml
    BUURTSITE_TODAY=2026-11-23 .venv/bin/python bench/workbench_bench.py /tmp/national

1. Live privacy check: POST /backoffice/profielen/controle (JSON) with a 2,000-character story,
   through the real app (in-process ASGI client, SQLite store), after a warm-up; p50/p95.
2. Preview: POST /backoffice/profielen/voorbeeld (the fragment the script asks for): page and
   card; p50/p95 and the slowest.
3. Approval -> page live: a new profile file appears (as the approval job writes it), then
   ``publish_profile``; seconds until its page is in site/, with the stages; then the same
   profile set to gekoppeld. Needs a previous full build of the fixture (command above).
4. The first approval after a server start, each in a fresh process (``--eerste``): without
   and with the server's warm-up (``jobs.warm_up``, which the backoffice's lifespan runs at
   start), wall and CPU seconds and the stages.

    BUURTSITE_TODAY=2026-11-23 .venv/bin/python bench/workbench_bench.py --eerste /tmp/national
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from generator import pipeline
from generator.backoffice import accounts, form
from generator.backoffice.jobs import warm_up
from generator.backoffice.publishsite import publish_profile
from generator.forms.app import create_app
from generator.forms.runtime import Runtime
from generator.validate import load_project

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from starlette.testclient import TestClient

SENTENCES = (
    "Dit meisje van 8 tekent graag en speelt het liefst buiten met de kinderen uit de straat. ",
    "Haar moeder werkt onregelmatige diensten en zoekt een vaste middag in de week. ",
    "Sanne zit op basisschool De Regenboog en houdt van paarden. ",
    "Een gezin met een tuin of een hond zou ze prachtig vinden. ",
    "Ze is wat verlegen in het begin, maar als ze iemand kent, kletst ze honderduit. ",
)


def story(chars: int = 2000) -> str:
    text = ""
    i = 0
    while len(text) < chars:
        text += SENTENCES[i % len(SENTENCES)]
        i += 1
    return text[:chars]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def draft(gemeente: str, text: str, csrf: str) -> dict[str, Any]:
    data = {
        "id": f"{gemeente}-bench1",
        "gemeente": gemeente,
        "titel": "Een vrolijk meisje van 8 zoekt een speelmaatje-gezin",
        "kinderen": [{"leeftijd": 8, "geslacht": "meisje"}],
        "steunvormen": ["speelmiddag"],
        "frequentie": "wekelijks",
        "verhaal": text,
        "status": "open",
        "gepubliceerd": "2026-11-20",
    }
    values = form.values_from(data)
    return {**{k: v for k, v in values.items() if v not in ("", [])}, "csrf": csrf}


def http_figures(config: Path, runs: int) -> None:
    catalog = pipeline.check(config)
    gemeente = catalog.settings.gemeenten[0].slug
    with tempfile.TemporaryDirectory() as tmp:
        runtime = Runtime(
            database_url=f"sqlite:///{tmp}/bench.sqlite3",
            rate=None,
            secret_key="bench-" + "s" * 40,
            smtp=None,
            secure_cookies=False,
            background=False,
        )
        app = create_app(catalog, runtime)
        with TestClient(app, base_url="http://127.0.0.1") as client:
            from generator.forms import store

            engine = store.make_engine(runtime.database_url)
            accounts.add_user(engine, "bench", "wachtwoord-bench-123", "backoffice", ())
            engine.dispose()
            page = client.get("/backoffice/inloggen").text
            token = page.split('name="csrf" value="')[1].split('"')[0]
            client.post(
                "/backoffice/inloggen",
                data={"csrf": token, "gebruiker": "bench", "wachtwoord": "wachtwoord-bench-123"},
            )
            home = client.get("/backoffice/").text
            csrf = home.split('name="csrf" value="')[1].split('"')[0]
            text = story()
            for name, path, headers, n in (
                ("live check (2,000 chars)", "controle", {"Accept": "application/json"}, runs),
                ("preview page + card", "voorbeeld", {"X-Werkbank": "deel"}, max(5, runs // 5)),
            ):
                times: list[float] = []
                for i in range(n + 2):
                    # Each run types one more character, as a coordinator does.
                    posted = draft(gemeente, text[: 1990 + i % 10], csrf)
                    started = time.perf_counter()
                    response = client.post(
                        f"/backoffice/profielen/{path}", data=posted, headers=headers
                    )
                    elapsed = time.perf_counter() - started
                    assert response.status_code == 200, response.text[:300]
                    if i >= 2:  # the first two warm caches (ids on disk, fonts)
                        times.append(elapsed * 1000)
                print(
                    f"{name}: n={len(times)} p50 {statistics.median(times):.0f} ms, "
                    f"p95 {percentile(times, 95):.0f} ms, max {max(times):.0f} ms"
                )


NEW = """id: {slug}-snel1
gemeente: {slug}
titel: Een rustig gezin gezocht voor een meisje van 6
kinderen:
  - leeftijd: 6
    geslacht: meisje
steunvormen: [speelmiddag]
frequentie: {frequentie}
verhaal: |
  Dit meisje van 6 tekent graag en speelt het liefst buiten. Haar moeder werkt veel en
  zoekt een gezin in de buurt voor een vaste middag in de week.
status: {status}
gepubliceerd: 2026-11-20
statuslog:
  - {{status: open, datum: 2026-11-20}}{extra}
"""


def approval_figures(config: Path) -> None:
    root = config.parent
    site, staged, cards = root / "site", root / "build" / "staged", root / ".cache" / "kaarten"
    slug = pipeline.check(config).settings.gemeenten[0].slug
    target = root / "profiles" / slug / f"{slug}-snel1.yml"
    try:
        for label, status, extra in (
            ("new profile approved", "open", ""),
            ("set to gekoppeld", "gekoppeld", "\n  - {status: gekoppeld, datum: 2026-11-22}"),
        ):
            text = NEW.format(slug=slug, status=status, extra=extra, frequentie="wekelijks")
            target.write_text(text, encoding="utf-8")
            result = publish_profile(config, f"{slug}-snel1", site, staged, cards)
            page = site / slug / f"{slug}-snel1" / "index.html"
            assert page.is_file()
            stages = ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items())
            print(f"approval -> page live ({label}): {result.seconds:.2f} s ({stages})")
    finally:
        target.unlink(missing_ok=True)


FREQUENCIES = ("wekelijks", "om de week", "maandelijks", "eens per drie weken")


def first_approval(config: Path, warm: bool, frequentie: str) -> None:
    """In this (fresh) process: optionally the server's warm-up, then one approval."""
    root = config.parent
    site, staged, cards = root / "site", root / "build" / "staged", root / ".cache" / "kaarten"
    warmed = ""
    if warm:
        started = time.perf_counter()
        cpu = warm_up(config)
        warmed = f"; warm-up at start {time.perf_counter() - started:.2f} s ({cpu:.2f} s CPU)"
    slug = load_project(config).settings.gemeenten[0].slug  # site_config.yml only
    target = root / "profiles" / slug / f"{slug}-snel1.yml"
    # Another frequency each run, so the page changes and MkDocs' dirty run has work every time.
    text = NEW.format(slug=slug, status="open", extra="", frequentie=frequentie)
    target.write_text(text, encoding="utf-8")
    try:
        cpu_started = time.process_time()
        result = publish_profile(config, f"{slug}-snel1", site, staged, cards)
        cpu = time.process_time() - cpu_started
    finally:
        target.unlink(missing_ok=True)
    stages = ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items())
    label = "with warm-up" if warm else "cold"
    print(
        f"first approval after start, {label}: {result.seconds:.2f} s wall, {cpu:.2f} s CPU "
        f"({stages}){warmed}"
    )


def main(argv: list[str]) -> int:
    if len(argv) == 4 and argv[0] == "--eerste-in-dit-proces":
        first_approval(Path(argv[3]) / "site_config.yml", argv[1] == "warm", argv[2])
        return 0
    if len(argv) == 2 and argv[0] == "--eerste":
        runs = zip(("koud", "warm", "koud", "warm"), FREQUENCIES, strict=True)
        for mode, frequentie in runs:
            command = [sys.executable, __file__, "--eerste-in-dit-proces", mode, frequentie]
            subprocess.run([*command, argv[1]], check=True)
        return 0
    if len(argv) != 1:
        print(__doc__)
        return 2
    config = Path(argv[0]) / "site_config.yml"
    http_figures(config, runs=40)
    approval_figures(config)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
