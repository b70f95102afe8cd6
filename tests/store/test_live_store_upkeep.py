"""Live events over a long term on both real databases: a resent batch is harmless, old
rows are pruned, and the board's queries are served by indexes, also on old databases."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import inspect, text

from simulator.store.engine import Store, open_store
from simulator.store.errors import StoreUnavailable
from simulator.store.live import (
    KEEP_FOR,
    LiveEvent,
    LiveWriter,
    append_events,
    read_events,
    recent_calls,
)

NOW = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)


def event(call_id: str, seq: int, kind: str, at: datetime = NOW, **data: object) -> LiveEvent:
    return LiveEvent(call_id, seq, kind, float(seq), dict(data), at + timedelta(seconds=seq))


def test_a_batch_sent_again_with_new_events_stores_the_new_ones(store: Store) -> None:
    append_events(store, [event("c", 0, "start", trainee="欧阳娜"), event("c", 1, "ring")])
    append_events(
        store,
        [event("c", 0, "start", trainee="欧阳娜"), event("c", 1, "ring"), event("c", 2, "end")],
    )
    assert [(e.seq, e.kind) for e in read_events(store, "c")] == [
        (0, "start"),
        (1, "ring"),
        (2, "end"),
    ]


def test_a_batch_committed_but_reported_failed_loses_nothing_after_it(store: Store) -> None:
    real_write = store.write
    committed = threading.Event()

    def write_then_lose_the_reply(work: Any, *, deadline: float = 60.0) -> Any:
        result = real_write(work, deadline=deadline)
        if not committed.is_set() and read_events(store, "lost"):
            committed.set()
            raise StoreUnavailable("结果数据库无法使用：连接在提交后断开")
        return result

    store.write = write_then_lose_the_reply  # type: ignore[method-assign]
    writer = LiveWriter(store, "lost", now=lambda: NOW)
    writer.start()
    writer.publish("start", 0.0, {"trainee": "司马强"})
    assert committed.wait(timeout=30)
    writer.publish("ring", 1.0)
    writer.publish("end", 9.0, {"who": "agent"})
    writer.close()
    assert [(e.seq, e.kind) for e in read_events(store, "lost")] == [
        (0, "start"),
        (1, "ring"),
        (2, "end"),
    ]
    assert writer.last_error is None


def test_a_starting_writer_deletes_rows_older_than_a_day(store: Store) -> None:
    old = NOW - KEEP_FOR - timedelta(hours=1)
    append_events(store, [event("old", 0, "start", at=old), event("old", 1, "end", at=old)])
    append_events(store, [event("today", 0, "start", at=NOW - timedelta(hours=3))])
    writer = LiveWriter(store, "new", now=lambda: NOW)
    writer.start()
    writer.publish("start", 0.0, {"trainee": "东方明"})
    writer.close()
    assert read_events(store, "old") == []
    assert [e.kind for e in read_events(store, "today")] == ["start"]
    assert [e.kind for e in read_events(store, "new")] == ["start"]
    assert writer.last_error is None


def statements_of(store: Store, run: Any) -> list[tuple[str, Any]]:
    seen: list[tuple[str, Any]] = []

    def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "live_events" in statement:
            seen.append((statement, parameters))

    sa_event.listen(store.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        sa_event.remove(store.engine, "before_cursor_execute", record)
    return seen


def plan(store: Store, statement: str, parameters: Any) -> str:
    with store.engine.connect() as conn:
        if store.dialect == "sqlite":
            rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            return "\n".join(str(row[-1]) for row in rows)
        # The test table is tiny: make the planner show what it would do with a big one.
        conn.exec_driver_sql("SET enable_seqscan = off")
        conn.exec_driver_sql("SET enable_bitmapscan = off")
        rows = conn.exec_driver_sql(f"EXPLAIN {statement}", parameters)
        return "\n".join(str(row[0]) for row in rows)


def test_the_newest_calls_of_every_class_come_from_an_index_without_sorting(
    store: Store,
) -> None:
    for n in range(5):
        append_events(store, [event(f"c{n}", 0, "start", NOW, **{"class": f"班{n % 2}"})])
    statements = statements_of(store, lambda: recent_calls(store, now=NOW))
    starts = next(s for s in statements if "ORDER BY" in s[0])
    shown = plan(store, *starts)
    assert "ix_live_events_kind_id" in shown, shown
    assert "TEMP B-TREE" not in shown and "Sort" not in shown, shown


def test_the_last_activity_is_read_from_the_call_seq_index(tmp_path: Path) -> None:
    # SQLite's plan names a covering index plainly; PostgreSQL runs the same SQL.
    store = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    append_events(store, [event("m", 0, "start")] + [event("m", n, "meters") for n in range(1, 9)])
    calls = recent_calls(store, now=NOW)
    assert calls[0].last_at == NOW + timedelta(seconds=8)
    statements = statements_of(store, lambda: recent_calls(store, now=NOW))
    grouped = next(s for s in statements if "GROUP BY" in s[0])
    shown = plan(store, *grouped)
    assert "COVERING INDEX ix_live_events_call" in shown, shown
    store.close()


def test_an_older_database_gets_the_new_index(db_url: str) -> None:
    first = open_store(db_url)
    first.ensure_schema()
    with first.engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_live_events_kind_id"))
    first.close()
    again = open_store(db_url)
    try:
        again.ensure_schema()
        with again.engine.connect() as conn:
            names = {index["name"] for index in inspect(conn).get_indexes("live_events")}
        assert "ix_live_events_kind_id" in names
        append_events(again, [event("x", 0, "start")])
        assert [c.call_id for c in recent_calls(again, now=NOW)] == ["x"]
    finally:
        again.close()
