"""Inline SVG charts drawn in Python: no scripts, no fonts or files from elsewhere.

A report with these charts is one self-contained HTML file that works offline and can
be mailed. Text goes through XML escaping; coordinates are rounded so output is stable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from xml.sax.saxutils import escape, quoteattr

PASS_COLOUR = "#2e7d32"
FAIL_COLOUR = "#c62828"
LINE_COLOUR = "#1565c0"
EXAM_COLOUR = "#6a1b9a"
GRID_COLOUR = "#dddddd"
FONT = "font-family=\"'Noto Sans CJK SC','WenQuanYi Zen Hei','Microsoft YaHei',sans-serif\""


@dataclass(frozen=True)
class Point:
    at: datetime
    score: int
    passed: bool
    exam: bool = False
    label: str = ""


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def score_chart(
    points: Sequence[Point],
    *,
    pass_mark: int = 80,
    window: int = 10,
    width: int = 760,
    height: int = 260,
    tz: tzinfo | None = None,
    title: str = "成绩走势",
) -> str:
    """Scores over time: one dot per call (green pass, red fail, purple ring for exams)
    and a line for the rolling average of the last `window` calls."""
    left, right, top, bottom = 44, 16, 28, 36
    plot_w, plot_h = width - left - right, height - top - bottom
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label={quoteattr(title)} {FONT}>',
        f'<text x="{left}" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for value in (0, 20, 40, 60, 80, 100):
        y = top + plot_h * (1 - value / 100)
        dash = ' stroke-dasharray="4 3"' if value == pass_mark else ""
        parts.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{left + plot_w}" y2="{_n(y)}" '
            f'stroke="{GRID_COLOUR}"{dash}/>'
            f'<text x="{left - 6}" y="{_n(y + 4)}" font-size="11" text-anchor="end">{value}</text>'
        )
    if pass_mark not in (0, 20, 40, 60, 80, 100):
        y = top + plot_h * (1 - pass_mark / 100)
        parts.append(
            f'<line x1="{left}" y1="{_n(y)}" x2="{left + plot_w}" y2="{_n(y)}" '
            f'stroke="{GRID_COLOUR}" stroke-dasharray="4 3"/>'
        )
    if not points:
        parts.append(
            f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" text-anchor="middle" '
            f'font-size="13">暂无数据</text></svg>'
        )
        return "".join(parts)
    ordered = sorted(points, key=lambda p: p.at)
    start, end = ordered[0].at.timestamp(), ordered[-1].at.timestamp()
    span = max(end - start, 1.0)

    def x_of(point: Point) -> float:
        if end == start:
            return left + plot_w / 2
        return left + plot_w * (point.at.timestamp() - start) / span

    def y_of(score: float) -> float:
        return top + plot_h * (1 - max(0.0, min(100.0, score)) / 100)

    averages = []
    for index in range(len(ordered)):
        recent = ordered[max(0, index - window + 1) : index + 1]
        averages.append(sum(p.score for p in recent) / len(recent))
    path = " ".join(
        f"{'M' if i == 0 else 'L'}{_n(x_of(p))},{_n(y_of(a))}"
        for i, (p, a) in enumerate(zip(ordered, averages, strict=True))
    )
    for point in ordered:
        colour = PASS_COLOUR if point.passed else FAIL_COLOUR
        ring = f' stroke="{EXAM_COLOUR}" stroke-width="2"' if point.exam else ""
        tip = f"{point.label} {point.score}分".strip()
        parts.append(
            f'<circle class="call" cx="{_n(x_of(point))}" cy="{_n(y_of(point.score))}" r="3.5" '
            f'fill="{colour}" fill-opacity="0.7"{ring}><title>{escape(tip)}</title></circle>'
        )
    parts.append(
        f'<path class="average" d="{path}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2"/>'
    )
    for moment, anchor, x in (
        (ordered[0].at, "start", left),
        (ordered[-1].at, "end", left + plot_w),
    ):
        label = moment.astimezone(tz).strftime("%m-%d %H:%M")
        parts.append(
            f'<text x="{x}" y="{height - 12}" font-size="11" text-anchor="{anchor}">{label}</text>'
        )
    parts.append(
        f'<text x="{left + plot_w}" y="18" font-size="11" text-anchor="end">'
        f'<tspan fill="{PASS_COLOUR}">● 通过</tspan> <tspan fill="{FAIL_COLOUR}">● 未通过</tspan> '
        f'<tspan fill="{LINE_COLOUR}">— 最近 {window} 通平均</tspan> '
        f'<tspan fill="{EXAM_COLOUR}">◯ 考试</tspan></text></svg>'
    )
    return "".join(parts)


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    """0..1"""
    note: str = ""


def bar_chart(bars: Sequence[Bar], *, width: int = 760, title: str = "各规则失败率") -> str:
    """Horizontal bars, one per rule, longest (most failed) first."""
    row, label_w, top = 24, 260, 30
    height = top + row * max(1, len(bars)) + 12
    plot_w = width - label_w - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label={quoteattr(title)} {FONT}>',
        f'<text x="4" y="18" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    if not bars:
        parts.append(f'<text x="4" y="{top + 16}" font-size="13">暂无数据</text></svg>')
        return "".join(parts)
    for index, bar in enumerate(bars):
        y = top + index * row
        length = plot_w * max(0.0, min(1.0, bar.value))
        colour = FAIL_COLOUR if bar.value >= 0.3 else "#ef6c00" if bar.value >= 0.1 else "#9e9e9e"
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 16}" font-size="12" text-anchor="end">'
            f"{escape(bar.label)}</text>"
            f'<rect class="bar" x="{label_w}" y="{y + 4}" width="{_n(max(length, 1))}" '
            f'height="{row - 8}" fill="{colour}"><title>{escape(bar.note)}</title></rect>'
            f'<text x="{_n(label_w + length + 6)}" y="{y + 16}" font-size="12">'
            f"{bar.value:.0%}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
