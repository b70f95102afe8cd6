"""Replay: a recorded call played back with its timing, its voices, and its faults marked.

Play, pause, step, 1×/2×/4×; at 1× the recorded audio of both sides plays in step with
the play head (text only without a sound device or saved audio). Every utterance that
failed a rule is marked in the transcript and on the timeline; `f` jumps to the next
fail and says why it failed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Header, Static

from simulator.recording.events import Answer, Say
from simulator.recording.reader import Recording
from simulator.scenario.models import Scenario
from simulator.timers import timer_delay
from simulator.tui.model.replay_audio import (
    NO_AUDIO,
    TEXT_ONLY,
    ClipPlayer,
    ReplaySound,
    open_player,
    recorded_clips,
)
from simulator.tui.model.replay_model import FailMark, ReplayPlayer, fail_marks, next_fail
from simulator.tui.screens.base import CallsimScreen, shows_below
from simulator.tui.widgets.meters import clock_text
from simulator.tui.widgets.ring import RingIndicator
from simulator.tui.widgets.timeline import Timeline
from simulator.tui.widgets.transcript import Transcript

if TYPE_CHECKING:
    from simulator.grading.model import Grade

TICK_SECONDS = 0.05


@dataclass
class ReplayPlayerOpened(Message):
    """The sound device was probed: a player, or why the replay stays text only."""

    player: ClipPlayer | None
    notice: str | None


def _key(say: Say) -> tuple[float, str, str]:
    return (say.t, say.who, say.text)


class ReplayScreen(CallsimScreen[None]):
    """A past call, replayed on the app's clock."""

    CSS_PATH = "replay.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Pairs share one footer entry (←/→, 1/2/4) so the footer fits 80 columns.
        Binding("space", "play_pause", "播放", id="replay.toggle", key_display="空格"),
        Binding("f", "next_fail", "下个失分", id="replay.next_fail"),
        Binding("right,period", "step(True)", "逐步", id="replay.step", key_display="←/→"),
        Binding("left,comma", "step(False)", "上一步", id="replay.back_step", show=False),
        Binding("1", "speed(1)", "速度", id="replay.speed1", key_display="1/2/4"),
        Binding("2", "speed(2)", "2×", id="replay.speed2", show=False),
        Binding("4", "speed(4)", "4×", id="replay.speed4", show=False),
        Binding("g", "report", "报告", id="replay.report"),
        Binding("escape", "back", "返回", id="replay.back"),
    ]

    def __init__(
        self,
        recording: Recording,
        grade: Grade | None,
        scenario: Scenario | None,
        *,
        player: ClipPlayer | None = None,
        sound: bool = True,
    ):
        """`player` plays the recorded audio (tests pass a fake); with `sound` False or
        no saved audio the replay is text only; otherwise the device is probed."""
        super().__init__()
        self.recording = recording
        self.grade = grade
        self.scenario = scenario
        self.player: ReplayPlayer | None = None
        self.marks: tuple[FailMark, ...] = fail_marks(recording.in_time_order(), grade)
        self.shown_fail: FailMark | None = None
        base = recording.path.parent if recording.path is not None else None
        self._clips = recorded_clips(recording.events, base) if sound else []
        self._given_player = player
        self.sound: ReplaySound | None = None
        self.sound_notice = "" if self._clips else NO_AUDIO if sound else TEXT_ONLY
        self._fails_by_say: dict[tuple[float, str, str], list[str]] = {}
        for mark in self.marks:
            if mark.say is not None:
                self._fails_by_say.setdefault(_key(mark.say), []).append(mark.title)
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
            with Vertical(id="replay-info"):
                yield Static("", id="replay-position")
                yield Static("", id="replay-fail")
        timeline = Timeline(self.recording.in_time_order(), id="replay-timeline")
        timeline.border_title = "通话时间线"
        if self.grade is not None:
            timeline.mark_fails([m.at for m in self.marks])
            timeline.add_class("-graded")
        yield timeline
        yield Transcript(id="replay-transcript")
        yield Footer()

    def on_mount(self) -> None:
        title = self.scenario.title if self.scenario else self.recording.header.scenario
        self.title = f"回放：{title}"
        self.player = ReplayPlayer(self.recording.in_time_order(), self.services.clock_factory())
        if self._given_player is not None and self._clips:
            self.sound = ReplaySound(self._clips, self._given_player)
        elif self._clips:
            self._open_sound()
        self.player.toggle()
        self._timer = self.set_interval(timer_delay(TICK_SECONDS), self.tick)
        self._show_fail_summary()
        self._draw()

    @work(thread=True, exit_on_error=False, group="replay-sound", exclusive=True)
    def _open_sound(self) -> None:
        player, notice = open_player()
        self.post_message(ReplayPlayerOpened(player, notice))

    def on_replay_player_opened(self, message: ReplayPlayerOpened) -> None:
        if message.player is not None:
            self.sound = ReplaySound(self._clips, message.player)
        else:
            self.sound_notice = message.notice or ""
        self._draw()

    def tick(self) -> None:
        """Move the play head with the clock, keep the sound in step, redraw."""
        if self.player is not None and self.player.playing:
            self.player.update()
            self._draw()

    def _draw(self) -> None:
        player = self.player
        if player is None:
            return
        if self.sound is not None:
            self.sound.sync(player.position, player.playing, player.speed)
        moment = player.moment()
        self.query_one(RingIndicator).show_named(moment.state, moment.rings)
        mark = "▶" if player.playing else "‖"
        # The call clock (from the answer), as in the call, the transcript and the report.
        now, end = player.call_time(player.position), player.call_time(player.duration)
        position = f"{mark} {clock_text(now)} / {clock_text(end)}"
        line = Text(f"{position}   速度 {player.speed:g}×", style="bold")
        line.append(f"   {self._sound_state(player.speed)}", style="dim")
        self.query_one("#replay-position", Static).update(line)
        self.query_one(Timeline).cursor = player.position
        self._show_says(moment.says)

    def _sound_state(self, speed: float) -> str:
        if self.sound is not None and self.sound.failed:
            return "仅文字（无法播放）"
        if self.sound is not None:
            return "♪ 有声" if speed == 1.0 else "♪ 1× 时有声"
        return self.sound_notice or "正在准备声音…"

    def header_subtitle(self) -> str:
        """Whose call this is (a trainer replays other trainees' calls)."""
        header = self.recording.header
        return f"{header.trainee} · 工号 {header.agent_id}" if header.trainee else ""

    def _show_fail_summary(self) -> None:
        fail = self.query_one("#replay-fail", Static)
        if self.grade is None:
            fail.update(Text("这通电话没有评分结果", style="dim"))
        elif not self.marks:
            fail.update(Text("这通电话没有标出时间的失分", style="green"))
        else:
            fail.update(Text(f"共 {len(self.marks)} 处失分（✘）· 按 f 跳到下一处", style="red"))

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
            transcript.say(
                say.who,
                say.text,
                at,
                speaking=speaking and say.who == "caller",
                fails=self._fails_by_say.get(_key(say), ()),
            )
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

    def action_next_fail(self) -> None:
        """Jump to the next failed rule (paused there) and say why it failed."""
        if self.player is None:
            return
        if not self.marks:
            self.notify("这通电话没有标出时间的失分。", markup=False)
            return
        mark = next_fail(self.marks, self.player.position)
        assert mark is not None
        self.shown_fail = mark
        # Land just inside the utterance so its line is in the transcript, not pending.
        self.player.seek(mark.at + 0.01)
        number = self.marks.index(mark) + 1
        when = clock_text(self.player.call_time(mark.at))
        text = Text(f"✘ {number}/{len(self.marks)} {when} ", style="bold red")
        text.append(mark.title, style="bold red")
        text.append(f"：{mark.reason}")
        self.query_one("#replay-fail", Static).update(text)
        self._draw()

    def action_report(self) -> None:
        if self.grade is None:
            self.notify("这通电话没有评分结果。", severity="warning")
            return
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.report import ReportScreen  # noqa: PLC0415

        if self.player is not None:
            self.player.seek(self.player.position)  # pause: the report covers the replay
            self._draw()
        if shows_below(self, ReportScreen):
            self.dismiss()  # back to the report this replay came from, not one more on top
            return
        self.app.push_screen(ReportScreen(self.grade, self.recording, self.scenario))

    def action_back(self) -> None:
        self.dismiss()

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.sound is not None:
            self.sound.close()
