"""After the call: the report, history and replay, and what happens when things fail."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from simulator.clock import FakeClock
from simulator.recording import Hangup, Say, read_recording
from simulator.scenario import Reaction
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.error import ErrorScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.picker import PickerScreen
from simulator.tui.screens.replay import ReplayScreen
from simulator.tui.screens.report import ReportScreen
from simulator.tui.widgets.progress_chart import ProgressChart
from simulator.tui.widgets.transcript import Transcript
from tests.tui.tui_helpers import (
    FIXTURES,
    SIZE,
    load_steps,
    new_app,
    play_steps,
    run_until,
    settle,
    sign_in,
    start_call,
    tap,
    type_text,
    wait_for_screen,
)


class BrokenMatcher:
    """A reply matcher with a bug: the call must end on the error screen, not a traceback."""

    def matches(self, text: str, reaction: Reaction) -> bool:
        raise ZeroDivisionError("matcher bug [mic]")  # brackets: shown, not read as markup


async def _play_silent_call(pilot, clock) -> ReportScreen:
    screen = await start_call(pilot)
    steps = load_steps(FIXTURES / "scripts" / "silent-call.good.yaml")
    await play_steps(pilot, screen, clock, steps)
    report: ReportScreen = await wait_for_screen(pilot, ReportScreen)
    return report


async def test_a_crash_inside_the_call_keeps_the_recording(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="standard-inquiry", matcher_factory=BrokenMatcher)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        path = screen.live.path  # type: ignore[union-attr]
        await tap(pilot, "space")
        await type_text(pilot, "您好")
        await tap(pilot, "enter")
        error = await wait_for_screen(pilot, ErrorScreen)
        assert "matcher bug [mic]" in str(error.query_one("#error-summary", Static).render())
        assert error.recording == path
        assert error.log_path is not None and "ZeroDivisionError" in error.log_path.read_text()
        await tap(pilot, "enter")
        await wait_for_screen(pilot, PickerScreen)
    recording = read_recording(path)
    last = recording.events[-1]
    assert isinstance(last, Say) and last.text == "您好"
    assert not recording.complete  # no hang-up: the grader will call it incomplete


async def test_a_grading_failure_is_shown_and_the_trainee_can_go_back(tmp_path: Path) -> None:
    def broken_grader(recording, scenario):
        raise RuntimeError("grader bug")

    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="silent-call", grader=broken_grader)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        await tap(pilot, "space", "f4")
        for _ in range(200):
            if not screen._grading:
                break
            await pilot.pause(0.01)
        await settle(pilot)
        assert any("评分失败" in line for line in screen.query_one(Transcript).lines())
        assert isinstance(pilot.app.screen, CallScreen)
        await tap(pilot, "escape")
        await wait_for_screen(pilot, PickerScreen)
        assert read_recording(screen.live.path).complete  # type: ignore[union-attr]


async def test_a_failing_store_is_a_notice_not_a_crash(tmp_path: Path) -> None:
    def broken_store(grade, recording):
        raise OSError("database is down")

    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="silent-call", result_saver=broken_store)
    async with app.run_test(size=SIZE) as pilot:
        report = await _play_silent_call(pilot, clock)
        for _ in range(200):
            if app._notifications:
                break
            await pilot.pause(0.01)
        assert any("database is down" in n.message for n in app._notifications)
        assert report.grade.passed


async def test_history_lists_the_call_and_replays_it(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="silent-call")
    async with app.run_test(size=SIZE) as pilot:
        report = await _play_silent_call(pilot, clock)
        score = report.grade.score
        await tap(pilot, "h")
        history = await wait_for_screen(pilot, HistoryScreen)
        table = history.query_one(DataTable)
        for _ in range(300):
            if history.entries:
                break
            await pilot.pause(0.01)
        await settle(pilot)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[3]).strip() == str(score)
        assert history.query_one(ProgressChart)._scores == [(score, report.grade.passed)]
        await tap(pilot, "enter")
        replay = await wait_for_screen(pilot, ReplayScreen)
        player = replay.player
        assert player is not None and player.playing
        clock.advance(2.0)
        replay.tick()
        await settle(pilot)
        assert player.position == 2.0
        greeting = "00:00 我：您好，福彩热线，1024号为您服务，请问有什么可以帮您？"
        assert replay.query_one(Transcript).lines() == [greeting]
        await tap(pilot, "4")
        clock.advance(2.0)
        replay.tick()
        assert player.position == 10.0
        await settle(pilot)
        assert len(replay.query_one(Transcript).lines()) == 2
        await tap(pilot, "space", "right")
        assert not player.playing and player.position > 10.0
        await tap(pilot, "left", "left", "left")
        await settle(pilot)
        assert len(replay.query_one(Transcript).lines()) == 1
        await tap(pilot, "g")
        shown = await wait_for_screen(pilot, ReportScreen)
        assert shown.grade.score == score
        await tap(pilot, "escape")
        await wait_for_screen(pilot, ReplayScreen)


async def test_command_palette_and_help(tmp_path: Path) -> None:
    async with new_app(tmp_path, FakeClock()).run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await wait_for_screen(pilot, PickerScreen)
        await tap(pilot, "f1")
        await wait_for_screen(pilot, HelpScreen)
        await tap(pilot, "escape")
        await wait_for_screen(pilot, PickerScreen)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, PickerScreen)
        await pilot.press("ctrl+p")
        await pilot.pause(0.1)
        await type_text(pilot, "历史成绩")
        await pilot.pause(0.2)
        await tap(pilot, "enter")
        await wait_for_screen(pilot, HistoryScreen)


async def test_the_recording_ends_with_the_agents_hangup(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="silent-call")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        await tap(pilot, "space")
        await run_until(pilot, screen, clock, 3.0)
        await tap(pilot, "f4")
        report = await wait_for_screen(pilot, ReportScreen)
    recording = read_recording(Path(report.grade.recording))
    assert recording.events[-1] == Hangup(t=3.0, who="agent")


async def test_again_from_a_replayed_report_starts_over_from_the_list(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="silent-call")
    async with app.run_test(size=SIZE) as pilot:
        await _play_silent_call(pilot, clock)
        await tap(pilot, "r")
        await wait_for_screen(pilot, ReplayScreen)
        await tap(pilot, "g")
        await wait_for_screen(pilot, ReportScreen)
        await tap(pilot, "n")
        call = await wait_for_screen(pilot, CallScreen)
        assert call.scenario.id == "silent-call"
        assert [type(s).__name__ for s in app.screen_stack[1:]] == ["PickerScreen", "CallScreen"]
