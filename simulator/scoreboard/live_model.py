"""What the board shows of one call shown live (课堂演示), at any step of it.

Pure: the stored events of a call go in, the state to draw comes out, as of the newest
event or as of an earlier step when the trainer steps back through a pinned call. A
step is an event the class sees happen (a ring, a line, a hold, a rule, the end); the
once-a-second meter readings are not steps of their own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from simulator.store.live import LiveEvent

STEP_KINDS = frozenset({"ring", "answer", "caller", "agent", "hold", "rule", "end", "graded"})
END_REASONS = {
    "caller_hung_up": "来电者挂机",
    "agent_hung_up": "学员挂机",
    "caller_gave_up_ringing": "无人接听，来电者挂断",
    "max_duration": "通话超时结束",
    "stalled": "通话结束",
    "withdrawn": "学员取消了课堂演示",
    "left": "学员离开了通话",
    "ended": "通话结束",
}


@dataclass(frozen=True)
class LiveLine:
    who: str
    """`caller` or `agent`."""
    t: float
    text: str


@dataclass(frozen=True)
class LiveRule:
    rule: str
    title: str
    status: str
    at: float | None
    detail: str


@dataclass
class LiveState:
    """One call as of one step."""

    trainee: str = ""
    agent_id: str = ""
    title: str = ""
    limits: dict[str, Any] = field(default_factory=dict)
    rings: int = 0
    answered_at: float | None = None
    on_hold: bool = False
    lines: list[LiveLine] = field(default_factory=list)
    rules: dict[str, LiveRule] = field(default_factory=dict)
    """In the order they resolved; a final verdict replaces a provisional one in place."""
    meters: dict[str, Any] = field(default_factory=dict)
    t: float = 0.0
    """Call time of the newest event shown."""
    ended: str | None = None
    """Why the call ended (in Chinese), None while it runs."""
    score: int | None = None
    passed: bool | None = None

    @property
    def phase(self) -> str:
        if self.score is not None:
            return "已评分"
        if self.ended is not None:
            return "已结束"
        if self.answered_at is None:
            return "响铃中" if self.rings else "等待来电"
        return "保持中" if self.on_hold else "通话中"


def step_positions(events: Sequence[LiveEvent]) -> list[int]:
    """Indexes of the events that are steps (what ←/→ move between)."""
    return [i for i, event in enumerate(events) if event.kind in STEP_KINDS]


def replay(events: Sequence[LiveEvent], upto: int | None = None) -> LiveState:
    """The state after `events[: upto + 1]` (all of them when `upto` is None)."""
    state = LiveState()
    last = len(events) - 1 if upto is None else max(-1, min(upto, len(events) - 1))
    for event in events[: last + 1]:
        _apply(state, event)
    return state


def _apply(state: LiveState, event: LiveEvent) -> None:
    data = event.data
    if event.t is not None:
        state.t = max(state.t, event.t)
    kind = event.kind
    if kind == "start":
        state.trainee = str(data.get("trainee", ""))
        state.agent_id = str(data.get("agent_id", ""))
        state.title = str(data.get("title", ""))
        limits = data.get("limits")
        state.limits = limits if isinstance(limits, dict) else {}
    elif kind == "ring":
        state.rings = max(state.rings, _int(data.get("n")))
    elif kind == "answer":
        state.answered_at = event.t
    elif kind in ("caller", "agent"):
        state.lines.append(LiveLine(kind, event.t or 0.0, str(data.get("text", ""))))
        state.lines.sort(key=lambda line: line.t)  # a typed reply starts at its first key
    elif kind == "hold":
        state.on_hold = bool(data.get("on"))
    elif kind == "meters":
        state.meters = dict(data)
    elif kind == "rule":
        rule = str(data.get("rule", ""))
        state.rules[rule] = LiveRule(
            rule,
            str(data.get("title", "")) or rule,
            str(data.get("status", "")),
            event.t,
            str(data.get("detail", "")),
        )
    elif kind == "end":
        reason = str(data.get("reason", "ended"))
        state.ended = END_REASONS.get(reason, "通话结束")
        state.on_hold = False
    elif kind == "graded":
        state.score = _int(data.get("score"))
        state.passed = bool(data.get("passed"))


def meter_lines(state: LiveState) -> list[str]:
    """The meters as the board prints them, against the standards' limits."""
    limits = state.limits
    meters = state.meters
    rings = max(_int(meters.get("rings")), state.rings)
    parts = [f"响铃 {rings}/{_int(limits.get('rings'), 3)} 声"]
    talk = _number(meters.get("talk"), None)
    parts.append(f"通话 {_clock(talk)}" if talk is not None else "通话 --:--")
    silence = _number(meters.get("silence"), None)
    if state.ended is None and silence is not None and meters.get("waiting") is True:
        parts.append(f"冷场 {silence:.0f}/{_number(limits.get('dead_air'), 10):.0f} 秒")
    else:
        parts.append("冷场 --")
    hold = _number(meters.get("hold"), None)
    if state.on_hold and hold is not None:
        parts.append(f"保持 {hold:.0f}/{_number(limits.get('hold'), 15):.0f} 秒")
    else:
        parts.append("保持 --")
    return parts


def _clock(seconds: float) -> str:
    whole = max(0, int(seconds))
    return f"{whole // 60:02d}:{whole % 60:02d}"


def _int(value: object, default: int = 0) -> int:
    """A count from another machine's row; anything else is `default`."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return default
    return int(max(-1e9, min(1e9, value)))


def _number(value: object, default: float | None) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value):
        return default
    return float(max(-1e9, min(1e9, value)))
