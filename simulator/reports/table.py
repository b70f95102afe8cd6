"""The report as text tables for the terminal (`--format table`), and as CSV."""

from __future__ import annotations

import csv
import io
from datetime import tzinfo

from rich.console import Console
from rich.table import Table

from simulator.grading.catalog import RULES
from simulator.reports.data import Report
from simulator.reports.names import scenario_title

MODE_NAMES = {"practice": "练习", "exam": "考试", "selftest": "自测"}
SPARKS = "▁▂▃▄▅▆▇█"
RECENT_FAILED = 10


def percent(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else "—"


def average(value: float | None) -> str:
    return f"{value:.1f}" if value is not None else "—"


def signed(value: float | None) -> str:
    return f"{value:+.1f}" if value is not None else "—"


def sparkline(scores: tuple[int, ...], limit: int = 20) -> str:
    recent = scores[-limit:]
    return "".join(SPARKS[min(len(SPARKS) - 1, max(0, s) * len(SPARKS) // 101)] for s in recent)


def render_table(report: Report, *, width: int = 120, tz: tzinfo | None = None) -> str:
    """Summary, trainees, rules the class fails most, as plain text tables."""
    console = Console(width=width, record=True, file=io.StringIO(), color_system=None)
    console.print(f"[bold]话务培训报告 · {report.filters.describe()}[/bold]")
    p, e = report.practice, report.exam
    console.print(
        f"练习 {p.calls} 通，平均 {average(p.average)}，通过率 {percent(p.pass_rate)}；"
        f"考试 {e.calls} 通，平均 {average(e.average)}，通过率 {percent(e.pass_rate)}"
    )
    trainees = Table(title="学员", title_justify="left")
    for column in ("学员", "工号", "练习", "平均", "最高", "通过率", "趋势", "考试", "考试平均"):
        trainees.add_column(column, justify="left" if column in ("学员", "工号") else "right")
    trainees.add_column("最近成绩")
    trainees.add_column("最弱规则")
    for t in report.trainees:
        weak = t.weakest
        trainees.add_row(
            t.trainee,
            t.agent_id,
            str(t.practice.calls),
            average(t.practice.average),
            str(t.practice.best) if t.practice.best is not None else "—",
            percent(t.practice.pass_rate),
            signed(t.trend),
            str(t.exam.calls),
            average(t.exam.average),
            sparkline(t.scores),
            f"{weak.title} {percent(weak.rate)}" if weak else "—",
        )
    console.print(trainees)
    rules = Table(title="全班最常失分的规则", title_justify="left")
    for column in ("规则", "编号", "环节", "检查", "失败", "失败率"):
        rules.add_column(
            column, justify="right" if column in ("检查", "失败", "失败率") else "left"
        )
    for r in report.rules:
        rules.add_row(r.title, r.rule_id, r.stage, str(r.applicable), str(r.fails), percent(r.rate))
    console.print(rules)
    failed = [c for c in reversed(report.calls) if not c.passed][:RECENT_FAILED]
    if failed:
        recent = Table(title=f"最近未通过的通话（最多 {RECENT_FAILED} 通）", title_justify="left")
        for column in ("时间", "学员", "模式", "场景", "得分", "录音"):
            recent.add_column(column, justify="right" if column == "得分" else "left")
        for c in failed:
            recent.add_row(
                c.finished_at.astimezone(tz).strftime("%m-%d %H:%M"),
                c.trainee,
                MODE_NAMES.get(c.mode, c.mode),
                scenario_title(c.scenario),
                str(c.score),
                c.recording_path or "—",
            )
        console.print(recent)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()) + "\n"


CSV_FIELDS = (
    "finished_at",
    "trainee",
    "agent_id",
    "class",
    "scenario",
    "persona",
    "mode",
    "input",
    "score",
    "passed",
    "exam_id",
    "exam_attempt",
    "recording",
)


def _cell(value: object) -> object:
    """Text that a spreadsheet would run as a formula is prefixed with a quote."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def render_csv(report: Report, *, tz: tzinfo | None = None) -> str:
    """One row per call, one column per rule (pass/fail/na), oldest first."""
    rule_ids = [spec.id for spec in RULES]
    extra = sorted({r for c in report.calls for r in c.statuses} - set(rule_ids))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*CSV_FIELDS, *rule_ids, *extra])
    for c in report.calls:
        writer.writerow(
            _cell(value)
            for value in [
                c.finished_at.astimezone(tz).isoformat(timespec="seconds"),
                c.trainee,
                c.agent_id,
                c.class_name,
                c.scenario,
                c.persona,
                c.mode,
                c.input,
                c.score,
                "yes" if c.passed else "no",
                c.exam_id or "",
                c.exam_attempt or "",
                c.recording_path,
                *(c.statuses.get(r, "") for r in [*rule_ids, *extra]),
            ]
        )
    return out.getvalue()
