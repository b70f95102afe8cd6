"""`callsim grade FILE|DIR…`: grade recordings against the service standards.

Directories are searched recursively for `*.jsonl`. Each recording's scenario (by the
id in its header) is looked up in `--scenario-dir` for its rule overrides; grading
works without it. Unreadable recordings are reported one line each (file:line) and the
others are still graded; the exit code is then 2. `--save` also stores each graded
call in the results database (the one `--db` / `$CALLSIM_DB` names).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator import locations
from simulator.cli import collector
from simulator.errors import UserError
from simulator.grading import Grade
from simulator.grading.batch import grade_paths
from simulator.standards import default_matcher

if TYPE_CHECKING:
    from simulator.recording.reader import Recording
    from simulator.settings import Settings

PROGRESS_MIN_FILES = 20
"""Below this many files a progress bar would only flicker."""
UNVERIFIED_SHOWN = 20
"""Unverified recordings named one by one; past this, a count (a folder of `play` runs)."""


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "grade",
        help="按服务规范给通话录音评分",
        description=(
            "按服务规范给一个或多个通话录音（.jsonl）评分。目录会递归查找其中的 .jsonl 文件。"
            "每通电话列出适用规则的结果（✓ 通过 ✗ 未通过；加 --all 也列出 — 不适用），"
            "未通过的给出时间、原话、"
            "规范用语和改进建议；多通电话时另附班级汇总。"
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE|DIR", help="录音文件或目录")
    parser.add_argument(
        "--json",
        action="store_true",
        help="输出 JSON：单个文件为一个对象，多个文件或目录为数组",
    )
    parser.add_argument(
        "--scenario-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="查找场景文件（规则覆盖设置）的目录（默认：$CALLSIM_SCENARIOS_DIR 或 scenarios/）",
    )
    parser.add_argument("--summary", action="store_true", help="多个文件时只输出班级汇总")
    parser.add_argument(
        "--all", dest="show_na", action="store_true", help="也列出本通不适用的规则（默认不列）"
    )
    parser.add_argument(
        "--save",
        action="store_true",
        help="同时把成绩存入成绩库（成绩库当时无法连接、或用 callsim play 生成的录音）；"
        "同一通电话重复保存只保留一条；没有有效签名的录音记为未验证，不计入考试",
    )
    parser.add_argument(
        "--class",
        dest="class_name",
        metavar="NAME",
        help="与 --save 一起用：记入这个班级（默认：录音中记录的班级，否则 $CALLSIM_CLASS）",
    )
    parser.set_defaults(handler=run_grade)


def recording_files(paths: Iterable[Path]) -> tuple[list[Path], list[str]]:
    """The files to grade, in order, and an error line for each directory without any."""
    files: list[Path] = []
    errors: list[str] = []
    for path in paths:
        if path.is_dir():
            found = _jsonl_under(path, errors)
            if not found:
                errors.append(str(UserError("目录中没有 .jsonl 录音文件", path=path)))
            files.extend(found)
        else:
            files.append(path)
    return files, errors


def _jsonl_under(root: Path, errors: list[str]) -> list[Path]:
    """Every `*.jsonl` file under `root`, sorted. A folder that cannot be read is one
    error line; one that disappears while being searched (a cleanup running in the
    recordings folder) is simply no longer there."""

    def unreadable(exc: OSError) -> None:
        if not isinstance(exc, FileNotFoundError):
            reason = exc.strerror or type(exc).__name__
            errors.append(str(UserError(f"无法读取目录：{reason}", path=exc.filename)))

    found = [
        Path(folder) / name
        for folder, _dirs, names in os.walk(root, onerror=unreadable)
        for name in names
        if name.endswith(".jsonl")
    ]
    return sorted(p for p in found if p.is_file())


def _progress_bar(
    total: int, label: str = "评分中"
) -> tuple[Callable[[], None] | None, Callable[[], None]]:
    """A rich progress bar on stderr: (advance, close)."""
    from rich.console import Console
    from rich.progress import Progress

    bar = Progress(console=Console(stderr=True), transient=True)
    task = bar.add_task(label, total=total)
    bar.start()
    return (lambda: bar.advance(task)), bar.stop


def run_grade(args: argparse.Namespace, settings: Settings) -> int:
    if args.class_name is not None and not args.save:
        raise UserError(
            "--class 只和 --save 一起使用", hint="例如 callsim grade --save --class 一班 DIR"
        )
    files, errors = recording_files(args.paths)
    # The trainer's folder (when set) over the shipped library, unless one is named.
    scenario_dir = [args.scenario_dir] if args.scenario_dir else locations.scenario_dirs()
    with collector.paused():  # long-lived: see simulator.cli.collector
        matcher = default_matcher()  # a bad catalog stops here, before any file
    advance, close = None, None
    if len(files) >= PROGRESS_MIN_FILES and sys.stderr.isatty():
        advance, close = _progress_bar(len(files))
    try:
        batch = grade_paths(
            files, scenario_dir, matcher=matcher, progress=advance, keep_recordings=args.save
        )
    finally:
        if close is not None:
            close()
    grades = batch.grades
    errors.extend(batch.errors)
    single = len(args.paths) == 1 and not args.paths[0].is_dir()
    if args.json:
        _print_json(grades, single=single)
    else:
        _print_tables(grades, summary_only=args.summary, show_na=args.show_na)
    for warning in batch.warnings:
        print(f"callsim: 警告: {warning}", file=sys.stderr)
    for error in errors:
        print(f"callsim: {error}", file=sys.stderr)
    if args.save and grades:
        # The recordings as graded: the stored row must describe the content scored.
        errors.extend(_save(grades, args.class_name, batch.recordings))
    return 2 if errors else 0


def _save(grades: list[Grade], class_name: str | None, recordings: list[Recording]) -> list[str]:
    """Store the grades; the error line of each file the database refused.

    An unreachable (or in-memory) database stops here with one line (exit 2).
    """
    from simulator.store import open_store
    from simulator.store.backfill import save_grades

    store = open_store()
    store.require_durable()
    advance, close = None, None
    if len(grades) >= PROGRESS_MIN_FILES and sys.stderr.isatty():
        advance, close = _progress_bar(len(grades), "保存中")
    try:
        saved = save_grades(
            grades, store, class_name=class_name, progress=advance, recordings=recordings
        )
    finally:
        if close is not None:
            close()
    for error in saved.errors:
        print(f"callsim: {error}", file=sys.stderr)
    for line in saved.unverified[:UNVERIFIED_SHOWN]:
        print(f"callsim: 警告: {line}", file=sys.stderr)
    if len(saved.unverified) > UNVERIFIED_SHOWN:
        more = len(saved.unverified) - UNVERIFIED_SHOWN
        print(f"callsim: 警告: 另有 {more} 通录音未验证（签名缺失或不符）", file=sys.stderr)
    unverified = f"，其中 {len(saved.unverified)} 通未验证" if saved.unverified else ""
    print(
        f"callsim: 已将 {saved.count} 通电话的成绩存入成绩库（{store.display_url}）{unverified}",
        file=sys.stderr,
    )
    return saved.errors


def _print_json(grades: list[Grade], *, single: bool) -> None:
    if single:
        if grades:
            print(json.dumps(grades[0].to_json(), ensure_ascii=False, indent=2))
        return
    print(json.dumps([g.to_json() for g in grades], ensure_ascii=False, indent=2))


def _print_tables(grades: list[Grade], *, summary_only: bool, show_na: bool = False) -> None:
    from rich.console import Console

    from simulator.grading.render import call_table, summary_table
    from simulator.grading.summary import summarize

    console = Console()
    if not summary_only or len(grades) == 1:
        for result in grades:
            console.print(call_table(result, show_na=show_na))
    if len(grades) > 1:
        console.print(summary_table(summarize(grades)))
