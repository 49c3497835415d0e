"""How fast the privacy gate is where coordinators feel it.

    .venv/bin/python bench/privacy_speed.py [--runs 5] [--profiles 3420]

1. Wall time of ``buurtsite check <one profile>`` in a fresh process (start-up included),
   repeated; the budget is 1.5 s.
2. Bulk: a generated national project with ``--profiles`` profiles (texts drawn from the
   demo profiles and the corpus, so names, schools and numbers are in the mix): time of
   ``scan_catalog`` per profile (budget 10 ms) and of the whole ``pipeline.check``.
3. The same ``scan_catalog`` timing on bench/national_fixture.py's project (3,420 profiles
   over 342 gemeenten, every gemeente name allowed in every profile).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import pipeline, privacy  # noqa: E402
from generator.validate import load_catalog, load_project  # noqa: E402

ONE_PROFILE = REPO / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"
BUURTSITE = Path(sys.executable).with_name("buurtsite")


def one_profile_wall(runs: int) -> list[float]:
    env = dict(os.environ, BUURTSITE_TODAY="2026-11-23")
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [str(BUURTSITE), "check", str(ONE_PROFILE.relative_to(REPO))],
            cwd=REPO,
            env=env,
            capture_output=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
    return times


def national_project(root: Path, count: int) -> Path:
    """A copy of the demo config with ``count`` generated profiles spread over its gemeenten."""
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    if (REPO / "theme").exists():
        shutil.copytree(REPO / "theme", root / "theme")
    config = yaml.safe_load((REPO / "site_config.yml").read_text(encoding="utf-8"))
    corpus = yaml.safe_load((REPO / "tests/data/privacy/corpus.yml").read_text(encoding="utf-8"))
    texts = [item["text"] for item in corpus["items"]]
    template = yaml.safe_load(ONE_PROFILE.read_text(encoding="utf-8"))
    template.pop("broers_zussen", None)
    rng = random.Random(4)
    for i in range(count):
        gemeente = config["gemeenten"][i % len(config["gemeenten"])]
        profile = dict(template)
        profile["id"] = f"{gemeente['slug']}-b{i:05d}"
        profile["gemeente"] = gemeente["slug"]
        profile["wijk"] = gemeente["wijken"][0]
        profile["verhaal"] = "\n\n".join(rng.sample(texts, 3)) + "\n"
        profile["wensen"] = [rng.choice(texts)]
        folder = root / "profiles" / gemeente["slug"]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"p{i:05d}.yml").write_text(
            yaml.safe_dump(profile, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    return root / "site_config.yml"


def national(tmp: Path) -> tuple[float, int, int]:
    """ms per profile of ``scan_catalog`` on the national fixture (no findings cache)."""
    sys.path.insert(0, str(REPO / "bench"))
    import national_fixture

    national_fixture.write(tmp)
    catalog = load_catalog(load_project(tmp / "site_config.yml"))
    start = time.perf_counter()
    findings = privacy.scan_catalog(catalog)
    elapsed = time.perf_counter() - start
    return elapsed / max(1, len(catalog.profiles)), len(catalog.profiles), len(findings)


def bulk(count: int) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory() as tmp:
        config = national_project(Path(tmp), count)
        catalog = load_catalog(load_project(config))
        start = time.perf_counter()
        findings = privacy.scan_catalog(catalog)
        scan = time.perf_counter() - start
        start = time.perf_counter()
        pipeline.check(config)
        whole = time.perf_counter() - start
        return scan / max(1, len(catalog.profiles)), whole, len(findings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profiles", type=int, default=3420)
    args = parser.parse_args()
    walls = one_profile_wall(args.runs)
    print(
        f"buurtsite check <1 profile>: median {statistics.median(walls):.2f} s, "
        f"min {min(walls):.2f} s, max {max(walls):.2f} s over {args.runs} runs (budget 1.5 s)"
    )
    per_profile, whole, findings = bulk(args.profiles)
    print(
        f"scan_catalog on {args.profiles} profiles: {per_profile * 1000:.2f} ms per profile "
        f"(budget 10 ms), {findings} findings; whole pipeline.check: {whole:.1f} s"
    )
    with tempfile.TemporaryDirectory() as tmp:
        per_profile, count, findings = national(Path(tmp) / "national")
    print(
        f"scan_catalog on the national fixture ({count} profiles): "
        f"{per_profile * 1000:.2f} ms per profile (budget 10 ms), {findings} findings"
    )


if __name__ == "__main__":
    main()
