"""SQLite under contention: writers wait for the lock, and retry when it stays busy."""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from simulator.store.board import load_board
from simulator.store.engine import Store, open_store
from simulator.store.errors import StoreUnavailable
from simulator.store.filters import ResultFilter
from simulator.store.repository import save_result
from simulator.store.samples import sample_grade, sample_header


def test_wal_mode_and_busy_timeout(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/r.sqlite3")
    try:
        store.ensure_schema()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30_000
    finally:
        store.close()


def test_a_writer_waits_for_another_process_lock(tmp_path: Path) -> None:
    path = tmp_path / "r.sqlite3"
    store = open_store(f"sqlite:///{path}")
    try:
        store.ensure_schema()
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # another machine holds the write lock
        released = threading.Event()

        def release() -> None:
            time.sleep(0.3)
            other.execute("COMMIT")
            released.set()

        threading.Thread(target=release).start()
        header = sample_header("waited", "王芳", "1", "standard")
        # The app's own call (verified), so the board counts it.
        save_result(sample_grade(random.Random(1)), header, store=store, made_here=True)
        assert released.is_set()  # it really had to wait
        other.close()
        # While a writer holds the lock, readers (the board) still read (WAL).
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
        assert load_board(store, ResultFilter()).calls == 1
        other.execute("ROLLBACK")
        other.close()
    finally:
        store.close()


def locked() -> OperationalError:
    return OperationalError("INSERT …", {}, Exception("database is locked"))


def test_retries_while_locked_then_succeeds(tmp_path: Path) -> None:
    store = Store("sqlite://", open_store("sqlite://").engine)
    failures = [locked(), locked(), locked()]

    def attempt() -> str:
        if failures:
            raise failures.pop()
        return "saved"

    assert store._retry(attempt, deadline=10) == "saved"
    assert failures == []


def test_gives_up_with_a_clear_error(tmp_path: Path) -> None:
    store = Store("sqlite://", open_store("sqlite://").engine)

    def attempt() -> str:
        raise locked()

    with pytest.raises(StoreUnavailable, match="database is locked"):
        store._retry(attempt, deadline=0.3)
