"""Sign-ups per second with one and with two instances on ONE PostgreSQL database, and a SIGKILL.

    .venv/bin/python bench/instances_bench.py [--posts 6000] [--concurrency 16] [--kill-after 1.5]

Each instance is `buurtsite forms serve` in its own process on 127.0.0.1 (rate limit off, no
SMTP: mail stays queued). Round 1: one instance, ``--concurrency`` keep-alive connections.
Round 2: two instances, the same connections split over both. Round 3: two instances, one
SIGKILLed after ``--kill-after`` s; the load goes on at the other. After each round every
acknowledged sign-up must be stored exactly once. A fresh database on
BUURTSITE_TEST_DATABASE_URL's server is created and dropped. Bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forms_load import free_port, load, start_server, stored

ADMIN = os.environ.get(
    "BUURTSITE_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def servers(tmp: Path, url: str, n: int) -> list[tuple[subprocess.Popen[bytes], int]]:
    started = []
    for i in range(n):
        port = free_port()
        started.append((start_server(tmp / f"i{i}", port, "auto", url), port))
    return started


def stop(procs: list[tuple[subprocess.Popen[bytes], int]]) -> None:
    for proc, _ in procs:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
    for proc, _ in procs:
        proc.wait(timeout=30)


def round_(
    tmp: Path, url: str, instances: int, posts: int, conc: int, kill_after: float | None
) -> None:
    run = f"i{instances}{'k' if kill_after else ''}{secrets.token_hex(3)}"
    for i in range(instances):
        (tmp / f"i{i}").mkdir(exist_ok=True)
    procs = servers(tmp, url, instances)
    acked: list[str] = []
    try:
        for _, port in procs:  # warm up each instance (imports, pools, compiled statements)
            asyncio.run(load(port, 200, 4, 30, f"warm{run}{port}", []))

        async def go() -> float:
            if kill_after is not None:
                victim = procs[0][0]
                asyncio.get_running_loop().call_later(
                    kill_after, lambda: victim.send_signal(signal.SIGKILL)
                )
            share = conc // instances
            start = time.perf_counter()
            await asyncio.gather(
                *(
                    load(port, posts // instances, share, 60, f"{run}p{port}", acked)
                    for _, port in procs
                )
            )
            return time.perf_counter() - start

        elapsed = asyncio.run(go())
    finally:
        stop(procs)
    counts: dict[str, int] = {}
    for _, port in procs:
        counts.update(stored(tmp, f"{run}p{port}", url))
    lost = [e for e in acked if counts.get(e, 0) == 0]
    doubled = [e for e, n in counts.items() if n > 1]
    label = f"{instances} instance(s)" + (
        f", one SIGKILLed after {kill_after} s" if kill_after else ""
    )
    print(
        f"{label}: {len(acked)} acknowledged in {elapsed:.1f} s = {len(acked) / elapsed:.0f} "
        f"aanmeldingen/s; stored {sum(counts.values())}, lost {len(lost)}, "
        f"duplicated {len(doubled)}"
    )
    if lost or doubled:
        raise SystemExit(1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=6000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--kill-after", type=float, default=1.5)
    args = parser.parse_args()
    name = f"buurtsite_bench_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = f"{ADMIN.rsplit('/', 1)[0]}/{name}"
    try:
        with tempfile.TemporaryDirectory(prefix="buurtsite-instances-") as tmp:
            for instances, kill in ((1, None), (2, None), (2, args.kill_after)):
                round_(Path(tmp), url, instances, args.posts, args.concurrency, kill)
    finally:
        with psycopg.connect(ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


if __name__ == "__main__":
    main()
