"""课堂演示 from the trainee's side: a call taken in the app with F6 on while it rings is
written to a real results database as it happens, and the rules resolve on the way."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.clock import FakeClock
from simulator.store.engine import Store, open_store
from simulator.store.live import read_events, recent_calls
from simulator.tui.app import CallsimApp
from simulator.tui.screens.report import ReportScreen
from simulator.tui.widgets.transcript import Transcript
from tests.tui.tui_helpers import (
    FIXTURES,
    SIZE,
    load_steps,
    new_app,
    play_steps,
    run_until,
    start_call,
    tap,
    wait_for_screen,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    yield opened
    opened.close()


def silent_call(tmp_path: Path, store: Store) -> tuple[CallsimApp, FakeClock]:
    """The app on the silent call, its results going to `store`, and its clock."""
    clock = FakeClock()
    return new_app(tmp_path, clock, scenario_id="silent-call", store_factory=lambda: store), clock


async def test_a_demo_call_is_stored_live_with_its_rules(tmp_path: Path, store: Store) -> None:
    app, clock = silent_call(tmp_path, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        await run_until(pilot, screen, clock, 1.0)  # it rings before the trainee opts in
        await tap(pilot, "f6")
        assert screen.live is not None and screen.live.demo is not None
        assert any("课堂演示已开启" in line for line in screen.query_one(Transcript).lines())
        steps = load_steps(FIXTURES / "scripts" / "silent-call.good.yaml")
        await play_steps(pilot, screen, clock, steps)
        report: ReportScreen = await wait_for_screen(pilot, ReportScreen)
        call_id = screen.live.session.header.id
        screen.live.wait_demo_closed()
    events = read_events(store, call_id)
    kinds = [e.kind for e in events]
    assert kinds[0] == "start" and kinds[1] == "ring"  # the ring before the opt-in too
    assert events[0].data["trainee"] == "李明"
    assert "answer" in kinds and "agent" in kinds and "meters" in kinds
    assert kinds.index("end") < kinds.index("graded") == len(kinds) - 1
    agent_lines = [e.data["text"] for e in events if e.kind == "agent"]
    assert agent_lines and all(text for text in agent_lines)
    rules = [e for e in events if e.kind == "rule"]
    # The answer's and the greeting's rules resolve during the call, before the hang-up.
    during = [e.data["rule"] for e in events[: kinds.index("end")] if e.kind == "rule"]
    assert {"answer.rings", "opening.latency"} <= set(during)
    assert all(e.data["title"] and e.data["title"] != e.data["rule"] for e in rules)
    graded = events[-1].data
    assert graded["score"] == report.grade.score
    assert graded["passed"] == report.grade.passed
    final = {e.data["rule"]: e.data["status"] for e in rules}
    assert final == {r.id: r.status for r in report.grade.rules if r.status != "na"}
    assert [c.ended for c in recent_calls(store) if c.call_id == call_id] == [True]


async def test_without_f6_nothing_is_shown(tmp_path: Path, store: Store) -> None:
    app, clock = silent_call(tmp_path, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        await tap(pilot, "f6", "f6")  # on, then changed their mind before answering
        steps = load_steps(FIXTURES / "scripts" / "silent-call.good.yaml")
        await play_steps(pilot, screen, clock, steps)
        await wait_for_screen(pilot, ReportScreen)
        call_id = screen.live.session.header.id  # type: ignore[union-attr]
        assert screen.live.demo is None  # type: ignore[union-attr]
        screen.live.wait_demo_closed()  # type: ignore[union-attr]
    assert [e.kind for e in read_events(store, call_id)][-1] == "end"
    assert read_events(store, call_id)[-1].data["reason"] == "withdrawn"
    assert "agent" not in [e.kind for e in read_events(store, call_id)]


async def test_switched_on_again_it_is_a_new_live_call(tmp_path: Path, store: Store) -> None:
    app, _ = silent_call(tmp_path, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        await tap(pilot, "f6", "f6", "f6", "space")
        live = screen.live
        assert live is not None and live.demo is not None
        await tap(pilot, "f4")
        await wait_for_screen(pilot, ReportScreen)
        live.wait_demo_closed()
        call_id = live.session.header.id
    calls = {c.call_id: c for c in recent_calls(store)}
    assert set(calls) == {call_id, f"{call_id}.1"} and all(c.ended for c in calls.values())
    kinds = [e.kind for e in read_events(store, f"{call_id}.1")]
    assert kinds[:2] == ["start", "ring"] and kinds[-1] == "graded"


async def test_an_unusable_database_leaves_the_call_running(tmp_path: Path) -> None:
    from simulator.store.errors import StoreUnavailable

    def no_store() -> Store:
        raise StoreUnavailable("结果数据库无法使用（sqlite:///nowhere）：磁盘已满")

    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="silent-call", store_factory=no_store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        await tap(pilot, "f6", "space")
        lines = screen.query_one(Transcript).lines()
        assert any("课堂演示无法开启" in line and "磁盘已满" in line for line in lines)
        assert screen.live is not None and screen.live.demo is None
        assert screen.live.call.answered_at is not None  # the call went on


async def test_waiting_for_the_board_waits_for_every_run_of_the_call(
    tmp_path: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Switched off, on and off again: the first run's last writes may still be going out
    when the second run closes, and shutting down must wait for both."""
    from simulator.tui.model.class_demo import ClassDemo

    second_closed = threading.Event()
    started: list[ClassDemo] = []
    closed: list[ClassDemo] = []
    real_close = ClassDemo.close

    def close_in_order(self: ClassDemo) -> None:
        started.append(self)
        if len(started) == 1:
            second_closed.wait(10)  # the first run is still sending when the second ends
        real_close(self)
        closed.append(self)
        if len(started) == 2:
            second_closed.set()

    monkeypatch.setattr(ClassDemo, "close", close_in_order)
    app, _ = silent_call(tmp_path, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        await tap(pilot, "f6", "f6", "f6", "f6")
        live = screen.live
        assert live is not None
        live.wait_demo_closed()
        assert len(closed) == 2
