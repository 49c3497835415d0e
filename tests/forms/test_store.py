"""The store: one row the database refuses never costs the other rows of its batch."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import httpx
import pytest
from sqlalchemy import Engine

from generator.forms import fields, store
from generator.forms.writer import GroupWriter, StoreUnavailable
from generator.validate import Catalog
from tests.forms.conftest import ORIGIN, PG_ONLY, fill_without_statistics, rows, run_async, valid

# NUL: PostgreSQL refuses it in text (SQLite stores it); a lone surrogate: neither driver can
# encode it. Both are passed to the store directly, past the checks of ``fields``.
HOSTILE = ["Nul\x00Byte", "Half\ud800Teken"]


def submission(catalog: Catalog, n: int, name: str = "Geldig Persoon") -> fields.Submission:
    sub, errors = fields.validate(valid(email=f"geldig-{n}@example.org"), catalog)
    assert sub is not None, errors
    return dataclasses.replace(sub, name=name)


def refused(engine: Engine, name: str) -> bool:
    return "\ud800" in name or ("\x00" in name and engine.dialect.name == "postgresql")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_a_refused_row_fails_alone_and_the_rest_of_its_batch_is_stored_once(
    engine: Engine, catalog: Catalog, hostile: str
) -> None:
    items = [(submission(catalog, n), ["haarlem@example.org"]) for n in range(29)]
    items.insert(17, (submission(catalog, 99, hostile), ["haarlem@example.org"]))
    results = store.insert_many(engine, items)
    assert len(results) == 30
    bad = results.pop(17)
    assert isinstance(bad, Exception) == refused(engine, hostile)
    assert all(isinstance(r, store.Stored) and not r.duplicate for r in results)
    emails = sorted(r["email"] for r in rows(engine) if r["naam"] == "Geldig Persoon")
    assert emails == sorted(f"geldig-{n}@example.org" for n in range(29))
    stored_ids = {r["public_id"] for r in rows(engine)}
    assert {r.public_id for r in results if isinstance(r, store.Stored)} <= stored_ids
    # Each stored aanmelding has exactly its two notifications, none of the refused row.
    assert len(rows(engine, store.outbox)) == 2 * len(rows(engine))


def test_concurrent_writers_answer_every_valid_row_ok(engine: Engine, catalog: Catalog) -> None:
    async def run() -> list[store.Stored | BaseException]:
        writer = GroupWriter(engine)
        subs = [submission(catalog, n) for n in range(40)]
        subs[5] = submission(catalog, 5, HOSTILE[1])
        subs[30] = submission(catalog, 30, HOSTILE[0])
        try:
            return await asyncio.gather(
                *(writer.submit(s, ["haarlem@example.org"]) for s in subs), return_exceptions=True
            )
        finally:
            await writer.stop()

    answers = run_async(run)
    assert isinstance(answers[5], StoreUnavailable)
    pg = engine.dialect.name == "postgresql"
    assert isinstance(answers[30], StoreUnavailable if pg else store.Stored)
    valid_answers = [a for n, a in enumerate(answers) if n not in (5, 30)]
    assert all(isinstance(a, store.Stored) for a in valid_answers)
    counts = [r["email"] for r in rows(engine)]
    assert len(counts) == len(set(counts)) == (38 if pg else 39)


def test_over_http_a_hostile_sign_up_costs_nobody_else_theirs(
    base_url: str, engine: Engine
) -> None:
    async def run() -> list[httpx.Response]:
        headers = {"Origin": ORIGIN, "Accept": "application/json"}
        async with httpx.AsyncClient(base_url=base_url, headers=headers, timeout=30) as http:
            bodies = [json.dumps(valid(email=f"geldig-{n}@example.org")) for n in range(29)]
            # A JSON escape puts a lone surrogate in the text, whatever the UTF-8 decoder does.
            bodies.insert(12, json.dumps(valid(naam="Half\ud800Teken", email="x@example.org")))
            return await asyncio.gather(
                *(
                    http.post("/aanmelden", content=b, headers={"Content-Type": "application/json"})
                    for b in bodies
                )
            )

    answers = run_async(run)
    hostile = answers.pop(12)
    assert hostile.status_code in (422, 503)
    assert [a.status_code for a in answers] == [200] * 29
    assert all(a.json()["ok"] is True for a in answers)
    emails = [r["email"] for r in rows(engine)]
    assert sorted(emails) == sorted(f"geldig-{n}@example.org" for n in range(29))


def test_confirmations_are_counted_per_day_and_a_row_without_mail_is_stored(
    engine: Engine, catalog: Catalog
) -> None:
    sub = dataclasses.replace(submission(catalog, 1), email="Een@example.org")
    day = datetime(2026, 11, 2, 12)
    for hours in (0, 1, 2, 3):  # the 4th that day gets no confirmation, and has no coordinator
        [result] = store.insert_many(engine, [(sub, [])], day + timedelta(hours=hours))
        assert isinstance(result, store.Stored)
    # A day later the first two no longer count (the second is exactly a day old): one more.
    [late] = store.insert_many(engine, [(sub, [])], day + timedelta(days=1, hours=1))
    # A confirmation newer than the clock counts too: instances' clocks differ, and a clock
    # behind must not let an address past the limit.
    [early] = store.insert_many(engine, [(sub, [])], day - timedelta(days=30))
    assert isinstance(early, store.Stored) and isinstance(late, store.Stored)
    assert len(rows(engine)) == 6
    sent = sorted(m["created_at"] for m in rows(engine, store.outbox))
    assert sent == [
        day,
        day + timedelta(hours=1),
        day + timedelta(hours=2),
        day + timedelta(days=1, hours=1),
    ]


def test_one_batch_answers_duplicates_and_keeps_the_confirmation_limit(
    engine: Engine, catalog: Catalog
) -> None:
    """The batch is stored with a few statements for all its rows: duplicates of a stored row
    and of a row earlier in the same batch are found, and one address gets at most
    ``CONFIRMATIONS_PER_DAY`` confirmations, counting those of earlier batches."""
    day = datetime(2026, 11, 2, 12)
    on_profile = dataclasses.replace(
        submission(catalog, 1), profile="haarlem-k3m9", email="Vaak@example.org"
    )
    [first] = store.insert_many(engine, [(on_profile, [])], day)
    assert isinstance(first, store.Stored) and not first.duplicate
    again = dataclasses.replace(on_profile, email="vaak@EXAMPLE.org")  # the same address
    other_profile = dataclasses.replace(on_profile, profile=None)
    newcomer = dataclasses.replace(on_profile, email="nieuw@example.org")
    results = store.insert_many(
        engine,
        [
            (again, ["haarlem@example.org"]),  # duplicate of the stored row
            (newcomer, ["haarlem@example.org"]),
            (other_profile, []),  # confirmation 2 of "vaak"
            (dataclasses.replace(newcomer, name="Nieuw Twee"), []),  # duplicate within the batch
            (other_profile, []),  # confirmation 3 of "vaak"
            (other_profile, []),  # over the limit: stored, without a confirmation
        ],
        day + timedelta(hours=1),
    )
    assert all(isinstance(r, store.Stored) for r in results)
    stored = [r for r in results if isinstance(r, store.Stored)]
    assert [r.duplicate for r in stored] == [True, False, False, True, False, False]
    assert stored[0].public_id == first.public_id
    assert stored[3].public_id == stored[1].public_id
    assert len(rows(engine)) == 5
    mails = rows(engine, store.outbox)
    confirmations = sorted(m["recipient"].lower() for m in mails if m["kind"] == "bevestiging")
    assert confirmations == ["nieuw@example.org"] + ["vaak@example.org"] * 3
    ids = {r["id"]: r["public_id"] for r in rows(engine)}
    coordinator = [ids[m["aanmelding_id"]] for m in mails if m["kind"] == "coordinator"]
    assert coordinator == [stored[1].public_id]  # the duplicate queued no second mail


@PG_ONLY
def test_instances_storing_one_address_at_once_queue_at_most_the_daily_confirmations(
    engine: Engine, database_url: str, catalog: Catalog
) -> None:
    """Several instances count an address's confirmations at the same moment; none of them
    sees the others' rows before they commit, yet together they stay within the limit, and
    every sign-up is stored."""
    sub = dataclasses.replace(submission(catalog, 1), email="Druk@example.org")
    instances = [store.make_engine(database_url) for _ in range(6)]
    start = threading.Barrier(len(instances))

    def sign_up(instance: Engine) -> list[store.Stored | Exception]:
        start.wait(timeout=30)
        return store.insert_many(instance, [(sub, [])])

    try:
        with ThreadPoolExecutor(len(instances)) as pool:
            answers = [a for answer in pool.map(sign_up, instances) for a in answer]
    finally:
        for instance in instances:
            instance.dispose()
    assert all(isinstance(a, store.Stored) and not a.duplicate for a in answers), answers
    assert len(rows(engine)) == len(instances)
    mails = [m["kind"] for m in rows(engine, store.outbox)]
    assert mails == ["bevestiging"] * store.CONFIRMATIONS_PER_DAY


@PG_ONLY
def test_a_store_that_grew_without_statistics_answers_a_batch_by_index(
    engine: Engine, catalog: Catalog, plans: list[str]
) -> None:
    """PostgreSQL keeps a plan it made for a prepared statement, and without statistics (a
    new or restored database, or autovacuum off) it guesses how many rows match. The
    statements of a batch must find their rows by index however the tables grew since: a
    sequential scan costs every batch the whole table (found with bench/instances_bench.py:
    26 sign-ups/s and queries of 11 s on a fresh database)."""

    def batch(n: int) -> None:
        items = [(submission(catalog, n * 10 + i), ["haarlem@example.org"]) for i in range(4)]
        assert all(isinstance(r, store.Stored) for r in store.insert_many(engine, items))

    for n in range(12):  # enough for the driver to prepare and the server to cache a plan
        batch(n)
    fill_without_statistics(engine, 5000)
    plans.clear()
    batch(99)
    stored = [p for p in plans if "aanmeldingen" in p or "outbox" in p]
    assert stored, "auto_explain reported no statement of the batch"
    assert not [p for p in stored if "Seq Scan" in p], "\n\n".join(stored)
