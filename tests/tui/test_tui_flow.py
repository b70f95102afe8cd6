"""The app as a trainee meets it: sign-in, picker, the live call's meters and hints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import OptionList, RadioButton, Static

from simulator.clock import FakeClock
from simulator.engine.call import CallState
from simulator.recording import Say, read_recording
from simulator.tui.model.services import VOICE_CHECKING
from simulator.tui.model.trainee import SETTINGS_FILE
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.picker import PickerScreen
from simulator.tui.screens.signin import SignInScreen
from simulator.tui.widgets.call_status import CallStatus
from simulator.tui.widgets.meters import CallMeters
from simulator.tui.widgets.ring import RingIndicator
from simulator.tui.widgets.transcript import Transcript
from tests.tui.tui_helpers import (
    SIZE,
    new_app,
    run_until,
    settle,
    sign_in,
    start_call,
    tap,
    type_text,
    wait_for_screen,
)


async def test_sign_in_is_remembered_for_next_time(tmp_path: Path) -> None:
    clock = FakeClock()
    async with new_app(tmp_path, clock).run_test(size=SIZE) as pilot:
        await sign_in(pilot, "王小红", "2048")
        picker = await wait_for_screen(pilot, PickerScreen)
        assert picker.sub_title == "王小红 · 工号 2048"
        for _ in range(100):
            if (tmp_path / "data" / SETTINGS_FILE).exists():
                break
            await pilot.pause(0.01)
    saved = json.loads((tmp_path / "data" / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert (saved["name"], saved["agent_id"]) == ("王小红", "2048")
    async with new_app(tmp_path, clock).run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = pilot.app.screen
        assert screen.query_one("#signin-name").value == "王小红"  # type: ignore[attr-defined]
        assert screen.query_one("#signin-agent-id").value == "2048"  # type: ignore[attr-defined]


async def test_the_class_starts_as_the_classrooms_and_is_remembered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLSIM_CLASS", " 春季一班 ")
    async with new_app(tmp_path, FakeClock()).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one("#signin-class").value == "春季一班"  # type: ignore[attr-defined]
        pilot.app.screen.query_one("#signin-class").value = "二班"  # type: ignore[attr-defined]
        await sign_in(pilot)
        await wait_for_screen(pilot, PickerScreen)
        assert pilot.app.trainee.class_name == "二班"  # type: ignore[attr-defined]
        for _ in range(100):
            if (tmp_path / "data" / SETTINGS_FILE).exists():
                break
            await pilot.pause(0.01)
    async with new_app(tmp_path, FakeClock()).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one("#signin-class").value == "二班"  # type: ignore[attr-defined]


async def test_sign_in_asks_for_a_missing_work_number(tmp_path: Path) -> None:
    async with new_app(tmp_path, FakeClock()).run_test(size=SIZE) as pilot:
        await sign_in(pilot, "李明", "")
        assert isinstance(pilot.app.screen, SignInScreen)
        error = pilot.app.screen.query_one("#signin-error", Static)
        assert "工号" in str(error.render())


async def test_picker_groups_scenarios_by_persona(tmp_path: Path) -> None:
    async with new_app(tmp_path, FakeClock()).run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        option_list = picker.query_one(OptionList)
        for _ in range(300):
            if option_list.option_count:
                break
            await pilot.pause(0.01)
        headings = [
            str(option_list.get_option_at_index(i).prompt)
            for i in range(option_list.option_count)
            if option_list.get_option_at_index(i).disabled
        ]
    assert headings == [
        "── 普通咨询 ──",
        "── 愤怒投诉 ──",
        "── 无声电话 ──",
        "── 骚扰/无关来电 ──",
        "── 媒体来电 ──",
    ]


async def test_voice_input_is_greyed_out_with_the_reason(tmp_path: Path) -> None:
    async with new_app(tmp_path, FakeClock()).run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        for _ in range(300):
            if picker._voice_reason != VOICE_CHECKING:
                break
            await pilot.pause(0.01)
        assert picker.query_one("#input-voice", RadioButton).disabled
        reason = picker.query_one("#picker-voice-reason", Static)
        assert "未检测到麦克风" in str(reason.render())
        await tap(pilot, "v")
        assert picker.query_one("#input-keyboard", RadioButton).value


async def test_voice_input_can_be_chosen_when_available(tmp_path: Path) -> None:
    app = new_app(tmp_path, FakeClock(), voice_check=lambda: (True, ""))
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        for _ in range(300):
            if picker._voice_ok:
                break
            await pilot.pause(0.01)
        await tap(pilot, "v")
        assert picker.query_one("#input-voice", RadioButton).value


async def test_the_phone_rings_until_answered_then_the_caller_speaks(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="standard-inquiry")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        call = screen.live.call  # type: ignore[union-attr]
        await run_until(pilot, screen, clock, 3.5)
        ring = screen.query_one(RingIndicator)
        assert (ring.state, ring.rings) == ("ringing", 2)
        await tap(pilot, "space")
        assert call.state is CallState.CONNECTED
        assert screen.query_one("#call-reply").has_focus
        await run_until(pilot, screen, clock, call.now() + 1.2)
        assert "请马上问候" in str(screen.query_one("#call-hint", Static).render())
        await type_text(pilot, "您")
        onset = call.now()
        await run_until(pilot, screen, clock, onset + 2.0)
        await type_text(pilot, "好，福彩热线，1024号为您服务，请问有什么可以帮您？")
        await tap(pilot, "enter")
        say = next(e for e in call.events if isinstance(e, Say) and e.who == "agent")
        assert (say.t, say.end) == (round(onset, 3), round(onset + 2.0, 3))
        await run_until(pilot, screen, clock, call.now() + 1.0)
        lines = screen.query_one(Transcript).lines()
        assert any("客户：你好，我姓王" in line and "正在说" in line for line in lines)
        await run_until(pilot, screen, clock, call.last_caller_end + 7.0)
        meters = screen.query_one(CallMeters)._meters
        assert meters is not None and meters.waiting
        assert meters.silence == pytest.approx(7.0)
        assert "客户在等您回应" in str(screen.query_one("#call-hint", Static).render())


async def test_hold_runs_a_timer_and_warns_before_fifteen_seconds(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="standard-inquiry")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        call = screen.live.call  # type: ignore[union-attr]
        await tap(pilot, "space")
        await type_text(pilot, "您好，请您稍等")
        await tap(pilot, "enter", "f2")
        assert call.on_hold
        await run_until(pilot, screen, clock, call.now() + 11.0)
        assert screen.query_one(RingIndicator).state == "hold"
        assert "保持已 11 秒" in str(screen.query_one("#call-hint", Static).render())
        await tap(pilot, "f2")
        assert not call.on_hold


async def test_exam_mode_shows_no_hints(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="standard-inquiry")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        await tap(pilot, "m")
        for _ in range(300):
            if picker._chosen() is not None:
                break
            await pilot.pause(0.01)
        await tap(pilot, "enter")
        screen = await wait_for_screen(pilot, CallScreen)
        for _ in range(300):
            if screen.live is not None:
                break
            await pilot.pause(0.01)
        await tap(pilot, "space")
        await run_until(pilot, screen, clock, 5.0)
        hint = screen.query_one("#call-hint", Static)
        assert not hint.display or str(hint.render()) == ""
        assert screen.query_one(CallStatus).has_class("-exam")
        path = screen.live.path
    assert read_recording(path).header.mode == "exam"


async def test_an_unanswered_call_ends_when_the_caller_gives_up(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="standard-inquiry")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        await run_until(pilot, screen, clock, 30.0)
        from simulator.tui.screens.report import ReportScreen

        report = await wait_for_screen(pilot, ReportScreen)
        assert report.grade.rule("answer.rings").status == "fail"
