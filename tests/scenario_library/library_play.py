"""Playing a shipped scenario with a trainee script in-process, as `callsim play --fast`
does: the real engine on a fake clock, the real phrase matcher, the real grader; only the
recording stays in memory instead of going to a file."""

from __future__ import annotations

from pathlib import Path

from simulator import locations
from simulator.clock import FakeClock
from simulator.engine import Call, HeadlessDriver, default_reply_matcher
from simulator.engine.session import call_time_of
from simulator.grading import Grade, grade
from simulator.recording import Event, Recording, Say, SessionHeader
from simulator.scenario.loader import load_scenario, load_trainee_script
from simulator.scenario.models import Scenario
from simulator.scenario.trainee import TraineeScript, scenario_id_of_script

SCENARIOS = locations.PROJECT_ROOT / "scenarios"
SCRIPTS = SCENARIOS / "scripts"
AGENT_ID = "1024"


def play(scenario: Scenario, script: TraineeScript) -> tuple[Grade, list[Event]]:
    """The grade of the call `script` plays against `scenario`, and its events."""
    call = Call(scenario, clock=FakeClock(), matcher=default_reply_matcher())
    HeadlessDriver(call, script.steps).run()
    header = SessionHeader(
        id="library-test",
        scenario=scenario.id,
        persona=scenario.persona,
        org=scenario.org,
        agent_id=AGENT_ID,
        trainee="练习学员",
        call_time=call_time_of(scenario).isoformat(timespec="seconds"),
    )
    recording = Recording(header=header, events=tuple(call.events))
    return grade(recording, scenario=scenario), list(call.events)


def play_file(script_path: Path) -> tuple[Grade, list[Event], TraineeScript]:
    """Play `scenarios/scripts/<id>.<variant>.yaml` against `scenarios/<id>.yaml`."""
    scenario = load_scenario(SCENARIOS / f"{scenario_id_of_script(script_path.name)}.yaml")
    script = load_trainee_script(script_path)
    graded, events = play(scenario, script)
    return graded, events, script


def transcript(events: list[Event]) -> str:
    """The call as readable lines (for assertion messages)."""
    lines = []
    for event in events:
        if isinstance(event, Say):
            who = "坐席" if event.who == "agent" else "客户"
            lines.append(f"{event.t:7.2f}–{event.end:7.2f} {who}：{event.text}")
        else:
            lines.append(f"{event.t:7.2f} [{event.kind}]")
    return "\n".join(lines)
