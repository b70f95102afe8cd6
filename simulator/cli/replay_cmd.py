"""`callsim replay FILE`: replay one recording in the app, with its audio and fail marks."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "replay",
        help="回放一通录音（有声、标出失分）",
        description="在应用中回放一通录音：按原来的节奏显示双方的话，保存了录音时同步播放"
        "双方的声音（没有音频设备时只显示文字），在文字记录和时间线上标出失分的话，"
        "按 f 跳到下一处失分并显示原因。",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="录音文件（.jsonl）")
    parser.add_argument(
        "--scenario-dir",
        type=Path,
        default=None,
        metavar="DIR",
        help="查找场景文件的目录，叠加在内置场景库之上"
        "（默认：--scenarios / $CALLSIM_SCENARIOS_DIR 叠加内置场景库）",
    )
    parser.add_argument("--no-sound", action="store_true", help="只显示文字，不播放录音")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from simulator import locations
    from simulator.grading import grade
    from simulator.grading.batch import ScenarioLookup
    from simulator.recording import read_recording

    recording = read_recording(args.file)  # a RecordingError is one file:line line, exit 2
    # By id, as `callsim play` finds it: the trainer's folder first, then the shipped library,
    # so a trainee's recording of a shipped scenario is graded by it under a trainer's folder.
    folders = locations.layered(args.scenario_dir) if args.scenario_dir else None
    scenarios = ScenarioLookup(folders or locations.scenario_dirs())
    scenario = scenarios.get(recording.header.scenario)
    for warning in scenarios.warnings:
        print(f"callsim: {warning}", file=sys.stderr)
    result = grade(recording, scenario=scenario)

    from simulator.tui.replay_app import ReplayApp

    app = ReplayApp(recording, result, scenario, sound=not args.no_sound)
    app.run()
    return int(app.return_code or 0)
