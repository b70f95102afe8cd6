"""40 processes finishing calls at the same moment lose no result (SQLite and PostgreSQL)."""

from __future__ import annotations

import multiprocessing

from sqlalchemy import func, select

from simulator.grading.catalog import RULES
from simulator.store.engine import open_store
from simulator.store.samples import write_at_barrier
from simulator.store.schema import CallResult, RuleOutcome

WRITERS = 40


def test_forty_writers_at_once_lose_nothing(db_url: str) -> None:
    # forkserver: children start from a clean, preloaded process (no inherited
    # connections or threads) and still start fast.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["simulator.store.samples", "simulator.store.repository"])
    barrier = context.Barrier(WRITERS, timeout=120)
    processes = [
        context.Process(target=write_at_barrier, args=(db_url, barrier, index))
        for index in range(WRITERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=180)
    exit_codes = [process.exitcode for process in processes]
    for process in processes:
        if process.is_alive():
            process.kill()
    assert exit_codes == [0] * WRITERS

    store = open_store(db_url)
    try:
        with store.engine.connect() as conn:
            calls = conn.execute(select(func.count()).select_from(CallResult)).scalar_one()
            ids = set(conn.execute(select(CallResult.call_id)).scalars())
            rules = conn.execute(select(func.count()).select_from(RuleOutcome)).scalar_one()
            na_lists = conn.execute(select(CallResult.na_rules)).scalars().all()
    finally:
        store.close()
    assert calls == WRITERS
    assert ids == {f"concurrent-{index:03d}" for index in range(WRITERS)}
    not_applicable = sum(len(names.split(",")) for names in na_lists if names)
    assert rules + not_applicable == WRITERS * len(RULES)  # every verdict of every call
