"""Headless play: a whole call driven by a trainee script instead of a person.

The same engine runs as in the app; only the driver differs. On a FakeClock the driver
jumps straight to the next moment something happens, so a five-minute call takes
milliseconds and its event times are exactly those of a real-time run; on the real clock
it sleeps until then.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from simulator.clock import Clock, FakeClock
from simulator.engine.call import Call, CallState
from simulator.scenario.models import TraineeStep


@dataclass
class _Speaking:
    """A `say` step in progress: started at `onset`, finishes at `end`."""

    step: TraineeStep
    onset: float
    end: float


# Headless replies last as long as saying them at the standard's pace (120 characters a
# minute) when the script gives no duration.
DEFAULT_CHARS_PER_SECOND = 2.0

# Two moments closer than this are the same moment (event times are kept to the ms).
TIE = 0.0005


def reply_duration(step: TraineeStep) -> float:
    if step.duration is not None:
        return step.duration
    return max(0.5, len(step.text or "") / DEFAULT_CHARS_PER_SECOND)


class HeadlessDriver:
    """Plays `steps` against `call` until the call ends.

    A step is due `after` seconds past the later of the previous step's end and the end
    of the caller's last line; the caller's lines are known the moment they start, so
    "1.5 s after the caller stops" is exact even while the caller is still talking.
    """

    def __init__(
        self,
        call: Call,
        steps: Sequence[TraineeStep],
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.call = call
        self.steps = list(steps)
        self._sleep = sleep
        self._index = 0
        self._previous_end = 0.0
        self._speaking: _Speaking | None = None

    def run(self) -> None:
        call = self.call
        if call.state is CallState.IDLE:
            call.start()
        while not call.ended:
            step_due = self._step_due()
            engine_due = call.next_due()
            # The caller goes first at a tie: a line starting at the very moment a reply is
            # due moves the reply (it now waits for that line to end).
            if engine_due is not None and (step_due is None or engine_due <= step_due + TIE):
                self._wait_until(engine_due)
                call.advance()
                continue
            if step_due is None:
                return  # nothing can happen any more (only possible with no max duration)
            self._wait_until(step_due)
            call.advance()
            self._act()

    def _step_due(self) -> float | None:
        if self._speaking is not None:
            return self._speaking.end
        if self._index >= len(self.steps):
            return None
        step = self.steps[self._index]
        base = self._previous_end
        if step.do != "answer":
            base = max(base, self.call.last_caller_end)
        return base + step.after

    def _wait_until(self, target: float) -> None:
        clock: Clock = self.call.clock
        goal = self.call.origin + target
        if isinstance(clock, FakeClock):
            if goal > clock.now():
                clock.set(goal)
            return
        remaining = goal - clock.now()
        if remaining > 0:
            self._sleep(remaining)

    def _act(self) -> None:
        """Perform the step that is due now, if any (a caller line may have moved it)."""
        call = self.call
        now = call.now()
        due = self._step_due()
        if call.ended or due is None or due > now + TIE:
            return
        if self._speaking is not None:
            speaking, self._speaking = self._speaking, None
            call.agent_said(speaking.step.text or "", speaking.onset, speaking.end)
            self._previous_end = speaking.end
            self._index += 1
            call.advance()
            return
        step = self.steps[self._index]
        if step.do == "say":
            call.agent_started()
            self._speaking = _Speaking(step, now, now + reply_duration(step))
            return
        if step.do == "answer":
            call.answer()
        elif step.do == "hold":
            call.hold(True)
        elif step.do == "unhold":
            call.hold(False)
        else:
            call.hangup()
        self._previous_end = now
        self._index += 1
        call.advance()
