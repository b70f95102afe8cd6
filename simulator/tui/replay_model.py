"""Playing a recording back in time (no UI here): position, speed, steps, what is visible.

The position moves with the injected clock while playing, at 1×, 2× or 4×; stepping
jumps to the next or previous moment something happened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.clock import Clock
from simulator.recording.events import Answer, Event, Hangup, Hold, Ring, Say

SPEEDS = (1.0, 2.0, 4.0)


@dataclass(frozen=True)
class Moment:
    """The call as it stood at one position."""

    state: str  # "ringing" | "connected" | "hold" | "ended"
    rings: int
    says: tuple[tuple[Say, bool], ...]
    """Utterances started by now, each with whether it is still being spoken."""


class ReplayPlayer:
    """A play head over a recording's events."""

    def __init__(self, events: Sequence[Event], clock: Clock) -> None:
        self.events = sorted(events, key=lambda e: e.t)
        self.clock = clock
        ends = [max(e.t, e.end) if isinstance(e, Say) else e.t for e in self.events]
        self.duration = max(ends, default=0.0)
        self.moments = sorted({0.0, *ends, *(e.t for e in self.events)})
        self.position = 0.0
        self.speed = 1.0
        self.playing = False
        self._last = clock.now()

    def update(self) -> None:
        """Move the play head by the time passed since the last update."""
        now = self.clock.now()
        if self.playing:
            self.position = min(self.duration, self.position + (now - self._last) * self.speed)
            if self.position >= self.duration:
                self.playing = False
        self._last = now

    def toggle(self) -> None:
        self.update()
        if not self.playing and self.position >= self.duration:
            self.position = 0.0
        self.playing = not self.playing

    def set_speed(self, speed: float) -> None:
        self.update()
        self.speed = speed

    def step(self, forward: bool = True) -> None:
        """Pause and jump to the next (or previous) moment something happened."""
        self.update()
        self.playing = False
        if forward:
            later = [m for m in self.moments if m > self.position + 1e-6]
            self.position = later[0] if later else self.duration
        else:
            earlier = [m for m in self.moments if m < self.position - 1e-6]
            self.position = earlier[-1] if earlier else 0.0

    def moment(self) -> Moment:
        at = self.position + 1e-9
        state, rings, says = "ringing", 0, []
        for event in self.events:
            if event.t > at:
                break
            if isinstance(event, Ring):
                rings = event.n
            elif isinstance(event, Answer):
                state = "connected"
            elif isinstance(event, Hold) and state != "ended":
                state = "hold" if event.on else "connected"
            elif isinstance(event, Hangup):
                state = "ended"
            elif isinstance(event, Say):
                says.append((event, at < event.end))
        if self.position >= self.duration and self.events:
            state = "ended" if any(isinstance(e, Hangup) for e in self.events) else state
        return Moment(state, rings, tuple(says))
