"""Backups under write load restore into an empty folder with every row; retention; refusals."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from generator.forms import store
from generator.forms.fields import Submission
from generator.forms.migrate import upgrade
from generator.ops import backup
from generator.ops.backup import BackupError, list_backups, make_backup, prune, restore
from generator.publish.ledger import Ledger
from tests.forms.factories import submission


def count(path: Path, table: str) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def emails(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT email FROM aanmeldingen")}


def test_backup_under_write_load_restores_every_row_into_an_empty_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    db = data / "aanmeldingen.sqlite3"
    engine = store.make_engine(f"sqlite:///{db}")
    upgrade(engine)
    with Ledger.in_dir(data) as ledger:  # the publisher's ledger is in the same database
        ledger.begin("haarlem-p7wx", "100000000000001", "create", date(2026, 11, 23))
    written: list[str] = []
    stop = threading.Event()

    def writer() -> None:  # a resident signing up, over and over, while the backup runs
        n = 0
        while not stop.is_set() and n < 5000:
            address = f"p{n}@example.org"
            store.insert(engine, _submission(address), ["coord@example.org"])
            written.append(address)
            n += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 200:
            threading.Event().wait(0.01)
        made = [make_backup(data, datetime.now(UTC) + timedelta(seconds=i)) for i in range(3)]
    finally:
        stop.set()
        thread.join(timeout=60)
        engine.dispose()
    assert set(made[-1].files) == {"aanmeldingen.sqlite3"}
    for one in made:
        target = tmp_path / f"hersteld-{one.path.name}"
        restored = restore(one.path, target)
        assert sorted(p.name for p in restored) == sorted(one.files)
        in_copy = emails(target / "aanmeldingen.sqlite3")
        # Every row the manifest counted is there, and each is one that was written (in order:
        # a consistent moment is a prefix of what the writer committed).
        assert len(in_copy) == one.rows("aanmeldingen.sqlite3") - _other_rows(one)
        assert in_copy == set(written[: len(in_copy)])
        assert count(target / "aanmeldingen.sqlite3", "ledger_posts") == 1
    # The backups were taken while writing went on: later ones hold more.
    sizes = [
        len(emails(tmp_path / f"hersteld-{b.path.name}" / "aanmeldingen.sqlite3")) for b in made
    ]
    assert sizes == sorted(sizes) and sizes[0] >= 200
    assert [b.path for b in list_backups(data)] == [b.path for b in reversed(made)]


def _other_rows(made: backup.Backup) -> int:
    """Rows of the store's tables other than aanmeldingen (the migrations' bookkeeping, the
    ledger's rows)."""
    info = made.files["aanmeldingen.sqlite3"]["rows"]
    assert isinstance(info, dict)
    return sum(int(n) for table, n in info.items() if table != "aanmeldingen")


def _submission(address: str) -> Submission:
    return submission(email=address)


def test_restore_refuses_to_overwrite_and_a_damaged_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    sqlite3.connect(data / "aanmeldingen.sqlite3").execute("CREATE TABLE t (x)").connection.close()
    made = make_backup(data)
    with pytest.raises(BackupError, match="--overschrijven"):
        restore(made.path, data)
    assert restore(made.path, data, overwrite=True) == [data / "aanmeldingen.sqlite3"]
    with (made.path / "aanmeldingen.sqlite3").open("r+b") as f:
        f.seek(100)
        f.write(b"kapot")
    with pytest.raises(BackupError, match="beschadigd"):
        restore(made.path, tmp_path / "leeg")
    with pytest.raises(BackupError, match=r"manifest\.json ontbreekt"):
        restore(tmp_path, tmp_path / "leeg")


def test_retention_removes_old_backups_but_keeps_the_newest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    sqlite3.connect(data / "a.sqlite3").execute("CREATE TABLE t (x)").connection.close()
    now = datetime(2026, 12, 2, 2, 0, tzinfo=UTC)
    for days in (40, 20, 10, 1):
        make_backup(data, now - timedelta(days=days))
    gone = prune(data, keep_days=14, now=now)
    assert sorted(p.name for p in gone) == ["20261023-020000", "20261112-020000"]
    assert [b.path.name for b in list_backups(data)] == ["20261201-020000", "20261122-020000"]
    # Nothing recent at all: the newest stays however old it is.
    assert prune(data, keep_days=1, now=now + timedelta(days=365)) != []
    assert len(list_backups(data)) == 1
