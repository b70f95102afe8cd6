"""`callsim report`: results per trainee and per rule, as a table, CSV or mailable HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.settings import Settings

FORMATS = ("table", "csv", "html")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "report",
        help="培训报告（表格、CSV 或 HTML）",
        description="培训报告：每位学员和每条规则的成绩、趋势、全班最常失分的规则、录音链接。"
        "HTML 报告自带图表，不依赖网络，可直接邮件发送。",
    )
    parser.add_argument("--class", dest="class_name", metavar="NAME", help="只看这个班级")
    parser.add_argument("--trainee", metavar="NAME", help="只看这位学员")
    parser.add_argument(
        "--mode",
        choices=("practice", "exam", "all"),
        default="all",
        help="练习、考试或全部（默认 all，练习和考试分列）",
    )
    parser.add_argument("--since", metavar="WHEN", help="只看这之后：7d、today、2026-11-20 …")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="table、csv 或 html（默认按 -o 的扩展名，否则 table）",
    )
    parser.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="写入文件（默认输出到屏幕）"
    )
    parser.set_defaults(handler=run)


def choose_format(requested: str | None, output: Path | None) -> str:
    if requested is not None:
        return requested
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return {"htm": "html", "html": "html", "csv": "csv"}.get(suffix, "table")


def _coaching_text(trainee: str) -> str:
    """Mastery per rule and the recommended next scenario, ending in 「推荐练习」."""
    from simulator import locations
    from simulator.coaching import coach
    from simulator.reports.coaching import render_coaching
    from simulator.scenario.loader import load_scenarios
    from simulator.store.engine import open_store

    folder = locations.scenarios_dir()
    scenarios, _ = load_scenarios(folder)  # broken files are `callsim validate`'s to report
    return render_coaching(coach(open_store(), trainee, scenarios, folder))


def run(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.errors import UserError
    from simulator.reports.data import load_report
    from simulator.reports.html import render_html
    from simulator.reports.table import render_csv, render_table
    from simulator.store.engine import open_store
    from simulator.store.filters import ResultFilter, parse_since

    fmt = choose_format(args.format, args.output)
    filters = ResultFilter(
        class_name=args.class_name,
        trainee=args.trainee,
        mode=args.mode,
        since=parse_since(args.since),
    )
    report = load_report(open_store(), filters)
    if not report.calls:
        print(f"callsim: 没有符合条件的成绩（{filters.describe()}）", file=sys.stderr)
    if fmt == "html":
        text = render_html(report)
    elif fmt == "csv":
        text = render_csv(report)
    else:
        text = render_table(report)
        if args.trainee:
            text += "\n" + _coaching_text(args.trainee)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    # CSV for spreadsheets gets a byte-order mark so Excel reads the Chinese correctly.
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    try:
        args.output.write_text(text, encoding=encoding)
    except OSError as exc:
        raise UserError(f"无法写入报告：{exc.strerror}", path=args.output) from None
    print(f"callsim: 报告已写入 {args.output}", file=sys.stderr)
    return 0
