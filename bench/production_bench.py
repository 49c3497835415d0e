"""Pages and sign-ups served by `buurtsite productie` (one process, one uvicorn worker).

    apt-get install -y wrk        # Debian's wrk; the script installs it itself when run as root
    .venv/bin/python bench/production_bench.py [--seconds 20] [--connections 50]
        [--database-url postgresql://...] [--project DIR]

1. Builds a copy of the demo project (or uses --project, already built), starts the production
   command exactly as docs/productie.md's unit does (rate limit off, no SMTP: mail stays queued).
2. Pages: `wrk` with 50 connections on one profile page, gzip accepted (the .gz written at build
   time is served): requests/s and p99.
3. Sign-ups while pages are served: wrk on the page again, paced to --background-pages per
   second (at most; wrk's delay() between requests), and at the same time the keep-alive sign-up
   client of bench/forms_load.py (16 connections); sign-ups/s, their p99, the pages/s meanwhile,
   and a check that every acknowledged sign-up is stored exactly once.
4. CPU of the server process (user + system, from /proc/PID/stat) per page and per sign-up:
   the figure that does not move with the other work on a shared machine. Per sign-up it is
   measured twice: in a phase of sign-ups alone (--cpu-signups of them), and in step 3 after
   taking off the pages' share (pages served x CPU per page from step 2).
Bounded in time; the server is stopped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from forms_load import free_port, load, pct, stored

REPO = Path(__file__).resolve().parent.parent
PAGE = "/haarlem/haarlem-k3m9/"
BUURTSITE = str(Path(sys.executable).parent / "buurtsite")


def ensure_wrk() -> str:
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0:
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=True, capture_output=True)
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    return found


def build_demo(root: Path) -> Path:
    root.mkdir(parents=True)
    shutil.copy(REPO / "site_config.yml", root / "site_config.yml")
    for folder in ("profiles", "content", "theme"):
        shutil.copytree(REPO / folder, root / folder)
    subprocess.run(
        [BUURTSITE, "build", "--config", str(root / "site_config.yml")], check=True, cwd=root
    )
    return root


def start(
    project: Path, data: Path, port: int, database_url: str | None
) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "BUURTSITE_DATA_DIR": str(data),
        "BUURTSITE_SECRET_KEY": secrets.token_urlsafe(48),
        "BUURTSITE_FORMS_RATE_LIMIT": "off",
        "BUURTSITE_LOG_FORMAT": "json",
    }
    for name in ("DATABASE_URL", "BUURTSITE_SMTP_URL"):
        env.pop(name, None)
    if database_url:
        env["DATABASE_URL"] = database_url
    cmd = [
        BUURTSITE,
        "productie",
        "--config",
        str(project / "site_config.yml"),
        "--adres",
        "127.0.0.1",
        "--poort",
        str(port),
    ]
    proc = subprocess.Popen(
        cmd, env=env, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit("buurtsite productie stopped at start") from None
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("buurtsite productie did not start within 60 s")


ANCHOR = """
import sys, uvicorn
from starlette.staticfiles import StaticFiles
uvicorn.run(StaticFiles(directory=sys.argv[1], html=True), host="127.0.0.1",
            port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


def anchor(wrk: str, site: Path, seconds: float, connections: int) -> str:
    """The same page from Starlette's StaticFiles on one uvicorn worker (no compression)."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", ANCHOR, str(site), str(port)])
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        cmd = wrk_command(wrk, port, seconds, connections)
        return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux: fields 14 and 15 of /proc/PID/stat)."""
    stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    fields = stat.rpartition(")")[2].split()  # after "(comm)", which may hold spaces
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def wrk_command(
    wrk: str, port: int, seconds: float, connections: int, script: Path | None = None
) -> list[str]:
    return [
        wrk,
        *(["-s", str(script)] if script else []),
        "-t2",
        f"-c{connections}",
        f"-d{int(seconds)}s",
        "--latency",
        "-H",
        "Accept-Encoding: gzip",
        f"http://127.0.0.1:{port}{PAGE}",
    ]


def wrk_requests(output: str) -> int:
    return int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]


def parse_wrk(output: str) -> tuple[float, str, str]:
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)  # type: ignore[union-attr]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", output)
    return rate, p99, errors.group(0) if errors else "none"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--signups", type=int, default=20000)
    parser.add_argument(
        "--background-pages", type=float, default=1000.0, help="pages/s during the sign-ups"
    )
    parser.add_argument(
        "--cpu-signups", type=int, default=4000, help="sign-ups of the CPU-only phase (0: skip)"
    )
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--project", type=Path, default=None, help="an already built project")
    parser.add_argument(
        "--anchor", action="store_true", help="also measure Starlette StaticFiles, same page"
    )
    args = parser.parse_args()
    wrk = ensure_wrk()
    run = f"prod{secrets.token_hex(3)}"
    with tempfile.TemporaryDirectory(prefix="buurtsite-prod-bench-") as tmp:
        project = args.project or build_demo(Path(tmp) / "project")
        port = free_port()
        proc = start(project, Path(tmp), port, args.database_url)
        try:
            subprocess.run(wrk_command(wrk, port, 3, 10), check=True, capture_output=True)
            cpu = cpu_seconds(proc.pid)
            pages = subprocess.run(
                wrk_command(wrk, port, args.seconds, args.connections),
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            cpu_per_page = (cpu_seconds(proc.pid) - cpu) / wrk_requests(pages)
            asyncio.run(load(port, 300, 4, 30, f"warm{run}", []))
            alone: list[str] = []
            if args.cpu_signups:
                cpu = cpu_seconds(proc.pid)
                asyncio.run(load(port, args.cpu_signups, 16, 120, f"cpu{run}", alone))
                cpu_alone = (cpu_seconds(proc.pid) - cpu) / max(1, len(alone))
            # Pages at a steady rate meanwhile: each connection pauses between its requests
            # (wrk's delay() hook), so the page load does not take every cycle of the process.
            script = Path(tmp) / "pace.lua"
            pause = 1000 * args.connections / args.background_pages
            script.write_text(f"function delay() return {pause:.0f} end\n", encoding="utf-8")
            background = subprocess.Popen(
                wrk_command(wrk, port, args.seconds, args.connections, script),
                stdout=subprocess.PIPE,
                text=True,
            )
            acked: list[str] = []
            cpu = cpu_seconds(proc.pid)
            latencies, failures, elapsed = asyncio.run(
                load(port, args.signups, 16, args.seconds - 1, run, acked)
            )
            mixed_pages = background.communicate(timeout=args.seconds + 30)[0]
            cpu_mixed = cpu_seconds(proc.pid) - cpu
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=60)
        counts = stored(Path(tmp) / "aanmeldingen.sqlite3", run, args.database_url)
        counts_alone = stored(Path(tmp) / "aanmeldingen.sqlite3", f"cpu{run}", args.database_url)
        if args.anchor:
            rate, p99, _ = parse_wrk(anchor(wrk, project / "site", args.seconds, args.connections))
            print(f"anchor, Starlette StaticFiles: {rate:,.0f} requests/s, p99 {p99}")
    rate, p99, errors = parse_wrk(pages)
    print(f"pages only: {rate:,.0f} requests/s, p99 {p99}, errors {errors}")
    print(f"server CPU per page: {cpu_per_page * 1000:.3f} ms")
    if args.cpu_signups:
        print(
            f"server CPU per sign-up, sign-ups alone: {cpu_alone * 1000:.2f} ms "
            f"({len(alone)} acknowledged)"
        )
    rate, p99, errors = parse_wrk(mixed_pages)
    lost = [e for e in acked if counts.get(e) != 1]
    lost += [e for e in alone if counts_alone.get(e) != 1]
    print(
        f"sign-ups while pages are served: {len(acked) / elapsed:,.0f} aanmeldingen/s, "
        f"p99 {pct(latencies, 0.99):.1f} ms; pages meanwhile {rate:,.0f}/s, p99 {p99}"
    )
    signup_cpu = cpu_mixed - wrk_requests(mixed_pages) * cpu_per_page
    print(
        f"server CPU meanwhile: {cpu_mixed:.1f} s, of which sign-ups (pages' share taken off) "
        f"{signup_cpu / max(1, len(acked)) * 1000:.2f} ms per sign-up"
    )
    print(
        f"{'PostgreSQL' if args.database_url else 'SQLite'}: acknowledged {len(acked) + len(alone)}, "
        f"stored {sum(counts.values()) + sum(counts_alone.values())}, "
        f"lost or duplicated {len(lost)}, failures {len(failures)}"
    )
    if lost or failures:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
