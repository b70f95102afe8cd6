"""Replay: a recorded call played back with its timing; play, pause, step, 1×/2×/4×."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from simulator.recording.events import Answer, Say
from simulator.recording.reader import Recording
from simulator.scenario.models import Scenario
from simulator.timers import timer_delay
from simulator.tui.replay_model import ReplayPlayer
from simulator.tui.screens.base import CallsimScreen
from simulator.tui.widgets.meters import clock_text
from simulator.tui.widgets.ring import RingIndicator
from simulator.tui.widgets.timeline import Timeline
from simulator.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from simulator.grading.model import Grade

TICK_SECONDS = 0.05


class ReplayScreen(CallsimScreen[None]):
    """A past call, replayed on the app's clock."""

    CSS_PATH = "replay.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "play_pause", "播放/暂停", id="replay.toggle", key_display="空格"),
        Binding("right,period", "step(True)", "下一步", id="replay.step", key_display="→"),
        Binding("left,comma", "step(False)", "上一步", id="replay.back_step", key_display="←"),
        Binding("1", "speed(1)", "1×", id="replay.speed1"),
        Binding("2", "speed(2)", "2×", id="replay.speed2"),
        Binding("4", "speed(4)", "4×", id="replay.speed4"),
        Binding("g", "report", "评分报告", id="replay.report"),
        Binding("escape", "back", "返回", id="replay.back"),
    ]

    def __init__(self, recording: Recording, grade: Grade | None, scenario: Scenario | None):
        super().__init__()
        self.recording = recording
        self.grade = grade
        self.scenario = scenario
        self.player: ReplayPlayer | None = None
        self._shown: list[tuple[float, bool]] = []
        self._timer: Timer | None = None
        events = recording.in_time_order()
        self._answer = next((e.t for e in events if isinstance(e, Answer)), None)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="replay-status"):
            ring = RingIndicator(id="replay-ring")
            ring.live = False
            yield ring
            yield Static("", id="replay-position")
        timeline = Timeline(self.recording.in_time_order(), id="replay-timeline")
        timeline.border_title = "通话时间线"
        yield timeline
        yield Transcript(id="replay-transcript")
        yield Footer()

    def on_mount(self) -> None:
        title = self.scenario.title if self.scenario else self.recording.header.scenario
        self.title = f"回放：{title}"
        self.player = ReplayPlayer(self.recording.in_time_order(), self.services.clock_factory())
        self.player.toggle()
        self._timer = self.set_interval(timer_delay(TICK_SECONDS), self.tick)
        self._draw()

    def tick(self) -> None:
        """Move the play head with the clock and redraw."""
        if self.player is not None and self.player.playing:
            self.player.update()
            self._draw()

    def _draw(self) -> None:
        player = self.player
        if player is None:
            return
        moment = player.moment()
        self.query_one(RingIndicator).show_named(moment.state, moment.rings)
        mark = "▶" if player.playing else "‖"
        position = f"{mark} {clock_text(player.position)} / {clock_text(player.duration)}"
        self.query_one("#replay-position", Static).update(f"{position}   速度 {player.speed:g}×")
        self.query_one(Timeline).cursor = player.position
        self._show_says(moment.says)

    def _show_says(self, says: tuple[tuple[Say, bool], ...]) -> None:
        """Add lines as the play head passes them; rebuild after stepping back."""
        transcript = self.query_one(Transcript)
        wanted = [(say.t, speaking) for say, speaking in says]
        if wanted == self._shown:
            return
        went_back = len(wanted) < len(self._shown) or any(
            speaking and not was
            for (_, was), (_, speaking) in zip(self._shown, wanted, strict=False)
        )
        if went_back:
            transcript.clear_lines()
            self._shown = []
        for index, (say, speaking) in enumerate(says):
            if index < len(self._shown):
                if self._shown[index][1] and not speaking:
                    transcript.finished(say.text)
                continue
            at = say.t - self._answer if self._answer is not None else None
            transcript.say(say.who, say.text, at, speaking=speaking and say.who == "caller")
        self._shown = wanted

    def action_play_pause(self) -> None:
        if self.player is not None:
            self.player.toggle()
            self._draw()

    def action_step(self, forward: bool) -> None:
        if self.player is not None:
            self.player.step(forward)
            self._draw()

    def action_speed(self, speed: int) -> None:
        if self.player is not None:
            self.player.set_speed(float(speed))
            self._draw()

    def action_report(self) -> None:
        if self.grade is None:
            self.notify("这通电话没有评分结果。", severity="warning")
            return
        from simulator.tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(self.grade, self.recording, self.scenario))

    def action_back(self) -> None:
        self.dismiss()

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()
