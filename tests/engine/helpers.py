"""Small builders for engine tests: scenarios in code and a literal reply matcher."""

from __future__ import annotations

from typing import Any

from simulator.clock import FakeClock
from simulator.engine import Call, CallNotice
from simulator.engine.voice import VoicedLine
from simulator.recording import Event
from simulator.scenario import Reaction, Scenario


class LiteralMatcher:
    """Matches `said` phrases as plain substrings; `forbidden` means the text has 喂 or 不知道.

    The engine's branching is what is under test here, not phrase matching (which the
    standards tests cover), so the simplest faithful matcher keeps these tests exact.
    """

    FORBIDDEN = ("不知道", "喂")

    def matches(self, text: str, reaction: Reaction) -> bool:
        if reaction.said and not any(p in text for p in reaction.said):
            return False
        if reaction.not_said and any(p in text for p in reaction.not_said):
            return False
        if reaction.catalog and not any(group in text for group in reaction.catalog):
            return False
        if reaction.forbidden is not None:
            used = any(word in text for word in self.FORBIDDEN)
            if used != reaction.forbidden:
                return False
        return True


class FixedVoice:
    """A voice where every line takes exactly `seconds`; remembers what it was asked."""

    def __init__(self, seconds: float = 2.0) -> None:
        self.seconds = seconds
        self.prepared: list[VoicedLine] = []
        self.played: list[str] = []
        self.stops = 0

    def prepare(self, lines: Any) -> None:
        self.prepared = list(lines)

    def duration(self, line: VoicedLine) -> float:
        return self.seconds

    def play(self, line: VoicedLine) -> None:
        self.played.append(line.text)

    def stop(self) -> None:
        self.stops += 1

    def audio_file(self, line: VoicedLine) -> None:
        return None


def scenario(script: dict[str, Any], **fields: Any) -> Scenario:
    data: dict[str, Any] = {
        "id": "test",
        "title": "测试",
        "persona": "standard",
        "org": "福彩热线",
        "reaction": 0.5,
        "script": script,
    }
    data.update(fields)
    return Scenario.model_validate(data)


def make_call(
    scn: Scenario, seconds: float = 2.0
) -> tuple[Call, FakeClock, list[Event], list[CallNotice], FixedVoice]:
    clock = FakeClock()
    events: list[Event] = []
    notices: list[CallNotice] = []
    voice = FixedVoice(seconds)
    call = Call(
        scn,
        clock=clock,
        matcher=LiteralMatcher(),
        sink=events.append,
        voice=voice,
        listener=notices.append,
    )
    return call, clock, events, notices, voice


def run_until(call: Call, clock: FakeClock, t: float) -> None:
    """Advance the fake clock to call time `t`, processing everything due on the way."""
    while True:
        due = call.next_due()
        if due is None or due > t or call.ended:
            break
        clock.set(call.origin + due)
        call.advance()
    if not call.ended and clock.now() < call.origin + t:
        clock.set(call.origin + t)
        call.advance()


def says(events: list[Event], who: str) -> list[tuple[float, float, str]]:
    return [(e.t, e.end, e.text) for e in events if e.kind == "say" and e.who == who]
