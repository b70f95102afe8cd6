"""The call drawn across the terminal: rings, answer, who spoke when, holds, silences.

One row per kind of thing, time running left to right, scaled to the widget's width, so
a trainee sees at a glance where the seconds went. Colours carry meaning: a greeting
over the limit or a silence past the dead-air limit is red.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from simulator.recording.events import Event
from simulator.tui.model.timeline_model import CallTimes, Span, call_times

LABEL_CELLS = 6
NICE_STEPS = (1, 2, 5, 10, 15, 20, 30, 60, 120, 300, 600, 1200, 1800)
ROW_LABELS = ("事件", "客户", "坐席", "保持", "静默", "秒")
FAIL_LABEL = "失分"


def render_timeline(
    times: CallTimes,
    width: int,
    *,
    cursor: float | None = None,
    greeting_limit: float = 2.0,
    dead_air_limit: float = 10.0,
    fails: Sequence[float] | None = None,
) -> list[Text]:
    """The timeline rows as rich Text, each exactly `width` cells (at least 20).

    With `fails` (a replay of a graded call) a row marks each failed rule's time with ✘.
    """
    width = max(20, width)
    plot = width - LABEL_CELLS
    scale = (plot - 1) / times.total

    def col(t: float) -> int:
        return min(plot - 1, max(0, int(t * scale + 0.5)))

    def bars(spans: Sequence[Span], char: str, style: str) -> list[tuple[str, str]]:
        cells = [(" ", "")] * plot
        for span in spans:
            for c in range(col(span.start), max(col(span.start), col(span.end)) + 1):
                cells[c] = (char, style)
        return cells

    events = [(" ", "")] * plot
    if times.greeting is not None:
        late = times.greeting.length > greeting_limit
        for c in range(col(times.greeting.start), col(times.greeting.end) + 1):
            events[c] = ("┄", "red" if late else "green")
    for t in times.rings:
        events[col(t)] = ("♪", "yellow")
    if times.answer is not None:
        events[col(times.answer)] = ("▲", "bold green")
    if times.hangup is not None:
        events[col(times.hangup)] = ("■", "bold red" if times.hangup_who == "agent" else "bold")

    silence = [(" ", "")] * plot
    for gap in times.gaps:
        style = "red" if gap.length >= dead_air_limit else "yellow" if gap.length >= 5 else "dim"
        for c in range(col(gap.start), max(col(gap.start), col(gap.end)) + 1):
            silence[c] = ("░", style)

    rows = [
        events,
        bars(times.caller, "█", "magenta"),
        bars(times.agent, "█", "cyan"),
        bars(times.holds, "▒", "blue"),
        silence,
        _axis(plot, times.total, times.answer or 0.0),
    ]
    labels = list(ROW_LABELS)
    if fails is not None:
        marks = [(" ", "")] * plot
        for t in fails:
            marks[col(t)] = ("✘", "bold red")
        rows.insert(-1, marks)
        labels.insert(-1, FAIL_LABEL)
    at = col(cursor) if cursor is not None else None
    lines = []
    for label, cells in zip(labels, rows, strict=True):
        line = Text()
        line.append(label + " " * (LABEL_CELLS - 1 - cell_len(label)) + "│", style="dim")
        for i, (char, style) in enumerate(cells):
            line.append(char, style=f"{style} reverse" if i == at else style)
        lines.append(line)
    return lines


def _axis(plot: int, total: float, origin: float = 0.0) -> list[tuple[str, str]]:
    """Seconds under the plot, counted from `origin` (the answer) like every clock the
    trainee reads: the ticks before the answer, while it rang, are negative."""
    cells = [(" ", "dim")] * plot
    step = next((s for s in NICE_STEPS if s * (plot - 1) / total >= 8), NICE_STEPS[-1])
    k = -int(origin // step)  # the first tick at or after the recording's start
    while origin + k * step <= total:
        start = int((origin + k * step) * (plot - 1) / total + 0.5)
        label = f"{k * step}"
        if start >= 0 and start + len(label) <= plot:
            for i, ch in enumerate(label):
                cells[start + i] = (ch, "dim")
        k += 1
    return cells


def summary_line(times: CallTimes, greeting_limit: float = 2.0) -> Text:
    """One line of figures under the timeline."""
    text = Text()
    if times.answer is not None:
        # The call clock starts at the answer; what came before is told as the ringing.
        rings = sum(1 for t in times.rings if t <= times.answer)
        text.append(f"响铃 {rings} 声后接听（{times.answer:.1f}s）")
    else:
        text.append("未接听", style="red")
    if times.greeting is not None:
        late = times.greeting.length > greeting_limit
        text.append("  问候 ")
        text.append(f"{times.greeting.length:.1f}s", style="red" if late else "green")
    text.append(f"  最长静默 {times.longest_gap:.1f}s")
    if times.holds:
        text.append(f"  保持 {times.hold_seconds:.1f}s")
    text.append(f"  通话 {times.talk_seconds:.1f}s")
    return text


class Timeline(Widget):
    """Draws a call's events; set `events` (and `cursor` while replaying)."""

    DEFAULT_CSS = """
    Timeline { height: 7; }
    """

    cursor: reactive[float | None] = reactive(None)

    def __init__(
        self,
        events: Sequence[Event] = (),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._events: tuple[Event, ...] = tuple(events)
        self._now: float | None = None
        self._fails: tuple[float, ...] | None = None

    def mark_fails(self, times: Sequence[float]) -> None:
        """Add the row of failed rules (replay), one ✘ per time; grows the widget a line."""
        self._fails = tuple(times)
        self.refresh()

    def show(self, events: Sequence[Event], now: float | None = None) -> None:
        self._events = tuple(events)
        self._now = now
        self.refresh()

    def render(self) -> Group:
        times = call_times(self._events, self._now)
        lines = render_timeline(times, self.size.width, cursor=self.cursor, fails=self._fails)
        return Group(*lines, summary_line(times))
