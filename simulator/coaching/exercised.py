"""Which rules a scenario exercises, derived rather than declared.

A scenario exercises:
- every rule limited to its persona (the catalog's `personas`), and
- every rule its good script (`scripts/<id>.good.yaml`) is judged on — `pass` or `fail`,
  not `na` — when that script is played headless on a simulated clock and graded.

Deriving it keeps scenario files as they are and cannot drift: when a trainer rewrites
a script so the agent puts the caller on hold, the scenario starts training the hold
rules without anyone updating a list. A scenario without a good script falls back to
its persona's rules plus the rules every answered call is judged on (opening, closing).

Playing and grading the shipped library's good scripts takes about two seconds; results
are kept per process (by the files' modification times) and on disk (simulator.cache,
by content), so the picker pays for it once per change of the files or the code.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from pathlib import Path

from simulator import locations
from simulator.cache import cached, content_key
from simulator.clock import FakeClock
from simulator.engine import HeadlessDriver, default_reply_matcher
from simulator.engine.call import Call
from simulator.errors import UserError
from simulator.grading import grade
from simulator.grading.catalog import RULES
from simulator.recording.events import Event, SessionHeader
from simulator.recording.reader import Recording
from simulator.scenario.loader import load_trainee_script
from simulator.scenario.models import Scenario

# Judged on every answered call whatever was said (the fallback without a good script).
EVERY_CALL_STAGES = ("opening", "closing")
CONDITIONAL = frozenset({"opening.holiday", "closing.more_help"})

_CACHE: dict[tuple[str, Path | None, float, float], frozenset[str]] = {}
_LOCK = threading.Lock()


def persona_rules(persona: str) -> frozenset[str]:
    """The catalog rules limited to `persona`."""
    return frozenset(spec.id for spec in RULES if persona in spec.personas)


def fallback_rules(persona: str) -> frozenset[str]:
    """A scenario without a good script: its persona's rules and the opening and closing."""
    every = {
        spec.id
        for spec in RULES
        if not spec.personas and spec.stage in EVERY_CALL_STAGES and spec.id not in CONDITIONAL
    }
    return persona_rules(persona) | every


def good_script_path(scenarios_dir: Path, scenario_id: str) -> Path:
    return scenarios_dir / "scripts" / f"{scenario_id}.good.yaml"


def judged_rules(scenario: Scenario, script: Path) -> frozenset[str]:
    """The rules `script` is judged on (pass or fail) when played against `scenario`."""
    steps = load_trainee_script(script).steps
    events: list[Event] = []
    call = Call(scenario, clock=FakeClock(), matcher=default_reply_matcher(), sink=events.append)
    HeadlessDriver(call, steps).run()
    header = SessionHeader(
        id=f"exercise-{scenario.id}",
        scenario=scenario.id,
        persona=scenario.persona,
        org=scenario.org,
        agent_id="1024",
        trainee="",
    )
    result = grade(Recording(header, tuple(events)), scenario=scenario)
    return frozenset(r.id for r in result.rules if r.status != "na")


def exercised_rules(scenario: Scenario, scenarios_dir: Path | None) -> frozenset[str]:
    """The rules `scenario` trains (see the module docstring); never raises for bad files."""
    script = good_script_path(scenarios_dir, scenario.id) if scenarios_dir else None
    if script is None or not script.is_file():
        return fallback_rules(scenario.persona)
    source = scenarios_dir / f"{scenario.id}.yaml" if scenarios_dir else None
    key = (scenario.id, script, _mtime(script), _mtime(source))
    with _LOCK:
        known = _CACHE.get(key)
    if known is not None:
        return known
    # On disk too, keyed by the script's and the catalog's bytes, the scenario and the
    # code: the next session's picker then has its recommendation at once.
    standards = sorted(locations.standards_dir().glob("*.yaml"))
    disk_key = content_key("exercised", [script, *standards], scenario.model_dump_json())
    rules = cached("exercised", disk_key, lambda: _derive(scenario, script))
    with _LOCK:
        _CACHE[key] = rules
    return rules


def _derive(scenario: Scenario, script: Path) -> frozenset[str]:
    try:
        return persona_rules(scenario.persona) | judged_rules(scenario, script)
    except UserError:  # a script `callsim validate` would reject: do not hide the scenario
        return fallback_rules(scenario.persona)


def library_exercises(
    scenarios: Iterable[Scenario], scenarios_dir: Path | None
) -> dict[str, frozenset[str]]:
    """Scenario id -> the rules it exercises, for a whole library."""
    return {s.id: exercised_rules(s, scenarios_dir) for s in scenarios}


def _mtime(path: Path | None) -> float:
    try:
        return path.stat().st_mtime if path is not None else 0.0
    except OSError:
        return 0.0
