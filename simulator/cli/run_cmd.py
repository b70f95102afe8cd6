"""`callsim run` (and `callsim` with no subcommand): open the training app."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "run",
        help="打开培训应用（默认）",
        description="打开话务员培训应用：登录、选择场景、接听来电、查看评分与回放。",
    )
    parser.add_argument(
        "--scenarios",
        type=Path,
        default=None,
        metavar="DIR",
        help="培训师自己的场景文件夹，叠加在内置场景库之上（默认：$CALLSIM_SCENARIOS_DIR）",
    )
    parser.add_argument("--scenario", default=None, metavar="ID", help="在场景列表中预先选中此场景")
    parser.add_argument(
        "--exam",
        type=Path,
        default=None,
        metavar="FILE",
        help="登录后直接打开这场考试（考试文件，如 scenarios/exams/basic-certification.yaml）",
    )
    parser.add_argument(
        "--mic-file",
        type=Path,
        default=None,
        metavar="WAV",
        help="用 WAV 文件代替麦克风（语音输入的演示与测试）",
    )
    parser.set_defaults(handler=open_app)


def open_app(args: argparse.Namespace, settings: Settings) -> int:
    """Run the Textual app until the trainee quits; the exit code is 0."""
    from simulator import locations
    from simulator.errors import UserError
    from simulator.settings import using
    from simulator.tui.app import make_app

    mic_file: Path | None = getattr(args, "mic_file", None)
    if mic_file is not None and not mic_file.is_file():
        raise UserError("找不到这个 WAV 文件", path=mic_file, hint="--mic-file 需要一个 WAV 文件")
    scenarios: Path | None = getattr(args, "scenarios", None)
    if scenarios is not None and not scenarios.is_dir():
        raise UserError("场景文件夹不存在", path=scenarios, hint="用 --scenarios 指定一个文件夹")
    exam_file: Path | None = getattr(args, "exam", None)
    if exam_file is not None:
        from simulator.exams.loader import load_exam

        # Every mistake in the file now, as file:line, rather than a notice in the app.
        trainer = scenarios or settings.scenarios_dir
        load_exam(exam_file, scenario_dirs=locations.layered(trainer))
    # The virtual microphone is a setting the voice input reads (as from $CALLSIM_MIC_FILE).
    if mic_file is not None:
        settings = settings.model_copy(update={"mic_file": mic_file})
    app = make_app(
        settings=settings,
        scenarios=scenarios,
        scenario_id=getattr(args, "scenario", None),
        exam_file=exam_file,
    )
    # The voice layer reads the microphone from the settings in force (`current()`).
    with using(settings):
        app.run()
    return int(app.return_code or 0)
