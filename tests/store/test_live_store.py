"""Live calls round-trip through both real databases: written in order, read back by call."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from simulator.store.engine import Store
from simulator.store.live import (
    STALE_AFTER,
    LiveEvent,
    LiveWriter,
    append_events,
    read_events,
    recent_calls,
)

NOW = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)


def event(call_id: str, seq: int, kind: str, t: float | None, **data: object) -> LiveEvent:
    return LiveEvent(call_id, seq, kind, t, dict(data), NOW + timedelta(seconds=seq))


def start(call_id: str, trainee: str, class_name: str) -> LiveEvent:
    return event(call_id, 0, "start", 0.0, trainee=trainee, agent_id="1024", title="愤怒投诉",
                 **{"class": class_name})  # fmt: skip


def test_events_round_trip_in_order_and_after_a_cursor(store: Store) -> None:
    append_events(
        store,
        [
            start("c1", "欧阳娜", "春季一班"),
            event("c1", 1, "ring", 0.0, n=1),
            event("c1", 2, "answer", 4.2),
            event("c1", 3, "caller", 4.8, text="喂？你们怎么回事！", end=6.1),
        ],
    )
    append_events(store, [event("c1", 4, "agent", 6.5, text="您好，请您别着急", end=8.0)])
    append_events(store, [start("c2", "司马强", "春季一班")])

    events = read_events(store, "c1")
    assert [e.kind for e in events] == ["start", "ring", "answer", "caller", "agent"]
    assert events[3].data == {"text": "喂？你们怎么回事！", "end": 6.1}
    assert events[3].t == 4.8
    assert events[0].written_at == NOW
    assert events[0].written_at.tzinfo is not None
    assert [e.seq for e in read_events(store, "c1", after_seq=2)] == [3, 4]
    assert read_events(store, "c1", after_seq=4) == []


def test_recent_calls_newest_first_by_class_with_their_state(store: Store) -> None:
    append_events(store, [start("a", "欧阳娜", "春季一班"), event("a", 1, "end", 30.0)])
    append_events(store, [start("b", "司马强", "春季一班"), event("b", 1, "meters", 2.0)])
    append_events(store, [start("c", "诸葛丽", "秋季二班")])

    calls = recent_calls(store, class_name="春季一班", now=NOW + timedelta(seconds=5))
    assert [(c.call_id, c.trainee, c.ended) for c in calls] == [
        ("b", "司马强", False),
        ("a", "欧阳娜", True),
    ]
    assert calls[0].title == "愤怒投诉"
    assert calls[0].last_at == NOW + timedelta(seconds=1)
    assert [c.call_id for c in recent_calls(store, now=NOW)] == ["c", "b", "a"]
    # A call whose machine went quiet long ago is over even without its hang-up.
    later = NOW + STALE_AFTER + timedelta(seconds=5)
    assert all(c.ended for c in recent_calls(store, now=later))


def test_writer_thread_stores_everything_published_in_order(store: Store) -> None:
    writer = LiveWriter(store, "w1", now=lambda: NOW)
    writer.start()
    writer.publish("start", 0.0, {"trainee": "东方明", "class": "春季一班"})
    for n in range(1, 4):
        writer.publish("ring", float(n), {"n": n})
    writer.publish("end", 9.0, {"who": "agent"})
    writer.close()
    events = read_events(store, "w1")
    assert [(e.seq, e.kind) for e in events] == [
        (0, "start"),
        (1, "ring"),
        (2, "ring"),
        (3, "ring"),
        (4, "end"),
    ]
    assert writer.last_error is None


def test_the_boards_source_reads_what_the_writer_wrote(store: Store) -> None:
    from simulator.scoreboard.launch import StoreLiveSource

    append_events(store, [start("s1", "欧阳娜", "春季一班"), event("s1", 1, "answer", 3.0)])
    source = StoreLiveSource(store, "春季一班", now=lambda: NOW)
    assert [c.call_id for c in source.calls()] == ["s1"]
    assert [e.kind for e in source.events("s1", 0)] == ["answer"]
    assert StoreLiveSource(store, "秋季二班", now=lambda: NOW).calls() == []
