"""A whole call per core persona, typed through the app, graded by the real grader.

Each scenario of the library is played with its trainee scripts (good and bad) by
pressing keys in the headless app on a fake clock; the report must show the grade the
script expects, and the recording must hold what was typed, when it was typed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from simulator import locations
from simulator.clock import FakeClock
from simulator.recording import Say, read_recording
from simulator.tui.app import CallsimApp
from simulator.tui.model.library import Library, load_library
from simulator.tui.screens.report import ReportScreen
from tests.tui.tui_helpers import (
    SIZE,
    load_steps,
    make_services,
    play_steps,
    start_call,
    wait_for_screen,
)

CORE = ("standard-inquiry", "angry-complaint", "silent-call", "offtopic-harasser", "media-inquiry")
SCRIPTS = locations.PROJECT_ROOT / "scenarios" / "scripts"


def _expectation(path: Path) -> tuple[bool, set[str]]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    expect = data["expect"]
    return bool(expect["passed"]), set(expect.get("fails", []))


@pytest.fixture(scope="module")
def library() -> Library:
    """The scenario library, loaded once for every call in this module."""
    return load_library(locations.PROJECT_ROOT / "scenarios")


# Every core persona played well, and two played badly (a wrong greeting; a forbidden
# phrase, which fails the call outright) so the report is seen to show fails too.
PLAYS = [(scenario_id, "good") for scenario_id in CORE]
PLAYS += [("standard-inquiry", "bad"), ("angry-complaint", "bad")]


@pytest.mark.parametrize(("scenario_id", "variant"), PLAYS)
async def test_a_typed_call_is_graded_like_its_script(
    tmp_path: Path, library: Library, scenario_id: str, variant: str
) -> None:
    script = SCRIPTS / f"{scenario_id}.{variant}.yaml"
    passed, fails = _expectation(script)
    clock = FakeClock()
    services = make_services(
        tmp_path, clock, scenarios_dir=locations.PROJECT_ROOT / "scenarios", grader=None
    )
    app = CallsimApp(services, scenario_id=scenario_id)
    app.library = library
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        assert screen.scenario.id == scenario_id
        await play_steps(pilot, screen, clock, load_steps(script))
        report = await wait_for_screen(pilot, ReportScreen)
        grade = report.grade
        assert (grade.passed, {r.id for r in grade.failed}) == (passed, fails)
        assert report.query_one("#report-score").value == str(grade.score)
        recording = read_recording(Path(grade.recording))
    header = recording.header
    assert (header.trainee, header.agent_id, header.mode, header.input) == (
        "李明",
        "1024",
        "practice",
        "keyboard",
    )
    typed = [e for e in recording.events if isinstance(e, Say) and e.who == "agent"]
    steps = [s for s in load_steps(script) if s.do == "say"]
    assert [s.text for s in typed] == [s.text for s in steps][: len(typed)]
    assert typed, "no reply reached the recording"
