"""`callsim validate [PATH…]`: check scenario files, trainee scripts and the phrase catalog.

Prints every problem as `file:line:column: field: message — hint`, then one summary line.
Warnings (「警告：」, e.g. a `said:` keyword that can be meant either way) are printed the
same way but do not count as problems. Exit code 0 when everything is valid (warnings or
not), 1 when there are problems.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.settings import Settings

YAML_SUFFIXES = (".yaml", ".yml")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "validate",
        help="检查场景文件、受训者脚本和短语库，列出所有问题",
        description=(
            "检查场景文件（scenarios/*.yaml）、受训者脚本（scripts/ 下）和短语库"
            "（standards/ 下），列出每个问题的位置和修改建议。有问题时退出码为 1；"
            "警告（如 said: 里可能有相反意思的词）只提示，不影响退出码。"
        ),
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="要检查的文件或目录（目录会递归查找 .yaml/.yml；默认：场景目录）",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from simulator import locations

    targets: list[Path] = list(args.paths) or [locations.scenarios_dir()]
    lines, summary, ok = checked(targets)
    for line in lines:
        print(line)
    print(summary)
    return 0 if ok else 1


def checked(targets: list[Path]) -> tuple[list[str], str, bool]:
    """The report on `targets` (its lines, summary and verdict), from the cache when none of
    the files it can depend on changed since it was made (see simulator.cache)."""
    from simulator import cache

    def check() -> tuple[list[str], str, bool]:
        from simulator.cli.validation import validate_paths

        report = validate_paths(targets)
        return report.lines, report.summary(), report.ok

    files = inputs(targets)
    shape = [f"{t}:{t.exists()}:{t.is_dir()}" for t in targets]
    key = cache.content_key("validate", files, str(Path.cwd()), *shape)
    return cache.cached("validate", key, check)


def inputs(targets: list[Path]) -> list[Path]:
    """Every file a report on `targets` can depend on: the YAML files under the targets, and
    under the folders scenario ids are looked up in (exams name scenarios; the phrase
    catalog that `said:` groups are checked against lives there too; a trainee script's
    scenario is the one in the folder above its scripts/)."""
    from simulator import locations

    roots: list[Path] = [*targets, *locations.scenario_dirs(), locations.standards_dir()]
    found = _yaml_under(roots)
    found |= _yaml_under({p.parent.parent for p in found if p.parent.name == "scripts"})
    return sorted(found)


def _yaml_under(roots: Iterable[Path]) -> set[Path]:
    found: set[Path] = set()
    for root in roots:
        if root.is_dir():
            found.update(
                p.resolve() for p in root.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file()
            )
        elif root.is_file():
            found.add(root.resolve())
    return found
