"""The `callsim` command. Each subcommand lives in its own module with a `register()`.

With no subcommand it opens the app. Errors a user can cause print one line and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from simulator import __version__
from simulator.cli.chinese_help import VERSION, ChineseArgumentParser
from simulator.errors import UserError

# Subcommand modules, imported lazily so `callsim validate` never loads Textual or audio.
SUBCOMMANDS: tuple[str, ...] = (
    "run",
    "play",
    "grade",
    "validate",
    "schema",
    "say",
    "voices",
    "transcribe",
    "scoreboard",
    "serve",
    "report",
    "exam",
)


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(
        prog="callsim",
        description="话务员培训模拟器：接听模拟来电，按服务规范评分。不带子命令时打开应用。",
    )
    parser.add_argument(
        "--version", action="version", version=f"callsim {__version__}", help=VERSION
    )
    parser.add_argument(
        "--recordings",
        type=Path,
        default=None,
        metavar="DIR",
        help="通话录音存放的文件夹（默认：$CALLSIM_RECORDINGS_DIR，否则为 recordings/）",
    )
    parser.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help="成绩库，例如 postgresql+psycopg://user@host/db"
        "（默认：$CALLSIM_DB，否则为用户数据文件夹中的 SQLite 文件）",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="子命令")
    for name in SUBCOMMANDS:
        module = _subcommand_module(name)
        if module is not None:
            module.register(subparsers)
    return parser


def _subcommand_module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(f"simulator.cli.{name}_cmd")
    except ModuleNotFoundError as exc:
        if exc.name == f"simulator.cli.{name}_cmd":
            return None  # that capability is not built into this install
        raise


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.recordings is not None:
        os.environ["CALLSIM_RECORDINGS_DIR"] = str(args.recordings)
    if args.db is not None:
        os.environ["CALLSIM_DB"] = args.db
    handler = getattr(args, "handler", None)
    if handler is None:
        run = _subcommand_module("run")
        if run is None:
            parser.print_help()
            return 0
        handler = run.open_app
    try:
        return int(handler(args))
    except UserError as exc:
        print(f"callsim: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
