"""Loading an exam file: every mistake as `file:line:column: field: message — hint`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from simulator.exams.models import Exam
from simulator.scenario.loader import find_scenario
from simulator.yamlpos import CheckResult, Problem, YamlDocument, YamlFileError, validate_model_file


def load_exam(path: Path | str, *, scenario_dirs: Iterable[Path] | None = None) -> Exam:
    """Load and check an exam file; its scenarios must exist (in `scenario_dirs`, default
    the scenarios folder). Raises YamlFileError (a UserError) listing every problem."""
    dirs = list(scenario_dirs) if scenario_dirs is not None else None
    exam, problems = validate_model_file(
        path,
        Exam,
        checks=(_scenarios_exist(dirs),),
        top_hint="考试文件以 id:、title:、scenarios: 等键开头",
    )
    if exam is None:
        raise YamlFileError(problems)
    return exam


def validate_exam_file(path: Path) -> list[Problem]:
    """Every problem of one exam file, for `callsim validate`; empty when it is fine."""
    try:
        load_exam(path)
    except YamlFileError as error:
        return list(error.problems)
    return []


def _scenarios_exist(
    dirs: list[Path] | None,
) -> Callable[[YamlDocument, dict[str, Any]], CheckResult]:
    def check(doc: YamlDocument, data: dict[str, Any]) -> CheckResult:
        result = CheckResult()
        listed = data.get("scenarios")
        if not isinstance(listed, list):
            return result
        for index, scenario in enumerate(listed):
            if isinstance(scenario, str) and find_scenario(scenario, dirs) is None:
                result.problems.append(
                    doc.problem(
                        ("scenarios", index),
                        f"找不到场景 '{scenario}'",
                        "场景 id 就是 scenarios/ 下的文件名（不含 .yaml）；"
                        "用 callsim validate 查看可用场景",
                    )
                )
        return result

    return check
