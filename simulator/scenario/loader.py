"""Loading scenario files, trainee scripts and other YAML model files, with every problem.

`load_scenario(path)` returns a Scenario or raises `ScenarioFileError` listing every
mistake in the file as `file:line:column: field.path: message — hint`. The same machinery
(simulator.yamlpos) loads trainee scripts here, and phrase catalogs and exams elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from simulator import cache
from simulator.scenario.cache_keys import SCENARIO_KIND, scenario_key
from simulator.scenario.checks import check_scenario, check_trainee_script
from simulator.scenario.errors import ScenarioFileError
from simulator.scenario.lookup import (
    SCENARIO_ID,
    SCENARIO_ID_MAX,
    SKIPPED_FOLDERS,
    YAML_SUFFIXES,
    find_scenario,
    is_scenario_id,
    scenario_files,
)
from simulator.scenario.models import KNOWN_PERSONAS, PERSONA_TITLES, Scenario
from simulator.scenario.trainee import TraineeScript
from simulator.yamlpos import Check, NamedChoices, Problem, validate_model_file

__all__ = [
    "SCENARIO_ID",
    "SCENARIO_ID_MAX",
    "SKIPPED_FOLDERS",
    "YAML_SUFFIXES",
    "find_scenario",
    "is_scenario_id",
    "load_scenario",
    "load_scenarios",
    "load_trainee_script",
    "scenario_files",
    "validate_scenario_file",
    "validate_trainee_script_file",
]

M = TypeVar("M", bound=BaseModel)


PERSONAS = NamedChoices(
    "persona", "来电角色", {p: PERSONA_TITLES.get(p, p) for p in KNOWN_PERSONAS}
)
"""Personas are named with their titles when a file has one wrong."""


def _validate(
    path: Path | str,
    model: type[M],
    *,
    checks: Sequence[Check],
    list_key: str | None = None,
    top_hint: str,
) -> tuple[M | None, list[Problem]]:
    return validate_model_file(
        path, model, checks=checks, list_key=list_key, top_hint=top_hint, choices=(PERSONAS,)
    )


def validate_scenario_file(path: Path | str) -> tuple[Scenario | None, list[Problem]]:
    """A scenario file checked: (the scenario, []) or (None, every problem).

    A scenario that passes is kept in the disk cache under the bytes of the file and of
    its phrase catalog; a file with problems is checked afresh every time.
    """
    return cache.cached_when(
        SCENARIO_KIND,
        scenario_key(Path(path)),
        lambda: _validate(
            path,
            Scenario,
            checks=(check_scenario,),
            top_hint="场景文件以 id:、title:、persona: 等键开头",
        ),
        keep=lambda result: result[0] is not None and not result[1],
    )


def load_scenario(path: Path | str) -> Scenario:
    """Load one scenario file; ScenarioFileError lists every problem with its position."""
    scenario, problems = validate_scenario_file(path)
    if scenario is None:
        raise ScenarioFileError(problems)
    return scenario


def validate_trainee_script_file(path: Path | str) -> tuple[TraineeScript | None, list[Problem]]:
    """A trainee script checked: (the script, []) or (None, every problem)."""
    return _validate(
        path,
        TraineeScript,
        checks=(check_trainee_script,),
        list_key="steps",
        top_hint="写成步骤列表（每行“- do: …”），或带 steps: 的映射",
    )


def load_trainee_script(path: Path | str) -> TraineeScript:
    """Load a trainee script (a list of steps, or `{expect: …, steps: …}`)."""
    script, problems = validate_trainee_script_file(path)
    if script is None:
        raise ScenarioFileError(problems)
    return script


def load_scenarios(directory: Path | str) -> tuple[list[Scenario], list[Problem]]:
    """Every valid scenario in `directory` (sorted by id), and the problems of the others."""
    root = Path(directory)
    if not root.is_dir():
        return [], [
            Problem(root, None, None, "", "场景目录不存在", "用 CALLSIM_SCENARIOS_DIR 指定目录")
        ]
    scenarios: list[Scenario] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in scenario_files(root):
        scenario, found = validate_scenario_file(path)
        problems.extend(found)
        if scenario is None:
            continue
        if scenario.id in seen:
            problems.append(
                Problem(
                    path,
                    None,
                    None,
                    "id",
                    f"id '{scenario.id}' 与 {seen[scenario.id]} 重复",
                    "每个场景的 id 必须唯一",
                )
            )
            continue
        seen[scenario.id] = path
        scenarios.append(scenario)
    return sorted(scenarios, key=lambda s: s.id), problems
