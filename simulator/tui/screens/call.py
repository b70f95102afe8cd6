"""The call: the phone rings, the trainee answers, types replies, holds, hangs up.

The engine runs on the UI thread, advanced by a 20 Hz timer (tests advance a fake clock
and call `tick()`); what it reports arrives as `CallNoticed` messages. Synthesis of the
caller's voice, grading and file work run in workers. Anything that breaks inside the
call leaves the recording on disk and shows the error screen, not a traceback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Header, Input, Static

from simulator.engine.call import CallState
from simulator.engine.notices import (
    AgentSaid,
    CallAnswered,
    CallEnded,
    CallerLineEnded,
    CallerLineStarted,
    CallNotice,
    HoldChanged,
    RingSounded,
)
from simulator.engine.voice import VoicedLine
from simulator.recording.reader import read_recording
from simulator.scenario.models import Scenario
from simulator.tui.crash import write_crash_log
from simulator.tui.live_call import LiveCall, practice_hint
from simulator.tui.messages import (
    CallGraded,
    CallNoticed,
    CallPreparationFailed,
    CallPrepared,
    GradingFailed,
)
from simulator.tui.screens.base import CallsimScreen
from simulator.tui.services import close_voice, wait_until_ready
from simulator.tui.widgets.meters import CallMeters
from simulator.tui.widgets.ring import RingIndicator
from simulator.tui.widgets.transcript import Transcript, TranscriptLine

TICK_SECONDS = 0.05
ENDINGS = {
    "caller_hung_up": "客户已挂机",
    "agent_hung_up": "您已挂机",
    "caller_gave_up_ringing": "响铃太久，客户已挂断",
    "max_duration": "通话时间已到",
}


class CallScreen(CallsimScreen[None]):
    """One live call of `scenario`."""

    CSS_PATH = "call.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "answer", "接听", id="call.answer", key_display="空格"),
        Binding("f2", "toggle_hold", "保持/恢复", id="call.hold", priority=True),
        Binding("f4", "hangup", "挂断", id="call.hangup", priority=True),
        Binding("escape", "leave", "返回", id="call.leave"),
    ]

    def __init__(self, scenario: Scenario) -> None:
        super().__init__()
        self.scenario = scenario
        self.live: LiveCall | None = None
        self._timer: Timer | None = None
        self._grading = False
        self._preparing: TranscriptLine | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="call-status"):
            yield RingIndicator(id="call-ring")
            yield CallMeters(id="call-meters")
        yield Static("", id="call-hint")
        yield Transcript(id="call-transcript")
        yield Input(placeholder="接听后在这里输入回复，回车说出", id="call-reply", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.title = self.scenario.title
        self.set_class(self.trainee.mode == "exam", "-exam")
        self._preparing = self.query_one(Transcript).note("正在准备来电语音，请稍候…")
        self._prepare()

    @property
    def state(self) -> CallState | None:
        return self.live.call.state if self.live is not None else None

    # ------------------------------------------------------------ preparing

    @work(thread=True, exit_on_error=False, group="call", exclusive=True)
    def _prepare(self) -> None:
        try:
            voice, notice = self.services.make_voice(self.scenario)
            base = self.scenario.voice
            lines = [
                VoicedLine(line.text, line.voice(base))
                for beat in self.scenario.script.beats.values()
                for line in [*beat.caller, *(beat.timeout.say if beat.timeout else [])]
            ]
            voice.prepare(lines)
            wait_until_ready(voice)
            matcher = self.services.make_matcher()
        except Exception as exc:  # shown on screen; the call cannot start without these
            self.post_message(CallPreparationFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(CallPrepared(voice, matcher, notice))

    def on_call_preparation_failed(self, message: CallPreparationFailed) -> None:
        self.query_one(Transcript).note(f"来电无法开始：{message.reason}")
        self.notify(message.reason, title="来电无法开始", severity="error")
        self.refresh_bindings()

    def on_call_prepared(self, message: CallPrepared) -> None:
        if message.notice:
            self.callsim.notify_once(message.notice)
        if self._preparing is not None:
            self._preparing.remove()

        def start() -> None:
            self.live = LiveCall(
                self.scenario,
                self.trainee,
                recordings=self.services.recordings_dir,
                clock=self.services.clock_factory(),
                matcher=message.matcher,
                voice=message.voice,
                listener=self._forward,
                now=self.services.wall_clock(),
            )
            self.query_one(Transcript).note("电话响了！按空格或回车接听")
            self.live.start()

        self._guard(start)
        self._timer = self.set_interval(TICK_SECONDS, self.tick)
        self._show_status()

    # ------------------------------------------------------------- running

    def _forward(self, notice: CallNotice) -> None:
        self.post_message(CallNoticed(notice))

    def tick(self) -> None:
        """Let the call do what has fallen due, and redraw the meters."""
        live = self.live
        if live is None or live.call.ended:
            return
        self._guard(live.tick)
        self._show_status()

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except Exception as exc:  # a broken call must end on the error screen
            self._crash(exc)

    def _crash(self, exc: BaseException) -> None:
        if self._timer is not None:
            self._timer.stop()
        path = self.live.path if self.live is not None else None
        if self.live is not None:
            # The recording's lines are already flushed; the closing fsync is a bonus.
            with contextlib.suppress(OSError):
                self.live.close()
        log = write_crash_log(self.services.data_dir, exc)
        from simulator.tui.screens.error import ErrorScreen

        self.app.switch_screen(ErrorScreen(f"{type(exc).__name__}: {exc}", path, log))

    def _show_status(self) -> None:
        live = self.live
        call = live.call if live is not None else None
        self.query_one(RingIndicator).show(
            call.state if call else None, live.rings if live else 0, bool(call and call.on_hold)
        )
        if live is None:
            return
        meters = live.meters()
        self.query_one(CallMeters).show(meters, live.limits)
        if self.trainee.mode == "practice":
            hint = practice_hint(meters, live.limits)
            widget = self.query_one("#call-hint", Static)
            widget.update(hint.text if hint else "")
            widget.set_class(bool(hint and hint.urgent), "-urgent")

    def on_call_noticed(self, message: CallNoticed) -> None:
        self._guard(lambda: self._react(message))
        self._show_status()

    def _react(self, message: CallNoticed) -> None:
        notice, transcript = message.notice, self.query_one(Transcript)
        answered = self.live.call.answered_at if self.live is not None else None
        since = (lambda t: t - answered) if answered is not None else (lambda t: None)
        if isinstance(notice, RingSounded) and self.services.ring_bell:
            self.app.bell()
        elif isinstance(notice, CallAnswered):
            reply = self.query_one("#call-reply", Input)
            reply.disabled = False
            reply.placeholder = "输入回复（可用输入法打中文），回车说出"
            reply.focus()
            transcript.note("已接听，请问候客户")
            self.refresh_bindings()
        elif isinstance(notice, CallerLineStarted):
            transcript.say("caller", notice.text, since(notice.t), speaking=True)
        elif isinstance(notice, CallerLineEnded):
            transcript.finished(notice.text)
        elif isinstance(notice, AgentSaid):
            transcript.say("agent", notice.say.text, since(notice.say.t))
        elif isinstance(notice, HoldChanged):
            transcript.note("已保持：客户在等待" if notice.on else "已恢复通话")
        elif isinstance(notice, CallEnded):
            self._ended(notice)

    # ------------------------------------------------------------- the keys

    @on(Input.Changed, "#call-reply")
    def _typed(self, event: Input.Changed) -> None:
        if self.live is not None:
            live = self.live
            self._guard(lambda: live.typed(event.value))

    @on(Input.Submitted, "#call-reply")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.live is None:
            return
        live = self.live
        self._guard(lambda: live.submit(event.value))
        event.input.clear()
        self._show_status()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.state
        if action == "answer":
            return state is CallState.RINGING
        if action == "toggle_hold":
            return state is CallState.CONNECTED
        if action == "hangup":
            return state in (CallState.RINGING, CallState.CONNECTED)
        if action == "leave":
            return (self.live is None or state is CallState.ENDED) and not self._grading
        return True

    def action_answer(self) -> None:
        if self.live is not None:
            self._guard(self.live.answer)
            self._show_status()

    def action_toggle_hold(self) -> None:
        if self.live is not None:
            self._guard(self.live.toggle_hold)
            self._show_status()

    def action_hangup(self) -> None:
        if self.live is not None:
            self._guard(self.live.hangup)

    def action_leave(self) -> None:
        self.dismiss()

    # ------------------------------------------------------------- the end

    def _ended(self, notice: CallEnded) -> None:
        if self._timer is not None:
            self._timer.stop()
        reply = self.query_one("#call-reply", Input)
        reply.disabled = True
        reply.placeholder = "通话已结束"
        self.query_one(Transcript).note(f"{ENDINGS.get(notice.reason, '通话结束')}，正在评分…")
        self._grading = True
        self.refresh_bindings()
        self._grade()

    @work(thread=True, exit_on_error=False, group="grade", exclusive=True)
    def _grade(self) -> None:
        live = self.live
        if live is None:
            return
        try:
            live.close()
            close_voice(live.call.voice)
            recording = read_recording(live.path)
            grade = self.services.grade(recording, self.scenario)
        except Exception as exc:  # the recording is safe on disk; say why there is no grade
            self.post_message(GradingFailed(f"{type(exc).__name__}: {exc}", live.path))
            return
        self.post_message(CallGraded(grade, recording, self.scenario))

    def on_grading_failed(self, message: GradingFailed) -> None:
        self._grading = False
        self.query_one(Transcript).note(f"评分失败：{message.reason}（录音：{message.recording}）")
        self.notify(message.reason, title="评分失败", severity="error")
        self.refresh_bindings()

    def on_call_graded(self, message: CallGraded) -> None:
        self.callsim.save_result_in_background(message.grade, message.recording)
        from simulator.tui.screens.report import ReportScreen

        self.app.switch_screen(ReportScreen(message.grade, message.recording, message.scenario))

    def on_unmount(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self.live is not None and not self.live.call.ended:
            self.live.close()
            close_voice(self.live.call.voice)
