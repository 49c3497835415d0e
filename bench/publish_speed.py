"""How fast `buurtsite publish` plans and posts, against the fake Graph API on loopback.

    .venv/bin/python bench/publish_speed.py [--per-gemeente 50]

Generates a copy of the demo project with ``--per-gemeente`` open profiles in each of its
four gemeenten (link posts, daily cap 50), then times, in one process:
1. ``pipeline.check`` of the project (for scale; not the publisher's own cost);
2. planning: privacy screening, tokens and daily cap of the posts (``schedule.plan_run``);
3. the first publish (every profile posted once, through the SDK over HTTP);
4. the second publish (nothing to do: the ledger answers).
The loopback server answers instantly, so (3) is the publisher's own overhead per post (its CPU
time includes the fake server's threads, which run in this process). The ledger is in
``DATABASE_URL`` when that is set (PostgreSQL), else in SQLite in the temporary data folder.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator import pipeline  # noqa: E402
from generator.publish.ledger import Ledger  # noqa: E402
from generator.publish.runner import Runner  # noqa: E402
from generator.publish.schedule import plan_run  # noqa: E402
from generator.publish.tokens import load_tokens  # noqa: E402
from tests.publish.fakegraph import FakeGraph  # noqa: E402

TEMPLATE = REPO / "profiles" / "haarlem" / "speelmiddag-jongen-7.yml"


def make_project(root: Path, per_gemeente: int) -> Path:
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("content", "theme"):
        if (REPO / folder).exists():
            shutil.copytree(REPO / folder, root / folder)
    config = yaml.safe_load((root / "site_config.yml").read_text(encoding="utf-8"))
    config["facebook"].update(berichttype="link", max_per_dag=50, wachttijd_seconden=0.0)
    (root / "site_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    base = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    for g in config["gemeenten"]:
        folder = root / "profiles" / g["slug"]
        folder.mkdir(parents=True)
        for i in range(per_gemeente):
            data = dict(base, id=f"{g['slug']}-b{i:04d}", gemeente=g["slug"], wijk=g["wijken"][0])
            data.pop("broers_zussen", None)
            (folder / f"p{i:04d}.yml").write_text(yaml.safe_dump(data, allow_unicode=True))
    return root / "site_config.yml"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--per-gemeente", type=int, default=50)
    args = parser.parse_args()
    os.environ.setdefault("BUURTSITE_TODAY", "2026-11-23")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "project").mkdir()
        config_path = make_project(root / "project", args.per_gemeente)
        fake = FakeGraph()
        tokens = {}
        for g in yaml.safe_load(config_path.read_text())["gemeenten"]:
            tokens[g["facebook_pagina"]] = f"bench-token-{g['slug']}"
            fake.add_page(g["facebook_pagina"], tokens[g["facebook_pagina"]])
        (root / "tokens.json").write_text(json.dumps(tokens))
        os.environ["BUURTSITE_FACEBOOK_TOKENS"] = str(root / "tokens.json")
        with fake.running(), Ledger.in_dir(root / "data") as ledger:
            os.environ["BUURTSITE_GRAPH_URL"] = fake.url
            t0 = time.perf_counter()
            catalog = pipeline.check(config_path)
            t1 = time.perf_counter()
            plan = plan_run(catalog, ledger, tokens.keys())
            t2 = time.perf_counter()
            cpu = time.process_time()
            runner = Runner(catalog, ledger, load_tokens(tokens), None, sleep=lambda s: None)
            first = runner.run(plan)
            t3 = time.perf_counter()
            cpu = time.process_time() - cpu  # this process: the runner, the ledger, the fake
            again = runner.run(plan_run(catalog, ledger, tokens.keys()))
            t4 = time.perf_counter()
        posted = sum(1 for o in first if o.result.value == "done")
        print(f"profiles: {len(catalog.profiles)}, planned: {len(plan.actions)}")
        print(f"pipeline.check:        {t1 - t0:6.2f} s")
        print(f"plan + privacy screen: {t2 - t1:6.2f} s")
        print(
            f"first publish:         {t3 - t2:6.2f} s for {posted} posts "
            f"({(t3 - t2) / max(posted, 1) * 1000:.1f} ms per post; "
            f"CPU {cpu / max(posted, 1) * 1000:.1f} ms per post)"
        )
        print(
            f"second publish:        {t4 - t3:6.2f} s, {len(again)} actions, "
            f"{len(fake.live_posts())} posts on the Pages"
        )


if __name__ == "__main__":
    main()
