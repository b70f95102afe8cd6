"""What several benchmarks share: one way to read a percentile, one measurement run on each
results database (a SQLite file, and a throwaway PostgreSQL cluster), and the wait for the
app's first screen in a tmux terminal."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from simulator.store.engine import Store

T = TypeVar("T")

SQLITE = "SQLite (WAL)"
POSTGRES = "PostgreSQL (throwaway cluster, fsync on)"


def percentile(values: Sequence[float], q: float) -> float:
    """The `q`th percentile (0–100) of `values`, nearest rank: a figure in the results is
    a time that was really measured, never one interpolated between two."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def on_each_database(measure: Callable[[Store], T], *, postgres: bool = True) -> dict[str, T]:
    """`measure` on a fresh SQLite file, then (unless `postgres` is False, or PostgreSQL's
    server programs are not installed) on a throwaway cluster with fsync on, as a class
    server runs; keyed by the database's label for the results table."""
    # Imported here: the benchmarks that only want `percentile` do not load SQLAlchemy.
    from simulator.store.engine import open_store
    from simulator.store.throwaway import PostgresUnavailable, ThrowawayPostgres

    results: dict[str, T] = {}
    with tempfile.TemporaryDirectory(prefix="callsim-bench-") as folder:
        print("SQLite …", flush=True)
        store = open_store(f"sqlite:///{folder}/results.sqlite3")
        try:
            results[SQLITE] = measure(store)
        finally:
            store.close()
    if not postgres:
        return results
    server = ThrowawayPostgres(durable=True)
    try:
        url = server.start()
    except PostgresUnavailable as exc:
        print(f"PostgreSQL skipped: {exc}", file=sys.stderr)
        return results
    try:
        print("PostgreSQL …", flush=True)
        store = open_store(url)
        try:
            results[POSTGRES] = measure(store)
        finally:
            store.close()
    finally:
        server.stop()
    return results


def seconds_until_shown(session: str, text: str, start: float, limit: float) -> float | None:
    """Seconds from `start` (a `time.perf_counter()` reading) until `text` is on the screen
    of tmux `session`; None when it is not there within `limit` seconds."""
    while time.perf_counter() - start < limit:
        screen = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        if text in screen:
            return time.perf_counter() - start
        time.sleep(0.005)  # polling the terminal, not waiting for a timer
    return None
