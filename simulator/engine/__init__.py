"""The call engine: a UI-free state machine for one simulated call."""

from __future__ import annotations

from simulator.engine.call import Call, CallState
from simulator.engine.headless import HeadlessDriver, reply_duration
from simulator.engine.matching import (
    ReplyMatcher,
    StandardsReplyMatcher,
    default_reply_matcher,
    first_reaction,
)
from simulator.engine.notices import (
    AgentSaid,
    BeatEntered,
    CallAnswered,
    CallEnded,
    CallerLineEnded,
    CallerLineStarted,
    CallNotice,
    HoldChanged,
    RingSounded,
)
from simulator.engine.session import CallSession, start_session
from simulator.engine.voice import CallerVoice, EstimatedVoice, VoicedLine, estimate_duration

__all__ = [
    "AgentSaid",
    "BeatEntered",
    "Call",
    "CallAnswered",
    "CallEnded",
    "CallNotice",
    "CallSession",
    "CallState",
    "CallerLineEnded",
    "CallerLineStarted",
    "CallerVoice",
    "EstimatedVoice",
    "HeadlessDriver",
    "HoldChanged",
    "ReplyMatcher",
    "RingSounded",
    "StandardsReplyMatcher",
    "VoicedLine",
    "default_reply_matcher",
    "estimate_duration",
    "first_reaction",
    "reply_duration",
    "start_session",
]
