"""Regenerate docs/voorbeeldrapportage.{md,html}: the progress report over the demo content.

The demo has no real history of posts and aanmeldingen, so this script records an invented one
(through the publisher's ledger and the forms store, as the real components would) in a
temporary data folder, then runs `buurtsite report` on it. Run: .venv/bin/python scripts/sample_report.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from generator import pipeline
from generator.forms import migrate
from generator.forms.fields import Submission
from generator.forms.store import insert_many, make_engine
from generator.publish.ledger import Ledger, PostState

ROOT = Path(__file__).resolve().parent.parent
TODAY = "2026-11-23"
CHANNELS = [("facebook", "facebook"), ("website", None), ("facebook", "facebook"), ("krant", None)]


def record_history(data: Path) -> None:
    os.environ["BUURTSITE_TODAY"] = TODAY
    catalog = pipeline.checked(ROOT / "site_config.yml")
    engine = make_engine(f"sqlite:///{data / 'aanmeldingen.sqlite3'}")
    migrate.upgrade(engine)
    with Ledger.in_dir(data) as ledger:
        for n, profile in enumerate(p for p in catalog.profiles if p.published):
            gemeente = catalog.settings.gemeente(profile.gemeente)
            assert gemeente is not None and profile.published is not None
            action = ledger.begin(
                profile.id, gemeente.facebook_page or "0", "create", profile.published
            )
            ledger.finish(action, profile.id, PostState.LIVE, post_id=f"{n}_1")
            for i in range(3 + n % 4):
                source, utm = CHANNELS[(n + i) % len(CHANNELS)]
                sub = Submission(
                    kind="steungezin",
                    role=None,
                    gemeente=profile.gemeente,
                    profile=profile.id,
                    profile_status="open",
                    name="Voorbeeld Bewoner",
                    email=f"voorbeeld{n}-{i}@example.org",
                    phone="0600000000",
                    place=gemeente.name,
                    household=None,
                    message=None,
                    source=source,
                    privacy_version="2026-1",
                    utm={"utm_source": utm} if utm else {},
                )
                when = datetime.combine(
                    profile.published + timedelta(days=2 + 3 * i), datetime.min.time()
                )
                insert_many(engine, [(sub, [])], now=when)
    engine.dispose()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        record_history(data)
        env = {**os.environ, "BUURTSITE_DATA_DIR": str(data), "BUURTSITE_TODAY": TODAY}
        env.pop("DATABASE_URL", None)
        for fmt, name in (("md", "voorbeeldrapportage.md"), ("html", "voorbeeldrapportage.html")):
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "generator",
                    "report",
                    "--van",
                    "2026-01-01",
                    "--tot",
                    TODAY,
                    "--format",
                    fmt,
                    "--uitvoer",
                    str(ROOT / "docs" / name),
                ],
                cwd=ROOT,
                env=env,
                check=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
