"""The five core scenarios and their trainee scripts: valid, complete, and graded as expected.

Each `<id>.good.yaml` follows the standards to the letter and must pass with no failed
rule; each `<id>.bad.yaml` must fail exactly the rules its `expect.fails` lists. The calls
are played headless on a fake clock through the real engine, phrase matcher and grader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.clock import FakeClock
from simulator.engine import HeadlessDriver, default_reply_matcher
from simulator.engine.session import Trainee, start_session
from simulator.grading import grade
from simulator.locations import PROJECT_ROOT
from simulator.recording import read_recording
from simulator.scenario import load_scenario, load_trainee_script

SCENARIOS = PROJECT_ROOT / "scenarios"
CORE = {
    "standard-inquiry": "standard",
    "angry-complaint": "angry",
    "silent-call": "silent",
    "offtopic-harasser": "offtopic",
    "media-inquiry": "media",
}
SCRIPTS = [(scenario_id, variant) for scenario_id in CORE for variant in ("good", "bad")]


@pytest.mark.parametrize("scenario_id", sorted(CORE))
def test_each_core_scenario_loads_with_its_persona_and_a_fixed_call_time(scenario_id: str) -> None:
    scenario = load_scenario(SCENARIOS / f"{scenario_id}.yaml")
    assert scenario.persona == CORE[scenario_id]
    assert scenario.org == "福彩热线"
    # A fixed ordinary weekday keeps the holiday rule out of the grade.
    assert scenario.call_time is not None and scenario.call_time.weekday() < 5
    assert scenario.title and scenario.description and scenario.trains


def test_the_silent_caller_never_speaks_nor_hangs_up() -> None:
    scenario = load_scenario(SCENARIOS / "silent-call.yaml")
    for beat in scenario.script.beats.values():
        assert not beat.caller and not beat.hangup
        assert beat.timeout is None or not beat.timeout.say
    assert scenario.max_duration >= 300


def test_the_offtopic_caller_never_hangs_up_by_itself() -> None:
    scenario = load_scenario(SCENARIOS / "offtopic-harasser.yaml")
    assert not any(beat.hangup for beat in scenario.script.beats.values())


@pytest.mark.parametrize(("scenario_id", "variant"), SCRIPTS)
def test_each_trainee_script_plays_and_grades_as_it_expects(
    scenario_id: str, variant: str, tmp_path: Path
) -> None:
    scenario = load_scenario(SCENARIOS / f"{scenario_id}.yaml")
    script = load_trainee_script(SCENARIOS / "scripts" / f"{scenario_id}.{variant}.yaml")
    assert script.expect is not None
    assert script.expect.passed is (variant == "good")
    session = start_session(
        scenario,
        Trainee("测试学员", "1024"),
        recordings=tmp_path,
        clock=FakeClock(),
        matcher=default_reply_matcher(),
    )
    try:
        HeadlessDriver(session.call, script.steps).run()
    finally:
        session.close()
    result = grade(read_recording(session.path), scenario=scenario)
    failed = sorted(rule.id for rule in result.rules if rule.status == "fail")
    assert (result.passed, failed) == (script.expect.passed, sorted(script.expect.fails))
    assert result.complete
