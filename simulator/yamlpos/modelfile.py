"""Loading a YAML file as a pydantic model, with every problem and its position.

`validate_model_file` is what the scenario loader, the phrase catalog and exam files share:
read the file with positions, run the caller's own checks on the plain data, build the
model, and turn every pydantic error into `file:line:column: field: message — hint`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from simulator.yamlpos.errormap import NamedChoices, describe_value, problems_from_errors
from simulator.yamlpos.problems import Problem, YamlFileError, sorted_problems
from simulator.yamlpos.yamldoc import Loc, YamlDocument, read_yaml

M = TypeVar("M", bound=BaseModel)


@dataclass
class CheckResult:
    """Problems found, and which model errors they make redundant."""

    problems: list[Problem] = field(default_factory=list)
    skip_at: set[Loc] = field(default_factory=set)
    """Paths whose model-level (validator) errors repeat what was found here."""
    skip_under: set[Loc] = field(default_factory=set)
    """Paths whose errors, all of them, are explained by a finding here."""


Check = Callable[[YamlDocument, dict[str, Any]], CheckResult]
"""A check of a file's plain data that knows positions the model cannot."""


def validate_model_file(
    path: Path | str,
    model: type[M],
    *,
    checks: Sequence[Check] = (),
    list_key: str | None = None,
    top_hint: str | None = None,
    choices: Sequence[NamedChoices] = (),
) -> tuple[M | None, list[Problem]]:
    """Load `path` as `model`: (the instance, []) or (None, every problem found).

    `checks` run on the plain data before the model. With `list_key`, a file whose top
    level is a list is read as `{list_key: [...]}`. `top_hint` is the hint when the top
    level is not a mapping; `choices` name closed sets of values with their titles.
    """
    try:
        doc = read_yaml(path)
    except YamlFileError as exc:
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
                choices=choices,
            )
        )
    if problems:
        return None, sorted_problems(problems)
    return instance, []


def load_model_file(path: Path | str, model: type[M], *, list_key: str | None = None) -> M:
    """Load a YAML file as any pydantic model; YamlFileError lists every problem."""
    instance, problems = validate_model_file(path, model, list_key=list_key)
    if instance is None:
        raise YamlFileError(problems)
    return instance
