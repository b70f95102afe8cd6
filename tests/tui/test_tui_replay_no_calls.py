"""A report opened from `callsim replay FILE`, or before anyone signed in, shows the
grade but cannot start a call: the call would be filed under nobody (or under whoever
last used this machine)."""

from __future__ import annotations

from pathlib import Path

from simulator.clock import FakeClock
from simulator.recording import read_recording
from simulator.tui.app import CallsimApp
from simulator.tui.model.trainee import Trainee, save_trainee
from simulator.tui.replay_app import ReplayApp
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.replay import ReplayScreen
from simulator.tui.screens.report import ReportScreen
from simulator.tui.screens.signin import SignInScreen
from tests.tui.tui_fixture_grades import fixture_grade
from tests.tui.tui_helpers import (
    FIXTURES,
    SILENT,
    SIZE,
    load_scenario,
    make_services,
    settle,
    tap,
    wait_for_screen,
)

SCENARIO = load_scenario(FIXTURES / "scenarios" / "silent-call.yaml")


async def test_a_report_opened_by_callsim_replay_cannot_start_a_call(tmp_path: Path) -> None:
    services = make_services(tmp_path, FakeClock())
    # Someone signed in on this machine before: that is no sign-in for the replay.
    save_trainee(services.data_dir, Trainee(name="李明", agent_id="1024"))
    recording = read_recording(SILENT)
    app = ReplayApp(recording, fixture_grade(recording, SCENARIO), SCENARIO, services, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, ReplayScreen)
        await tap(pilot, "g")
        report: ReportScreen = await wait_for_screen(pilot, ReportScreen)
        assert app.trainee.signed_in
        assert not report.check_action("again", ())
        assert not report.check_action("take_offer", ())
        await tap(pilot, "n", "p")
        await settle(pilot)
        assert not any(isinstance(s, CallScreen) for s in app.screen_stack)
        assert isinstance(app.screen, ReportScreen)


async def test_a_report_before_the_sign_in_cannot_start_a_call(tmp_path: Path) -> None:
    recording = read_recording(SILENT)
    app = CallsimApp(make_services(tmp_path, FakeClock()))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, SignInScreen)
        assert not app.trainee.signed_in
        report = ReportScreen(fixture_grade(recording, SCENARIO), recording, SCENARIO)
        await app.push_screen(report)
        await settle(pilot)
        assert not report.check_action("again", ())
        await tap(pilot, "n")
        assert not any(isinstance(s, CallScreen) for s in app.screen_stack)
