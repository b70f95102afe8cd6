"""A trainee's mastery per rule and the next call, as text (`callsim report --trainee`)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from simulator.coaching import Coaching, Recommendation


def mastery_cell(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else "—"


def recent_marks(recent: tuple[bool, ...]) -> str:
    """The latest checks, oldest first: ✔ passed, ✘ failed."""
    return "".join("✔" if ok else "✘" for ok in recent)


def offer_line(recommendation: Recommendation | None) -> str:
    """The report's last line: the scenario to practice next, with its title and why."""
    if recommendation is None:
        return "推荐练习：暂无（场景库中没有练到这些规则的场景）"
    return (
        f"推荐练习：{recommendation.title}（{recommendation.stars}，"
        f"{recommendation.scenario_id}）— {recommendation.reason}"
    )


def render_coaching(coaching: Coaching, *, width: int = 120) -> str:
    """Mastery of every rule met (weakest first), the rules not met yet, the offer last."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    met = sorted(coaching.met, key=lambda m: (m.mastery, m.rule_id))
    table = Table(
        title=f"{coaching.trainee} 的规则掌握度（近期的通话权重更大）", title_justify="left"
    )
    for column in ("规则", "掌握度", "最近", "检查", "失败", "编号"):
        table.add_column(
            column, justify="right" if column in ("掌握度", "检查", "失败") else "left"
        )
    for m in met:
        table.add_row(
            m.title + (" ⚠" if m.weak else ""),
            mastery_cell(m.mastery),
            recent_marks(m.recent),
            str(m.checks),
            str(m.fails),
            m.rule_id,
        )
    if met:
        console.print(table)
    unknown = len(coaching.rules) - len(met)
    if unknown:
        console.print(f"尚未练到的规则 {unknown} 条（掌握度未知）。")
    text = "\n".join(line.rstrip() for line in console.export_text().splitlines())
    return f"{text}\n{offer_line(coaching.recommendation)}\n"
