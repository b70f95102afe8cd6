"""`callsim scenarios export DIR`: copy the shipped scenario library to start a trainer's own.

The copy holds every scenario, the trainee scripts, the exams, the phrase catalog
(`standards/`) and the JSON Schemas. Pointed at with `--scenarios DIR` or
`$CALLSIM_SCENARIOS_DIR`, it is layered over the shipped library (see
simulator.locations): edited scenarios replace the shipped ones by id, new ones are added,
and its `standards/` is the catalog graded against.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import UserError

if TYPE_CHECKING:
    from simulator.settings import Settings

LIBRARY_SUFFIXES = frozenset({".yaml", ".yml", ".json", ".jsonl"})


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scenarios",
        help="导出内置场景库，作为培训师自己的场景文件夹的起点",
        description=(
            "管理场景库。export 把内置的场景、学员脚本、考试、短语库、示例录音和 JSON Schema"
            "复制到一个新文件夹；之后用 --scenarios 文件夹（或 CALLSIM_SCENARIOS_DIR）使用它："
            "其中的场景叠加在内置场景库之上，同 id 的替换内置场景，其 standards/ 作为短语库。"
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", title="操作", required=True)
    export = actions.add_parser(
        "export",
        help="把内置场景库复制到一个新文件夹",
        description="把内置场景库复制到一个新文件夹（文件夹须不存在或为空，已有文件不会被覆盖）。",
    )
    export.add_argument("directory", type=Path, metavar="DIR", help="目标文件夹")
    export.set_defaults(handler=run_export)


def export_library(target: Path) -> list[Path]:
    """Copy the shipped library into `target` (absent or empty); the files written."""
    from simulator import locations

    source = locations.library_dir()
    if target.exists() and not target.is_dir():
        raise UserError("目标已存在且不是文件夹", path=target, hint="换一个新的文件夹名")
    if target.is_dir() and any(target.iterdir()):
        raise UserError(
            "目标文件夹不是空的，为免覆盖培训师的文件未做任何复制",
            path=target,
            hint="换一个新的（或空的）文件夹",
        )
    written: list[Path] = []
    try:
        for path in sorted(source.rglob("*")):
            if not (path.is_file() and path.suffix in LIBRARY_SUFFIXES):
                continue
            copy = target / path.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, copy)
            written.append(copy)
    except OSError as exc:
        raise UserError(f"无法写入：{exc.strerror or exc}", path=target) from None
    return written


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    target: Path = args.directory
    written = export_library(target)
    scenarios = [p for p in written if p.parent == target and p.suffix in (".yaml", ".yml")]
    print(f"已导出 {len(written)} 个文件（{len(scenarios)} 个场景）到 {target}")
    print(f"使用方法：callsim --scenarios {target}（或设置 CALLSIM_SCENARIOS_DIR={target}）")
    return 0
