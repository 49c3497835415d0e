"""Hostile load: valid sign-ups mixed with NUL, CR/LF, 64 KB and broken-UTF-8 ones.

    .venv/bin/python bench/forms_hostile.py [--posts 4000] [--every 10] [--database-url URL]

`buurtsite forms serve` runs in a subprocess on 127.0.0.1 (SQLite in a temporary data dir, or
PostgreSQL with ``--database-url``), rate limit off. 16 keep-alive connections send ``--posts``
posts; every ``--every``-th is hostile, cycling through the kinds below. The group commit puts
hostile and valid sign-ups in the same transactions. At the end: every valid sign-up must have
been answered 200 and be stored exactly once, no hostile one may be stored twice or get a 500.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import signal
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forms_load import ORIGIN, body_for, free_port, start_server, stored

FORM = "application/x-www-form-urlencoded"


def fields(email: str, **changes: str) -> dict[str, str]:
    data = {
        "soort": "steungezin",
        "gemeente": "haarlem",
        "naam": "Bench Persoon",
        "email": email,
        "telefoon": "06 12345678",
        "woonplaats": "2011 AB",
        "bericht": "Wij willen graag helpen.",
        "toestemming": "ja",
        "privacy_versie": "2026-1",
    }
    data.update(changes)
    return data


def hostile(kind: str, email: str) -> tuple[str, bytes]:
    """(content type, body) of one hostile sign-up."""
    if kind == "nul":
        return FORM, urlencode(fields(email, naam="Nul\x00Byte", bericht="a\x00b")).encode()
    if kind == "crlf":
        text = "Ik help graag\r=HYPERLINK(A1)\r\nBcc: x@example.org"
        return FORM, urlencode(fields(email, naam="Jan\r\n;=2+5;", bericht=text)).encode()
    if kind == "64kb":  # over the 64 KB body cap
        return FORM, urlencode(fields(email, bericht="x" * 65536)).encode()
    if kind == "60kb":  # under the cap, over the field's limit
        return FORM, urlencode(fields(email, naam="y" * 60000)).encode()
    if kind == "utf8":  # bytes that are no UTF-8 at all, raw and percent-encoded
        body = urlencode(fields(email, naam="Geen UTF8")).encode()
        return FORM, body.replace(b"Geen", b"G\xff\xfeen") + b"&bericht=%C3%28%ED%A0%80"
    # A JSON escape puts a lone surrogate in the text, which no database driver can encode.
    return "application/json", json.dumps(fields(email, naam="Half\ud800Teken")).encode()


def stored_hostile(db: Path, run: str, database_url: str | None) -> dict[str, int]:
    query = "SELECT email, COUNT(*) FROM aanmeldingen WHERE email LIKE {} GROUP BY email"
    if database_url:
        import psycopg

        with psycopg.connect(database_url) as pg:
            return dict(pg.execute(query.format("%s"), (f"hostile-{run}-%",)).fetchall())
    with sqlite3.connect(db) as conn:
        return dict(conn.execute(query.format("?"), (f"hostile-{run}-%",)).fetchall())


KINDS = ("nul", "crlf", "64kb", "60kb", "utf8", "surrogate")


async def send(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, kind: str, body: bytes
) -> int:
    head = (
        f"POST /aanmelden HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: {ORIGIN}\r\n"
        f"Accept: application/json\r\nContent-Type: {kind}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    writer.write(head + body)
    await writer.drain()
    status_line = await reader.readline()
    length, close = 0, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
        if name.strip().lower() == b"connection" and value.strip().lower() == b"close":
            close = True
    if length:
        await reader.readexactly(length)
    if close:
        raise ConnectionResetError("server closed the connection")
    return int(status_line.split()[1])


async def worker(
    port: int,
    queue: asyncio.Queue[int],
    every: int,
    run: str,
    answers: dict[str, list[int]],
    acked: list[int],
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while not queue.empty():
            n = queue.get_nowait()
            if n % every == every - 1:
                kind = KINDS[(n // every) % len(KINDS)]
                content_type, body = hostile(kind, f"hostile-{run}-{n}@example.org")
                key = kind
            else:
                content_type, body, key = FORM, body_for(n, run), "valid"
            try:
                status = await send(reader, writer, content_type, body)
            except (OSError, asyncio.IncompleteReadError):
                status = -1  # the server closed the connection after answering (413)
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            answers.setdefault(key, []).append(status)
            if key == "valid" and status == 200:
                acked.append(n)
    finally:
        writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=4000)
    parser.add_argument("--every", type=int, default=10, help="every n-th post is hostile")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    run = f"run{secrets.token_hex(3)}"
    answers: dict[str, list[int]] = {}
    acked_numbers: list[int] = []
    with tempfile.TemporaryDirectory(prefix="buurtsite-hostile-") as tmp:
        port = free_port()
        proc = start_server(Path(tmp), port, database_url=args.database_url)
        try:
            queue: asyncio.Queue[int] = asyncio.Queue()
            for n in range(args.posts):
                queue.put_nowait(n)
            started = time.perf_counter()

            async def go() -> None:
                await asyncio.gather(
                    *(
                        worker(port, queue, args.every, run, answers, acked_numbers)
                        for _ in range(args.concurrency)
                    )
                )

            asyncio.run(go())
            elapsed = time.perf_counter() - started
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        db = Path(tmp) / "aanmeldingen.sqlite3"
        valid = stored(db, run, args.database_url)
        bad = stored_hostile(db, run, args.database_url)
    acked = [f"bench-{run}-{n}@example.org" for n in acked_numbers]
    valid_sent = len(answers.get("valid", []))
    lost = [e for e in acked if valid.get(e, 0) == 0]
    doubled = [e for e, c in valid.items() if c > 1]
    print(
        f"{args.posts} posts in {elapsed:.1f} s on "
        f"{'PostgreSQL' if args.database_url else 'SQLite'}, every {args.every}th hostile"
    )
    print(
        f"valid: sent {valid_sent}, answered 200 {len(acked)}, stored {sum(valid.values())}, "
        f"lost {len(lost)}, stored twice {len(doubled)}"
    )
    for kind in KINDS:
        print(f"  {kind:>9}: answers {dict(sorted(Counter(answers.get(kind, [])).items()))}")
    print(
        f"hostile rows stored: {sum(bad.values())}; 500 answers: "
        f"{sum(s == 500 for v in answers.values() for s in v)}"
    )
    if "Traceback" in stderr:
        print(stderr[-2000:])
    failed = lost or doubled or len(acked) != valid_sent or any(c > 1 for c in bad.values())
    if failed or any(s == 500 for v in answers.values() for s in v):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
