"""The report's last line offers the next call (「推荐练习」), counting the call just taken.

The call is saved by the app in a worker while the report opens; the offer is worked out
in another worker that waits for that save. The save is held at a gate here, so the
order is forced, not left to thread timing: a report that read the record before the
save would find a first-timer (no offer) and never offer anything.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from simulator.clock import FakeClock
from simulator.grading.model import Grade
from simulator.recording import read_recording
from simulator.recording.reader import Recording
from simulator.store.engine import Store
from simulator.tui.app import CallsimApp
from simulator.tui.model.library import load_library
from simulator.tui.model.services import default_result_saver
from simulator.tui.model.trainee import Trainee
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.report import ReportScreen
from tests.coaching.coaching_seed import SCENARIOS_DIR, seed
from tests.tui.tui_fixture_grades import fixture_grade
from tests.tui.tui_helpers import (
    FIXTURES,
    SILENT,
    SIZE,
    load_steps,
    make_services,
    new_app,
    play_steps,
    settle,
    start_call,
    tap,
    wait_for_screen,
)

GOOD_SILENT = SCENARIOS_DIR / "scripts" / "silent-call.good.yaml"


def _footer_keys(app: Any) -> set[str]:
    return {a.binding.key for a in app.active_bindings.values() if a.binding.show and a.enabled}


async def _call_and_report(pilot: Pilot[Any], clock: FakeClock) -> ReportScreen:
    screen = await start_call(pilot)
    await play_steps(pilot, screen, clock, load_steps(GOOD_SILENT))
    report: ReportScreen = await wait_for_screen(pilot, ReportScreen, tries=1000)
    return report


async def test_the_offer_waits_for_the_save_and_counts_the_call_just_taken(
    tmp_path: Path, store: Store
) -> None:
    gate = threading.Event()
    saved: list[str] = []

    def gated_saver(grade: Grade, recording: Recording) -> str | None:
        gate.wait(timeout=30)  # the test opens it; the timeout only guards a hung run
        notice = default_result_saver(grade, recording, lambda: store, tmp_path / "recordings")
        saved.append(grade.scenario)
        return notice

    clock = FakeClock()
    app = new_app(
        tmp_path,
        clock,
        scenario_id="silent-call",
        scenarios_dir=SCENARIOS_DIR,
        store_factory=lambda: store,
        result_saver=gated_saver,
    )
    async with app.run_test(size=SIZE) as pilot:
        report = await _call_and_report(pilot, clock)
        offer_worker = report.offer_search
        assert offer_worker is not None
        await settle(pilot)
        # The save is held: no offer yet, and the offer is still waiting, not given up.
        assert not saved and report.offer is None and not offer_worker.is_finished
        line = report.query_one("#report-offer", Static)
        assert not line.display
        assert "p" not in _footer_keys(app)
        gate.set()
        await offer_worker.wait()
        await settle(pilot)
        assert saved == ["silent-call"]
        assert report.offer is not None
        rec = report.offer.recommendation
        shown = str(line.render())
        assert line.display
        assert shown.startswith("推荐练习 ")
        assert rec.stars in shown and rec.title in shown and rec.reason in shown
        assert "按 p 开始" in shown
        # The footer offers the key as well; pressing it starts that scenario.
        assert "p" in _footer_keys(app)
        await tap(pilot, "p")
        call = await wait_for_screen(pilot, CallScreen)
        assert call.scenario.id == rec.scenario_id


async def test_no_offer_when_the_trainee_has_no_graded_call(tmp_path: Path, store: Store) -> None:
    """Results that do not reach the database leave the trainee with no record to read."""
    clock = FakeClock()
    app = new_app(
        tmp_path,
        clock,
        scenario_id="silent-call",
        scenarios_dir=SCENARIOS_DIR,
        store_factory=lambda: store,
        result_saver=lambda grade, recording: None,  # kept nowhere
    )
    async with app.run_test(size=SIZE) as pilot:
        report = await _call_and_report(pilot, clock)
        assert report.offer_search is not None
        await report.offer_search.wait()
        await settle(pilot)
        assert report.offer is None
        assert not report.query_one("#report-offer", Static).display
        await tap(pilot, "p")
        await settle(pilot)
        assert app.screen is report


@pytest.mark.parametrize("size", [SIZE, (80, 24)], ids=["100x30", "80x24"])
def test_report_with_the_offer_snapshot(
    snap_compare: Any, tmp_path: Path, store: Store, size: tuple[int, int]
) -> None:
    seed(store, "李明", [("standard-inquiry", ["hold.checkin"])] * 3)
    recording = read_recording(SILENT)  # 李明's
    scenario = load_library(FIXTURES / "scenarios").by_id("silent-call")
    services = make_services(
        tmp_path, FakeClock(), scenarios_dir=SCENARIOS_DIR, store_factory=lambda: store
    )
    app = CallsimApp(services)

    async def run_before(pilot: Pilot[Any]) -> None:
        app.trainee = Trainee("李明", "1024")
        report = ReportScreen(fixture_grade(recording, scenario), recording, scenario)
        await app.push_screen(report)
        assert report.offer_search is not None
        await report.offer_search.wait()
        await settle(pilot)
        assert report.offer is not None
        assert report.offer.recommendation.scenario_id == "hold-lookup"
        await pilot.pause(0.05)

    assert snap_compare(app, terminal_size=size, run_before=run_before)
