"""Signs of trouble, as one dict: for /gezondheid (monitoring) and the backoffice status panel.

Counts, ages and Facebook Page ids only: never a name, an e-mail address or a token. Each part
is checked on its own, so a database that is down still leaves the other parts to report.
Token expiry is known only by asking Facebook; ``TokenWatch`` asks in the background a few
times a day (the production process runs it) and the health check reads what it found.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text

from generator.forms.store import outbox, utcnow
from generator.settings import Settings

log = logging.getLogger("buurtsite.ops.health")
TOKEN_WARNING = timedelta(days=14)
OUTBOX_LATE = timedelta(hours=1)  # a mail waiting longer than this is a sign of trouble
BACKUP_LATE = timedelta(hours=36)  # nightly backups: more than a day and a half is late
PUBLISH_JOBS = ("publiceren",)  # job names in the runs table (generator.ops.runs)
BUILD_JOBS = ("bouwen", "site bijwerken")
BACKUP_JOBS = ("backup",)
BACKUP_SUFFIXES = (".sqlite3", ".gz", ".dump", ".sql")


@dataclass
class TokenWatch:
    """The expiry of each Page token, as last asked of Facebook (thread-safe)."""

    expiries: dict[str, datetime | None] = field(default_factory=dict)  # None: never expires
    invalid: list[str] = field(default_factory=list)
    checked: datetime | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def refresh(self, settings: Settings) -> None:
        """Ask Facebook about every configured Page's token (blocking; run it in a thread)."""
        from generator.publish.facebook import GraphClient, GraphError
        from generator.publish.tokens import load_tokens

        pages = sorted({g.facebook_page for g in settings.gemeenten if g.facebook_page})
        expiries: dict[str, datetime | None] = {}
        invalid: list[str] = []
        fb = settings.facebook
        for page_id, token in load_tokens(pages).items():
            try:
                with GraphClient(token, fb.graph_version, fb.timeout_seconds) as client:
                    info = client.token_info()
            except GraphError as exc:
                log.warning("token van pagina %s niet te controleren: %s", page_id, exc.message)
                continue
            if not info.valid:
                invalid.append(page_id)
            else:
                at = datetime.fromtimestamp(info.expires_at, UTC) if info.expires_at else None
                expiries[page_id] = at
        with self._lock:
            self.expiries, self.invalid, self.checked = expiries, invalid, utcnow()

    def report(self, now: datetime) -> dict[str, Any]:
        with self._lock:
            soon = sorted(
                page
                for page, at in self.expiries.items()
                if at is not None and at.replace(tzinfo=None) - now <= TOKEN_WARNING
            )
            return {
                "gecontroleerd": _iso(self.checked),
                "verlopen_binnen_14_dagen": soon,
                "ongeldig": sorted(self.invalid),
            }


@dataclass
class Sources:
    """Where the health check looks; the production server makes one at start."""

    engine: Engine
    site_dir: Path
    data_dir: Path
    tokens: TokenWatch = field(default_factory=TokenWatch)


def _iso(at: datetime | None) -> str | None:
    return None if at is None else at.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def _age_hours(at: datetime | None, now: datetime) -> float | None:
    return None if at is None else round((now - at).total_seconds() / 3600, 2)


def _database(engine: Engine, now: datetime) -> tuple[dict[str, Any], dict[str, Any]]:
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
        waiting, oldest = conn.execute(
            select(func.count(), func.min(outbox.c.created_at)).where(outbox.c.sent_at.is_(None))
        ).one()
    oldest_s = None if oldest is None else int((now - oldest).total_seconds())
    return {"bereikbaar": True}, {"wachtend": int(waiting), "oudste_seconden": oldest_s}


def _last_success(engine: Engine, jobs: tuple[str, ...]) -> datetime | None:
    from generator.ops.runs import last_success

    found = [r.finished or r.started for job in jobs if (r := last_success(engine, job))]
    return max(found) if found else None


def _ledger_last_post(engine: Engine) -> datetime | None:
    """The publisher's ledger (in the same database), for when ``buurtsite publish`` runs from
    cron, outside the runs."""
    from generator.publish.ledger import Ledger

    at = Ledger(engine).last_success()
    return None if at is None else datetime.fromisoformat(at).replace(tzinfo=None)


def _mtime(path: Path) -> datetime | None:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime, UTC).replace(tzinfo=None)
    except OSError:
        return None


def _newest_backup(data_dir: Path) -> datetime | None:
    folder = data_dir / "backups"
    if not folder.is_dir():
        return None
    stamps = [
        _mtime(p) for p in folder.rglob("*") if p.is_file() and p.name.endswith(BACKUP_SUFFIXES)
    ]
    return max((s for s in stamps if s is not None), default=None)


def health(sources: Sources, now: datetime | None = None) -> dict[str, Any]:
    """The state of the installation; ``status`` is "ok", "waarschuwing" or "storing"."""
    now = now or utcnow()
    problems: list[str] = []
    warnings: list[str] = []
    report: dict[str, Any] = {}
    try:
        report["database"], report["wachtrij"] = _database(sources.engine, now)
    except Exception as exc:  # any failure here is what the check is for
        log.warning("database niet bereikbaar: %s", type(exc).__name__)
        report["database"] = {"bereikbaar": False}
        report["wachtrij"] = {"wachtend": None, "oudste_seconden": None}
        problems.append("De database is niet bereikbaar.")
    oldest = report["wachtrij"]["oudste_seconden"]
    if oldest is not None and oldest > OUTBOX_LATE.total_seconds():
        warnings.append("Er wachten e-mails langer dan een uur in de wachtrij.")
    published: datetime | None = None
    built: datetime | None = None
    backed_up: datetime | None = None
    if report["database"]["bereikbaar"]:
        try:
            published = _last_success(sources.engine, PUBLISH_JOBS)
            built = _last_success(sources.engine, BUILD_JOBS)
            backed_up = _last_success(sources.engine, BACKUP_JOBS)
            ledger_post = _ledger_last_post(sources.engine)
            published = max((t for t in (published, ledger_post) if t), default=None)
        except Exception as exc:
            log.warning("overzicht van taken niet te lezen: %s", type(exc).__name__)
    on_disk = [_mtime(sources.site_dir / n) for n in ("index.html", "sitemap.xml")]
    built = max((t for t in (built, *on_disk) if t), default=None)
    if built is None:
        problems.append("Er is geen gebouwde site.")
    report["publicatie"] = {"laatst_gelukt": _iso(published)}
    report["site"] = {"laatst_gebouwd": _iso(built)}
    # The runs table knows the backups of every instance; the folder those of this machine.
    backup = max((t for t in (backed_up, _newest_backup(sources.data_dir)) if t), default=None)
    report["backup"] = {"laatste": _iso(backup), "leeftijd_uren": _age_hours(backup, now)}
    if backup is None or now - backup > BACKUP_LATE:
        warnings.append("De laatste backup is ouder dan anderhalve dag (of er is er geen).")
    report["tokens"] = sources.tokens.report(now)
    if report["tokens"]["verlopen_binnen_14_dagen"] or report["tokens"]["ongeldig"]:
        warnings.append("Een Facebook-token verloopt binnen 14 dagen of is ongeldig.")
    status = "storing" if problems else "waarschuwing" if warnings else "ok"
    return {
        "status": status,
        "tijd": _iso(now),
        **report,
        "meldingen": problems + warnings,
    }
