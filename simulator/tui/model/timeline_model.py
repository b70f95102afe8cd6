"""Where the time of a call went, computed from its recording events (no UI).

The timeline widget draws this and the report quotes it: rings before the answer, how
long the greeting took, who spoke when, holds, and the silences after the caller
stopped that the trainee let run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from simulator.recording.events import Answer, Event, Hangup, Hold, Ring, Say


@dataclass(frozen=True)
class Span:
    start: float
    end: float

    @property
    def length(self) -> float:
        return max(0.0, self.end - self.start)


@dataclass(frozen=True)
class CallTimes:
    """The shape of one call in seconds since the first ring."""

    rings: tuple[float, ...]
    answer: float | None
    hangup: float | None
    hangup_who: str | None
    caller: tuple[Span, ...]
    agent: tuple[Span, ...]
    holds: tuple[Span, ...]
    gaps: tuple[Span, ...]
    """Silences from the end of a caller line to the agent's next move."""
    greeting: Span | None
    """From the answer to the onset of the agent's first utterance."""
    total: float

    @property
    def longest_gap(self) -> float:
        return max((g.length for g in self.gaps), default=0.0)

    @property
    def hold_seconds(self) -> float:
        return sum(h.length for h in self.holds)

    @property
    def talk_seconds(self) -> float:
        if self.answer is None:
            return 0.0
        return max(0.0, (self.hangup if self.hangup is not None else self.total) - self.answer)


def call_times(events: Iterable[Event], now: float | None = None) -> CallTimes:
    """Measure a call; `now` closes open holds and extends the axis of a live call."""
    ordered = sorted(events, key=lambda e: e.t)
    says = [e for e in ordered if isinstance(e, Say)]
    answer = next((e.t for e in ordered if isinstance(e, Answer)), None)
    hangup_event = next((e for e in ordered if isinstance(e, Hangup)), None)
    last = max((max(e.t, e.end) if isinstance(e, Say) else e.t for e in ordered), default=0.0)
    total = max(last, now or 0.0, 1.0)
    holds = _holds(ordered, total)
    first_agent = next((s.t for s in says if s.who == "agent"), None)
    greeting = Span(answer, first_agent) if answer is not None and first_agent is not None else None
    return CallTimes(
        rings=tuple(e.t for e in ordered if isinstance(e, Ring)),
        answer=answer,
        hangup=hangup_event.t if hangup_event else None,
        hangup_who=hangup_event.who if hangup_event else None,
        caller=tuple(Span(s.t, s.end) for s in says if s.who == "caller"),
        agent=tuple(Span(s.t, s.end) for s in says if s.who == "agent"),
        holds=tuple(holds),
        gaps=tuple(_gaps(ordered, total)),
        greeting=greeting,
        total=total,
    )


def _holds(ordered: Sequence[Event], total: float) -> list[Span]:
    spans: list[Span] = []
    started: float | None = None
    for event in ordered:
        if isinstance(event, Hold):
            if event.on and started is None:
                started = event.t
            elif not event.on and started is not None:
                spans.append(Span(started, event.t))
                started = None
        elif isinstance(event, Hangup) and started is not None:
            spans.append(Span(started, event.t))
            started = None
    if started is not None:
        spans.append(Span(started, total))
    return spans


def _gaps(ordered: Sequence[Event], total: float) -> list[Span]:
    """After each caller line: the silence until anyone speaks, a hold, or the hang-up."""
    gaps: list[Span] = []
    for i, event in enumerate(ordered):
        if not (isinstance(event, Say) and event.who == "caller"):
            continue
        stop = total
        for later in ordered[i + 1 :]:
            if isinstance(later, Say) and later.t < event.end:
                if later.end >= event.end:
                    stop = event.end  # someone was already talking when the caller stopped
                    break
                continue
            if isinstance(later, Say | Hold | Hangup):
                stop = later.t
                break
        if stop > event.end:
            gaps.append(Span(event.end, stop))
    return gaps
