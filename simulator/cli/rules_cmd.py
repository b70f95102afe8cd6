"""`callsim rules [ID]`: the rule reference, generated from the rule registry.

Without an id: every rule on one line. With an id: its title, what it checks, why, the
standard wording, a failing example from the shipped bad examples, and the fix.
`--markdown` prints docs/rules.md, `--sources` the rule index of docs/standards.md.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from typing import TYPE_CHECKING, Any

from simulator.errors import UserError

if TYPE_CHECKING:
    from simulator.settings import Settings


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "rules",
        help="查看评分规则：检查什么、依据、标准用语、反例和改正方法",
        description=(
            "查看评分规则。不带规则 id 时列出全部规则；带 id 时显示该规则的详细说明和一个真实反例。"
        ),
    )
    parser.add_argument(
        "rule_id", nargs="?", default=None, metavar="ID", help="规则 id，例如 complaint.record"
    )
    parser.add_argument(
        "--markdown", action="store_true", help="输出全部规则的 Markdown 说明（即 docs/rules.md）"
    )
    parser.add_argument(
        "--sources",
        action="store_true",
        help="输出全部规则及其规范出处的 Markdown 表格（docs/standards.md 的规则索引）",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.cli.rule_examples import failing_examples
    from simulator.grading.catalog import REGISTERED
    from simulator.grading.reference import (
        rule_text,
        rules_list,
        rules_markdown,
        sources_markdown,
    )

    if args.sources:
        sys.stdout.write(sources_markdown())
        return 0
    if args.markdown:
        examples = failing_examples({r.spec.id for r in REGISTERED})
        sys.stdout.write(rules_markdown(examples))
        return 0
    if args.rule_id is None:
        sys.stdout.write(rules_list())
        return 0
    by_id = {r.spec.id: r for r in REGISTERED}
    chosen = by_id.get(args.rule_id)
    if chosen is None:
        close = difflib.get_close_matches(args.rule_id, list(by_id), n=1)
        hint = f"；是不是 {close[0]}？" if close else "；用 callsim rules 查看全部规则 id"
        raise UserError(f"没有规则 {args.rule_id!r}{hint}")
    example = failing_examples({chosen.spec.id}).get(chosen.spec.id)
    sys.stdout.write(rule_text(chosen, example))
    return 0
