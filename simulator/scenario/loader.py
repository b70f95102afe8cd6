"""Loading scenario files, trainee scripts and other YAML model files, with every problem.

`load_scenario(path)` returns a Scenario or raises `ScenarioFileError` listing every
mistake in the file as `file:line:column: field.path: message — hint`. The same machinery
(simulator.yamlpos) loads trainee scripts here, and phrase catalogs and exams elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from simulator import cache
from simulator.locations import scenario_dirs
from simulator.scenario.cache_keys import SCENARIO_KIND, scenario_key
from simulator.scenario.checks import check_scenario, check_trainee_script
from simulator.scenario.errors import ScenarioFileError
from simulator.scenario.models import KNOWN_PERSONAS, PERSONA_TITLES, Scenario
from simulator.scenario.trainee import TraineeScript
from simulator.yamlpos import Check, NamedChoices, Problem, validate_model_file

M = TypeVar("M", bound=BaseModel)

SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
"""The form of a scenario id (models.Scenario.id): no dot, slash or other path mark."""
SCENARIO_ID_MAX = 64

SKIPPED_FOLDERS = frozenset({"standards", "scripts", "exams"})
"""Folders of a scenarios directory that hold other kinds of YAML files."""
YAML_SUFFIXES = (".yaml", ".yml")


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


def scenario_files(directory: Path | str) -> list[Path]:
    """Scenario files under `directory` (recursively), skipping standards/ and scripts/."""
    root = Path(directory)
    found = [
        path
        for path in root.rglob("*")
        if path.suffix in YAML_SUFFIXES
        and path.is_file()
        and not SKIPPED_FOLDERS & set(path.relative_to(root).parts[:-1])
    ]
    return sorted(found)


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


def find_scenario(
    scenario_id: str, directories: Iterable[Path | str] | Path | str | None = None
) -> Path | None:
    """The file of scenario `scenario_id` in the first directory that has it, or None.

    Only a well-formed id (`standard-inquiry`) is looked up: a path (`/etc/x`, `../x`)
    never is, so an id read from a file cannot load a YAML from outside these folders.
    """
    if not is_scenario_id(scenario_id):
        return None
    if directories is None:
        directories = scenario_dirs()  # the trainer's folder first, then the shipped library
    elif isinstance(directories, (str, Path)):
        directories = [directories]
    for directory in directories:
        root = Path(directory)
        for suffix in YAML_SUFFIXES:
            candidate = root / f"{scenario_id}{suffix}"
            if candidate.is_file() and _inside(candidate, root):
                return candidate
        if root.is_dir():
            for path in scenario_files(root):
                if path.stem == scenario_id and _inside(path, root):
                    return path
    return None


def is_scenario_id(text: str) -> bool:
    """Whether `text` has the form of a scenario id (what the `id:` field allows)."""
    return len(text) <= SCENARIO_ID_MAX and SCENARIO_ID.fullmatch(text) is not None


def _inside(path: Path, root: Path) -> bool:
    """Whether `path`, symbolic links followed, is still under `root`."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False
