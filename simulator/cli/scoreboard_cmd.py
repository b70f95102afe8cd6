"""`callsim scoreboard`: the live class scoreboard, full screen, for a projector."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.settings import Settings

PSEUDONYM_KEY_ENV = "CALLSIM_PSEUDONYM_KEY"
MAX_REFRESH_SECONDS = 2.0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "scoreboard",
        help="全屏实时成绩榜（投影用）",
        description="全屏实时成绩榜：班级平均分、通过率、排行榜、荣誉榜、当前最弱规则；"
        "每 2 秒自动刷新，数据库暂时无法连接时显示“过期”并自动重试。"
        "按 L 观看课堂演示：学员开启演示的通话逐句实时显示，可固定后逐步讲解。",
    )
    add_board_arguments(parser)
    parser.set_defaults(handler=run)


def add_board_arguments(parser: argparse.ArgumentParser) -> None:
    """The options shared by `scoreboard` and `serve scoreboard`."""
    parser.add_argument("--class", dest="class_name", metavar="NAME", help="只看这个班级")
    parser.add_argument(
        "--since",
        metavar="WHEN",
        help="只看这之后的通话：2h、30m、7d、today、2026-11-20、2026-11-20T09:00",
    )
    parser.add_argument(
        "--mode",
        choices=("practice", "exam", "all"),
        default="practice",
        help="练习、考试或全部（默认：practice）",
    )
    parser.add_argument(
        "--rank-by",
        choices=("best", "average"),
        default="best",
        help="按最高分或平均分排名（默认：best）",
    )
    parser.add_argument("--top", type=int, default=15, metavar="N", help="排行榜显示前 N 名")
    parser.add_argument("--pseudonyms", action="store_true", help="化名模式：不显示真实姓名和工号")
    parser.add_argument(
        "--pseudonym-key",
        metavar="KEY",
        default=None,
        help=f"化名密钥：同一密钥得到同样的化名（默认每次随机；也可用 ${PSEUDONYM_KEY_ENV}）",
    )
    parser.add_argument(
        "--live",
        action="store_true",
        help="打开即显示课堂演示：正在演示的通话（学员接听前按 F6 开启）；按 Esc 回到成绩榜",
    )
    parser.add_argument(
        "--refresh",
        type=float,
        default=MAX_REFRESH_SECONDS,
        metavar="SECONDS",
        help="刷新间隔秒数（0.2–2，默认 2）",
    )


def board_argv(args: argparse.Namespace) -> list[str]:
    """The command-line options that rebuild the same board (for `serve`)."""
    argv = ["--mode", args.mode, "--rank-by", args.rank_by, "--top", str(args.top)]
    argv += ["--refresh", str(args.refresh)]
    if args.class_name:
        argv += ["--class", args.class_name]
    if args.since:
        argv += ["--since", args.since]
    if args.pseudonyms:
        argv.append("--pseudonyms")
    if args.live:
        argv.append("--live")
    return argv


def run(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.errors import UserError
    from simulator.scoreboard.launch import board_app
    from simulator.store.filters import ResultFilter, parse_since

    if not 0.2 <= args.refresh <= MAX_REFRESH_SECONDS:
        raise UserError("--refresh 必须在 0.2 到 2 秒之间", hint="例如 --refresh 1")
    if args.top < 1:
        raise UserError("--top 必须至少为 1")
    filters = ResultFilter(
        class_name=args.class_name, mode=args.mode, since=parse_since(args.since)
    )
    app = board_app(
        filters,
        rank_by=args.rank_by,
        top=args.top,
        pseudonyms=args.pseudonyms,
        pseudonym_key=args.pseudonym_key or settings.pseudonym_key,
        refresh_every=args.refresh,
        live_first=args.live,
    )
    app.run()
    return 0
