"""`publish` and `publish status` in a real process: plain lines outside a wide terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.publish.conftest import HAARLEM, PAGES, json_lines, run
from tests.publish.fakegraph import FakeGraph

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
OPEN_PROFILES = ["haarlem-k3m9", "haarlem-p7wx", "rijswijk-h8vz", "wijchen-z4nf"]


def cli_args(config: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "generator", "publish", "--config", str(config), *args]


def run_captured(config: Path, *args: str) -> str:
    """Stdout of the CLI as cron or CI sees it: a pipe, not a terminal."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    proc = subprocess.run(
        cli_args(config, *args), capture_output=True, text=True, timeout=120, env=env, check=False
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.stdout


def run_in_terminal(config: Path, columns: int, *args: str) -> str:
    """Output of the CLI in a pseudo-terminal ``columns`` wide."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["TERM"] = "xterm"  # rich takes a "dumb" terminal to be 80 columns wide
    proc = subprocess.Popen(cli_args(config, *args), stdout=slave, stderr=slave, env=env)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1.0)
        if not ready:
            if proc.poll() is not None:
                break
            continue
        try:
            data = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    proc.wait(timeout=10)
    return ANSI.sub("", b"".join(chunks).decode("utf-8")).replace("\r\n", "\n")


def one_line_each(output: str, keys: list[str]) -> dict[str, str]:
    """The single output line that holds each key; fails if a key is on several lines."""
    found = {}
    for key in keys:
        lines = [line for line in output.splitlines() if key in line]
        assert len(lines) == 1, f"{key} on {len(lines)} lines:\n{output}"
        found[key] = lines[0]
    return found


def without_haarlem_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    partial = tmp_path / "secrets" / "partial.json"
    partial.write_text(
        "{" + ", ".join(f'"{k}": "{v}"' for k, v in PAGES.items() if k != HAARLEM) + "}"
    )
    monkeypatch.setenv("BUURTSITE_FACEBOOK_TOKENS", str(partial))


def test_publish_prints_one_plain_line_per_row_when_piped(
    fake: FakeGraph, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_haarlem_token(tmp_path, monkeypatch)
    output = run_captured(project)
    lines = one_line_each(output, OPEN_PROFILES)
    assert "resultaat: gedaan | toelichting: geplaatst" in lines["rijswijk-h8vz"]
    # The longest cell, the token hint, stays whole on its profile's line.
    assert lines["haarlem-k3m9"].endswith(f"BUURTSITE_FACEBOOK_TOKEN_{HAARLEM}.")
    assert "─" not in output and "│" not in output  # no table borders

    status = run_captured(project, "status")
    pages = one_line_each(status, list(PAGES))
    assert "token: geen token. Vraag een nieuw pagina-token aan" in pages[HAARLEM]
    assert pages[HAARLEM].endswith("te doen: 2 | onzeker: 0")  # nothing went out: still to do
    assert "token: geldig (verloopt niet)" in pages["100000000000002"]


def test_an_80_column_terminal_gets_plain_lines_too(
    fake: FakeGraph, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_haarlem_token(tmp_path, monkeypatch)
    status = run_in_terminal(project, 80, "status")
    pages = one_line_each(status, list(PAGES))
    assert f"BUURTSITE_FACEBOOK_TOKEN_{HAARLEM}." in pages[HAARLEM]


def test_a_wide_terminal_gets_a_table_with_the_hints_below_it(
    fake: FakeGraph, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    without_haarlem_token(tmp_path, monkeypatch)
    status = run_in_terminal(project, 160, "status")
    assert "Facebookpagina's" in status and "│" in status
    [hint] = [line for line in status.splitlines() if line.startswith(f"{HAARLEM}: Vraag")]
    assert hint.endswith(f"BUURTSITE_FACEBOOK_TOKEN_{HAARLEM}.")
    # The JSON rows keep the whole state in one field, as before.
    rows = {r["page_id"]: r for r in json_lines(run(project, "status", "--format", "json").stdout)}
    assert rows[HAARLEM]["token"].startswith("geen token. Vraag een nieuw pagina-token aan")
