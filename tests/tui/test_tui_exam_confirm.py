"""An exam call is not spoiled by one stray key: F4 asks before rejecting or hanging up,
and a one-off call taken without hints is a 自测, never counted as an exam."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from simulator.clock import FakeClock
from simulator.engine.call import CallState
from simulator.store.engine import Store
from simulator.tui.app import CallsimApp
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.confirm import ConfirmScreen
from simulator.tui.screens.picker import PickerScreen
from simulator.tui.screens.report import ReportScreen
from tests.tui.tui_helpers import (
    SIZE,
    make_services,
    open_exam,
    run_until,
    sign_in,
    tap,
    until,
    wait_for_call,
    wait_for_screen,
)


async def _exam_call(pilot: Pilot[Any]) -> CallScreen:
    """The one-call exam started from the exam list; the phone is ringing."""
    await open_exam(pilot, "one-chance")
    await tap(pilot, "enter")
    return await wait_for_call(pilot)


def _app(tmp_path: Path, clock: FakeClock, store: Store) -> CallsimApp:
    services = make_services(tmp_path, clock, grader=None, store_factory=lambda: store)
    return CallsimApp(services)


async def test_f4_while_an_exam_call_rings_asks_and_no_keeps_it_ringing(
    tmp_path: Path, store: Store
) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock, store)
    async with app.run_test(size=SIZE) as pilot:
        call = await _exam_call(pilot)
        await tap(pilot, "f4")
        confirm = await wait_for_screen(pilot, ConfirmScreen)
        assert "拒接这通考试电话" in confirm.question
        await tap(pilot, "n")
        await wait_for_screen(pilot, CallScreen)
        assert call.state is CallState.RINGING
        await tap(pilot, "f4")
        await wait_for_screen(pilot, ConfirmScreen)
        await tap(pilot, "enter")  # Enter is the safe answer: the call goes on
        await wait_for_screen(pilot, CallScreen)
        assert call.state is CallState.RINGING
        await tap(pilot, "space")  # and can still be answered
        assert call.live is not None and call.live.call.state is CallState.CONNECTED


async def test_yes_hangs_up_the_exam_call_and_it_is_graded(tmp_path: Path, store: Store) -> None:
    clock = FakeClock()
    app = _app(tmp_path, clock, store)
    async with app.run_test(size=SIZE) as pilot:
        call = await _exam_call(pilot)
        await tap(pilot, "space")
        await tap(pilot, "f4")
        confirm = await wait_for_screen(pilot, ConfirmScreen)
        assert "挂断这通考试电话" in confirm.question
        await tap(pilot, "y")
        await wait_for_screen(pilot, ReportScreen, tries=500)
        assert call.live is not None and call.live.call.ended


async def test_a_call_ending_while_the_question_is_open_closes_it(
    tmp_path: Path, store: Store
) -> None:
    """The caller gives up ringing while the trainee reads the question: the report comes,
    not a question left over the call or a report hidden under it."""
    clock = FakeClock()
    app = _app(tmp_path, clock, store)
    async with app.run_test(size=SIZE) as pilot:
        call = await _exam_call(pilot)
        await tap(pilot, "f4")
        await wait_for_screen(pilot, ConfirmScreen)
        await run_until(pilot, call, clock, 120.0)
        assert call.live is not None and call.live.call.ended
        await wait_for_screen(pilot, ReportScreen, tries=500)
        assert not any(isinstance(s, ConfirmScreen) for s in app.screen_stack)


async def test_practice_f4_hangs_up_at_once(tmp_path: Path) -> None:
    clock = FakeClock()
    services = make_services(tmp_path, clock)
    app = CallsimApp(services, scenario_id="silent-call")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        await until(pilot, lambda: picker._chosen() is not None)
        await tap(pilot, "enter")
        call = await wait_for_call(pilot)
        live = call.live
        assert live is not None
        await tap(pilot, "space")
        await until(pilot, lambda: live.call.state is CallState.CONNECTED)
        await tap(pilot, "f4")
        await until(pilot, lambda: live.call.ended)
        assert not any(isinstance(s, ConfirmScreen) for s in app.screen_stack)
