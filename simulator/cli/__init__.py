"""The `callsim` command. Each subcommand lives in its own module with a `register()`.

With no subcommand it opens the app. Errors a user can cause print one line and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

from simulator import __version__
from simulator.cli import collector, native_threads
from simulator.cli.chinese_help import VERSION, ChineseArgumentParser
from simulator.errors import UserError

# The subcommands, in the order `callsim --help` lists them, with the line it shows for
# each. A subcommand NAME lives in `simulator/cli/NAME_cmd.py` with `register(subparsers)`,
# which sets the handler it runs: `handler(args, settings) -> exit code`, `settings` being the
# one `simulator.settings.Settings` built from the environment and the global options;
# only the one being run is imported, so `callsim --help` never loads the grader, Textual
# or audio. To add one: write the module and add its line here (a test checks that the
# line matches the module's own `help=`).
SUBCOMMANDS: dict[str, str] = {
    "run": "打开培训应用（默认）",
    "play": "用学员脚本无界面地完成一通电话（录音并评分）",
    "grade": "按服务规范给通话录音评分",
    "rules": "查看评分规则：检查什么、依据、标准用语、反例和改正方法",
    "validate": "检查场景文件、受训者脚本和短语库，列出所有问题",
    "schema": "输出场景文件格式的 JSON Schema（供编辑器补全和检查）",
    "scenarios": "导出内置场景库，作为培训师自己的场景文件夹的起点",
    "say": "用来电者的声音朗读一句话（或保存为 WAV）",
    "voices": "列出本机的合成语音，并说明普通话用哪一个",
    "transcribe": "用语音识别转写 WAV 文件（离线 Whisper）",
    "scoreboard": "全屏实时成绩榜（投影用）",
    "serve": "在浏览器中打开（textual-serve）",
    "report": "培训报告（表格、CSV 或 HTML）",
    "replay": "回放一通录音（有声、标出失分）",
    "exam": "查看考试安排和剩余次数",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser, with subcommand `command` fully registered (the others by name only)."""
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
    parser.add_argument(
        "--scenarios",
        dest="scenarios_root",
        type=Path,
        default=None,
        metavar="DIR",
        help="培训师自己的场景文件夹，叠加在内置场景库之上：新场景加入，同 id 的替换内置的"
        "（默认：$CALLSIM_SCENARIOS_DIR）",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", title="子命令")
    for name, summary in SUBCOMMANDS.items():
        if name == command:
            subcommand_module(name).register(subparsers)
        else:
            subparsers.add_parser(name, help=summary)  # listed in --help, never parsed
    return parser


def subcommand_module(name: str) -> ModuleType:
    """The module of subcommand `name` (imported now)."""
    return importlib.import_module(f"simulator.cli.{name}_cmd")


def chosen_command(argv: Sequence[str]) -> str | None:
    """The subcommand `argv` runs (None: the app), skipping global options and their values."""
    takes_value = {
        option
        for action in build_parser()._actions
        if action.option_strings and action.nargs is None
        for option in action.option_strings
    }
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token in takes_value:
            skip = True
        elif not token.startswith("-"):
            return token if token in SUBCOMMANDS else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command in a process that goes on afterwards (a test, a script)."""
    try:
        return _main(argv)
    finally:
        collector.thaw()


def command() -> int:
    """The `callsim` executable: one command, then the process exits.

    What start-up froze stays frozen: given back to the collector, every one of those
    objects would be scanned again by the interpreter's shutdown, which measured ~0.12 s of
    a 0.55 s `callsim grade ONE.jsonl`, and nothing of it needs freeing before the exit.
    """
    native_threads.one_blas_thread()
    return _main(None)


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    with collector.paused():  # the subcommand's imports: see simulator.cli.collector
        parser = build_parser(chosen_command(arguments))
        args = parser.parse_args(arguments)
    # The global options override the environment's settings for this command only;
    # nothing is written back to the environment. (The settings module is imported from
    # here on, so `callsim --help` never loads it.)
    from simulator import settings

    options: dict[str, object] = {}
    if args.recordings is not None:
        options["recordings_dir"] = args.recordings
    if args.db is not None:
        options["db"] = args.db
    if args.scenarios_root is not None:
        if not args.scenarios_root.is_dir():
            hint = "用 callsim scenarios export 文件夹 建一个，或检查路径"
            print(
                f"callsim: {UserError('场景文件夹不存在', path=args.scenarios_root, hint=hint)}",
                file=sys.stderr,
            )
            return 2
        options["scenarios_dir"] = args.scenarios_root
    handler = getattr(args, "handler", None)
    if handler is None:
        handler = subcommand_module("run").open_app
    try:
        # Built once here and handed to the command; made current too, for the parts far
        # below that still ask `settings.current()` (listed in the settings module).
        chosen = settings.with_options(**options)
        with settings.using(chosen):
            return int(handler(args, chosen))
    except UserError as exc:
        print(f"callsim: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
