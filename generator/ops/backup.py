"""Online backups of the SQLite databases, and their restore.

A backup copies every SQLite database in ``BUURTSITE_DATA_DIR`` (the sign-up store
``aanmeldingen.sqlite3``, the publisher's ledger ``facebook-ledger.sqlite3``, and any other
``*.sqlite3`` there) with SQLite's online backup API, while the server keeps writing: the copy
is taken in one step inside a read transaction, so under WAL it is one consistent moment of
each database and writers are not held up.

Each backup is a folder ``backups/JJJJMMDD-UUMMSS/`` with the copies and a ``manifest.json``
(file names, sizes, sha256, row counts per table). It is written under a temporary name and
renamed when complete, so a folder with a manifest is always a whole backup. Backups older than
``backups.bewaardagen`` go, the newest one always stays.

PostgreSQL is not copied here: ``pg_dump`` does that (docs/productie-backup.md).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from generator.errors import BuurtsiteError

BACKUPS = "backups"
MANIFEST = "manifest.json"
STAMP = "%Y%m%d-%H%M%S"


class BackupError(BuurtsiteError):
    """A backup or restore that cannot go ahead; the message is Dutch and says what to do."""


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime  # aware UTC
    files: dict[str, dict[str, object]]  # name -> size, sha256, rows per table

    def rows(self, name: str | None = None) -> int:
        """Rows in all copies, or in the copy ``name``, as counted when it was made."""
        total = 0
        for file, info in self.files.items():
            counts = info.get("rows", {})
            if isinstance(counts, dict) and name in (None, file):
                total += sum(int(n) for n in counts.values())
        return total


def databases(data: Path) -> list[Path]:
    """Every SQLite database directly in the data folder."""
    return sorted(p for p in data.glob("*.sqlite3") if p.is_file())


def _copy(source: Path, target: Path) -> None:
    """One consistent copy via the backup API (pages=-1: the whole file in one step)."""
    fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)  # residents' data
    os.close(fd)
    src = sqlite3.connect(source.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        src.execute("PRAGMA busy_timeout=30000")
        src.backup(dst, pages=-1)
        # A backup file stands alone: no WAL beside it.
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def _describe(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise BackupError(f"de kopie {path.name} is beschadigd; de backup is niet bewaard")
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        rows = {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"bytes": path.stat().st_size, "sha256": digest, "rows": dict(sorted(rows.items()))}


def make_backup(data: Path, now: datetime | None = None) -> Backup:
    """Copy every database in ``data`` into ``data/backups/<stamp>/``."""
    now = now or datetime.now(UTC)
    root = data / BACKUPS
    root.mkdir(mode=0o700, exist_ok=True)
    final = root / now.strftime(STAMP)
    if final.exists():
        raise BackupError(f"er is al een backup {final.name}; probeer het over een seconde opnieuw")
    partial = root / f".bezig-{final.name}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(mode=0o700)
    try:
        files: dict[str, dict[str, object]] = {}
        for db in databases(data):
            _copy(db, partial / db.name)
            files[db.name] = _describe(partial / db.name)
        manifest = {"gemaakt": now.isoformat(), "bestanden": files}
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _fsync_dir(partial)
        partial.rename(final)
        _fsync_dir(root)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Backup(final, now, files)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read_backup(path: Path) -> Backup:
    manifest = path / MANIFEST
    if not manifest.is_file():
        raise BackupError(
            f"{path} is geen (volledige) backup: {MANIFEST} ontbreekt. Kies een map uit "
            "`buurtsite backup --lijst`."
        )
    data = json.loads(manifest.read_text(encoding="utf-8"))
    return Backup(path, datetime.fromisoformat(data["gemaakt"]), data["bestanden"])


def list_backups(data: Path) -> list[Backup]:
    """Complete backups, newest first."""
    root = data / BACKUPS
    if not root.is_dir():
        return []
    found = [read_backup(p) for p in root.iterdir() if p.is_dir() and (p / MANIFEST).is_file()]
    return sorted(found, key=lambda b: b.made, reverse=True)


def latest_backup(data: Path) -> Backup | None:
    """The newest complete backup (for the health check: its age)."""
    found = list_backups(data)
    return found[0] if found else None


def prune(data: Path, keep_days: int, now: datetime | None = None) -> list[Path]:
    """Remove backups older than ``keep_days``; the newest always stays. Returns what went."""
    now = now or datetime.now(UTC)
    found = list_backups(data)
    gone = [b.path for b in found[1:] if b.made < now - timedelta(days=keep_days)]
    for path in gone:
        shutil.rmtree(path)
    return gone


def restore(backup: Path, target: Path, overwrite: bool = False) -> list[Path]:
    """Put the databases of ``backup`` into ``target``; refuses to overwrite unless told.

    Stop the server first: a database replaced under a running server is not what it reads.
    Each file is checked against the manifest's sha256 before anything is written.
    """
    found = read_backup(backup)
    for name, info in found.files.items():
        source = backup / name
        if not source.is_file():
            raise BackupError(f"{name} ontbreekt in de backup {backup.name}")
        if hashlib.sha256(source.read_bytes()).hexdigest() != info["sha256"]:
            raise BackupError(f"{name} in de backup {backup.name} is beschadigd (controlesom)")
    target.mkdir(parents=True, exist_ok=True)
    existing = [target / name for name in found.files if (target / name).exists()]
    if existing and not overwrite:
        names = ", ".join(p.name for p in existing)
        raise BackupError(
            f"in {target} staan al databases ({names}). Stop de server en herstel met "
            "--overschrijven, of herstel in een lege map."
        )
    restored = []
    for name in found.files:
        final = target / name
        partial = target / f".herstel-{name}"
        partial.unlink(missing_ok=True)
        _copy(backup / name, partial)
        for suffix in ("-wal", "-shm"):  # stale WAL files of the old database must not apply
            with contextlib.suppress(FileNotFoundError):
                (target / f"{name}{suffix}").unlink()
        partial.replace(final)
        restored.append(final)
    _fsync_dir(target)
    return restored
