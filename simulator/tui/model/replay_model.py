"""Playing a recording back in time (no UI here): position, speed, steps, what is visible.

The position moves with the injected clock while playing, at 1×, 2× or 4×; stepping
jumps to the next or previous moment something happened, and `next_fail` to the next
place a rule was failed (`fail_marks` ties each fail of a grade to its utterance).

Positions are recording time (from the first ring); what the trainee reads is the call
clock (`call_time`), which starts at the answer like the call screen, the transcript and
the report, so ringing reads negative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.clock import Clock
from simulator.recording.events import Answer, Event, Hangup, Hold, Ring, Say

if TYPE_CHECKING:
    from simulator.grading.model import Grade, RuleResult

SPEEDS = (1.0, 2.0, 4.0)
SLACK = 0.05
"""A fail this close to an utterance's ends still belongs to it (times are kept to the ms)."""


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
        self.answered = next((e.t for e in self.events if isinstance(e, Answer)), None)
        self.position = 0.0
        self.speed = 1.0
        self.playing = False
        self._last = clock.now()

    def call_time(self, at: float) -> float:
        """`at` on the call clock: seconds since the answer (negative while it rang).

        A call never answered has no such clock; its rings are counted from the first."""
        return at - self.answered if self.answered is not None else at

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

    def seek(self, position: float) -> None:
        """Pause at `position` (clamped to the call)."""
        self.update()
        self.playing = False
        self.position = min(self.duration, max(0.0, position))

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


@dataclass(frozen=True)
class FailMark:
    """One failed rule placed on the call: when, which rule, why, and the utterance."""

    at: float
    rule_id: str
    title: str
    reason: str
    say: Say | None
    """The utterance that failed the rule; None when the fail is something missing."""


def fail_marks(events: Sequence[Event], grade: Grade | None) -> tuple[FailMark, ...]:
    """Every fail of `grade` that has a time, in time order, tied to its utterance."""
    if grade is None:
        return ()
    says = [e for e in sorted(events, key=lambda e: e.t) if isinstance(e, Say)]
    marks = []
    for result in grade.rules:
        if result.status != "fail" or result.at is None:
            continue
        say = _utterance_of(result, says)
        at = say.t if say is not None else result.at
        marks.append(FailMark(at, result.id, _title(result), _reason(result), say))
    return tuple(sorted(marks, key=lambda m: (m.at, m.rule_id)))


def next_fail(marks: Sequence[FailMark], position: float) -> FailMark | None:
    """The first mark after `position`, wrapping to the first one at the end."""
    later = [m for m in marks if m.at > position + 1e-6]
    return later[0] if later else (marks[0] if marks else None)


def _utterance_of(result: RuleResult, says: Sequence[Say]) -> Say | None:
    """The agent's words the fail quotes (nearest its time), else what was being said then."""
    at = result.at
    assert at is not None
    quoted = result.evidence.strip().rstrip("…").rstrip(".").strip()[:12]
    quoting = [s for s in says if s.who == "agent" and len(quoted) >= 2 and quoted in s.text]
    if quoting:
        return min(quoting, key=lambda s: (_distance(s, at), s.t))
    speaking = [s for s in says if _distance(s, at) <= SLACK]
    agent = [s for s in speaking if s.who == "agent"]
    chosen = agent or speaking
    return chosen[-1] if chosen else None


def _distance(say: Say, at: float) -> float:
    """How far `at` lies outside the utterance (0 inside it)."""
    return max(0.0, say.t - at, at - say.end)


def _title(result: RuleResult) -> str:
    if result.title:
        return result.title
    # The grader (the whole rule catalog) is imported when needed, not at start-up.
    from simulator.grading.catalog import RULES_BY_ID  # noqa: PLC0415

    spec = RULES_BY_ID.get(result.id)
    return spec.title if spec is not None else result.id


def _reason(result: RuleResult) -> str:
    """One line: what went wrong, then how to do it right."""
    parts = [p for p in (result.message, f"改进：{result.fix}" if result.fix else "") if p]
    return "；".join(parts) if parts else "未达到规范要求"
