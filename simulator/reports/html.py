"""The trainer's HTML report: one self-contained file (inline CSS and SVG, no scripts,
nothing fetched from elsewhere), so it opens offline and can be mailed around."""

from __future__ import annotations

from datetime import tzinfo
from html import escape
from pathlib import Path

from simulator.reports.data import CallRow, Report, RuleSummary, Stats, TraineeSummary
from simulator.reports.names import rule_title, scenario_title
from simulator.reports.svg import Bar, Point, bar_chart, score_chart
from simulator.reports.table import MODE_NAMES, percent, signed

STYLE = """
body { font-family: 'Noto Sans CJK SC', 'WenQuanYi Zen Hei', 'Microsoft YaHei', sans-serif;
       margin: 24px auto; max-width: 1100px; color: #222; }
h1 { font-size: 22px; } h2 { font-size: 18px; margin-top: 32px; border-bottom: 1px solid #ccc; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border: 1px solid #ddd; padding: 4px 6px; text-align: left; }
th { background: #f3f3f3; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.fail { color: #c62828; font-weight: bold; } .pass { color: #2e7d32; }
.exam { background: #f3e5f5; } .muted { color: #777; }
.figures { display: flex; gap: 16px; } .figure { border: 1px solid #ccc; padding: 8px 16px; }
.figure b { display: block; font-size: 28px; }
"""


def render_html(report: Report, *, tz: tzinfo | None = None) -> str:
    title = f"话务培训报告 · {report.filters.describe()}"
    generated = report.generated_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="muted">生成于 {generated} · 共 {report.overall.calls} 通电话，'
        f"{len(report.trainees)} 名学员</p>",
        _figures(report),
        "<h2>成绩走势</h2>",
        score_chart(_points(report.calls), tz=tz),
        "<h2>全班最常失分的规则</h2>",
        bar_chart(_bars(report.rules)),
        _rule_table(report.rules),
        "<h2>学员</h2>",
        _trainee_table(report.trainees),
        "<h2>学员 × 规则失败率</h2>",
        _matrix(report),
        "<h2>通话明细</h2>",
        _calls_table(report.calls, tz),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body>"
        + "\n".join(body)
        + "</body></html>\n"
    )


def _figures(report: Report) -> str:
    def figure(label: str, value: str) -> str:
        return f'<div class="figure">{escape(label)}<b>{escape(value)}</b></div>'

    practice, exam = report.practice, report.exam
    cells = [
        figure("练习平均分", _avg(practice)),
        figure("练习通过率", percent(practice.pass_rate)),
        figure("练习通话", str(practice.calls)),
        figure("考试平均分", _avg(exam)),
        figure("考试通过率", percent(exam.pass_rate)),
        figure("考试通话", str(exam.calls)),
    ]
    return f'<div class="figures">{"".join(cells)}</div>'


def _avg(stats: Stats) -> str:
    return f"{stats.average:.1f}" if stats.average is not None else "—"


def _points(calls: tuple[CallRow, ...]) -> list[Point]:
    return [
        Point(
            c.finished_at,
            c.score,
            c.passed,
            c.mode == "exam",
            f"{c.trainee} {scenario_title(c.scenario)}",
        )
        for c in calls
    ]


def _bars(rules: tuple[RuleSummary, ...]) -> list[Bar]:
    return [
        Bar(f"{r.title}（{r.rule_id}）", r.rate, f"{r.fails}/{r.applicable} 次失败")
        for r in rules
        if r.fails
    ]


def _rule_table(rules: tuple[RuleSummary, ...]) -> str:
    rows = "".join(
        f"<tr><td>{escape(r.title)}</td><td><code>{escape(r.rule_id)}</code></td>"
        f"<td>{escape(r.stage)}</td><td class='num'>{r.applicable}</td>"
        f"<td class='num'>{r.fails}</td><td class='num'>{percent(r.rate)}</td></tr>"
        for r in rules
    )
    return (
        "<table><tr><th>规则</th><th>编号</th><th>环节</th><th>检查次数</th><th>失败</th>"
        f"<th>失败率</th></tr>{rows}</table>"
    )


def _trainee_table(trainees: tuple[TraineeSummary, ...]) -> str:
    rows = []
    for t in trainees:
        weakest = t.weakest
        rows.append(
            f"<tr><td>{escape(t.trainee)}</td><td>{escape(t.agent_id)}</td>"
            f"<td class='num'>{t.practice.calls}</td><td class='num'>{_avg(t.practice)}</td>"
            f"<td class='num'>{t.practice.best if t.practice.best is not None else '—'}</td>"
            f"<td class='num'>{percent(t.practice.pass_rate)}</td>"
            f"<td class='num'>{signed(t.trend)}</td>"
            f"<td class='num exam'>{t.exam.calls}</td><td class='num exam'>{_avg(t.exam)}</td>"
            f"<td class='num exam'>{percent(t.exam.pass_rate)}</td>"
            f"<td>{escape(weakest.title) + f'（{percent(weakest.rate)}）' if weakest else '—'}"
            "</td></tr>"
        )
    return (
        "<table><tr><th>学员</th><th>工号</th><th>练习通话</th><th>平均分</th><th>最高分</th>"
        "<th>通过率</th><th>趋势</th><th class='exam'>考试通话</th><th class='exam'>考试平均</th>"
        "<th class='exam'>考试通过率</th><th>最弱规则</th></tr>"
        f"{''.join(rows)}</table>"
        '<p class="muted">趋势：最近 5 通练习的平均分减去最初 5 通（至少 4 通练习才计算）。</p>'
    )


def _matrix(report: Report) -> str:
    rules = [r for r in report.rules if r.fails] or list(report.rules[:8])
    if not rules or not report.trainees:
        return '<p class="muted">暂无数据</p>'
    head = "".join(f"<th title='{escape(r.rule_id)}'>{escape(r.title)}</th>" for r in rules)
    rows = []
    for t in report.trainees:
        own = {r.rule_id: r for r in t.rules}
        cells = []
        for rule in rules:
            mine = own.get(rule.rule_id)
            if mine is None or not mine.applicable:
                cells.append("<td class='num muted'>—</td>")
            else:
                css = "fail" if mine.rate >= 0.3 else "pass" if mine.fails == 0 else ""
                cells.append(
                    f"<td class='num {css}' title='{mine.fails}/{mine.applicable}'>"
                    f"{percent(mine.rate)}</td>"
                )
        rows.append(f"<tr><td>{escape(t.trainee)}</td>{''.join(cells)}</tr>")
    return f"<table><tr><th>学员</th>{head}</tr>{''.join(rows)}</table>"


def _calls_table(calls: tuple[CallRow, ...], tz: tzinfo | None) -> str:
    rows = []
    for c in reversed(calls):
        link = _recording_link(c.recording_path)
        fails = "、".join(rule_title(r) for r, s in c.statuses.items() if s == "fail")
        css = " class='exam'" if c.mode == "exam" else ""
        rows.append(
            f"<tr{css}><td>{c.finished_at.astimezone(tz).strftime('%Y-%m-%d %H:%M')}</td>"
            f"<td>{escape(c.trainee)}</td><td>{escape(MODE_NAMES.get(c.mode, c.mode))}</td>"
            f"<td title='{escape(c.scenario)}'>{escape(scenario_title(c.scenario))}</td>"
            f"<td class='num'>{c.score}</td>"
            f"<td class='{'pass' if c.passed else 'fail'}'>{_verdict(c)}</td>"
            f"<td>{escape(fails) or '—'}</td><td>{link}</td></tr>"
        )
    return (
        "<table><tr><th>时间</th><th>学员</th><th>模式</th><th>场景</th><th>得分</th>"
        f"<th>结果</th><th>失分规则</th><th>录音</th></tr>{''.join(rows)}</table>"
    )


def _recording_link(path: str) -> str:
    if not path:
        return "—"
    target = Path(path)
    href = target.as_uri() if target.is_absolute() else target.as_posix()
    return f'<a href="{escape(href)}">{escape(target.name)}</a>'


def _verdict(call: CallRow) -> str:
    """通过 / 未通过, and 未验证 for a call stored from an unsigned or altered recording."""
    verdict = "通过" if call.passed else "未通过"
    return f"{verdict}（未验证）" if call.verified is False else verdict
