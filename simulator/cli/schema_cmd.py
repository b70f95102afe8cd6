"""`callsim schema`: print the JSON Schema of scenario files (or trainee scripts).

Editors use it for completion and inline errors; see README, "Editor support".
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.errors import UserError

if TYPE_CHECKING:
    from simulator.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="输出场景文件格式的 JSON Schema（供编辑器补全和检查）",
        description=(
            "输出场景文件格式的 JSON Schema。VS Code 的 YAML 扩展用它提供补全和红色波浪线提示。"
        ),
    )
    parser.add_argument(
        "--trainee-script",
        action="store_true",
        help="输出受训者脚本（scenarios/scripts/*.yaml）的 Schema",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=None,
        metavar="FILE",
        help="写入文件而不是打印到标准输出",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.scenario.schema import scenario_schema, schema_text, trainee_script_schema

    schema = trainee_script_schema() if args.trainee_script else scenario_schema()
    text = schema_text(schema)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(f"无法写入：{exc.strerror or exc}", path=args.output) from None
    return 0
