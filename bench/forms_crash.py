"""Crash test: SIGKILL `buurtsite forms serve` during load, restart, count what survived.

    .venv/bin/python bench/forms_crash.py [--rounds 5] [--posts 20000] [--kill-after 1.5]

Each round starts the server on the same SQLite store (WAL, synchronous=FULL), sends posts on
16 keep-alive connections, kills the server with SIGKILL after ``--kill-after`` seconds and
notes every post that was acknowledged (HTTP 200) before the kill. At the end every acknowledged
aanmelding must be in the store exactly once, with its outbox rows. Bounded in count and time.
"""

from __future__ import annotations

import argparse
import asyncio
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forms_load import free_port, load, start_server


async def round_with_kill(
    port: int, posts: int, kill_after: float, run: str, acked: list[str], proc: object
) -> int:
    loop = asyncio.get_running_loop()
    loop.call_later(kill_after, lambda: proc.send_signal(signal.SIGKILL))  # type: ignore[attr-defined]
    latencies, _failures, _ = await load(port, posts, 16, kill_after + 10, run, acked)
    return len(latencies)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--posts", type=int, default=20000)
    parser.add_argument("--kill-after", type=float, default=1.5)
    args = parser.parse_args()
    acked: list[str] = []
    with tempfile.TemporaryDirectory(prefix="buurtsite-crash-") as tmp:
        data = Path(tmp)
        for n in range(args.rounds):
            port = free_port()
            proc = start_server(data, port)
            before = len(acked)
            started = time.perf_counter()
            asyncio.run(round_with_kill(port, args.posts, args.kill_after, f"r{n}", acked, proc))
            if proc.poll() is None:
                # The load ran out before the kill was due: kill now, the round still counts.
                proc.kill()
            proc.wait(timeout=30)
            print(
                f"round {n + 1}: killed with {proc.returncode} after "
                f"{time.perf_counter() - started:.1f} s; {len(acked) - before} acknowledged"
            )
        # One clean start after the last kill: the store opens and recovers its WAL.
        port = free_port()
        proc = start_server(data, port)
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
        with sqlite3.connect(data / "aanmeldingen.sqlite3") as conn:
            counts = dict(
                conn.execute("SELECT email, COUNT(*) FROM aanmeldingen GROUP BY email").fetchall()
            )
            integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
            orphans = conn.execute(
                "SELECT COUNT(*) FROM aanmeldingen a WHERE NOT EXISTS "
                "(SELECT 1 FROM outbox o WHERE o.aanmelding_id = a.id)"
            ).fetchone()[0]
    lost = [e for e in acked if counts.get(e, 0) == 0]
    doubled = [e for e, c in counts.items() if c > 1]
    stored = sum(counts.values())
    print(
        f"acknowledged {len(acked)}, stored {stored} (stored but not acknowledged: "
        f"{stored - len(acked) + len(lost)}), lost {len(lost)}, duplicated {len(doubled)}, "
        f"without outbox rows {orphans}, integrity_check {integrity}"
    )
    if lost or doubled or orphans or integrity != "ok":
        raise SystemExit(1)


if __name__ == "__main__":
    main()
