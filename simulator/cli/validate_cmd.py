"""`callsim validate [PATH…]`: check scenario files, trainee scripts and the phrase catalog.

Prints every problem as `file:line:column: field: message — hint`, then one summary line.
Warnings (「警告：」, e.g. a `said:` keyword that can be meant either way) are printed the
same way but do not count as problems. Exit code 0 when everything is valid (warnings or
not), 1 when there are problems.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


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


def run(args: argparse.Namespace) -> int:
    from simulator.locations import scenarios_dir
    from simulator.scenario.validation import validate_paths

    targets: list[Path] = list(args.paths) or [scenarios_dir()]
    report = validate_paths(targets)
    for line in report.lines:
        print(line)
    print(report.summary())
    return 0 if report.ok else 1
