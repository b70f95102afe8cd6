"""Grades as rich renderables for the terminal: one table per call, a class summary."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from simulator.grading.catalog import STAGE_TITLES
from simulator.grading.model import Grade, RuleResult
from simulator.grading.summary import ClassSummary

MARKS = {"pass": ("✓", "green"), "fail": ("✗", "bold red"), "na": ("—", "dim")}
STATUS_WORDS = {"pass": "通过", "fail": "未通过", "na": "不适用"}


def verdict(grade: Grade) -> Text:
    """`85 分 · 通过` (green) or `62 分 · 未通过` (red), with the reason when critical
    or when the call was not finished (never answered, no hang-up recorded)."""
    critical = [r for r in grade.rules if r.critical and r.status == "fail"]
    words = "通过" if grade.passed else "未通过"
    text = Text(f"{grade.score} 分（及格 {grade.pass_mark}）· {words}")
    text.stylize("bold green" if grade.passed else "bold red")
    if critical:
        text.append(f"  严重违规：{'、'.join(r.title or r.id for r in critical)}", style="red")
    if grade.unfinished:
        text.append(f"  {grade.unfinished}", style="red")
    if not grade.complete:
        cut = "（按已有内容评分）" if grade.unfinished else "  录音不完整，按已有内容评分"
        text.append(cut, style="yellow")
    return text


def _detail(result: RuleResult) -> Text:
    text = Text(result.message)
    if result.status != "fail":
        if result.evidence:
            text.append(f"\n{result.evidence}", style="dim")
        return text
    if result.evidence:
        text.append("\n原话/情况：", style="bold")
        text.append(result.evidence)
    if result.standard:
        text.append("\n规范用语：", style="bold")
        text.append(result.standard, style="green")
    if result.fix:
        text.append("\n改进：", style="bold")
        text.append(result.fix, style="cyan")
    if result.source:
        text.append(f"\n出处：{result.source}", style="dim")
    return text


def call_table(grade: Grade, *, show_na: bool = True) -> RenderableType:
    """The rules of one call, grouped by stage, fails explained; `show_na=False` leaves out
    the rules that do not apply to this call and counts them under the table."""
    title = " · ".join(
        part for part in (grade.trainee, grade.scenario, grade.call_id or grade.recording) if part
    )
    table = Table(title=title or "通话评分", show_lines=False, expand=False)
    table.add_column("", width=2, no_wrap=True)
    table.add_column("规则", no_wrap=True)
    table.add_column("时间", justify="right", no_wrap=True)
    table.add_column("说明", overflow="fold")
    for stage, stage_title in STAGE_TITLES.items():
        rows = [r for r in grade.rules if r.stage == stage and (show_na or r.status != "na")]
        if not rows:
            continue
        table.add_row("", Text(stage_title, style="bold underline"), "", "")
        for result in rows:
            mark, style = MARKS[result.status]
            name = Text(result.title or result.id)
            name.append(f"\n{result.id}", style="dim")
            at = f"{result.at:.1f}s" if result.at is not None and result.status == "fail" else ""
            table.add_row(Text(mark, style=style), name, at, _detail(result))
    hidden = 0 if show_na else sum(1 for r in grade.rules if r.status == "na")
    if hidden:
        note = Text(f"另有 {hidden} 条规则本通不适用，未列出（加 --all 显示）", style="dim")
        return Group(table, note, verdict(grade), Text(""))
    return Group(table, verdict(grade), Text(""))


def summary_table(summary: ClassSummary, *, weakest: int = 5) -> RenderableType:
    """Class figures, per-rule fail rates, and the weakest rules."""
    head = Text(
        f"共 {summary.calls} 通 · 通过 {summary.passed} 通"
        f"（{_percent(summary.passed, summary.calls)}）· 平均 {summary.mean_score:.1f} 分"
    )
    if summary.incomplete:
        head.append(f" · 不完整 {summary.incomplete} 通", style="yellow")
    rates = Table(title="各规则未通过率", expand=False)
    rates.add_column("规则", no_wrap=True)
    rates.add_column("适用", justify="right")
    rates.add_column("未通过", justify="right")
    rates.add_column("比例", justify="right")
    for stats in summary.rules:
        style = "red" if stats.rate >= 0.5 else "yellow" if stats.fails else ""
        rates.add_row(
            f"{stats.title} ({stats.rule_id})",
            str(stats.applicable),
            str(stats.fails),
            Text(_percent(stats.fails, stats.applicable), style=style),
        )
    weak = summary.weakest(weakest)
    lines = Text("最需要加强：", style="bold")
    if not weak:
        lines.append("无（所有适用规则均通过）", style="green")
    for i, stats in enumerate(weak, start=1):
        lines.append(
            f"\n  {i}. {stats.title}（{stats.rule_id}）未通过 "
            f"{_percent(stats.fails, stats.applicable)}"
        )
    return Group(Text("班级汇总", style="bold"), head, rates, lines)


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "—"
