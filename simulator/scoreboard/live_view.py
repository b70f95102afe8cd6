"""The board's view of one call shown live (课堂演示), and of a finished one, step by step.

Fed from the results database by polling (twice a second, in a thread worker), so it
shows a call taken on any machine that writes to the same database. It follows the
newest ongoing call; the trainer pins one (P) to stop following and steps through it
with the class (←/→, Home/End), or picks an earlier call (PageUp/PageDown).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar, Protocol

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Label, Static

from simulator.errors import UserError
from simulator.scoreboard.live_model import (
    LiveState,
    meter_lines,
    replay,
    step_positions,
)
from simulator.scoreboard.messages import LivePolled, LivePollFailed
from simulator.store.live import LiveCallInfo, LiveEvent
from simulator.timers import timer_delay

LIVE_POLL_SECONDS = 0.5
"""Twice a second: an event is on the projector well within a second of happening."""
NameFn = Callable[[str], str]


class LiveSource(Protocol):
    """Where the live view reads from (the results database, or a list in tests)."""

    def calls(self) -> list[LiveCallInfo]: ...

    def events(self, call_id: str, after_seq: int) -> list[LiveEvent]: ...


class LiveCallScreen(Screen[None]):
    """One call, live or pinned."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "返回成绩榜", id="live.close"),
        Binding("p", "pin", "固定/跟随", id="live.pin"),
        Binding("left", "step(-1)", "上一步", id="live.step_back", priority=True),
        Binding("right", "step(1)", "下一步", id="live.step_on", priority=True),
        Binding("home", "first", "开头", id="live.first", priority=True),
        Binding("end", "last", "最新", id="live.last", priority=True),
        Binding("pageup", "other_call(1)", "上一通", id="live.earlier_call", priority=True),
        Binding("pagedown", "other_call(-1)", "下一通", id="live.later_call", priority=True),
    ]

    def __init__(
        self,
        source: LiveSource,
        *,
        name_of: NameFn,
        show_ids: Callable[[], bool],
        clock_text: Callable[[datetime], str],
        now: Callable[[], datetime],
        poll_every: float | None = LIVE_POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.source = source
        self.name_of = name_of
        self.show_ids = show_ids
        self.clock_text = clock_text
        self.now = now
        self.poll_every = poll_every
        self.calls: list[LiveCallInfo] = []
        self.call_id: str | None = None
        self.events: list[LiveEvent] = []
        self.pinned = False
        self.cursor: int | None = None
        """The step shown when pinned (an index into the steps); None: the newest."""
        self.state = LiveState()
        self.transcript_lines: list[str] = []
        self.rule_lines: list[str] = []
        self._polling = False

    def compose(self) -> ComposeResult:
        yield Label("课堂演示", id="live-head")
        yield Label("", id="live-meters")
        with Horizontal(id="live-body"):
            with Vertical(id="live-transcript-box", classes="panel"):
                yield Label("通话内容", classes="caption")
                # Not focusable: the arrow keys step through the call, they do not scroll.
                with VerticalScroll(id="live-scroll", can_focus=False):
                    yield Static("", id="live-transcript")
            with Vertical(id="live-rules-box", classes="panel"):
                yield Label("规范要求", classes="caption")
                yield Static("", id="live-rules")
        yield Label("", id="live-status")
        yield Footer()

    def on_mount(self) -> None:
        self.draw()
        self.request_poll()
        if self.poll_every is not None:
            self.set_interval(timer_delay(self.poll_every), self.request_poll)

    # ------------------------------------------------------------- polling

    def request_poll(self) -> None:
        if self._polling:
            return
        self._polling = True
        self._poll(self.call_id, self.pinned, self.events[-1].seq if self.events else -1)

    @work(thread=True, exit_on_error=False, group="live")
    def _poll(self, shown: str | None, pinned: bool, after: int) -> None:
        try:
            calls = self.source.calls()
            target = shown if pinned else _follow(calls, shown)
            events = (
                []
                if target is None
                else self.source.events(target, after if target == shown else -1)
            )
        except UserError as exc:
            self.post_message(LivePollFailed(str(exc)))
        except Exception:
            self.post_message(LivePollFailed(""))  # lets the next poll run; the bug still raises
            raise
        else:
            self.post_message(LivePolled(calls, shown, target, events))

    def on_live_poll_failed(self, message: LivePollFailed) -> None:
        self._polling = False
        if message.reason:
            self.query_one("#live-status", Label).update(
                f"【过期】读取失败，正在重试：{message.reason}"
            )

    def on_live_polled(self, message: LivePolled) -> None:
        self._polling = False
        self.calls = message.calls
        if message.shown != self.call_id:
            return  # the trainer picked another call meanwhile: this answer is old
        if message.target != self.call_id:
            self.call_id = message.target
            self.events = []
            self.cursor = None
        known = self.events[-1].seq if self.events else -1
        self.events.extend(e for e in message.events if e.seq > known)
        self.draw(updated=self.now())

    # ------------------------------------------------------------- drawing

    def draw(self, updated: datetime | None = None) -> None:
        steps = step_positions(self.events)
        upto = None
        if self.pinned and self.cursor is not None and steps:
            self.cursor = max(0, min(self.cursor, len(steps) - 1))
            upto = steps[self.cursor]
        self.state = state = replay(self.events, upto)
        self.query_one("#live-head", Label).update(self._head(state))
        self.query_one("#live-meters", Label).update("    ".join(meter_lines(state)))
        self._draw_transcript(state)
        self._draw_rules(state)
        self.query_one("#live-status", Label).update(self._status(steps, updated))

    def _head(self, state: LiveState) -> Text:
        if self.call_id is None:
            return Text("课堂演示 · 等待学员开启课堂演示（接听前按 F6）", style="bold")
        who = self.name_of(state.trainee) if state.trainee else "学员"
        if self.show_ids() and state.agent_id:
            who += f"（工号 {state.agent_id}）"
        text = Text(f"课堂演示 · {who} · {state.title} · ", style="bold")
        text.append(state.phase, style="bold reverse")
        if state.ended:
            text.append(f" · {state.ended}")
        if state.score is not None:
            verdict = "合格" if state.passed else "不合格"
            text.append(
                f" · {state.score} 分 {verdict}", style="bold green" if state.passed else "bold red"
            )
        return text

    def _draw_transcript(self, state: LiveState) -> None:
        # Times since the answer, as the trainee's own call screen shows them.
        origin = state.answered_at or 0.0
        self.transcript_lines = [
            f"{_mmss(line.t - origin)} {'来电者' if line.who == 'caller' else '学员'}：{line.text}"
            for line in state.lines
        ]
        # A column of its own keeps each time beside its words when a long line wraps.
        table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=True)
        table.add_column("time", width=5, no_wrap=True, style="dim")
        table.add_column("said", ratio=1, overflow="fold")
        for line, shown in zip(state.lines, self.transcript_lines, strict=True):
            style = "bold cyan" if line.who == "caller" else "bold yellow"
            stamp, _, said = shown.partition(" ")
            table.add_row(stamp, Text(said, style=style))
        transcript = self.query_one("#live-transcript", Static)
        if state.lines:
            transcript.update(table)
        else:
            transcript.update(Text("还没有人说话。" if self.call_id else "", style="dim"))
        if not self.pinned or self.cursor is None:
            self.query_one("#live-scroll", VerticalScroll).scroll_end(animate=False)

    def _draw_rules(self, state: LiveState) -> None:
        self.rule_lines = []
        table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=True)
        table.add_column("mark", width=1, no_wrap=True)
        table.add_column("rule", ratio=1, overflow="fold")
        for rule in state.rules.values():
            passed = rule.status == "pass"
            line = f"{'✓' if passed else '✗'} {rule.title}"
            cell = Text(rule.title, style="green" if passed else "bold red")
            if not passed and rule.detail:
                line += f"：{rule.detail}"
                cell.append(f"：{rule.detail}", style="red")
            self.rule_lines.append(line)
            table.add_row(Text("✓" if passed else "✗", style=cell.style), cell)
        rules = self.query_one("#live-rules", Static)
        if state.rules:
            rules.update(table)
        else:
            rules.update(Text("规则在通话中逐条判定后显示在这里。", style="dim"))

    def _status(self, steps: list[int], updated: datetime | None) -> str:
        if self.pinned:
            shown = len(steps) if self.cursor is None else self.cursor + 1
            where = f"已固定 · 第 {shown}/{len(steps)} 步 · ←/→ 逐步讲解，P 恢复跟随"
        else:
            ongoing = sum(1 for c in self.calls if not c.ended)
            where = f"跟随最新 · 正在演示 {ongoing} 通 · P 固定本通逐步讲解"
        if updated is not None:
            where += f" · 更新于 {self.clock_text(updated)}"
        return where

    # ------------------------------------------------------------- keys

    def action_close(self) -> None:
        self.dismiss()

    def action_pin(self) -> None:
        self.pinned = not self.pinned
        if self.pinned:
            self.cursor = None
        self.draw()
        self.request_poll()

    def action_step(self, delta: int) -> None:
        steps = step_positions(self.events)
        if not steps:
            return
        self.pinned = True
        current = len(steps) - 1 if self.cursor is None else self.cursor
        self.cursor = max(0, min(len(steps) - 1, current + delta))
        self.draw()

    def action_first(self) -> None:
        self.pinned = True
        self.cursor = 0
        self.draw()

    def action_last(self) -> None:
        self.cursor = None
        self.draw()

    def action_other_call(self, delta: int) -> None:
        """An earlier (1) or later (-1) call in the list; choosing one pins it."""
        ids = [c.call_id for c in self.calls]
        if not ids:
            return
        at = ids.index(self.call_id) if self.call_id in ids else -1
        target = ids[max(0, min(len(ids) - 1, at + delta))]
        if target == self.call_id:
            return
        self.pinned = True
        self.call_id = target
        self.events = []
        self.cursor = None
        self.draw()
        self._polling = False  # an answer still under way is for the old call: ignored
        self.request_poll()


def _follow(calls: list[LiveCallInfo], shown: str | None) -> str | None:
    """The call to follow: the one shown while it runs, else the newest ongoing one,
    else (nothing live) the one shown, or the newest finished one."""
    ongoing = [c.call_id for c in calls if not c.ended]
    if shown in ongoing:
        return shown
    if ongoing:
        return ongoing[0]
    if shown is not None:
        return shown
    return calls[0].call_id if calls else None


def _mmss(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"
