"""The report of a call that was never answered says why it cannot pass."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from simulator.clock import FakeClock
from simulator.tui.screens.report import ReportScreen
from tests.tui.tui_helpers import SIZE, new_app, start_call, tap, wait_for_screen


async def test_a_rejected_call_is_reported_as_not_passed_with_the_reason(tmp_path: Path) -> None:
    app = new_app(tmp_path, FakeClock(), scenario_id="silent-call")
    async with app.run_test(size=SIZE) as pilot:
        await start_call(pilot)
        await tap(pilot, "f4")  # hung up while it was still ringing
        report: ReportScreen = await wait_for_screen(pilot, ReportScreen)
        assert (report.grade.score, report.grade.passed) == (0, False)
        why = str(report.query_one("#report-unfinished", Static).render())
        assert why == "电话未接听（坐席挂断了来电），不能判为合格"
        assert str(report.query_one("#report-verdict", Static).render()) == "未通过 ✘"
