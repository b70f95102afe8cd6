"""Every screen as the trainee sees it, at 100×30 and at 80×24.

Data and time are fixed: fixture scenarios and recordings, a fake clock, fixed grades.
Update after a deliberate UI change with `pytest tests/tui --snapshot-update`, then look
at the SVGs under __snapshots__ before committing them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from simulator.clock import FakeClock
from simulator.exams.loader import load_exam
from simulator.exams.session import ExamSession
from simulator.recording import read_recording
from simulator.store.engine import Store, open_store
from simulator.tui.app import CallsimApp
from simulator.tui.model.exam_run import ExamCall
from simulator.tui.model.library import load_library
from simulator.tui.model.services import VOICE_CHECKING
from simulator.tui.model.trainee import Trainee
from simulator.tui.screens.confirm import ConfirmScreen
from simulator.tui.screens.error import ErrorScreen
from simulator.tui.screens.exams import ExamListScreen
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.picker import PickerScreen
from simulator.tui.screens.replay import ReplayScreen
from simulator.tui.screens.report import ReportScreen
from tests.tui.tui_fixture_grades import fixture_grade
from tests.tui.tui_helpers import (
    FIXTURES,
    SILENT,
    make_services,
    run_until,
    settle,
    start_call,
    tap,
    type_text,
    wait_for_call,
    wait_for_screen,
)

SMALL = (80, 24)
LARGE = (100, 30)
INQUIRY = FIXTURES / "recordings" / "2026-03-02" / "李明" / "2026-03-02T09-30-00-002a.jsonl"
TWO_CALLS = FIXTURES / "scenarios" / "exams" / "two-calls.yaml"


def _app(
    tmp_path: Path, clock: FakeClock, scenario_id: str | None = None, *, history: bool = False
) -> CallsimApp:
    """The app on fixture data; `history` reads the fixture recordings (calls never do)."""
    recordings = FIXTURES / "recordings" if history else tmp_path / "recordings"
    services = make_services(tmp_path, clock, recordings_dir=recordings, grader=fixture_grade)
    return CallsimApp(services, scenario_id=scenario_id)


async def _steady(pilot: Pilot[Any]) -> None:
    """No blinking cursor, no pending work: the picture is the same on every run."""
    await settle(pilot)
    for box in pilot.app.screen.query(Input):
        box.cursor_blink = False
    await pilot.pause(0.05)


def _signed_in(app: CallsimApp) -> None:
    app.trainee = Trainee("李明", "1024")
    app.library = load_library(FIXTURES / "scenarios")


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_signin(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(_app(tmp_path, FakeClock()), terminal_size=size, run_before=_steady)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_picker(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path, FakeClock(), "silent-call")

    async def run_before(pilot: Pilot[Any]) -> None:
        _signed_in(app)
        await app.push_screen(PickerScreen())
        picker = await wait_for_screen(pilot, PickerScreen)
        for _ in range(300):
            if picker._chosen() is not None and picker._voice_reason != VOICE_CHECKING:
                break
            await pilot.pause(0.01)
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_call_ringing(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock, "standard-inquiry")

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await start_call(pilot)
        await run_until(pilot, screen, clock, 3.5)
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_call_in_progress(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """Practice mode, mid-call: transcript, a caller waiting, the dead-air hint, typing."""
    clock = FakeClock()
    app = _app(tmp_path, clock, "standard-inquiry")

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await start_call(pilot)
        call = screen.live.call  # type: ignore[union-attr]
        await run_until(pilot, screen, clock, 2.0)
        await tap(pilot, "space")
        await run_until(pilot, screen, clock, 2.5)
        await type_text(pilot, "您好，福彩热线，1024号为您服务，请问有什么可以帮您？")
        await run_until(pilot, screen, clock, 5.5)
        await tap(pilot, "enter")
        await run_until(pilot, screen, clock, call.now() + 1.0)
        await run_until(pilot, screen, clock, call.last_caller_end + 7.0)
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_call_on_hold(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock, "standard-inquiry")

    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await start_call(pilot)
        call = screen.live.call  # type: ignore[union-attr]
        await tap(pilot, "space")
        await type_text(pilot, "您好，请您稍等，我帮您查询一下。")
        await run_until(pilot, screen, clock, 3.0)
        await tap(pilot, "enter", "f2")
        await run_until(pilot, screen, clock, call.now() + 12.0)
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_report(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path, FakeClock())
    recording = read_recording(SILENT)

    async def run_before(pilot: Pilot[Any]) -> None:
        _signed_in(app)
        scenario = app.library.by_id("silent-call")  # type: ignore[union-attr]
        await app.push_screen(ReportScreen(fixture_grade(recording, scenario), recording, scenario))
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def _exam_half_done(tmp_path: Path) -> tuple[ExamSession, Store]:
    """李明 has taken the first call of the two-call exam (the fixture inquiry, graded)."""
    store = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    exam = load_exam(TWO_CALLS, scenario_dirs=[FIXTURES / "scenarios"])
    session = ExamSession(exam, "李明", store=store)
    recording = read_recording(INQUIRY)
    scenario = load_library(FIXTURES / "scenarios").by_id("standard-inquiry")
    session.record(fixture_grade(recording, scenario), recording)
    return session, store


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_exam_list(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    _, store = _exam_half_done(tmp_path)
    services = make_services(tmp_path, FakeClock(), store_factory=lambda: store)
    app = CallsimApp(services)

    async def run_before(pilot: Pilot[Any]) -> None:
        _signed_in(app)
        await app.push_screen(ExamListScreen())
        screen = await wait_for_screen(pilot, ExamListScreen)
        for _ in range(300):
            if screen.shelf is not None:
                break
            await pilot.pause(0.01)
        await tap(pilot, "down")  # from "一次机会" to "两通电话测验"
        for _ in range(300):
            if screen.plan_shown_for == "two-calls":
                break
            await pilot.pause(0.01)
        assert screen.plan_shown_for == "two-calls"
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_exam_report(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """The last call of an attempt: the report says how the whole attempt went."""
    session, _ = _exam_half_done(tmp_path)
    app = _app(tmp_path, FakeClock())
    recording = read_recording(SILENT)

    async def run_before(pilot: Pilot[Any]) -> None:
        _signed_in(app)
        scenario = app.library.by_id("silent-call")  # type: ignore[union-attr]
        step = session.next_call()
        assert step is not None and step.scenario == "silent-call"
        grade = fixture_grade(recording, scenario)
        report = ReportScreen(grade, recording, scenario, exam=ExamCall(session, step))
        await app.push_screen(report)
        for _ in range(300):
            if report.exam_progress is not None:
                break
            await pilot.pause(0.01)
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_history(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path, FakeClock(), history=True)

    async def run_before(pilot: Pilot[Any]) -> None:
        _signed_in(app)
        await app.push_screen(HistoryScreen())
        history = await wait_for_screen(pilot, HistoryScreen)
        for _ in range(300):
            if history.entries:
                break
            await pilot.pause(0.01)
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_replay(snap_compare: Any, tmp_path: Path) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock)
    path = FIXTURES / "recordings" / "2026-03-02" / "李明" / "2026-03-02T09-30-00-002a.jsonl"
    recording = read_recording(path)

    async def run_before(pilot: Pilot[Any]) -> None:
        _signed_in(app)
        scenario = app.library.by_id("standard-inquiry")  # type: ignore[union-attr]
        grade = fixture_grade(recording, scenario)
        await app.push_screen(ReplayScreen(recording, grade, scenario))
        replay = await wait_for_screen(pilot, ReplayScreen)
        await tap(pilot, "2")
        clock.advance(10.0)
        replay.tick()
        await tap(pilot, "space")
        await _steady(pilot)

    assert snap_compare(app, terminal_size=LARGE, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_help(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path, FakeClock())

    async def run_before(pilot: Pilot[Any]) -> None:
        await tap(pilot, "f1")
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_error(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    app = _app(tmp_path, FakeClock())

    async def run_before(pilot: Pilot[Any]) -> None:
        _signed_in(app)
        recording = Path("/录音/2026-03-01/李明/2026-03-01T09-30-00-001a.jsonl")
        log = Path("/数据/logs/crash-20260301-093000-000000.log")
        await app.push_screen(ErrorScreen("ZeroDivisionError: matcher bug", recording, log))
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", [LARGE, SMALL], ids=["100x30", "80x24"])
def test_exam_hangup_question(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """F4 in an exam call: the question over the call, which stays in view."""
    session, store = _exam_half_done(tmp_path)
    clock = FakeClock()
    services = make_services(tmp_path, clock, store_factory=lambda: store)
    app = CallsimApp(services)

    async def run_before(pilot: Pilot[Any]) -> None:
        _signed_in(app)
        step = session.next_call()
        assert step is not None
        scenario = app.library.by_id(step.scenario)  # type: ignore[union-attr]
        assert scenario is not None
        app.take_exam_call(ExamCall(session, step), scenario)
        call = await wait_for_call(pilot)
        await run_until(pilot, call, clock, 3.5)
        await tap(pilot, "f4")
        await wait_for_screen(pilot, ConfirmScreen)
        await _steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
