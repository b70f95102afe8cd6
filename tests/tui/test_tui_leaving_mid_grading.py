"""What happens around a call that is being graded: screens opened over it (help, the
command palette) and a trainee who leaves before the grade is in must never leave the
trainee stuck on a dead call or lose the result."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any, cast

from simulator.clock import FakeClock
from simulator.grading.model import Grade
from simulator.recording.reader import Recording
from simulator.scenario.models import Scenario
from simulator.store.engine import Store
from simulator.tui.app import CallsimApp
from simulator.tui.palette import ChineseCommandPalette
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.error import ErrorScreen
from simulator.tui.screens.exams import ExamListScreen
from simulator.tui.screens.help import HelpScreen
from simulator.tui.screens.picker import PickerScreen
from simulator.tui.screens.report import ReportScreen
from simulator.tui.screens.signin import SignInScreen
from tests.tui.test_tui_exams import WritesFail
from tests.tui.tui_helpers import (
    FIXTURES,
    SIZE,
    load_steps,
    make_services,
    new_app,
    open_exam,
    play_steps,
    settle,
    start_call,
    tap,
    until,
    wait_for_call,
    wait_for_screen,
)


class HeldGrader:
    """The real grader, held until the test releases it: the trainee acts while grading
    runs, with no timing involved."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, recording: Recording, scenario: Scenario | None) -> Grade:
        from simulator.tui.model.services import default_grader

        self.started.set()
        assert self.release.wait(10), "the test never released the grader"
        return default_grader(recording, scenario)


def _names(app: CallsimApp) -> list[str]:
    return [type(s).__name__ for s in app.screen_stack[1:]]


async def _hang_up_and_hold(pilot: Any, grader: HeldGrader) -> CallScreen:
    """Answer, hang up, and wait until grading has started (and is held)."""
    call = await start_call(pilot)
    await tap(pilot, "space", "f4")
    await until(pilot, grader.started.is_set)
    return call


async def test_the_report_replaces_the_call_even_with_help_open_over_it(tmp_path: Path) -> None:
    grader = HeldGrader()
    app = new_app(tmp_path, FakeClock(), scenario_id="silent-call", grader=grader)
    async with app.run_test(size=SIZE) as pilot:
        await _hang_up_and_hold(pilot, grader)
        await tap(pilot, "f1")
        await wait_for_screen(pilot, HelpScreen)
        grader.release.set()
        await wait_for_screen(pilot, ReportScreen)
        assert _names(app) == ["PickerScreen", "ReportScreen"]
        await tap(pilot, "escape")
        await wait_for_screen(pilot, PickerScreen)


async def test_the_report_replaces_the_call_with_the_command_palette_open(
    tmp_path: Path,
) -> None:
    grader = HeldGrader()
    app = new_app(tmp_path, FakeClock(), scenario_id="silent-call", grader=grader)
    async with app.run_test(size=SIZE) as pilot:
        await _hang_up_and_hold(pilot, grader)
        app.action_command_palette()
        await until(pilot, lambda: ChineseCommandPalette.is_open(cast(Any, app)))
        grader.release.set()
        await wait_for_screen(pilot, ReportScreen)
        assert _names(app) == ["PickerScreen", "ReportScreen"]


async def test_a_crash_with_help_open_replaces_the_call_not_the_help(tmp_path: Path) -> None:
    app = new_app(tmp_path, FakeClock(), scenario_id="silent-call")
    async with app.run_test(size=SIZE) as pilot:
        call = await start_call(pilot)
        await tap(pilot, "f1")
        await wait_for_screen(pilot, HelpScreen)
        call._crash(ZeroDivisionError("broken"))
        await wait_for_screen(pilot, ErrorScreen)
        assert _names(app) == ["PickerScreen", "ErrorScreen"]


async def _left_while_grading(tmp_path: Path, leave: str) -> list[str]:
    grader = HeldGrader()
    saved: list[str] = []

    def saver(grade: Grade, recording: Recording) -> None:
        saved.append(recording.header.scenario)

    app = new_app(
        tmp_path, FakeClock(), scenario_id="silent-call", grader=grader, result_saver=saver
    )
    async with app.run_test(size=SIZE) as pilot:
        await _hang_up_and_hold(pilot, grader)
        getattr(app, leave)()  # as the command palette's 选择场景 / 重新登录 do
        await settle(pilot)
        assert not any(isinstance(s, CallScreen) for s in app.screen_stack)
        grader.release.set()
        await until(pilot, lambda: bool(saved))
        await settle(pilot)
        assert not isinstance(app.screen, ReportScreen)  # the trainee is where they went
    return saved


async def test_a_call_graded_after_the_trainee_picked_a_scenario_is_still_saved(
    tmp_path: Path,
) -> None:
    assert await _left_while_grading(tmp_path, "action_pick_scenario") == ["silent-call"]


async def test_a_call_graded_after_the_trainee_signed_out_is_still_saved(
    tmp_path: Path,
) -> None:
    assert await _left_while_grading(tmp_path, "action_sign_out") == ["silent-call"]


class HeldWritesFail(WritesFail):
    """Writing the exam's result fails, once the test lets it."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.release = threading.Event()

    def write(self, change: Any) -> Any:
        assert self.release.wait(10), "the test never released the write"
        return super().write(change)


async def test_an_exam_result_that_fails_after_the_report_was_left_is_still_told(
    tmp_path: Path, store: Store
) -> None:
    clock = FakeClock()
    failing = HeldWritesFail(store)
    services = make_services(tmp_path, clock, grader=None, store_factory=lambda: failing)
    app = CallsimApp(services)
    async with app.run_test(size=SIZE) as pilot:
        await open_exam(pilot, "one-chance")
        await tap(pilot, "enter")
        call = await wait_for_call(pilot)
        steps = load_steps(FIXTURES / "scripts" / "silent-call.good.yaml")
        await play_steps(pilot, call, clock, steps)
        await wait_for_screen(pilot, ReportScreen)
        await tap(pilot, "escape")
        await wait_for_screen(pilot, ExamListScreen)
        failing.release.set()
        await until(pilot, lambda: any(n.title == "考试成绩未能保存" for n in app._notifications))
        assert not isinstance(app.screen, SignInScreen)
