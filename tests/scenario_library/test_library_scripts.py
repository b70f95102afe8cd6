"""Every trainee script of the library, played through the real engine and grader.

In-process for speed (`library_play.play`, as `callsim play --fast` does it): each
script's call must pass or fail as its `expect` says, and the rules that fail must be
exactly the listed ones. A few scripts also go through the real `callsim play` command
in a subprocess, one per family of situations.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.scenario.loader import load_scenario
from simulator.scenario.models import PERSONA_TITLES
from tests.scenario_library.library_play import SCENARIOS, SCRIPTS, play_file, transcript

SCRIPT_FILES = sorted(SCRIPTS.glob("*.yaml"))
SCENARIO_FILES = sorted(SCENARIOS.glob("*.yaml"))


def test_the_library_is_complete() -> None:
    """≥ 25 scenarios, each with a good and a bad script, every persona titled."""
    assert len(SCENARIO_FILES) >= 25
    names = {path.name for path in SCRIPT_FILES}
    for path in SCENARIO_FILES:
        scenario = load_scenario(path)
        assert scenario.persona in PERSONA_TITLES
        assert scenario.trains, f"{path.name}: 缺少 trains"
        for variant in ("good", "bad"):
            assert f"{path.stem}.{variant}.yaml" in names, f"{path.stem} 缺少 {variant} 脚本"


def test_core_personas_come_at_three_difficulties() -> None:
    levels: dict[str, set[int]] = {}
    for path in SCENARIO_FILES:
        scenario = load_scenario(path)
        levels.setdefault(scenario.persona, set()).add(scenario.difficulty)
    for persona in ("angry", "silent", "offtopic", "media"):
        assert len(levels[persona]) >= 2 and 3 in levels[persona], (persona, levels[persona])


@pytest.mark.parametrize("script_path", SCRIPT_FILES, ids=lambda p: p.stem)
def test_script_grades_as_expected(script_path: Path) -> None:
    graded, events, script = play_file(script_path)
    assert script.expect is not None, f"{script_path.name} 没有 expect"
    failed = {result.id for result in graded.failed}
    detail = "\n".join(f"✗ {r.id}: {r.message}" for r in graded.failed)
    context = f"\n{transcript(events)}\n{detail}"
    assert graded.complete, "通话没有结束" + context
    assert failed == set(script.expect.fails), context
    assert graded.passed is script.expect.passed, f"得分 {graded.score}" + context


SMOKE = (
    # (family, script): one per family of situations, good and bad mixed.
    ("听不清/方言/打错", "inaudible-noisy.bad.yaml"),
    ("指定坐席/个人信息/超范围/推销", "sales-vendor.good.yaml"),
    ("投诉/主管/回电", "supervisor-demand.bad.yaml"),
    ("保持/核实/表扬/不挂机", "hold-lookup.good.yaml"),
    ("节日", "holiday-spring-festival.good.yaml"),
    ("核心角色难度 3", "angry-complaint-3.good.yaml"),
)


@pytest.mark.parametrize(("family", "name"), SMOKE, ids=[name for _, name in SMOKE])
def test_callsim_play_subprocess(family: str, name: str, tmp_path: Path) -> None:
    script_path = SCRIPTS / name
    scenario_id = name.split(".", 1)[0]
    env = {**os.environ, "CALLSIM_RECORDINGS_DIR": str(tmp_path / "recordings")}
    command = [sys.executable, "-m", "simulator", "play", scenario_id]
    done = subprocess.run(
        [*command, "--script", str(script_path), "--fast", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    expected, _, script = play_file(script_path)
    assert script.expect is not None
    failed = {rule["id"] for rule in result["rules"] if rule["status"] == "fail"}
    assert failed == set(script.expect.fails), family
    assert result["passed"] is script.expect.passed
    assert result["score"] == expected.score
    assert Path(result["recording"]).is_file()
