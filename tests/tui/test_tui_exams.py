"""A trainer's exam taken in the app: the exam list, calls in order without hints, each
stored as the exam's in a real SQLite results database, attempts counted, and what the
trainee sees when the database is down or the attempts are used up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select
from textual.pilot import Pilot
from textual.widgets import Static

from simulator.clock import FakeClock
from simulator.recording import read_recording
from simulator.store.engine import Store
from simulator.store.errors import StoreUnavailable
from simulator.store.schema import CallResult
from simulator.tui.app import CallsimApp
from simulator.tui.screens.exams import ExamListScreen
from simulator.tui.screens.picker import PickerScreen
from simulator.tui.screens.report import ReportScreen
from simulator.tui.widgets.call_status import CallStatus
from simulator.tui.widgets.desk_card import DeskCard
from tests.tui.tui_helpers import (
    FIXTURES,
    SIZE,
    load_steps,
    make_services,
    open_exam,
    play_steps,
    sign_in,
    tap,
    until,
    wait_for_call,
    wait_for_screen,
)

EXAMS = FIXTURES / "scenarios" / "exams"


def _app(tmp_path: Path, clock: FakeClock, store: Callable[[], Any], **kw: Any) -> CallsimApp:
    services = make_services(tmp_path, clock, grader=None, store_factory=store)
    return CallsimApp(services, **kw)


def _plan(screen: ExamListScreen) -> str:
    return str(screen.query_one("#exams-plan", Static).render())


async def _take(
    pilot: Pilot[Any], clock: FakeClock, scenario_id: str, where: str = "考试 第 1/1 通"
) -> ReportScreen:
    """Play the fixture's good script for the exam call that is ringing (`where` in the
    exam, as its header says)."""
    call = await wait_for_call(pilot)
    assert call.scenario.id == scenario_id
    assert call.query_one(CallStatus).has_class("-exam")  # no hints in an exam
    assert call.sub_title == f"李明 · 工号 1024 · {where}"
    desk = call.query_one(DeskCard).plain()
    assert desk.startswith(f"考试 {call.exam.desk_label}\n单位 ")  # type: ignore[union-attr]
    steps = load_steps(FIXTURES / "scripts" / f"{scenario_id}.good.yaml")
    await play_steps(pilot, call, clock, steps)
    report: ReportScreen = await wait_for_screen(pilot, ReportScreen)
    await until(pilot, lambda: report.exam_progress is not None)
    return report


def _banner(report: ReportScreen) -> str:
    return str(report.query_one("#report-exam", Static).render())


def _rows(store: Store) -> list[Any]:
    columns = (
        CallResult.scenario,
        CallResult.mode,
        CallResult.exam_id,
        CallResult.exam_attempt,
        CallResult.score,
        CallResult.class_name,
        CallResult.recording_path,
    )
    query = select(*columns).order_by(CallResult.finished_at, CallResult.id)
    return list(store.read(lambda conn: conn.execute(query).all()))


async def test_an_exam_runs_its_calls_in_order_and_stores_each_as_the_exams(
    tmp_path: Path, store: Store
) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock, lambda: store)
    async with app.run_test(size=SIZE) as pilot:
        exams = await open_exam(pilot, "two-calls")
        plan = _plan(exams)
        assert "可考 2 次，已用 0 次，剩余 2 次" in plan
        assert "→ 1. 查询开奖结果" in plan and "按回车开始考试" in plan
        await tap(pilot, "enter")
        first = await _take(pilot, clock, "standard-inquiry", "考试 第 1/2 通")
        assert "第 1 次考试：已完成 1/2 通" in _banner(first)
        assert "按 n 接听下一通" in _banner(first)
        assert app.screen.check_action("again", ()) is False  # no retakes inside an exam
        await tap(pilot, "n")
        second = await _take(pilot, clock, "silent-call", "考试 第 2/2 通")
        banner = _banner(second)
        assert "第 1 次考试已完成：平均" in banner and "剩余 1 次" in banner
        assert app.screen.check_action("next_exam_call", ()) is False
        await tap(pilot, "escape")
        exams = await wait_for_screen(pilot, ExamListScreen)
        await until(pilot, lambda: "第 1 次：已完成" in _plan(exams))
        assert "已用 1 次，剩余 1 次" in _plan(exams)
        scores = [first.grade.score, second.grade.score]
    rows = _rows(store)
    assert [(r.scenario, r.mode, r.exam_id, r.exam_attempt) for r in rows] == [
        ("standard-inquiry", "exam", "two-calls", 1),
        ("silent-call", "exam", "two-calls", 1),
    ]
    assert [r.score for r in rows] == scores
    header = read_recording(Path(rows[0].recording_path)).header
    assert header.mode == "exam"
    assert header.extra == {"exam": "two-calls", "exam_attempt": 1}


async def test_a_closed_exam_cannot_be_started_again(tmp_path: Path, store: Store) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock, lambda: store)
    async with app.run_test(size=SIZE) as pilot:
        exams = await open_exam(pilot, "one-chance")
        await tap(pilot, "enter")
        report = await _take(pilot, clock, "silent-call")
        assert "剩余 0 次" in _banner(report)
        await tap(pilot, "escape")
        exams = await wait_for_screen(pilot, ExamListScreen)
        await until(pilot, lambda: "没有剩余的考试次数" in _plan(exams))
        await tap(pilot, "enter")
        await pilot.pause(0.05)
        assert isinstance(app.screen, ExamListScreen)
        assert "不能开始" in str(list(app._notifications)[-1].message)
    assert len(_rows(store)) == 1


async def test_an_unreachable_database_is_explained_and_nothing_starts(tmp_path: Path) -> None:
    def unreachable() -> Store:
        raise StoreUnavailable("结果数据库无法连接（postgresql+psycopg://train:***@db/callsim）")

    app = _app(tmp_path, FakeClock(), unreachable)
    async with app.run_test(size=SIZE) as pilot:
        exams = await open_exam(pilot, "two-calls")
        plan = _plan(exams)
        assert "无法读取考试记录：结果数据库无法连接" in plan and "***" in plan
        await tap(pilot, "enter")
        await pilot.pause(0.05)
        assert isinstance(app.screen, ExamListScreen)


class WritesFail:
    """The results database reads fine but fails when the result is written."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def read(self, query: Any) -> Any:
        return self.store.read(query)

    def write(self, change: Any) -> Any:
        raise StoreUnavailable("结果数据库无法连接")


async def test_a_result_that_cannot_be_stored_says_where_the_recording_is(
    tmp_path: Path, store: Store
) -> None:
    clock = FakeClock()
    failing = cast(Store, WritesFail(store))
    app = _app(tmp_path, clock, lambda: failing)
    async with app.run_test(size=SIZE) as pilot:
        await open_exam(pilot, "one-chance")
        await tap(pilot, "enter")
        call = await wait_for_call(pilot)
        steps = load_steps(FIXTURES / "scripts" / "silent-call.good.yaml")
        await play_steps(pilot, call, clock, steps)
        report: ReportScreen = await wait_for_screen(pilot, ReportScreen)
        await until(pilot, lambda: "未能保存" in _banner(report))
        banner = _banner(report)
        assert str(report.recording.path) in banner and "callsim grade --save" in banner
        assert report.query_one("#report-exam").has_class("-failed")
        assert report.recording.path is not None and report.recording.path.is_file()


async def test_run_exam_opens_that_exam_after_the_sign_in(tmp_path: Path, store: Store) -> None:
    app = _app(tmp_path, FakeClock(), lambda: store, exam_file=EXAMS / "one-chance.yaml")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        screen = await wait_for_screen(pilot, ExamListScreen)
        await until(pilot, lambda: screen.plan_shown_for is not None)
        assert screen.plan_shown_for == "one-chance"
        assert isinstance(app.screen_stack[-2], PickerScreen)
        await tap(pilot, "escape")
        await wait_for_screen(pilot, PickerScreen)


async def test_a_call_is_filed_under_the_class_given_at_sign_in(
    tmp_path: Path, store: Store
) -> None:
    clock = FakeClock()
    services = make_services(
        tmp_path, clock, grader=None, store_factory=lambda: store, result_saver=None
    )
    app = CallsimApp(services, scenario_id="silent-call")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0)
        app.screen.query_one("#signin-class").value = "春季一班"  # type: ignore[attr-defined]
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        await until(pilot, lambda: picker._chosen() is not None)
        await tap(pilot, "enter")
        call = await wait_for_call(pilot)
        assert not call.query_one(CallStatus).has_class("-exam")
        steps = load_steps(FIXTURES / "scripts" / "silent-call.good.yaml")
        await play_steps(pilot, call, clock, steps)
        await wait_for_screen(pilot, ReportScreen)
        await until(pilot, lambda: bool(_rows(store)))
    (row,) = _rows(store)
    assert (row.class_name, row.mode, row.exam_id) == ("春季一班", "practice", None)
    assert read_recording(Path(row.recording_path)).header.extra == {"class": "春季一班"}


async def test_no_exam_files_says_where_they_go(tmp_path: Path) -> None:
    scenarios = tmp_path / "scenarios"
    scenarios.mkdir()
    for source in (FIXTURES / "scenarios").glob("*.yaml"):
        (scenarios / source.name).write_text(source.read_text(encoding="utf-8"), "utf-8")
    services = make_services(tmp_path, FakeClock(), scenarios_dir=scenarios)
    async with CallsimApp(services).run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await wait_for_screen(pilot, PickerScreen)
        await tap(pilot, "e")
        screen = await wait_for_screen(pilot, ExamListScreen)
        await until(pilot, lambda: screen.shelf is not None)
        await pilot.pause(0)
        assert f"{scenarios / 'exams'}" in _plan(screen)
