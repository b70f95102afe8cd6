"""Failing examples for the rule reference: each rule failing on a shipped bad example.

A bad trainee script (`scenarios/scripts/*.bad.yaml`) names the rules it fails in
`expect.fails`; it is played headless on a fake clock, exactly as `callsim play --fast`
plays it, and graded. Rules a typed script cannot fail (the voice rules judge spoken
replies only) have a recorded bad call in `scenarios/examples/*.bad.jsonl` instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

from simulator import locations
from simulator.clock import FakeClock
from simulator.engine import Call, HeadlessDriver, default_reply_matcher
from simulator.engine.session import call_time_of
from simulator.grading import Grade, grade
from simulator.grading.reference import Example
from simulator.recording import Recording, SessionHeader, read_recording
from simulator.scenario.loader import load_scenario, load_trainee_script
from simulator.scenario.trainee import TraineeScript, scenario_id_of_script

FIXED_NOW = datetime(2026, 3, 10, 10, 0, tzinfo=timezone(timedelta(hours=8)))
"""The simulated time for scenarios without `call_time`: an ordinary Tuesday morning, so
the reference never depends on the day it is generated (holiday rules read the date)."""


def bad_scripts(library: Path) -> Iterator[tuple[Path, TraineeScript]]:
    """The library's bad trainee scripts with their expectations, by file name."""
    for path in sorted((library / "scripts").glob("*.bad.yaml")):
        yield path, load_trainee_script(path)


def play_script(library: Path, path: Path, script: TraineeScript) -> Grade:
    """The grade of `script` played against its scenario, recorded in memory."""
    scenario = load_scenario(library / f"{scenario_id_of_script(path.name)}.yaml")
    call = Call(scenario, clock=FakeClock(), matcher=default_reply_matcher())
    HeadlessDriver(call, script.steps).run()
    header = SessionHeader(
        id=path.stem,
        scenario=scenario.id,
        persona=scenario.persona,
        org=scenario.org,
        agent_id="1024",
        trainee="示例学员",
        call_time=call_time_of(scenario, FIXED_NOW).isoformat(timespec="seconds"),
    )
    return grade(Recording(header=header, events=tuple(call.events)), scenario=scenario)


def failing_examples(rule_ids: set[str], library: Path | None = None) -> dict[str, Example]:
    """For each of `rule_ids`, its first failing verdict on a shipped bad example: the
    bad scripts that declare it (by file name), then the recorded bad calls."""
    library = library if library is not None else locations.library_dir()
    found: dict[str, Example] = {}
    for path, script in bad_scripts(library):
        wanted = set(script.expect.fails if script.expect else ()) & (rule_ids - set(found))
        if wanted:
            _collect(
                found, wanted, f"scenarios/scripts/{path.name}", play_script(library, path, script)
            )
    for path in sorted((library / "examples").glob("*.bad.jsonl")):
        wanted = rule_ids - set(found)
        if wanted:
            graded = grade(read_recording(path))
            _collect(found, wanted, f"scenarios/examples/{path.name}", graded)
    return found


def _collect(found: dict[str, Example], wanted: set[str], where: str, graded: Grade) -> None:
    for result in graded.rules:
        if result.id in wanted and result.status == "fail":
            found[result.id] = Example(where, result)
