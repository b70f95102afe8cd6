"""Loading scenario files, trainee scripts and other YAML model files, with every problem.

`load_scenario(path)` returns a Scenario or raises `ScenarioFileError` listing every
mistake in the file as `file:line:column: field.path: message — hint`. The same machinery
loads trainee scripts and, through `load_model_file`, any pydantic model kept as YAML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from simulator.scenario.checks import CheckResult, check_scenario, check_trainee_script
from simulator.scenario.errormap import describe_value, problems_from_errors
from simulator.scenario.models import Scenario
from simulator.scenario.problems import Problem, ScenarioFileError, sorted_problems
from simulator.scenario.trainee import TraineeScript
from simulator.scenario.yamldoc import YamlDocument, read_yaml

M = TypeVar("M", bound=BaseModel)
Check = Callable[[YamlDocument, dict[str, Any]], CheckResult]

SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
"""The form of a scenario id (models.Scenario.id): no dot, slash or other path mark."""
SCENARIO_ID_MAX = 64

SKIPPED_FOLDERS = frozenset({"standards", "scripts", "exams"})
"""Folders of a scenarios directory that hold other kinds of YAML files."""
YAML_SUFFIXES = (".yaml", ".yml")


def validate_model_file(
    path: Path | str,
    model: type[M],
    *,
    checks: Sequence[Check] = (),
    list_key: str | None = None,
    top_hint: str | None = None,
) -> tuple[M | None, list[Problem]]:
    """Load `path` as `model`: (the instance, []) or (None, every problem found).

    `checks` run on the plain data before the model (see checks.py). With `list_key`, a
    file whose top level is a list is read as `{list_key: [...]}`. `top_hint` is the hint
    when the top level is not a mapping.
    """
    try:
        doc = read_yaml(path)
    except ScenarioFileError as exc:
        return None, exc.problems
    problems = list(doc.problems)
    data = doc.data
    if list_key is not None and isinstance(data, list):
        data = {list_key: data}
        doc.wrapped = list_key
    if not isinstance(data, dict):
        line, column = doc.position(())
        shape = "映射或列表" if list_key else "映射（键: 值）"
        hint = top_hint
        if isinstance(data, str) and (":" in data or "：" in data):
            hint = "键后面的冒号要用英文“:”并跟一个空格，例如 id: standard-inquiry"
        problems.append(
            Problem(
                doc.path,
                line,
                column,
                "",
                f"文件的顶层应是{shape}，不是{describe_value(data)}",
                hint,
            )
        )
        return None, sorted_problems(problems)
    found = CheckResult()
    for check in checks:
        result = check(doc, data)
        found.problems.extend(result.problems)
        found.skip_at |= result.skip_at
        found.skip_under |= result.skip_under
    problems.extend(found.problems)
    instance: M | None = None
    try:
        instance = model.model_validate(data)
    except ValidationError as exc:
        problems.extend(
            problems_from_errors(
                doc,
                data,
                model,
                exc.errors(include_url=False),
                skip_at=found.skip_at,
                skip_under=found.skip_under,
            )
        )
    if problems:
        return None, sorted_problems(problems)
    return instance, []


def load_model_file(path: Path | str, model: type[M], *, list_key: str | None = None) -> M:
    """Load a YAML file as any pydantic model; ScenarioFileError lists every problem."""
    instance, problems = validate_model_file(path, model, list_key=list_key)
    if instance is None:
        raise ScenarioFileError(problems)
    return instance


def validate_scenario_file(path: Path | str) -> tuple[Scenario | None, list[Problem]]:
    """A scenario file checked: (the scenario, []) or (None, every problem)."""
    return validate_model_file(
        path,
        Scenario,
        checks=(check_scenario,),
        top_hint="场景文件以 id:、title:、persona: 等键开头",
    )


def load_scenario(path: Path | str) -> Scenario:
    """Load one scenario file; ScenarioFileError lists every problem with its position."""
    scenario, problems = validate_scenario_file(path)
    if scenario is None:
        raise ScenarioFileError(problems)
    return scenario


def validate_trainee_script_file(path: Path | str) -> tuple[TraineeScript | None, list[Problem]]:
    """A trainee script checked: (the script, []) or (None, every problem)."""
    return validate_model_file(
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
        from simulator.locations import scenarios_dir

        directories = [scenarios_dir()]
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
