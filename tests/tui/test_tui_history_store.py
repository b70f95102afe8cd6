"""History lists calls the results database knows without reading their files, grades
only the rest (saying so while it works), and reads a listed call when it is opened."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Static

from simulator.clock import FakeClock
from simulator.grading.model import Grade
from simulator.recording import Recording, read_recording
from simulator.scenario import Scenario
from simulator.store.engine import Store, open_store
from simulator.store.repository import save_result
from simulator.tui.app import CallsimApp
from simulator.tui.model.history_data import load_history, open_entry, stored_results
from simulator.tui.model.library import load_library
from simulator.tui.model.trainee import Trainee
from simulator.tui.screens.history import HistoryScreen
from simulator.tui.screens.report import ReportScreen
from tests.tui.tui_fixture_grades import fixture_grade
from tests.tui.tui_helpers import FIXTURES, SIZE, make_services, tap, wait_for_screen


class CountingGrader:
    def __init__(self) -> None:
        self.graded: list[str] = []

    def __call__(self, recording: Recording, scenario: Scenario | None) -> Grade:
        self.graded.append(recording.header.id)
        return fixture_grade(recording, scenario)


def _setup(tmp_path: Path, stored_count: int) -> tuple[Path, Store]:
    """The five fixture calls copied; the first `stored_count` saved with score 42."""
    root = tmp_path / "recordings"
    shutil.copytree(FIXTURES / "recordings", root)
    store = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    files = sorted(root.glob("*/李明/*.jsonl"))
    for path in files[:stored_count]:
        recording = read_recording(path)
        grade = replace(fixture_grade(recording, None), score=42, passed=False)
        save_result(grade, recording, path, store=store)
    return root, store


def test_stored_calls_are_listed_without_reading_them(tmp_path: Path) -> None:
    root, store = _setup(tmp_path, 3)
    library = load_library(FIXTURES / "scenarios")
    grader = CountingGrader()
    progress: list[tuple[int, int]] = []
    stored = stored_results(store, "李明")
    entries, problems = load_history(
        root, "李明", library, grader, stored=stored, progress=lambda d, t: progress.append((d, t))
    )
    assert problems == []
    assert len(grader.graded) == 2 and progress == [(1, 2), (2, 2)]
    assert [e.result[0] for e in entries[:3] if e.result] == [42, 42, 42]
    assert [e.needs_opening for e in entries] == [True, True, True, False, False]
    assert entries[0].title == "接通后没有声音"  # the scenario's title, not its id
    opened = open_entry(entries[0], library, grader)
    assert opened.recording is not None and opened.grade is not None
    assert len(grader.graded) == 3


async def test_the_history_screen_opens_a_stored_call(tmp_path: Path) -> None:
    root, store = _setup(tmp_path, 5)
    grader = CountingGrader()
    services = make_services(
        tmp_path, FakeClock(), recordings_dir=root, grader=grader, store_factory=lambda: store
    )
    app = CallsimApp(services)
    async with app.run_test(size=SIZE) as pilot:
        app.trainee = Trainee("李明", "1024")
        app.library = load_library(FIXTURES / "scenarios")
        await app.push_screen(HistoryScreen())
        history: HistoryScreen = await wait_for_screen(pilot, HistoryScreen)
        for _ in range(300):
            if history.loaded:
                break
            await pilot.pause(0.01)
        assert history.query_one(DataTable).row_count == 5
        assert grader.graded == []
        assert not history.query_one("#history-status", Static).display
        await tap(pilot, "g")
        report: Any = await wait_for_screen(pilot, ReportScreen)
        assert report.grade.score == fixture_grade(report.recording, None).score
        assert len(grader.graded) == 1
