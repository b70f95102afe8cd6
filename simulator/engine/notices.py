"""What the engine tells its listener (the UI) as the call unfolds. Named in the past tense."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from simulator.recording.events import Say

EndReason = Literal[
    "caller_hung_up",
    "agent_hung_up",
    "caller_gave_up_ringing",
    "max_duration",
    "stalled",
]
"""`stalled`: the script looped without time moving on; the engine ended the call."""


@dataclass(frozen=True)
class RingSounded:
    n: int
    t: float


@dataclass(frozen=True)
class CallAnswered:
    t: float


@dataclass(frozen=True)
class CallerLineStarted:
    text: str
    t: float
    end: float
    beat: str


@dataclass(frozen=True)
class CallerLineEnded:
    text: str
    t: float


@dataclass(frozen=True)
class AgentSaid:
    say: Say


@dataclass(frozen=True)
class HoldChanged:
    on: bool
    t: float


@dataclass(frozen=True)
class BeatEntered:
    beat: str
    t: float


@dataclass(frozen=True)
class CallEnded:
    who: Literal["agent", "caller"]
    t: float
    reason: EndReason


CallNotice = (
    RingSounded
    | CallAnswered
    | CallerLineStarted
    | CallerLineEnded
    | AgentSaid
    | HoldChanged
    | BeatEntered
    | CallEnded
)
