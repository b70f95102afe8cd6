"""Replay reads the same clock as the call, the transcript and the report: from the answer."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from simulator.clock import FakeClock
from simulator.recording import Answer, Event, Hangup, Ring, Say, read_recording
from simulator.tui.app import CallsimApp
from simulator.tui.model.library import load_library
from simulator.tui.model.replay_model import ReplayPlayer
from simulator.tui.screens.replay import ReplayScreen
from simulator.tui.widgets.transcript import Transcript
from tests.tui.tui_fixture_grades import fixture_grade
from tests.tui.tui_helpers import FIXTURES, SILENT, SIZE, make_services, settle, tap


def test_the_play_head_reads_from_the_answer_and_ringing_is_negative() -> None:
    events: list[Event] = [
        Ring(0.0, 1),
        Ring(3.0, 2),
        Answer(4.5),
        Say(5.0, 7.0, "agent", "您好"),
        Hangup(9.0, "caller"),
    ]
    player = ReplayPlayer(events, FakeClock())
    assert player.call_time(0.0) == -4.5
    assert player.call_time(4.5) == 0.0
    assert player.call_time(player.duration) == 4.5


def test_an_unanswered_call_counts_its_rings_from_the_first() -> None:
    player = ReplayPlayer([Ring(0.0, 1), Ring(3.0, 2), Hangup(6.0, "caller")], FakeClock())
    assert player.answered is None
    assert player.call_time(3.0) == 3.0


async def test_replay_position_and_fail_times_match_the_transcript(tmp_path: Path) -> None:
    recording = read_recording(SILENT)  # rings at 0 s, answered at 1 s
    scenario = load_library(FIXTURES / "scenarios").by_id("silent-call")
    clock = FakeClock()
    app = CallsimApp(make_services(tmp_path, clock))
    async with app.run_test(size=SIZE) as pilot:
        screen = ReplayScreen(recording, fixture_grade(recording, scenario), scenario, sound=False)
        await app.push_screen(screen)
        await settle(pilot)
        position = str(screen.query_one("#replay-position", Static).render())
        assert position.startswith("▶ -00:01 / ")  # still ringing: before the answer
        await tap(pilot, "f", "f")  # the second fail: the agent's line at 7.5 s (00:06)
        fail = str(screen.query_one("#replay-fail", Static).render())
        assert fail.startswith("✘ 2/2 00:06 ")
        marked = [line for line in screen.query_one(Transcript).lines() if "失分：" in line]
        assert marked[-1].startswith("✘ 00:06 ")
        position = str(screen.query_one("#replay-position", Static).render())
        assert position.startswith("‖ 00:06 / ")
