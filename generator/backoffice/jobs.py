"""Background jobs of the backoffice: bring the site and Facebook up to date after a change.

One worker thread per server process runs the queued jobs one after another, so a request
never waits for a build. Across server processes, a lease (``generator.ops.lease``) makes sure
only one of them works at a time, and every run is recorded (``generator.ops.runs``) with a
Dutch message, so the log of the last runs is the same on every instance.

Two kinds of job:
- ``profiel:<id>``: after an approval or a status change. Rebuild the site for that one profile
  (``publishsite.publish_profile``; a full build when the site was never built), then, when the
  gemeente has a Facebook Page and a token, run the publisher for that profile with the daily cap.
- ``site``: "site bijwerken", started by the backoffice role: a full build and a publisher run.

The backoffice app's lifespan calls ``start`` and ``stop``. ``start`` checks the project once in
the worker, so the first approval after a server start finds ``load``'s parse cache and the
privacy cache as warm as every later one. ``stop`` drops (and records) the queued jobs, lets the
running one end at its next step, and joins the worker: no thread outlives the server.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from generator import pipeline
from generator.backoffice.publishsite import NotPublished, publish_profile
from generator.build import build_site
from generator.errors import BuurtsiteError
from generator.forms.store import utcnow
from generator.ops.lease import lease
from generator.ops.runs import Run, RunRecord, last_runs, record_run, save_run
from generator.publish.ledger import Ledger
from generator.publish.planner import Kind
from generator.publish.runner import Result, Runner, card_images
from generator.publish.schedule import known_pages, plan_run
from generator.publish.tokens import load_tokens
from generator.settings import data_dir

LEASE = "backoffice-taak"
LEASE_TTL_S = 15 * 60.0
JOB_PREFIX = "backoffice:"
STOP_WAIT_S = 60.0  # a profile job ends at its next step within seconds; a full build may not
STOPPED = "de server stopte"
log = logging.getLogger("buurtsite.backoffice.jobs")


class Cancelled(Exception):
    """The server is stopping: the job ends between two of its steps."""


@dataclass
class Progress:
    """What the page shows while a job runs."""

    job: str
    label: str
    step: str = "wacht op zijn beurt"
    steps_done: list[str] = field(default_factory=list)

    def at(self, step: str) -> None:
        if self.step and self.step != "wacht op zijn beurt":
            self.steps_done.append(self.step)
        self.step = step


def dutch_error(exc: BaseException) -> str:
    """A user's or a project's problem speaks Dutch already; anything else is ours."""
    if isinstance(exc, BuurtsiteError):
        return f"Mislukt: {exc}"
    return f"Mislukt door een fout in de software ({type(exc).__name__}); zie het serverlog."


def warm_up(config_path: Path) -> float:
    """Check the project as an approval will; returns the CPU seconds it took (this thread).

    Afterwards ``load``'s parse cache, ``validate``'s cache of validated profiles and the
    privacy cache hold every file, so the first approval after a start re-reads and
    re-validates only what changed (docs/benchmarks.md, "Workbench"). Not
    recorded as a run: it publishes nothing, and a broken project is reported by the job that
    needs it."""
    started = time.thread_time()
    pipeline.check(config_path)
    return time.thread_time() - started


class Jobs:
    def __init__(self, engine: Engine, config_path: Path, *, work: bool = True) -> None:
        """``work=False`` (tests of other things, ``Runtime.background`` off) only queues."""
        self.engine = engine
        self.work = work
        self.config_path = config_path
        self.root = config_path.parent
        self._queue: deque[Progress] = deque()
        self._lock = threading.Lock()
        self._wake = threading.Condition(self._lock)
        self._current: Progress | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._warm = False  # a warm-up is due before the next job
        self.warmed_cpu_s: float | None = None  # CPU seconds the last warm-up took

    # --- life cycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """At server start: check the project once in the worker (``_warm_up``)."""
        with self._wake:
            if self.work and not self._stopping:
                self._warm = True
                self._ensure_worker()
                self._wake.notify()

    def stop(self, timeout: float = STOP_WAIT_S) -> bool:
        """Drop the queue (each dropped job is recorded), end the running job at its next step,
        and join the worker. True when no worker is left."""
        with self._wake:
            self._stopping = True
            dropped = list(self._queue)
            self._queue.clear()
            self._wake.notify()
            thread = self._thread
        for progress in dropped:
            self._record_dropped(progress)
        if thread is None:
            return True
        thread.join(timeout)
        if thread.is_alive():
            log.warning("de publicatietaak stopte niet binnen %.0f s", timeout)
            return False
        return True

    # --- queue ------------------------------------------------------------------------------

    def submit_profile(self, profile_id: str) -> None:
        self._submit(Progress(f"profiel:{profile_id}", f"Zoekprofiel {profile_id} publiceren"))

    def submit_site(self) -> None:
        self._submit(Progress("site", "Site bijwerken"))

    def _submit(self, progress: Progress) -> None:
        with self._wake:
            stopping = self._stopping
            if not stopping:
                if any(p.job == progress.job for p in self._queue):
                    return  # the queued run will see this change too
                self._queue.append(progress)
                if self.work:
                    self._ensure_worker()
                self._wake.notify()
        if stopping:
            self._record_dropped(progress)

    def _ensure_worker(self) -> None:
        """With the lock held: a worker thread, unless one is alive."""
        if self._thread is None or not self._thread.is_alive():
            self._thread = threading.Thread(target=self._work, name="backoffice-taken")
            self._thread.daemon = True  # stop() joins it; daemon only so a crash cannot hang exit
            self._thread.start()

    def _record_dropped(self, progress: Progress) -> None:
        save_run(
            self.engine,
            Run(
                0,
                JOB_PREFIX + progress.job,
                utcnow(),
                f"Niet uitgevoerd: {STOPPED}. Kies 'Site bijwerken' als de site achterloopt.",
                ok=False,
            ),
        )

    def status(self) -> tuple[Progress | None, list[Progress]]:
        with self._lock:
            return self._current, list(self._queue)

    def busy(self) -> bool:
        with self._lock:
            return self._current is not None or bool(self._queue)

    def recent(self, n: int = 10) -> list[RunRecord]:
        return [r for r in last_runs(self.engine, None, 50) if r.job.startswith(JOB_PREFIX)][:n]

    # --- the worker -------------------------------------------------------------------------

    def _work(self) -> None:
        while True:
            with self._wake:
                warm, self._warm = self._warm and not self._stopping, False
            if warm:
                self._warm_up()
            with self._wake:
                while not self._queue and not self._stopping:
                    self._wake.wait(timeout=5)
                    if not self._queue:
                        self._thread = None
                        return
                if self._stopping:
                    self._thread = None
                    return
                self._current = self._queue.popleft()
            try:
                self._run(self._current)
            finally:
                with self._lock:
                    self._current = None

    def _warm_up(self) -> None:
        try:
            self.warmed_cpu_s = warm_up(self.config_path)
        except BuurtsiteError as exc:  # the project's problem; the next job reports it too
            log.warning("het project vooraf controleren mislukte: %s", exc)
            return
        except Exception:  # ours: the server runs on, the traceback goes to the log
            log.exception("het project vooraf controleren mislukte")
            return
        log.info("project vooraf gecontroleerd in %.1f s processortijd", self.warmed_cpu_s)

    def _step(self, progress: Progress, step: str) -> None:
        """The next step of a job; a stopping server ends the job here, between two steps."""
        if self._stopping:
            raise Cancelled(step)
        progress.at(step)

    def _run(self, progress: Progress) -> None:
        with (
            record_run(self.engine, JOB_PREFIX + progress.job) as run,
            lease(self.engine, LEASE, LEASE_TTL_S) as got,
        ):
            if not got:
                run.ok = False
                run.message_nl = (
                    "Niet gestart: een andere server voert al een taak uit. "
                    "Probeer het over een paar minuten opnieuw."
                )
                return
            try:
                if progress.job == "site":
                    run.message_nl = self._site(progress)
                else:
                    run.message_nl = self._profile(progress, progress.job.split(":", 1)[1])
            except Cancelled as stopped:
                run.ok = False
                run.message_nl = (
                    f"Afgebroken: {STOPPED} voordat '{stopped}' begon. "
                    "Kies 'Site bijwerken' als de site achterloopt."
                )
            except Exception as exc:  # every failure is shown on the page, in Dutch
                run.ok = False
                run.message_nl = dutch_error(exc)

    def _site(self, progress: Progress) -> str:
        self._step(progress, "de site bouwen")
        catalog = pipeline.checked(self.config_path)
        result = build_site(catalog, *self._dirs(), only_gemeente=None)
        self._step(progress, "Facebook bijwerken")
        posted = self._publish(None, None)
        return f"Site gebouwd ({result.pages} pagina's). {posted}"

    def _profile(self, progress: Progress, profile_id: str) -> str:
        self._step(progress, "de pagina bijwerken")
        built = self._rebuild(profile_id)
        catalog = pipeline.check(self.config_path)
        profile = catalog.profile(profile_id)
        gemeente = catalog.settings.gemeente(profile.gemeente) if profile else None
        if gemeente is None or not gemeente.facebook_page:
            return f"{built} Geen Facebookpagina voor deze gemeente."
        self._step(progress, "Facebook bijwerken")
        return f"{built} {self._publish(gemeente.slug, profile_id)}"

    @property
    def site_dir(self) -> Path:
        """Where the jobs build the site (and ``build`` writes the print matter)."""
        return self.root / "site"

    def _dirs(self) -> tuple[Path, Path, Path]:
        return self.site_dir, self.root / "build" / "staged", self.root / ".cache" / "kaarten"

    def _rebuild(self, profile_id: str) -> str:
        site_dir, staged_dir, cache_dir = self._dirs()
        try:
            publish_profile(self.config_path, profile_id, site_dir, staged_dir, cache_dir)
            return "Pagina bijgewerkt."
        except NotPublished:  # never built here yet: the one full build makes the base
            build_site(pipeline.checked(self.config_path), site_dir, staged_dir, cache_dir)
            return "Site gebouwd."

    def _publish(self, gemeente: str | None, profile_id: str | None) -> str:
        """The publisher for one profile (or all), with the daily cap; like ``buurtsite publish``."""
        catalog = pipeline.checked(self.config_path)
        folder = data_dir()
        with Ledger.in_dir(folder) as ledger:
            tokens = load_tokens(known_pages(catalog, ledger))
            if not tokens:
                return "Facebook overgeslagen: er zijn geen tokens ingesteld."
            plan = plan_run(catalog, ledger, tokens.keys(), gemeente, profile_id)
            image_for = (
                card_images(catalog, folder / "publish-images")
                if catalog.settings.facebook.post_type == "foto"
                and any(a.kind is Kind.CREATE for a in plan.actions)
                else None
            )
            outcomes = Runner(catalog, ledger, tokens, image_for).run(plan)
        failed = [o for o in outcomes if o.result in (Result.FAILED, Result.REFUSED)]
        done = len(outcomes) - len(failed)
        if failed:
            raise BuurtsiteError(
                f"Facebook: {done} gelukt, {len(failed)} mislukt: {failed[0].message}"
            )
        held = len(plan.held)
        tail = f", {held} wacht(en) op een volgende run (dagelijks maximum)" if held else ""
        return f"Facebook: {done} actie(s) uitgevoerd{tail}."
