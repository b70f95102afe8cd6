"""The events of a call, exactly as docs/recording-format.md defines them (format 1).

Each event knows how to become one JSON line. Readers ignore fields they do not know,
so these classes keep the fields the simulator writes and `extra` for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

FORMAT_VERSION = 1

Speaker = Literal["agent", "caller"]
InputKind = Literal["keyboard", "voice"]
Mode = Literal["practice", "exam"]


@dataclass(frozen=True)
class SessionHeader:
    """Line 1 of a recording: who, what scenario, when (simulated)."""

    id: str
    scenario: str
    persona: str
    org: str
    agent_id: str
    trainee: str
    input: InputKind = "keyboard"
    mode: Mode = "practice"
    call_time: str = ""
    format: int = FORMAT_VERSION
    extra: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "kind": "session",
            "format": self.format,
            "id": self.id,
            "scenario": self.scenario,
            "persona": self.persona,
            "org": self.org,
            "agent_id": self.agent_id,
            "trainee": self.trainee,
            "input": self.input,
            "mode": self.mode,
            "call_time": self.call_time,
        }
        return {**self.extra, **data}


@dataclass(frozen=True)
class Asr:
    """Where a spoken reply's text came from: the recognizer's confidence and raw text."""

    confidence: float
    raw: str

    def to_json(self) -> dict[str, Any]:
        return {"confidence": self.confidence, "raw": self.raw}


@dataclass(frozen=True)
class Ring:
    t: float
    n: int
    kind: Literal["ring"] = "ring"

    def to_json(self) -> dict[str, Any]:
        return {"t": self.t, "kind": self.kind, "n": self.n}


@dataclass(frozen=True)
class Answer:
    t: float
    kind: Literal["answer"] = "answer"

    def to_json(self) -> dict[str, Any]:
        return {"t": self.t, "kind": self.kind}


@dataclass(frozen=True)
class Say:
    """An utterance: `t` is its onset, `end` its end (typed: first key and Enter)."""

    t: float
    end: float
    who: Speaker
    text: str
    audio: str | None = None
    asr: Asr | None = None
    corrected: bool = False
    kind: Literal["say"] = "say"

    @property
    def duration(self) -> float:
        return max(0.0, self.end - self.t)

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "t": self.t,
            "end": self.end,
            "kind": self.kind,
            "who": self.who,
            "text": self.text,
        }
        if self.audio is not None:
            data["audio"] = self.audio
        if self.asr is not None:
            data["asr"] = self.asr.to_json()
        if self.corrected:
            data["corrected"] = True
        return data


@dataclass(frozen=True)
class Hold:
    t: float
    on: bool
    kind: Literal["hold"] = "hold"

    def to_json(self) -> dict[str, Any]:
        return {"t": self.t, "kind": self.kind, "on": self.on}


@dataclass(frozen=True)
class Hangup:
    t: float
    who: Speaker
    kind: Literal["hangup"] = "hangup"

    def to_json(self) -> dict[str, Any]:
        return {"t": self.t, "kind": self.kind, "who": self.who}


Event = Ring | Answer | Say | Hold | Hangup
