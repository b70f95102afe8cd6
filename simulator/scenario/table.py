"""The scenario library as a Markdown table, generated from the scenario files.

`python -m simulator.scenario.table` prints one row per scenario (title, persona,
difficulty, what it trains), grouped like the scenario picker: the core personas first,
in the order a new hire meets them, then the situations by persona, each by difficulty.
`--rules` prints the situation rules of the library instead (id, title, persona, source).
The README's tables are this output; regenerate them after adding a scenario or a rule.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from simulator import locations
from simulator.scenario.loader import load_scenarios
from simulator.scenario.models import PERSONA_TITLES, Scenario
from simulator.scenario.rule_index import RULES as RULE_INDEX

CORE_ORDER = ("standard", "angry", "silent", "offtopic", "media")
"""The picker's order for the core personas; the others follow by persona id."""


def persona_order(persona: str) -> tuple[int, int, str]:
    core = persona in CORE_ORDER
    return (0 if core else 1, CORE_ORDER.index(persona) if core else 0, persona)


def stars(level: int) -> str:
    return "★" * level + "☆" * (3 - level)


def _cell(text: str) -> str:
    """Text made safe for one Markdown table cell."""
    return " ".join(text.split()).replace("|", "\\|")


def scenario_table(scenarios: Iterable[Scenario]) -> str:
    """The Markdown table of `scenarios`, in picker order."""
    ordered = sorted(scenarios, key=lambda s: (persona_order(s.persona), s.difficulty, s.id))
    rows = [
        "| 场景 | 角色 | 难度 | 训练要点 |",
        "|---|---|---|---|",
    ]
    for s in ordered:
        persona = PERSONA_TITLES.get(s.persona, s.persona)
        trains = s.trains or s.description
        rows.append(
            f"| {_cell(s.title)}（`{s.id}`） | {_cell(persona)}（`{s.persona}`） "
            f"| {stars(s.difficulty)} | {_cell(trains)} |"
        )
    return "\n".join(rows) + "\n"


def rules_table() -> str:
    """The Markdown table of the library's situation rules: the rules of personas beyond
    the core ones (`CORE_ORDER`), in catalog order."""
    rows = ["| 规则 | 名称 | 适用角色 | 出处 |", "|---|---|---|---|"]
    for rule_id, spec in RULE_INDEX.items():
        if not spec.personas or set(spec.personas) & set(CORE_ORDER):
            continue
        personas = "、".join(f"`{p}`" for p in spec.personas)
        rows.append(f"| `{rule_id}` | {_cell(spec.title)} | {personas} | {_cell(spec.source)} |")
    return "\n".join(rows) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m simulator.scenario.table",
        description="把场景目录生成 Markdown 表格（README 用）。",
    )
    parser.add_argument(
        "directory", nargs="?", type=Path, default=None, help="场景目录（默认：scenarios/）"
    )
    parser.add_argument("--rules", action="store_true", help="改为列出场景库的特殊情形规则")
    args = parser.parse_args(argv)
    if args.rules:
        sys.stdout.write(rules_table())
        return 0
    directory = args.directory if args.directory is not None else locations.scenarios_dir()
    scenarios, problems = load_scenarios(directory)
    for problem in problems:
        print(problem, file=sys.stderr)
    sys.stdout.write(scenario_table(scenarios))
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
