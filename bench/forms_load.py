"""Load test of the sign-up endpoint: `buurtsite forms serve` in a subprocess on 127.0.0.1.

    .venv/bin/python bench/forms_load.py [--posts 6000] [--concurrency 16] [--seconds 60]

Rate limit off, SQLite (WAL, synchronous=FULL) in a temporary BUURTSITE_DATA_DIR, no SMTP
(notifications stay queued in the outbox, as they would while the mail server is down). The
client is a minimal keep-alive HTTP/1.1 client on asyncio streams, so that on a 2-core machine
the load generator takes as little CPU from the server as possible. Bounded in count and time.
Reports posts/s, p50/p95/p99 latency, and checks that every acknowledged post is stored once.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
ORIGIN = "https://www.buurtgezinnen.example"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def body_for(n: int, run: str) -> bytes:
    return urlencode(
        {
            "soort": "steungezin",
            "gemeente": ("haarlem", "rijswijk", "heerenveen", "wijchen")[n % 4],
            "profiel": "",
            "naam": "Bench Persoon",
            "email": f"bench-{run}-{n}@example.org",
            "telefoon": "06 12345678",
            "woonplaats": "2011 AB",
            "huishouden": "twee volwassenen",
            "bericht": "Wij willen graag helpen op woensdagmiddag.",
            "bron": "facebook",
            "toestemming": "ja",
            "privacy_versie": "2026-1",
            "utm_source": "facebook",
            "utm_medium": "social",
            "website": "",
        }
    ).encode()


def start_server(
    data_dir: Path, port: int, http: str = "auto", database_url: str | None = None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BUURTSITE_FORMS_HTTP": http,
        "BUURTSITE_DATA_DIR": str(data_dir),
        "BUURTSITE_SECRET_KEY": secrets.token_hex(32),
        "BUURTSITE_FORMS_RATE_LIMIT": "off",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    env.pop("BUURTSITE_SMTP_URL", None)
    cmd = [
        sys.executable,
        "-m",
        "generator",
        "forms",
        "serve",
        "--poort",
        str(port),
        "--config",
        str(REPO / "site_config.yml"),
    ]
    proc = subprocess.Popen(
        cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(
                    f"server stopped: {proc.stderr.read().decode() if proc.stderr else ''}"
                ) from None
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start within 30 s")


async def post(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, port: int, body: bytes
) -> int:
    head = (
        f"POST /aanmelden HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nOrigin: {ORIGIN}\r\n"
        "Accept: application/json\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    writer.write(head + body)
    await writer.drain()
    status_line = await reader.readline()
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length:
        await reader.readexactly(length)
    return int(status_line.split()[1]) if status_line else 0


async def worker(
    port: int,
    queue: asyncio.Queue[int],
    run: str,
    deadline: float,
    latencies: list[float],
    acked: list[str],
    failures: list[int],
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while time.monotonic() < deadline:
            try:
                n = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            start = time.perf_counter()
            try:
                status = await post(reader, writer, port, body_for(n, run))
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError):
                failures.append(0)
                writer.close()
                try:
                    reader, writer = await asyncio.open_connection("127.0.0.1", port)
                except OSError:
                    return  # the server is gone (the crash test kills it on purpose)
                continue
            latencies.append(time.perf_counter() - start)
            if status == 200:
                acked.append(f"bench-{run}-{n}@example.org")
            else:
                failures.append(status)
    finally:
        writer.close()


async def load(
    port: int, posts: int, concurrency: int, seconds: float, run: str, acked: list[str]
) -> tuple[list[float], list[int], float]:
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(posts):
        queue.put_nowait(n)
    latencies: list[float] = []
    failures: list[int] = []
    start = time.perf_counter()
    deadline = time.monotonic() + seconds
    await asyncio.gather(
        *(
            worker(port, queue, run, deadline, latencies, acked, failures)
            for _ in range(concurrency)
        )
    )
    return latencies, failures, time.perf_counter() - start


def stored(db: Path, run: str, database_url: str | None = None) -> dict[str, int]:
    query = "SELECT email, COUNT(*) FROM aanmeldingen WHERE email LIKE {} GROUP BY email"
    if database_url:
        import psycopg

        with psycopg.connect(database_url) as pg:
            return dict(pg.execute(query.format("%s"), (f"bench-{run}-%",)).fetchall())
    with sqlite3.connect(db) as conn:
        return dict(conn.execute(query.format("?"), (f"bench-{run}-%",)).fetchall())


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=6000)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument(
        "--database-url",
        default=None,
        help="PostgreSQL (postgresql://...) instead of SQLite; the bench's rows stay in it",
    )
    parser.add_argument(
        "--http",
        choices=["auto", "h11", "httptools"],
        default="auto",
        help="uvicorn's HTTP parser (auto: httptools when installed)",
    )
    args = parser.parse_args()
    run = f"run{secrets.token_hex(3)}"  # unique, so repeated runs on PostgreSQL do not mix
    with tempfile.TemporaryDirectory(prefix="buurtsite-bench-") as tmp:
        port = free_port()
        proc = start_server(Path(tmp), port, args.http, args.database_url)
        try:
            asyncio.run(load(port, args.warmup, 4, 30, f"warm{run}", []))
            acked: list[str] = []
            latencies, failures, elapsed = asyncio.run(
                load(port, args.posts, args.concurrency, args.seconds, run, acked)
            )
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        counts = stored(Path(tmp) / "aanmeldingen.sqlite3", run, args.database_url)
    lost = [e for e in acked if counts.get(e) != 1]
    print(
        f"posts: {len(latencies)} in {elapsed:.1f} s, concurrency {args.concurrency}, "
        f"http {args.http}, {'PostgreSQL' if args.database_url else 'SQLite'}"
    )
    print(f"throughput: {len(acked) / elapsed:.0f} aanmeldingen/s acknowledged")
    print(
        f"latency ms: p50 {pct(latencies, 0.50):.1f}  p95 {pct(latencies, 0.95):.1f}  "
        f"p99 {pct(latencies, 0.99):.1f}  max {max(latencies) * 1000:.1f}  "
        f"mean {statistics.fmean(latencies) * 1000:.1f}"
    )
    print(
        f"failures: {len(failures)}; acknowledged {len(acked)}, stored {sum(counts.values())}, "
        f"lost or duplicated {len(lost)}"
    )
    if lost or failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
