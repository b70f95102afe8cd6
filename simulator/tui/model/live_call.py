"""One call as the call screen drives it: keys in, meters and hints out (no Textual here).

Wraps the engine's recorded session. The screen reports keystrokes and ticks; this keeps
the typed reply's onset (the first keystroke), measures the clock since the answer, the
silence since the caller stopped and the running hold, and decides which gentle hint a
practice call shows when a timing window of the standards is running out.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator.clock import Clock
from simulator.engine.call import Call, CallState
from simulator.engine.matching import ReplyMatcher
from simulator.engine.notices import CallNotice, HoldChanged, RingSounded
from simulator.engine.session import CallSession, start_session
from simulator.engine.session import Trainee as EngineTrainee
from simulator.engine.voice import CallerVoice
from simulator.recording.events import Say
from simulator.scenario.models import Scenario
from simulator.tui.model.trainee import Trainee

if TYPE_CHECKING:
    from simulator.tui.model.class_demo import ClassDemo


@dataclass(frozen=True)
class Limits:
    """The timing windows of the standards, with the scenario's overrides."""

    rings: int = 3
    greeting: float = 2.0
    dead_air: float = 10.0
    hold: float = 15.0

    @classmethod
    def of(cls, scenario: Scenario) -> Limits:
        # Imported here: the catalog pulls in the grader, which the sign-in does not need.
        from simulator.grading.catalog import RULES_BY_ID  # noqa: PLC0415

        def param(rule_id: str, name: str) -> float:
            setting = scenario.rules.get(rule_id)
            value = setting.params.get(name) if setting is not None else None
            if value is None:
                value = RULES_BY_ID[rule_id].params[name]
            return float(value)

        return cls(
            rings=int(param("answer.rings", "max_rings")),
            greeting=param("opening.latency", "max_seconds"),
            dead_air=param("response.dead_air", "max_seconds"),
            hold=param("hold.checkin", "max_seconds"),
        )


@dataclass(frozen=True)
class Meters:
    """What the call screen shows at one instant (seconds, call time)."""

    state: CallState
    rings: int
    talk: float | None
    """Since the answer."""
    silence: float | None
    """Since anyone last spoke, while nobody speaks and the caller is not on hold."""
    waiting: bool
    """The caller spoke last and is waiting for the agent (the dead-air window)."""
    hold: float | None
    greeted: bool


@dataclass(frozen=True)
class Hint:
    text: str
    urgent: bool = False


class LiveCall:
    """A recorded call plus the typed-reply bookkeeping the screen needs."""

    def __init__(
        self,
        scenario: Scenario,
        trainee: Trainee,
        *,
        recordings: Path,
        clock: Clock,
        matcher: ReplyMatcher,
        voice: CallerVoice,
        listener: Callable[[CallNotice], None],
        now: datetime | None = None,
        header_extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.scenario = scenario
        self.limits = Limits.of(scenario)
        self._listener = listener
        self.onset: float | None = None
        self.rings = 0
        self._hold_since: float | None = None
        self._last_hold_change = 0.0
        self.demo: ClassDemo | None = None
        """Set while the call is shown live on the class board (课堂演示)."""
        self._demo_closing: list[threading.Thread] = []
        """One per live view stopped: switched off and on again, a call has several."""
        self.demo_runs = 0
        """How often 课堂演示 was switched on in this call (each run is its own live call)."""
        self._notices: list[CallNotice] = []  # for a demo switched on after the first ring
        self.session: CallSession = start_session(
            scenario,
            EngineTrainee(trainee.name, trainee.agent_id),
            recordings=recordings,
            clock=clock,
            matcher=matcher,
            voice=voice,
            listener=self._heard,
            input_kind=trainee.input,
            mode=trainee.mode,
            now=now,
            header_extra=call_context(trainee, header_extra),
        )

    @property
    def call(self) -> Call:
        return self.session.call

    @property
    def path(self) -> Path:
        return self.session.path

    def _heard(self, notice: CallNotice) -> None:
        if isinstance(notice, RingSounded):
            self.rings = notice.n
        elif isinstance(notice, HoldChanged):
            self._last_hold_change = notice.t
            self._hold_since = notice.t if notice.on else None
        self._notices.append(notice)
        if self.demo is not None:
            self.demo.heard(notice, self.call.events)
        self._listener(notice)

    # ------------------------------------------------------------- actions

    def start(self) -> None:
        self.call.start()
        self.call.advance()

    def tick(self) -> None:
        self.call.advance()
        if self.demo is not None and not self.call.ended:
            self.demo.meters(self.meters(), self.call.now())

    def answer(self) -> None:
        self.call.answer()
        self.call.advance()

    def typed(self, text: str) -> None:
        """The reply box changed: the first keystroke is the utterance's onset."""
        if self.call.state is not CallState.CONNECTED:
            return
        if text and self.onset is None:
            self.onset = self.call.now()
            self.call.agent_started()
        elif not text and self.onset is not None:
            self.onset = None
            self.call.agent_cancelled()

    def submit(self, text: str) -> Say | None:
        """Enter: the reply is said, from its first keystroke until now."""
        text = text.strip()
        if not text or self.call.state is not CallState.CONNECTED:
            return None
        onset = self.onset if self.onset is not None else self.call.now()
        self.onset = None
        say = self.call.agent_said(text, onset)
        self.call.advance()
        return say

    def toggle_hold(self) -> None:
        self.call.hold(not self.call.on_hold)
        self.call.advance()

    def hangup(self) -> None:
        self.call.hangup()

    def close(self, *, keep_demo: bool = False) -> None:
        """Close the recording; the live view too unless `keep_demo` (the grade follows)."""
        self.session.close()
        if not keep_demo:
            self.stop_demo("left")

    # ------------------------------------------------------------- 课堂演示

    def start_demo(self, demo: ClassDemo) -> None:
        """Show this call live from now on, starting with what already happened."""
        if self.demo is None:
            self.demo = demo
            self.demo_runs += 1
            demo.caught_up(self._notices)
            demo.meters(self.meters(), self.call.now())

    def stop_demo(self, reason: str) -> None:
        """Stop showing the call; before its end the board is told why (`reason`)."""
        demo, self.demo = self.demo, None
        if demo is None:
            return
        if not self.call.ended:
            demo.publisher.publish("end", round(self.call.now(), 3), {"reason": reason})
        # Sending what is queued can wait on a slow database: never on the UI thread.
        closing = threading.Thread(target=demo.close, name="live-close", daemon=True)
        closing.start()
        self._demo_closing.append(closing)

    def wait_demo_closed(self, timeout: float = 30.0) -> None:
        """Wait until the live view has been sent everything (tests, and shutting down)."""
        for closing in self._demo_closing:
            closing.join(timeout)

    # ------------------------------------------------------------- readings

    def meters(self) -> Meters:
        call = self.call
        now = call.now()
        greeted = call.agent_talking or any(
            isinstance(e, Say) and e.who == "agent" for e in call.events
        )
        talk = silence = hold = None
        waiting = False
        if call.answered_at is not None and call.state is not CallState.IDLE:
            end = call.ended_at if call.ended_at is not None else now
            talk = max(0.0, end - call.answered_at)
        if call.state is CallState.CONNECTED:
            if call.on_hold and self._hold_since is not None:
                hold = now - self._hold_since
            elif not call.caller_speaking and not call.agent_talking:
                agent_moved = max(call.last_agent_end, self._last_hold_change)
                quiet_since = max(call.last_caller_end, agent_moved, call.answered_at or 0.0)
                silence = max(0.0, now - quiet_since)
                waiting = call.last_caller_end > agent_moved and call.last_caller_end > 0
        return Meters(call.state, self.rings, talk, silence, waiting, hold, greeted)


def call_context(trainee: Trainee, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Header fields beyond format 1's: the class (so a result stored later, e.g. by
    `callsim grade --save`, is filed under it), then `extra` (an exam's id and attempt)."""
    context: dict[str, Any] = {"class": trainee.class_name} if trainee.class_name else {}
    context.update(extra or {})
    return context


def practice_hint(meters: Meters, limits: Limits) -> Hint | None:
    """A gentle reminder when a timing window is running out (practice mode only)."""
    if meters.state is CallState.RINGING and meters.rings >= max(1, limits.rings - 1):
        urgent = meters.rings >= limits.rings
        return Hint(f"电话已响 {meters.rings} 声：请在第 {limits.rings} 声内按空格接听。", urgent)
    if meters.state is not CallState.CONNECTED:
        return None
    if meters.hold is not None and meters.hold >= limits.hold * 2 / 3:
        left = limits.hold - meters.hold
        if left > 0:
            return Hint(
                f"保持已 {meters.hold:.0f} 秒：{left:.0f} 秒内按 F2 回到通话，向客户通报进展。"
            )
        return Hint(f"保持已超过 {limits.hold:.0f} 秒，请马上按 F2 回到通话。", urgent=True)
    if not meters.greeted and meters.talk is not None and meters.talk >= limits.greeting / 2:
        urgent = meters.talk >= limits.greeting
        return Hint("请马上问候：「您好，……号为您服务，请问有什么可以帮您？」", urgent)
    if meters.waiting and meters.silence is not None and meters.silence >= limits.dead_air * 0.6:
        if meters.silence < limits.dead_air:
            left = limits.dead_air - meters.silence
            return Hint(f"客户在等您回应：{left:.0f} 秒内请答复，或说「请您稍等」后按 F2 保持。")
        return Hint(f"已超过 {limits.dead_air:.0f} 秒没有回应客户。", urgent=True)
    return None
