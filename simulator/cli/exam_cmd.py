"""`callsim exam FILE --trainee NAME`: the exam plan and the attempts left."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "exam",
        help="查看考试安排和剩余次数",
        description="显示考试文件（scenarios/exams/*.yaml）对某位学员的安排：场景顺序、"
        "已用和剩余的考试次数、各次成绩。考试在应用中进行（场景列表中按 e，"
        "或 callsim run --exam FILE），不显示提示。",
    )
    parser.add_argument("file", type=Path, metavar="FILE", help="考试文件（YAML）")
    parser.add_argument("--trainee", required=True, metavar="NAME", help="学员姓名")
    parser.add_argument("--class", dest="class_name", metavar="NAME", help="班级（记录成绩用）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.errors import UserError
    from simulator.exams.loader import load_exam
    from simulator.exams.plan import plan_text
    from simulator.exams.session import ExamSession

    if not args.trainee.strip():
        raise UserError("--trainee 不能为空", hint="例如 --trainee 李明")
    exam = load_exam(args.file)
    session = ExamSession(exam, args.trainee.strip(), class_name=args.class_name)
    sys.stdout.write(plan_text(session))
    return 0
