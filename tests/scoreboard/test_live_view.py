"""The board's live view (课堂演示): Pilot and snapshots, on a real SQLite database.

The board's timers are off: each test asks the view to poll and waits for its worker,
so nothing sleeps waiting for a timer.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot

from simulator.scoreboard.app import BoardOptions, ScoreboardApp
from simulator.scoreboard.launch import StoreLiveSource
from simulator.scoreboard.live_view import LiveCallScreen
from simulator.store.board import BoardData, load_board
from simulator.store.engine import Store, open_store
from simulator.store.filters import ResultFilter
from simulator.store.live import LiveEvent, append_events
from simulator.store.samples import seed_class

NOW = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)
BEIJING = timezone(timedelta(hours=8))
SIZE = (120, 34)
CLASS = "春季一班"
LIMITS = {"rings": 3, "greeting": 2.0, "dead_air": 10.0, "hold": 15.0}


class Events:
    """A call's events as the trainee's machine writes them."""

    def __init__(self, store: Store, call_id: str) -> None:
        self.store = store
        self.call_id = call_id
        self.seq = 0

    def add(self, kind: str, t: float | None, **data: object) -> None:
        event = LiveEvent(self.call_id, self.seq, kind, t, dict(data), NOW)
        self.seq += 1
        append_events(self.store, [event])


def opening(store: Store, call_id: str = "live-1", trainee: str = "欧阳娜") -> Events:
    events = Events(store, call_id)
    events.add("start", 0.0, trainee=trainee, agent_id="2048", title="接通后没有声音",
               limits=LIMITS, **{"class": CLASS})  # fmt: skip
    events.add("ring", 0.0, n=1)
    events.add("ring", 3.0, n=2)
    events.add("answer", 4.0)
    events.add("rule", 4.0, rule="answer.rings", title="三声之内接听", status="pass", detail="")
    events.add("caller", 4.6, text="……", end=6.0)
    events.add("agent", 5.0, text="您好，福彩热线，2048号为您服务，请问有什么可以帮您？", end=8.0)
    events.add("rule", 5.0, rule="opening.latency", title="两秒内问候", status="pass", detail="")
    events.add("meters", 9.0, state="connected", rings=2, talk=5.0, silence=1.0, waiting=True,
               hold=None)  # fmt: skip
    return events


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    seed_class(opened, trainees=6, calls_per_trainee=3, class_name=CLASS, seed=5)
    yield opened
    opened.close()


def board(store: Store, *, pseudonyms: bool = False, live_first: bool = False) -> ScoreboardApp:
    filters = ResultFilter(class_name=CLASS, mode="practice")

    def source() -> BoardData:
        return load_board(store, filters, now=NOW)

    return ScoreboardApp(
        source,
        options=BoardOptions(
            title=filters.describe(), tz=BEIJING, pseudonyms=pseudonyms, pseudonym_key="k"
        ),
        now=lambda: NOW,
        refresh_every=None,
        live=StoreLiveSource(store, CLASS, now=lambda: NOW),
        live_first=live_first,
    )


async def polled(pilot: Pilot[None]) -> LiveCallScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LiveCallScreen)
    screen.request_poll()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return screen


async def test_the_board_offers_the_live_call_and_follows_it(store: Store) -> None:
    events = opening(store)
    app = board(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        banner = str(app.board.query_one("#live-banner").render())
        assert "课堂演示进行中" in banner and "欧阳娜" in banner and "按 L 观看" in banner
        await pilot.press("l")
        screen = await polled(pilot)
        assert screen.call_id == "live-1"
        assert screen.transcript_lines == [
            "00:00 来电者：……",
            "00:01 学员：您好，福彩热线，2048号为您服务，请问有什么可以帮您？",
        ]
        assert screen.rule_lines == ["✓ 三声之内接听", "✓ 两秒内问候"]
        assert screen.state.phase == "通话中"

        # Said on the trainee's machine: on the board at the next poll.
        events.add("caller", 9.5, text="喂？", end=10.0)
        events.add("rule", 21.0, rule="response.dead_air", title="10秒内回应", status="fail",
                   detail="客户说完后 11 秒没有回应")  # fmt: skip
        events.add("end", 25.0, who="caller", reason="caller_hung_up")
        events.add("graded", None, score=62, passed=False, pass_mark=80, unfinished="")
        screen = await polled(pilot)
        assert screen.transcript_lines[-1] == "00:05 来电者：喂？"
        assert screen.rule_lines[-1] == "✗ 10秒内回应：客户说完后 11 秒没有回应"
        head = str(screen.query_one("#live-head").render())
        assert "62 分 不合格" in head and "来电者挂机" in head

        await pilot.press("escape")
        assert not isinstance(app.screen, LiveCallScreen)


async def test_pinned_call_steps_back_and_forth(store: Store) -> None:
    events = opening(store)
    events.add("end", 12.0, who="agent", reason="agent_hung_up")
    app = board(store, live_first=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await polled(pilot)
        assert len(screen.transcript_lines) == 2
        await pilot.press("p")
        assert screen.pinned
        await pilot.press("left")  # before the end
        assert screen.state.ended is None
        await pilot.press("left", "left")  # before the agent's greeting was resolved, said
        assert screen.transcript_lines == ["00:00 来电者：……"]
        assert screen.rule_lines == ["✓ 三声之内接听"]
        await pilot.press("home")
        assert screen.state.rings == 1 and screen.transcript_lines == []
        assert "第 1/" in str(screen.query_one("#live-status").render())
        await pilot.press("right", "right")
        assert screen.state.rings == 2
        await pilot.press("end")
        assert screen.state.ended == "学员挂机"

        # A new demo starts elsewhere: a pinned view stays on its call.
        other = Events(store, "live-2")
        other.add("start", 0.0, trainee="司马强", agent_id="3000", title="愤怒投诉",
                  limits=LIMITS, **{"class": CLASS})  # fmt: skip
        screen = await polled(pilot)
        assert screen.call_id == "live-1"
        await pilot.press("p")  # following again: the ongoing call is shown
        screen = await polled(pilot)
        assert screen.call_id == "live-2"
        await pilot.press("pageup")  # the earlier call, pinned
        screen = await polled(pilot)
        assert screen.call_id == "live-1" and screen.pinned


async def test_pseudonyms_hide_the_trainee_and_the_work_number(store: Store) -> None:
    opening(store)
    app = board(store, pseudonyms=True, live_first=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = await polled(pilot)
        head = str(screen.query_one("#live-head").render())
        assert "欧阳娜" not in head and "2048" not in head.split("·")[1]
        assert app._display_name("欧阳娜") in head


def test_live_view_snapshot(snap_compare, store: Store) -> None:
    opening(store)
    assert snap_compare(board(store, live_first=True), terminal_size=SIZE, run_before=polled)


def test_waiting_live_view_snapshot(snap_compare, store: Store) -> None:
    assert snap_compare(board(store, live_first=True), terminal_size=SIZE, run_before=polled)


async def test_hiding_names_hides_the_live_banners_name_at_once(store: Store) -> None:
    """The banner is drawn again when the trainer switches to pseudonyms: a real name
    must not stay on the projector until the next poll (or while the database is down)."""
    opening(store)
    app = board(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert "欧阳娜" in str(app.board.query_one("#live-banner").render())
        app.live_source = None  # no further poll can redraw it
        await pilot.press("p")
        await pilot.pause()
        assert "欧阳娜" not in str(app.board.query_one("#live-banner").render())
