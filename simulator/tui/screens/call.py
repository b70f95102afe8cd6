"""The call: the phone rings, the trainee answers, types replies, holds, hangs up.

The engine runs on the UI thread, advanced by a 20 Hz timer (tests advance a fake clock
and call `tick()`); what it reports arrives as `CallNoticed` messages. Synthesis of the
caller's voice, grading and file work run in workers. Anything that breaks inside the
call leaves the recording on disk and shows the error screen, not a traceback.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer, Header, Input

from simulator.clock import Clock
from simulator.engine.call import CallState
from simulator.engine.notices import (
    CallAnswered,
    CallEnded,
    CallNotice,
    HoldChanged,
    RingSounded,
)
from simulator.scenario.models import Scenario
from simulator.timers import timer_delay
from simulator.tui.call_setup import (
    grade_call,
    prepare_call,
    release_prepared,
    toggle_class_demo,
)
from simulator.tui.messages import (
    CallGraded,
    CallNoticed,
    CallPreparationFailed,
    CallPrepared,
    GradingFailed,
    VoiceHeard,
)
from simulator.tui.model.class_demo import demo_by_default
from simulator.tui.model.live_call import LiveCall
from simulator.tui.model.services import VoiceInputLike, close_voice
from simulator.tui.screens.base import CallsimScreen
from simulator.tui.widgets.call_status import CallStatus
from simulator.tui.widgets.desk_card import DeskCard
from simulator.tui.widgets.transcript import Transcript, TranscriptLine

if TYPE_CHECKING:
    from textual.screen import Screen

    from simulator.tui.app import CallsimApp
    from simulator.tui.model.exam_run import ExamCall
    from simulator.tui.model.trainee import Trainee
    from simulator.tui.model.voice_reply import VoiceReplies
    from simulator.tui.screens.confirm import ConfirmScreen

TICK_SECONDS = 0.05


class CallScreen(CallsimScreen[None]):
    """One live call of `scenario`; with `exam`, a call of a trainer's exam (no hints)."""

    CSS_PATH = "call.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "answer", "接听", id="call.answer", key_display="空格"),
        Binding("f2", "toggle_hold", "保持/恢复", id="call.hold", priority=True),
        Binding("f4", "hangup", "挂断", id="call.hangup", priority=True),
        Binding("f6", "class_demo", "课堂演示", id="call.class_demo", priority=True),
        Binding("escape", "leave", "返回", id="call.leave"),
    ]

    def __init__(self, scenario: Scenario, exam: ExamCall | None = None) -> None:
        super().__init__()
        self.scenario = scenario
        self.exam = exam
        self.live: LiveCall | None = None
        self._timer: Timer | None = None
        self._due_timer: Timer | None = None
        self._confirm: ConfirmScreen | None = None
        self._grading = False
        self._preparing: TranscriptLine | None = None
        self._clock: Clock | None = None
        self._microphone: VoiceInputLike | None = None
        self.voice: VoiceReplies | None = None
        # The preparing worker hands its result over under this lock: a trainee who leaves
        # while the voice is being prepared must not leave a synthesizer and an open
        # microphone behind (a message to a closed screen is dropped, unread).
        self._handover = threading.Lock()
        self._left = False
        self._unclaimed: CallPrepared | None = None

    @property
    def taker(self) -> Trainee:
        """Who takes this call, and how: an exam call is in exam mode whatever was picked."""
        trainee = self.trainee
        return trainee if self.exam is None else trainee.with_choice(mode="exam")

    def header_subtitle(self) -> str:
        who = super().header_subtitle()
        return who if self.exam is None else f"{who} · {self.exam.short_label}"

    def compose(self) -> ComposeResult:
        yield Header()
        trainee = self.taker
        yield CallStatus(practice=trainee.mode == "practice", voice=trainee.input == "voice")
        with Horizontal(id="call-body"):
            yield Transcript(id="call-transcript")
            yield DeskCard(
                self.scenario.org,
                trainee.agent_id,
                self.scenario.facts,
                exam=self.exam.desk_label if self.exam is not None else "",
                id="call-desk",
            )
        yield Input(placeholder="接听后在这里输入回复，回车说出", id="call-reply", disabled=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = self.scenario.title
        self._clock = self.services.clock_factory()
        self._preparing = self.query_one(Transcript).note("正在准备来电语音，请稍候…")
        self._prepare()

    @property
    def _call_clock(self) -> Clock:
        if self._clock is None:
            self._clock = self.services.clock_factory()
        return self._clock

    @property
    def state(self) -> CallState | None:
        return self.live.call.state if self.live is not None else None

    # ------------------------------------------------------------ preparing

    @work(thread=True, exit_on_error=False, group="call", exclusive=True)
    def _prepare(self) -> None:
        voice_input = self.taker.input == "voice"
        result = prepare_call(
            self.services,
            self.scenario,
            clock=self._call_clock,
            voice_input=voice_input,
            deliver=self._deliver_voice,
        )
        with self._handover:
            left = self._left
            if not left and isinstance(result, CallPrepared):
                self._unclaimed = result
        if left and isinstance(result, CallPrepared):
            release_prepared(result)  # already off the UI thread
        elif not left:
            self.post_message(result)

    def _deliver_voice(self, event: object) -> None:
        """From the voice input's threads: hand the event to the UI thread."""
        self.post_message(VoiceHeard(event))

    def on_call_preparation_failed(self, message: CallPreparationFailed) -> None:
        self.query_one(Transcript).note(f"来电无法开始：{message.reason}")
        self.notify(message.reason, title="来电无法开始", severity="error", markup=False)
        self.refresh_bindings()

    def on_call_prepared(self, message: CallPrepared) -> None:
        with self._handover:
            self._unclaimed = None
        if not self.is_attached or self not in self.app.screen_stack:
            # Queued just before the trainee left: no phone rings on a closed screen.
            self._release(message)
            return
        if message.notice:
            self.callsim.notify_once(message.notice)
        if self._preparing is not None:
            self._preparing.remove()

        def start() -> None:
            self.live = LiveCall(
                self.scenario,
                self.taker,
                recordings=self.services.recordings_dir,
                clock=self._call_clock,
                matcher=message.matcher,
                voice=message.voice,
                listener=self._forward,
                now=self.services.wall_clock(),
                header_extra=self.exam.header_extra if self.exam is not None else None,
            )
            if message.voice_input is not None:
                # Voice input (the recognizer) is imported only for a call answered by voice.
                from simulator.tui.model.voice_reply import VoiceReplies  # noqa: PLC0415

                self._microphone = message.voice_input
                practice = self.taker.mode == "practice"
                self.voice = VoiceReplies(message.voice_input, self.live.call, review=practice)
            self.query_one(Transcript).note("电话响了！按空格或回车接听")
            self.live.start()
            if demo_by_default():
                self.action_class_demo()

        self._guard(start)
        if self.live is None:  # the call could not start (the error screen says why)
            self._release(message)
            return
        self._timer = self.set_interval(timer_delay(TICK_SECONDS), self.tick)
        self.refresh_bindings()
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

    def _wake_for_next_due(self) -> None:
        """Wake exactly when the engine's next work falls due if that is sooner than the
        next tick, so a caller line starts on time rather than up to a tick late."""
        live = self.live
        due = live.call.next_due() if live is not None else None
        if live is None or due is None:
            return
        delay = due - live.call.now()
        if delay < TICK_SECONDS:
            if self._due_timer is not None:
                self._due_timer.stop()
            # Work already due (the clock moved on since the last tick) runs a ms later:
            # a 0 s timer crashes Textual when this screen closes (see simulator.timers).
            self._due_timer = self.set_timer(timer_delay(delay), self.tick)

    def _guard(self, action: Callable[[], object]) -> None:
        try:
            action()
        except Exception as exc:  # a broken call must end on the error screen
            self._crash(exc)

    def _crash(self, exc: BaseException) -> None:
        self._stop_timers()
        self._close_confirm()
        path = self.live.path if self.live is not None else None
        if self.live is not None:
            # The recording's lines are already flushed; the closing fsync is a bonus.
            with contextlib.suppress(OSError):
                self.live.close()
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.error import ErrorScreen  # noqa: PLC0415

        self._replace_with(ErrorScreen.after(exc, path, self.services.data_dir))

    def _replace_with(self, screen: Screen[Any]) -> None:
        """Put `screen` in this call's place. `switch_screen` replaces the top screen, so
        whatever is open above the call (help, the command palette) closes first: else the
        report would sit on a finished call whose Esc is disabled, and the trainee is stuck."""
        if not self.is_attached or self not in self.app.screen_stack:
            return  # the trainee already left this call
        while self.app.screen is not self:
            self.app.pop_screen()
        self.app.switch_screen(screen)

    def _show_status(self) -> None:
        self.query_one(CallStatus).show(self.live)
        self._wake_for_next_due()

    def on_call_noticed(self, message: CallNoticed) -> None:
        self._guard(lambda: self._react(message))
        self._show_status()

    def _react(self, message: CallNoticed) -> None:
        notice = message.notice
        answered = self.live.call.answered_at if self.live is not None else None
        self.query_one(Transcript).show_notice(notice, answered)
        if isinstance(notice, RingSounded) and self.services.ring_bell:
            self.app.bell()
        elif isinstance(notice, HoldChanged) and notice.on:
            self.query_one(DeskCard).reveal()
        elif isinstance(notice, CallAnswered):
            self._answered()
        elif isinstance(notice, CallEnded):
            self._ended()

    def _answered(self) -> None:
        reply = self.query_one("#call-reply", Input)
        if not reply.disabled:
            return  # already done when the answer key was handled
        reply.disabled = False
        reply.placeholder = "输入回复（可用输入法打中文），回车说出"
        if self.voice is not None:
            self.voice.start()
            reply.placeholder = "请对着麦克风说话；也可以在这里打字回复"
            self.query_one(CallStatus).voice_status("🎤 麦克风已打开")
        self.set_focus(reply)  # at once: keys typed right after answering reach the box
        self.refresh_bindings()

    def on_voice_heard(self, message: VoiceHeard) -> None:
        voice, live = self.voice, self.live
        if voice is None or live is None or live.call.ended:
            return
        try:
            update = voice.heard(message.event)
        except Exception as exc:  # a broken call must end on the error screen
            self._crash(exc)
            return
        if update.status:
            self.query_one(CallStatus).voice_status(update.status)
        if update.reply_text is not None:
            reply = self.query_one("#call-reply", Input)
            reply.value = update.reply_text
            reply.cursor_position = len(reply.value)
        self._show_status()

    # ------------------------------------------------------------- the keys

    @on(Input.Changed, "#call-reply")
    def _typed(self, event: Input.Changed) -> None:
        if self.voice is not None and self.voice.pending:
            return  # the trainee is correcting a recognized reply, not starting a new one
        if self.live is not None:
            live = self.live
            self._guard(lambda: live.typed(event.value))

    @on(Input.Submitted, "#call-reply")
    def _submitted(self, event: Input.Submitted) -> None:
        if self.live is None:
            return
        live, voice, text = self.live, self.voice, event.value
        if voice is not None and voice.pending:

            def confirm() -> None:
                voice.confirm(text)
                live.tick()

            self._guard(confirm)
            self.query_one(CallStatus).voice_status("🎤 已确认")
        else:
            self._guard(lambda: live.submit(text))
        event.input.clear()
        self._show_status()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.state
        if action == "class_demo":  # the trainee opts in (or out) before answering
            return state is CallState.RINGING
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
            if self.live.call.state is CallState.CONNECTED:
                self._answered()
            self._show_status()

    def action_toggle_hold(self) -> None:
        if self.live is not None:
            self._guard(self.live.toggle_hold)
            self._show_status()

    def action_class_demo(self) -> None:
        if self.live is not None:
            live, trainee = self.live, self.taker
            self._guard(
                lambda: self.query_one(Transcript).note(
                    toggle_class_demo(self.services, live, trainee)
                )
            )

    def action_hangup(self) -> None:
        live = self.live
        if live is None:
            return
        if self.exam is None:
            self._guard(live.hangup)
            return
        # An exam call cannot be taken again: one stray F4 must not spend the attempt.
        if self._confirm is not None:
            return
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.confirm import ConfirmScreen  # noqa: PLC0415

        ringing = live.call.state is CallState.RINGING
        question = "确定拒接这通考试电话吗？" if ringing else "确定挂断这通考试电话吗？"
        detail = (
            "拒接记 0 分，本次考试的这一通不能重新接听。"
            if ringing
            else "挂断后这一通立即评分，不能重新接听。"
        )
        self._confirm = ConfirmScreen(question, detail)
        self.app.push_screen(self._confirm, self._hangup_confirmed)

    def _hangup_confirmed(self, yes: bool | None) -> None:
        self._confirm = None
        live = self.live
        if yes and live is not None and not live.call.ended:
            self._guard(live.hangup)

    def _close_confirm(self) -> None:
        """The call ended by itself while the question was open: the answer is moot."""
        confirm, self._confirm = self._confirm, None
        if confirm is not None and confirm.is_attached and self.app.screen is confirm:
            confirm.dismiss(False)

    def action_leave(self) -> None:
        self.dismiss()

    # ------------------------------------------------------------- the end

    def _ended(self) -> None:
        self._stop_timers()
        self._close_confirm()
        reply = self.query_one("#call-reply", Input)
        reply.disabled = True
        reply.placeholder = "通话已结束，正在评分…"
        self._grading = True
        self.refresh_bindings()
        self._grade(self.callsim)

    @work(thread=True, exit_on_error=False, group="grade", exclusive=True)
    def _grade(self, app: CallsimApp) -> None:
        # `app` comes from the UI thread: once the trainee has left this screen it is
        # detached, and `self.app` cannot be found from this thread any more.
        if self.live is None:
            return
        result = grade_call(app.services, self.live, self._microphone)
        if isinstance(result, CallGraded) and self.exam is None:
            # Saved from here, not when the report opens: the trainee may have left this
            # screen while grading ran, and a message to a closed screen is dropped.
            self._save(app, result)
        self.post_message(result)

    @staticmethod
    def _save(app: CallsimApp, graded: CallGraded) -> None:
        """Hand the graded call to the app's saving worker (the report waits for it);
        if the app is already closing, save it here, in the grading thread."""
        try:
            app.call_from_thread(app.save_result_in_background, graded.grade, graded.recording)
        except RuntimeError:  # no event loop any more: nobody to hand it to
            with contextlib.suppress(Exception):  # the recording stays on disk either way
                app.services.save_result(graded.grade, graded.recording)

    def on_grading_failed(self, message: GradingFailed) -> None:
        self._grading = False
        self.query_one(Transcript).note(f"评分失败：{message.reason}（录音：{message.recording}）")
        if self.exam is not None:
            self.query_one(Transcript).note("本通考试没有计入成绩：返回考试列表可重新接听这一通。")
        self.notify(message.reason, title="评分失败", severity="error", markup=False)
        self.refresh_bindings()

    def on_call_graded(self, message: CallGraded) -> None:
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.report import ReportScreen  # noqa: PLC0415

        # A practice call was handed for saving by the grading worker (`_save`); an exam
        # call is stored by its report, which shows the result.
        report = ReportScreen(message.grade, message.recording, message.scenario, exam=self.exam)
        self._replace_with(report)

    def _stop_timers(self) -> None:
        for timer in (self._timer, self._due_timer):
            if timer is not None:
                timer.stop()

    @staticmethod
    def _release(prepared: CallPrepared) -> None:
        """Close a prepared voice and microphone no call will use (closing blocks)."""
        threading.Thread(target=release_prepared, args=(prepared,), daemon=True).start()

    def on_unmount(self) -> None:
        self._stop_timers()
        with self._handover:
            self._left = True
            unclaimed, self._unclaimed = self._unclaimed, None
        if unclaimed is not None:  # prepared, but the trainee left before the phone rang
            self._release(unclaimed)
        if self.live is not None and not self.live.call.ended:
            self.live.close()
            close_voice(self.live.call.voice)
            if self._microphone is not None:
                # Closing waits for recognitions under way: never on the UI thread.
                threading.Thread(target=self._microphone.close, daemon=True).start()
