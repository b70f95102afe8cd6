"""Timeouts that lead back to where they started: the call still moves on and ends.

Two beats whose silent timeouts go to each other (or one that goes to itself) used to
fire at one instant forever, because a timeout counted from the last words only. Every
test here bounds the engine with a listener that gives up after more notices than any
finite call makes, so a loop fails the test instead of hanging it.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import simulator.engine.call as engine_call
from simulator.clock import FakeClock
from simulator.engine import BeatEntered, Call, CallEnded, CallNotice, HeadlessDriver
from simulator.scenario import Scenario, TraineeStep
from tests.engine.helpers import FixedVoice, LiteralMatcher, run_until, scenario

NOTICE_LIMIT = 20_000


class LoopAlarm(AssertionError):
    """The engine made more notices than a finite call can: it is looping."""


class BoundedListener:
    """Keeps the notices; raises LoopAlarm past `limit` so a loop ends the test."""

    def __init__(self, limit: int = NOTICE_LIMIT) -> None:
        self.limit = limit
        self.notices: list[CallNotice] = []

    def __call__(self, notice: CallNotice) -> None:
        self.notices.append(notice)
        if len(self.notices) > self.limit:
            raise LoopAlarm(f"more than {self.limit} notices: the call loops")

    def entered(self) -> list[tuple[str, float]]:
        return [(n.beat, n.t) for n in self.notices if isinstance(n, BeatEntered)]

    def ending(self) -> CallEnded:
        last = self.notices[-1]
        assert isinstance(last, CallEnded)
        return last


def ping_pong(after: float = 5.0, **fields: Any) -> Scenario:
    return scenario(
        {
            "beats": {
                "甲": {"timeout": {"after": after, "goto": "乙"}},
                "乙": {"timeout": {"after": after, "goto": "甲"}},
            }
        },
        **fields,
    )


def answered(scn: Scenario, at: float = 0.0) -> tuple[Call, FakeClock, BoundedListener]:
    """The call of `scn`, answered at call time `at`."""
    clock = FakeClock()
    listener = BoundedListener()
    call = Call(scn, clock=clock, matcher=LiteralMatcher(), voice=FixedVoice(), listener=listener)
    call.start()
    clock.set(call.origin + at)
    call.answer()
    return call, clock, listener


def drive(call: Call, clock: FakeClock, max_steps: int = 10_000) -> int:
    """Jump the fake clock from one due moment to the next until the call ends."""
    for step in range(max_steps):
        due = call.next_due()
        if call.ended or due is None:
            return step
        clock.set(max(clock.now(), call.origin + due))
        call.advance()
    raise AssertionError(f"the call did not end in {max_steps} steps")


def test_silent_timeouts_going_to_each_other_take_turns_until_max_duration() -> None:
    call, clock, listener = answered(ping_pong(max_duration=60))
    drive(call, clock)
    ending = listener.ending()
    assert (ending.reason, ending.t) == ("max_duration", 60.0)
    # Each timeout counts from entering its beat: one beat every 5 s, not all at t = 0.
    assert listener.entered() == [("甲" if n % 2 == 0 else "乙", 5.0 * n) for n in range(12)]


def test_a_silent_timeout_back_to_its_own_beat_ends_by_max_duration() -> None:
    scn = scenario({"beats": {"等": {"timeout": {"after": 2, "goto": "等"}}}}, max_duration=9)
    call, clock, listener = answered(scn)
    drive(call, clock)
    assert listener.ending().reason == "max_duration" and call.ended_at == 9.0
    assert [t for _, t in listener.entered()] == [0.0, 2.0, 4.0, 6.0, 8.0]


def test_a_timeout_counts_from_entering_the_beat_when_that_is_later_than_the_words() -> None:
    scn = scenario(
        {
            "beats": {
                "开场": {"on": [{"goto": "等"}]},
                "等": {"timeout": {"after": 3, "say": "喂？"}},
            }
        },
        reaction=0.5,
    )
    call, clock, _ = answered(scn)
    clock.set(call.origin + 1.0)
    call.agent_said("您好", onset=0.0)
    run_until(call, clock, 10)
    said = [(e.t, e.text) for e in call.events if e.kind == "say" and e.who == "caller"]
    # Entered at 1.5 (the agent stopped at 1.0, the caller reacts in 0.5 s): 1.5 + 3.
    assert said[0] == (4.5, "喂？")


def test_a_timeout_that_stays_fires_again_after_its_wait_not_all_at_once() -> None:
    scn = scenario({"beats": {"等": {"timeout": {"after": 4, "repeat": 3}}}}, max_duration=30)
    call, clock, _ = answered(scn)
    fired = []
    while not call.ended and (due := call.next_due()) is not None and due < 30:
        fired.append(due)
        clock.set(call.origin + due)
        call.advance()
    assert fired == [4.0, 8.0, 12.0]


def test_a_vanishingly_short_timeout_still_moves_time_on() -> None:
    # Answered at 1 s, where adding 1e-300 to a time changes nothing.
    call, clock, listener = answered(ping_pong(after=1e-300, max_duration=2), at=1.0)
    drive(call, clock, max_steps=10_000)
    assert listener.ending().reason == "max_duration" and call.ended_at == 2.0
    times = [t for _, t in listener.entered()]
    assert times == sorted(set(times))  # never two beats at one instant


def test_headless_play_of_a_silent_loop_returns() -> None:
    clock = FakeClock()
    listener = BoundedListener()
    scn = ping_pong(max_duration=45)
    call = Call(scn, clock=clock, matcher=LiteralMatcher(), voice=FixedVoice(), listener=listener)
    HeadlessDriver(call, [TraineeStep(do="answer", after=1.0)]).run()
    assert call.ended and listener.ending().reason == "max_duration"
    assert call.ended_at == 45.0


def test_a_loop_at_one_instant_is_cut_off_even_without_the_timeout_floor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The floor keeps timeouts apart in time; the guard is there for any loop it misses.
    monkeypatch.setattr(engine_call, "MIN_TIMEOUT_SECONDS", 0.0)
    call, clock, listener = answered(ping_pong(after=1e-300, max_duration=60), at=1.0)
    clock.set(call.origin + 2.0)
    call.advance()
    assert call.ended and listener.ending().reason == "stalled"
    assert call.events[-1].kind == "hangup" and call.ended_at == 1.0


def beat_graphs() -> st.SearchStrategy[Scenario]:
    """Scripts of 1–4 beats, each maybe speaking, maybe with a timeout going anywhere."""

    @st.composite
    def build(draw: st.DrawFn) -> Scenario:
        names = [f"b{i}" for i in range(draw(st.integers(1, 4)))]
        beats: dict[str, Any] = {}
        for name in names:
            beat: dict[str, Any] = {}
            if draw(st.booleans()):
                beat["caller"] = ["喂？"]
            if draw(st.integers(0, 3)):
                timeout: dict[str, Any] = {
                    "after": draw(st.floats(min_value=0.05, max_value=5)),
                    "repeat": draw(st.integers(1, 3)),
                }
                goto = draw(st.sampled_from([None, *names]))
                if goto is not None:
                    timeout["goto"] = goto
                if draw(st.booleans()):
                    timeout["say"] = "有人吗？"
                beat["timeout"] = timeout
            beat["hangup"] = draw(st.integers(0, 5)) == 0
            beats[name] = beat
        max_duration = draw(st.floats(min_value=5, max_value=60))
        return scenario({"beats": beats}, max_duration=max_duration)

    return build()


@settings(max_examples=100, deadline=None)
@given(beat_graphs())
@example(ping_pong(after=0.5, max_duration=20))
@example(scenario({"beats": {"b0": {"timeout": {"after": 1, "goto": "b0"}}}}, max_duration=9))
def test_any_timeout_graph_ends_by_max_duration(scn: Scenario) -> None:
    call, clock, _ = answered(scn)
    drive(call, clock, max_steps=20_000)
    assert call.ended and call.ended_at is not None
    assert call.ended_at <= round(scn.max_duration, 3)  # event times are kept to the ms
