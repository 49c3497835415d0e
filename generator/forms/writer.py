"""Group commit: requests waiting to be stored share one transaction and one fsync.

SQLite in WAL mode with synchronous=FULL spends most of a write in the fsync of the commit
(a few milliseconds on a busy disk), so one commit per request caps the endpoint at a few hundred
posts per second. One writer task takes everything that queued up while the previous commit was
on disk and stores it in one transaction (``store.insert_many``). A request is answered only
after the commit that holds its aanmelding, so an acknowledged aanmelding is on disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence

import anyio
from sqlalchemy import Engine

from generator.forms import store
from generator.forms.fields import Submission

log = logging.getLogger("buurtsite.forms.writer")
MAX_BATCH = 256

Pending = tuple[Submission, Sequence[str], "asyncio.Future[store.Stored]"]


class StoreUnavailable(Exception):
    """The store could not take the aanmelding; the resident is asked to try again."""


class GroupWriter:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.queue: asyncio.Queue[Pending | None] | None = None
        self.task: asyncio.Task[None] | None = None

    async def submit(self, sub: Submission, coordinator_emails: Sequence[str]) -> store.Stored:
        """Store one aanmelding; returns once its transaction is committed."""
        if self.task is None or self.task.done():
            # Started on first use so that it lives on the server's own event loop.
            self.queue = asyncio.Queue()
            self.task = asyncio.create_task(self.run(self.queue))
        assert self.queue is not None
        future: asyncio.Future[store.Stored] = asyncio.get_running_loop().create_future()
        self.queue.put_nowait((sub, coordinator_emails, future))
        return await future

    async def run(self, queue: asyncio.Queue[Pending | None]) -> None:
        while True:
            first = await queue.get()
            if first is None:  # put there by ``stop``
                return
            batch = [first]
            while not queue.empty() and len(batch) < MAX_BATCH:
                item = queue.get_nowait()
                if item is None:
                    queue.put_nowait(None)  # stop after this batch
                    break
                batch.append(item)
            items = [(sub, emails) for sub, emails, _ in batch]
            try:
                results = await anyio.to_thread.run_sync(store.insert_many, self.engine, items)
            except Exception as exc:  # every waiting request gets the error, none is dropped
                # Only the error's type: its text could quote the resident's data.
                log.error(
                    "opslaan van %d aanmelding(en) mislukt: %s", len(batch), type(exc).__name__
                )
                for _, _, future in batch:
                    if not future.done():
                        future.set_exception(StoreUnavailable())
                continue
            for (_, _, future), result in zip(batch, results, strict=True):
                if future.done():
                    continue
                if isinstance(result, Exception):
                    # The database refused this one row; the rest of its batch is stored.
                    log.error("opslaan van een aanmelding mislukt: %s", type(result).__name__)
                    future.set_exception(StoreUnavailable())
                else:
                    future.set_result(result)

    async def stop(self) -> None:
        """End the writer after what is queued; a batch being written is finished, not cut off.

        Cancelling it mid-batch would leave its thread writing with the engine after the
        caller disposed of it, and the batch's requests without an answer.
        """
        task, self.task = self.task, None
        if task is None or self.queue is None or task.get_loop() is not asyncio.get_running_loop():
            return
        self.queue.put_nowait(None)
        with contextlib.suppress(asyncio.CancelledError):
            await task
