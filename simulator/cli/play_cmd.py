"""`callsim play`: run a whole call headless from a trainee script, record it, grade it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator import locations
from simulator.errors import UserError

if TYPE_CHECKING:
    from simulator.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "play",
        help="用学员脚本无界面地完成一通电话（录音并评分）",
        description=(
            "按学员脚本（YAML 步骤列表）自动完成一通模拟来电，写入录音并评分。"
            "不加 --fast 时按真实时间进行；加 --fast 时瞬间完成，事件时间相同。"
        ),
    )
    parser.add_argument("scenario", help="场景文件路径，或 scenarios/ 中的场景 id")
    parser.add_argument("--script", required=True, type=Path, help="学员脚本（YAML）")
    parser.add_argument("--fast", action="store_true", help="用模拟时钟瞬间完成")
    parser.add_argument("--json", action="store_true", help="以 JSON 输出评分结果")
    parser.add_argument("--trainee", default="练习学员", help="学员姓名（默认：练习学员）")
    parser.add_argument("--agent-id", default="1024", help="工号（默认：1024）")
    parser.add_argument(
        "--input",
        choices=("keyboard", "voice"),
        default="keyboard",
        help="把回答记为键盘输入或语音（语音规则只对语音生效）",
    )
    parser.add_argument(
        "--mode", choices=("practice", "exam"), default="practice", help="练习或考试（记入录音）"
    )
    parser.set_defaults(handler=run_play)


def resolve_scenario_path(value: str) -> Path:
    """A path to a scenario file, or the id of one in the scenarios folder."""
    path = Path(value)
    if path.suffix in (".yaml", ".yml") or path.exists():
        return path
    from simulator.scenario.loader import find_scenario

    # By id: the trainer's own folder first, then the shipped library.
    candidate = find_scenario(value)
    if candidate is not None:
        return candidate
    raise UserError(
        f"没有找到场景 '{value}'",
        hint=f"给出场景文件路径，或 {locations.scenarios_dir()} 中某个场景的 id",
    )


def run_play(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.clock import FakeClock, MonotonicClock
    from simulator.engine import HeadlessDriver, default_reply_matcher
    from simulator.engine.session import Trainee, start_session
    from simulator.grading import grade
    from simulator.recording import read_recording
    from simulator.scenario.loader import load_scenario, load_trainee_script

    scenario = load_scenario(resolve_scenario_path(args.scenario))
    script = load_trainee_script(args.script)
    clock = FakeClock() if args.fast else MonotonicClock()
    session = start_session(
        scenario,
        Trainee(args.trainee, args.agent_id),
        recordings=locations.recordings_dir(),
        clock=clock,
        matcher=default_reply_matcher(),
        input_kind=args.input,
        mode=args.mode,
    )
    try:
        HeadlessDriver(session.call, script.steps).run()
    finally:
        session.close()
    if session.recorder.failure is not None:  # disk full mid-call: one line, exit 2
        raise UserError(session.recorder.failure)
    result = grade(read_recording(session.path), scenario=scenario)
    if args.json:
        print(json.dumps({**result.to_json(), "recording": str(session.path)}, ensure_ascii=False))
        return 0
    verdict = "通过" if result.passed else "未通过"
    print(f"录音：{session.path}")
    print(f"场景：{scenario.title}")
    print(f"得分：{result.score}（{verdict}）")
    if result.unfinished:
        print(f"  {result.unfinished}")
    for failed in result.failed:
        where = f"{failed.at:.1f}s " if failed.at is not None else ""
        print(f"  ✗ {failed.title or failed.id} {where}{failed.message}")
    return 0
