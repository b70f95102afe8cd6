"""The call as a state machine: rings, answer, the caller's beats, holds, hang-ups.

`Call` knows nothing of screens or sound cards. Time comes from the injected clock; the
caller's voice, the reply matcher and the recording sink are injected too. Whoever drives
the call (the Textual app, headless play, a test) reports what the agent does and calls
`advance()` whenever time has moved; `next_due()` says when there is next work to do.

All times are call times: seconds since the first ring (the recording's `t`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import Literal

from simulator.clock import Clock
from simulator.engine.matching import ReplyMatcher, first_reaction
from simulator.engine.notices import (
    AgentSaid,
    BeatEntered,
    CallAnswered,
    CallEnded,
    CallerLineEnded,
    CallerLineStarted,
    CallNotice,
    EndReason,
    HoldChanged,
    RingSounded,
)
from simulator.engine.schedule import Schedule
from simulator.engine.voice import CallerVoice, EstimatedVoice, VoicedLine
from simulator.recording.events import Answer, Asr, Event, Hangup, Hold, Ring, Say
from simulator.scenario.models import Beat, CallerLine, Scenario


class CallState(Enum):
    IDLE = "idle"
    RINGING = "ringing"
    CONNECTED = "connected"
    ENDED = "ended"


MIN_TIMEOUT_SECONDS = 0.001
"""A caller timeout waits at least this long (event times are kept to the ms), so a
timeout of `after: 1e-300` still moves the call on in time."""

MAX_STEPS_AT_ONE_INSTANT = 1000
"""More than this many things happening at one call time can only be a loop (a legit
instant has a handful: a ring, a beat, a line's start and end): the call then ends."""


def _ms(t: float) -> float:
    """Event times are kept to the millisecond (float noise would show in recordings)."""
    return round(t, 3)


class Call:
    """One simulated call, from the first ring to the hang-up."""

    def __init__(
        self,
        scenario: Scenario,
        *,
        clock: Clock,
        matcher: ReplyMatcher,
        sink: Callable[[Event], None] | None = None,
        voice: CallerVoice | None = None,
        listener: Callable[[CallNotice], None] | None = None,
    ) -> None:
        self.scenario = scenario
        self.clock = clock
        self.voice: CallerVoice = voice if voice is not None else EstimatedVoice()
        self.matcher = matcher
        self.sink = sink
        self.listener = listener
        self.state = CallState.IDLE
        self.events: list[Event] = []
        self.origin = 0.0
        self.answered_at: float | None = None
        self.ended_at: float | None = None
        self.on_hold = False
        self.agent_talking = False
        self.beat: str | None = None
        self.last_caller_end = 0.0
        self.last_agent_end = 0.0
        self._schedule = Schedule()
        self._caller_until = 0.0  # end of the caller line in progress
        self._hold_released_at = 0.0
        self._generation = 0  # bumped on every branch: stale line tasks then do nothing
        self._lines: list[CallerLine] = []
        self._lines_done: Callable[[float], None] | None = None
        self._sequence_active = False
        self._deferred: CallerLine | None = None  # a line due while on hold
        self._transition_pending = False
        self._hangup_pending = False
        self._timeouts_fired = 0
        self._waiting_since = 0.0  # entering the beat, or its timeout's last firing

    # ----------------------------------------------------------------- queries

    def now(self) -> float:
        """Call time now."""
        return self.clock.now() - self.origin

    @property
    def ended(self) -> bool:
        return self.state is CallState.ENDED

    @property
    def caller_speaking(self) -> bool:
        return self.state is CallState.CONNECTED and self.now() < self._caller_until

    def current_beat(self) -> Beat | None:
        return self.scenario.script.beats[self.beat] if self.beat is not None else None

    def next_due(self) -> float | None:
        """Call time at which `advance()` next has work to do; None when nothing is pending."""
        candidates = [t for t in (self._schedule.next_due(), self._timeout_due()) if t is not None]
        return min(candidates) if candidates else None

    def all_voiced_lines(self) -> list[VoicedLine]:
        """Every line the caller may say in this scenario, in its voice (for pre-synthesis)."""
        base = self.scenario.voice
        return [VoicedLine(line.text, line.voice(base)) for line in _all_lines(self.scenario)]

    # ----------------------------------------------------------------- actions

    def start(self) -> None:
        """The phone starts ringing (t = 0)."""
        if self.state is not CallState.IDLE:
            raise RuntimeError("a call can only be started once")
        self.voice.prepare(self.all_voiced_lines())
        self.origin = self.clock.now()
        self.state = CallState.RINGING
        ringing = self.scenario.ringing
        for n in range(1, ringing.give_up + 1):
            self._schedule.add((n - 1) * ringing.interval, self._ring_action(n), "ring")
        self._schedule.add(ringing.give_up * ringing.interval, self._give_up, "ring")

    def answer(self) -> None:
        """The agent picks up. Ignored unless the phone is ringing."""
        if self.state is not CallState.RINGING:
            return
        t = self.now()
        self._schedule.cancel_where(lambda task: task.label == "ring")
        self.state = CallState.CONNECTED
        self.answered_at = _ms(t)
        self._record(Answer(t=_ms(t)))
        self._notify(CallAnswered(_ms(t)))
        self._schedule.add(self.scenario.max_duration, self._max_duration, "end")
        self._begin_beat(self.scenario.script.first_beat, t)

    def agent_started(self) -> None:
        """The agent began an utterance (first keystroke, speech onset)."""
        if self.state is CallState.CONNECTED:
            self.agent_talking = True

    def agent_cancelled(self) -> None:
        """The agent abandoned an utterance before finishing it (cleared the input)."""
        self.agent_talking = False

    def agent_said(
        self,
        text: str,
        onset: float,
        end: float | None = None,
        *,
        audio: Path | None = None,
        asr: Asr | None = None,
        corrected: bool = False,
    ) -> Say:
        """A finished agent utterance; the caller reacts according to the current beat."""
        now = self.now()
        finish = now if end is None else end
        say = Say(
            t=_ms(onset),
            end=_ms(max(onset, finish)),
            who="agent",
            text=text,
            audio=str(audio) if audio is not None else None,
            asr=asr,
            corrected=corrected,
        )
        self.agent_talking = False
        if self.state is not CallState.CONNECTED:
            return say
        self.last_agent_end = max(self.last_agent_end, say.end)
        self._record(say)
        self._notify(AgentSaid(say))
        if not self.on_hold:
            self._react_to(text, now)
        return say

    def hold(self, on: bool) -> None:
        """Put the caller on hold, or take them off it."""
        if self.state is not CallState.CONNECTED or on == self.on_hold:
            return
        t = self.now()
        self.on_hold = on
        self._record(Hold(t=_ms(t), on=on))
        self._notify(HoldChanged(on, _ms(t)))
        if not on:
            self._hold_released_at = t
            if self._deferred is not None:
                line, self._deferred = self._deferred, None
                self._schedule_line(line, t + line.pause, self._generation)

    def hangup(self) -> None:
        """The agent hangs up (while ringing: rejects the call)."""
        if self.state in (CallState.RINGING, CallState.CONNECTED):
            self._end("agent", self.now(), "agent_hung_up")

    def advance(self) -> None:
        """Do everything that has fallen due by now, in time order.

        Whatever the script, this returns: timeouts always move the call on in time, and
        a run of steps that does not (a loop no check foresaw) ends the call.
        """
        now = self.now()
        instant: float | None = None
        steps = 0
        action: Callable[[float], None]
        while not self.ended:
            task_due = self._schedule.next_due()
            timeout_due = self._timeout_due()
            if (
                timeout_due is not None
                and timeout_due <= now
                and (task_due is None or timeout_due < task_due)
            ):
                at, action = timeout_due, self._fire_timeout
            else:
                task = self._schedule.pop_due(now)
                if task is None:
                    return
                at, action = task.due, task.action
            steps = steps + 1 if at == instant else 1
            instant = at
            if steps > MAX_STEPS_AT_ONE_INSTANT:
                self._end("caller", at, "stalled")
                return
            action(at)

    # ------------------------------------------------------------ the caller

    def _react_to(self, text: str, now: float) -> None:
        beat = self.current_beat()
        if beat is None:
            return
        reaction = first_reaction(self.matcher, text, beat.on)
        if reaction is None:
            return
        delay = reaction.delay if reaction.delay is not None else self.scenario.reaction
        self._go_to(reaction.goto, max(now, self._caller_until) + delay)

    def _go_to(self, beat_name: str, at: float) -> None:
        """Leave the current beat: its unspoken lines are dropped, the next starts at `at`."""
        self._generation += 1
        self._sequence_active = False
        self._deferred = None
        self._hangup_pending = False
        self._transition_pending = True
        generation = self._generation

        def enter(due: float) -> None:
            if generation == self._generation:
                self._transition_pending = False
                self._begin_beat(beat_name, due)

        self._schedule.add(at, enter, "beat")

    def _begin_beat(self, name: str, at: float) -> None:
        self.beat = name
        self._timeouts_fired = 0
        self._waiting_since = at
        self._notify(BeatEntered(name, _ms(at)))
        beat = self.scenario.script.beats[name]
        self._speak(beat.caller, at, self._beat_lines_done)

    def _beat_lines_done(self, at: float) -> None:
        beat = self.current_beat()
        if beat is not None and beat.hangup:
            self._hangup_pending = True
            generation = self._generation

            def hang_up(due: float) -> None:
                if generation == self._generation:
                    self._end("caller", due, "caller_hung_up")

            self._schedule.add(at + beat.hangup_after, hang_up, "beat")

    def _speak(
        self, lines: Sequence[CallerLine], at: float, done: Callable[[float], None] | None
    ) -> None:
        """Say `lines` one after another from `at`, then call `done` with the end time."""
        self._lines = list(lines)
        self._lines_done = done
        self._sequence_active = True
        self._next_line(at)

    def _next_line(self, at: float) -> None:
        if self._lines:
            line = self._lines.pop(0)
            self._schedule_line(line, at + line.pause, self._generation)
            return
        self._sequence_active = False
        done, self._lines_done = self._lines_done, None
        if done is not None:
            done(at)

    def _schedule_line(self, line: CallerLine, due: float, generation: int) -> None:
        def start(at: float) -> None:
            if generation != self._generation or self.ended:
                return
            if self.on_hold:
                self._deferred = line  # the caller waits for the agent to come back
                return
            self._start_line(line, at, generation)

        self._schedule.add(due, start, "line")

    def _start_line(self, line: CallerLine, at: float, generation: int) -> None:
        voiced = VoicedLine(line.text, line.voice(self.scenario.voice))
        self.voice.play(voiced)
        # A real voice returns from play() once sound has started: the clock then tells
        # the true start. The estimated voice plays nothing, so the schedule is the truth.
        t = at if isinstance(self.voice, EstimatedVoice) else max(at, self.now())
        end = t + self.voice.duration(voiced)
        audio = self.voice.audio_file(voiced)
        self._caller_until = end
        self.last_caller_end = max(self.last_caller_end, end)
        say = Say(
            t=_ms(t),
            end=_ms(end),
            who="caller",
            text=line.text,
            audio=str(audio) if audio is not None else None,
        )
        self._record(say)
        self._notify(CallerLineStarted(line.text, say.t, say.end, self.beat or ""))

        def finish(due: float) -> None:
            self._notify(CallerLineEnded(line.text, _ms(due)))
            if generation == self._generation and not self.ended:
                self._next_line(due)

        self._schedule.add(end, finish, "line")

    # -------------------------------------------------------------- timeouts

    def _timeout_due(self) -> float | None:
        if (
            self.state is not CallState.CONNECTED
            or self.on_hold
            or self.agent_talking
            or self._sequence_active
            or self._transition_pending
            or self._hangup_pending
            or self._deferred is not None
        ):
            return None
        beat = self.current_beat()
        if beat is None or beat.timeout is None or self._timeouts_fired >= beat.timeout.repeat:
            return None
        # From the beat's start, not only from the last words: two beats whose silent
        # timeouts lead to each other would otherwise fire at one instant forever.
        quiet_since = max(
            self.last_caller_end,
            self.last_agent_end,
            self.answered_at or 0.0,
            self._hold_released_at,
            self._waiting_since,
        )
        return quiet_since + max(beat.timeout.after, MIN_TIMEOUT_SECONDS)

    def _fire_timeout(self, at: float) -> None:
        beat = self.current_beat()
        if beat is None or beat.timeout is None:
            return
        timeout = beat.timeout
        self._timeouts_fired += 1
        self._waiting_since = at  # a timeout that stays in its beat fires again `after` later
        done: Callable[[float], None] | None = None
        if timeout.goto is not None:
            target = timeout.goto

            def done(end: float) -> None:
                self._go_to(target, end)

        self._speak(timeout.say, at, done)

    # ------------------------------------------------------------- endings

    def _ring_action(self, n: int) -> Callable[[float], None]:
        def ring(at: float) -> None:
            if self.state is CallState.RINGING:
                self._record(Ring(t=_ms(at), n=n))
                self._notify(RingSounded(n, _ms(at)))

        return ring

    def _give_up(self, at: float) -> None:
        if self.state is CallState.RINGING:
            self._end("caller", at, "caller_gave_up_ringing")

    def _max_duration(self, at: float) -> None:
        self._end("caller", at, "max_duration")

    def _end(self, who: Literal["agent", "caller"], at: float, reason: EndReason) -> None:
        if self.ended:
            return
        self.state = CallState.ENDED
        self.ended_at = _ms(at)
        self.voice.stop()
        self._schedule.clear()
        self._record(Hangup(t=_ms(at), who=who))
        self._notify(CallEnded(who, _ms(at), reason))

    # ------------------------------------------------------------- plumbing

    def _record(self, event: Event) -> None:
        self.events.append(event)
        if self.sink is not None:
            self.sink(event)

    def _notify(self, notice: CallNotice) -> None:
        if self.listener is not None:
            self.listener(notice)


def _all_lines(scenario: Scenario) -> Iterator[CallerLine]:
    for beat in scenario.script.beats.values():
        yield from beat.caller
        if beat.timeout is not None:
            yield from beat.timeout.say
