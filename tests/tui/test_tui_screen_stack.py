"""Going back and forth between a call's report, its replay and the history does not
pile up screens: each key returns to the screen already open for that call."""

from __future__ import annotations

from pathlib import Path

from simulator.clock import FakeClock
from simulator.tui.app import CallsimApp
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.replay import ReplayScreen
from simulator.tui.screens.report import ReportScreen
from tests.tui.tui_helpers import (
    FIXTURES,
    SIZE,
    load_steps,
    new_app,
    play_steps,
    start_call,
    tap,
    until,
    wait_for_screen,
)


def _names(app: CallsimApp) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack[1:]]


async def _report(pilot, clock: FakeClock) -> ReportScreen:
    screen = await start_call(pilot)
    await play_steps(
        pilot, screen, clock, load_steps(FIXTURES / "scripts" / "silent-call.good.yaml")
    )
    report: ReportScreen = await wait_for_screen(pilot, ReportScreen)
    return report


async def test_report_and_replay_of_one_call_swap_instead_of_stacking(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="silent-call")
    async with app.run_test(size=SIZE) as pilot:
        report = await _report(pilot, clock)
        for _ in range(3):
            await tap(pilot, "r")
            await wait_for_screen(pilot, ReplayScreen)
            assert _names(app) == ["PickerScreen", "ReportScreen", "ReplayScreen"]
            await tap(pilot, "g")
            assert await wait_for_screen(pilot, ReportScreen) is report
            assert _names(app) == ["PickerScreen", "ReportScreen"]


async def test_history_returns_to_the_history_already_open(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="silent-call")
    async with app.run_test(size=SIZE) as pilot:
        await _report(pilot, clock)
        await tap(pilot, "h")
        history: HistoryScreen = await wait_for_screen(pilot, HistoryScreen)
        await until(pilot, lambda: bool(history.entries))
        await tap(pilot, "enter")
        await wait_for_screen(pilot, ReplayScreen)
        await tap(pilot, "g")  # the history's replay has no report under it: one opens
        await wait_for_screen(pilot, ReportScreen)
        below = ["PickerScreen", "ReportScreen", "HistoryScreen"]
        assert _names(app) == [*below, "ReplayScreen", "ReportScreen"]
        await tap(pilot, "h")
        assert await wait_for_screen(pilot, HistoryScreen) is history
        assert _names(app) == below
