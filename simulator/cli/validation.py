"""Checking a scenarios folder: every YAML file, by kind, every problem (`callsim validate`).

Files are told apart by the folder they sit in: `scripts/` holds trainee scripts,
`standards/` the phrase catalog and `exams/` exam definitions, checked by their own
validators; anything else is a scenario. A trainee script must belong to a scenario that
exists (`scripts/<scenario-id>.<variant>.yaml`). This sits with the command, above every
part whose files it checks (scenarios, the phrase catalog, exams).

Scenarios also get *warnings* (said_checks.py): printed like problems, marked 「警告：」,
counted in the summary, but they leave the report `ok` (exit code 0).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator.errors import UserError
from simulator.exams import validate_exam_file
from simulator.scenario.loader import (
    YAML_SUFFIXES,
    find_scenario,
    validate_scenario_file,
    validate_trainee_script_file,
)
from simulator.scenario.said_checks import scenario_warnings
from simulator.scenario.trainee import scenario_id_of_script
from simulator.standards.catalog import validate_catalog_file
from simulator.yamlpos import Problem

Validator = Callable[[Path], list[Problem]]

OTHER_VALIDATORS: dict[str, Validator] = {
    "standards": validate_catalog_file,
    "exams": validate_exam_file,
}
"""Folder -> the function checking one file of that folder (every problem, [] if fine)."""


@dataclass
class ValidationReport:
    """What `callsim validate` found: one line per problem or warning, and the counts."""

    checked: int = 0
    lines: list[str] = field(default_factory=list)
    files_with_problems: int = 0
    problems: int = 0
    warnings: int = 0

    @property
    def ok(self) -> bool:
        """No problems (warnings do not count)."""
        return self.problems == 0

    def add(self, problems: Sequence[str], warnings: Sequence[Problem] = ()) -> None:
        """One file's problem lines, then its warnings (the summary counts them apart)."""
        if problems:
            self.files_with_problems += 1
        self.problems += len(problems)
        self.warnings += len(warnings)
        self.lines.extend(problems)
        self.lines.extend(str(warning) for warning in warnings)

    def summary(self) -> str:
        warned = f"，{self.warnings} 个警告" if self.warnings else ""
        if self.ok:
            return f"已检查 {self.checked} 个文件，全部通过{warned}"
        return (
            f"已检查 {self.checked} 个文件，{self.files_with_problems} 个文件有问题，"
            f"共 {self.problems} 个问题{warned}"
        )


def file_kind(path: Path) -> str:
    """What a YAML file is, from the folder it sits in: "scenario", "script", or the name
    of a folder in OTHER_VALIDATORS ("standards", "exams")."""
    folder = path.resolve().parent.name
    if folder == "scripts":
        return "script"
    if folder in OTHER_VALIDATORS:
        return folder
    return "scenario"


def display_path(path: Path) -> Path:
    """`path` relative to the working directory when it is inside it (shorter lines)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except (ValueError, OSError):
        return path


def collect_files(targets: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """YAML files named or found under `targets` (recursively), and paths that are wrong."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for target in targets:
        if target.is_dir():
            found = sorted(
                p for p in target.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()
            )
            if not found:
                problems.append(
                    Problem(target, None, None, "", "目录里没有 .yaml 或 .yml 文件", None)
                )
            for path in found:
                add(path)
        elif target.exists():
            add(target)
        else:
            problems.append(Problem(target, None, None, "", "文件或目录不存在", None))
    return files, problems


def validate_paths(targets: Sequence[Path]) -> ValidationReport:
    """Check every YAML file under `targets`; never raises for anything in the files."""
    report = ValidationReport()
    files, missing = collect_files(targets)
    for problem in missing:
        report.add([str(problem)])
    for path in files:
        shown = display_path(path)
        kind = file_kind(path)
        warnings: list[Problem] = []
        if kind in OTHER_VALIDATORS:
            lines = _other_lines(OTHER_VALIDATORS[kind], shown)
        elif kind == "script":
            lines = _script_lines(shown)
        else:
            lines = [str(problem) for problem in validate_scenario_file(shown)[1]]
            warnings = scenario_warnings(shown)
        report.checked += 1
        report.add(lines, warnings)
    return report


def _other_lines(validator: Validator, path: Path) -> list[str]:
    try:
        return [str(problem) for problem in validator(path)]
    except UserError as exc:  # a file it cannot read at all
        return [str(exc)]


def _script_lines(path: Path) -> list[str]:
    lines = [str(problem) for problem in validate_trainee_script_file(path)[1]]
    scenario_id = scenario_id_of_script(path.name)
    scenarios_root = path.resolve().parent.parent
    if find_scenario(scenario_id, [scenarios_root]) is None:
        known = sorted(
            p.stem for p in scenarios_root.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file()
        )
        listing = "、".join(known) if known else "（没有）"
        lines.insert(
            0,
            str(
                Problem(
                    path,
                    None,
                    None,
                    "",
                    f"找不到场景 '{scenario_id}'（脚本文件名以场景 id 开头）",
                    f"命名为 <场景id>.<变体>.yaml；已有场景：{listing}",
                )
            ),
        )
    return lines
