"""A call taken in exam mode without a trainer's exam is a 自测: stored and shown as such,
and never counted in the exam figures of the trainer's report."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.reports.data import load_report
from simulator.reports.table import render_table
from simulator.store.engine import open_store
from simulator.store.filters import ResultFilter
from simulator.store.repository import ExamRef, save_result
from simulator.store.samples import sample_header
from simulator.tui.screens.report import mode_title
from tests.reports.test_reports_render import grade

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def test_an_exam_mode_call_without_an_exam_is_a_self_test(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    own = sample_header("c1", "王芳", "101", "standard", mode="exam")
    exam_call = sample_header("c2", "王芳", "101", "standard", mode="exam")
    exam_call.extra["exam"] = "final"
    save_result(grade(40), own, store=store, class_name="一班", finished_at=T0)
    save_result(
        grade(90),
        exam_call,
        store=store,
        class_name="一班",
        exam=ExamRef("final", 1),
        finished_at=T0 + timedelta(minutes=1),
    )
    report = load_report(store, ResultFilter(class_name="一班"), now=T0)
    assert [c.mode for c in report.calls] == ["selftest", "exam"]
    assert (report.exam.calls, report.exam.average) == (1, 90)
    assert report.trainees[0].exam.calls == 1
    assert "自测" in render_table(report)  # the failed call's row names its mode
    assert load_report(store, ResultFilter(mode="exam")).exam.calls == 1
    assert (mode_title(own), mode_title(exam_call)) == ("自测", "考试")
