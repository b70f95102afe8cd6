"""Headless play: trainee scripts drive the engine; fast and real time agree."""

from __future__ import annotations

import pytest

from simulator.clock import FakeClock, MonotonicClock
from simulator.engine import Call, HeadlessDriver, reply_duration
from simulator.recording import Event
from simulator.scenario import TraineeStep
from tests.engine.helpers import FixedVoice, LiteralMatcher, says, scenario

SCRIPT = {
    "beats": {
        "开场": {"on": [{"said": ["帮您"], "goto": "提问"}]},
        "提问": {"caller": ["我想查一下开奖结果。"], "on": [{"said": ["再见"], "goto": "挂机"}]},
        "挂机": {"caller": ["好的，再见。"], "hangup": True, "hangup_after": 0.5},
    }
}


def steps() -> list[TraineeStep]:
    return [
        TraineeStep(do="answer", after=4.0),
        TraineeStep(do="say", after=0.5, text="您好，请问有什么可以帮您？", duration=2.0),
        TraineeStep(do="say", after=1.5, text="感谢您的来电，再见！", duration=1.0),
    ]


def play(clock: FakeClock | MonotonicClock, seconds: float = 1.0) -> Call:
    scn = scenario(SCRIPT, reaction=0.2)
    call = Call(scn, clock=clock, matcher=LiteralMatcher(), voice=FixedVoice(seconds))
    HeadlessDriver(call, steps()).run()
    return call


def test_steps_count_from_the_end_of_the_callers_last_line() -> None:
    call = play(FakeClock())
    assert call.answered_at == 4.0
    assert says(call.events, "agent") == [
        (4.5, 6.5, "您好，请问有什么可以帮您？"),
        # caller line 6.7–7.7; the reply comes 1.5 s after it ends
        (9.2, 10.2, "感谢您的来电，再见！"),
    ]
    assert says(call.events, "caller") == [
        (6.7, 7.7, "我想查一下开奖结果。"),
        (10.4, 11.4, "好的，再见。"),
    ]
    assert call.events[-1].kind == "hangup" and call.events[-1].t == 11.9


def test_a_step_waits_while_the_caller_is_still_talking() -> None:
    call = play(FakeClock(), seconds=5.0)
    caller_end = says(call.events, "caller")[0][1]
    assert says(call.events, "agent")[1][0] == caller_end + 1.5


def test_real_time_play_gives_the_same_timeline_as_fast_play() -> None:
    fast = play(FakeClock(), seconds=0.1)
    # No step falls due at the very moment a caller line does: at an exact tie the
    # order is the scheduler's to decide in real time (fast play gives it to the
    # caller), and a test of real time must not depend on a race.
    scale = [
        TraineeStep(do="answer", after=0.1),
        TraineeStep(do="say", after=0.05, text="您好，请问有什么可以帮您？", duration=0.1),
        TraineeStep(do="say", after=0.15, text="感谢您的来电，再见！", duration=0.1),
    ]
    results = []
    for clock in (FakeClock(), MonotonicClock()):
        scn = scenario(SCRIPT, reaction=0.05)
        call = Call(scn, clock=clock, matcher=LiteralMatcher(), voice=FixedVoice(0.1))
        HeadlessDriver(call, scale).run()
        results.append(call.events)
    simulated, real = results
    assert [e.kind for e in simulated] == [e.kind for e in real]
    for a, b in zip(simulated, real, strict=True):
        assert abs(a.t - b.t) < 0.05
    assert fast.ended


def test_a_script_that_never_answers_leaves_a_missed_call() -> None:
    scn = scenario(SCRIPT, ringing={"give_up": 3})
    call = Call(scn, clock=FakeClock(), matcher=LiteralMatcher(), voice=FixedVoice())
    HeadlessDriver(call, []).run()
    assert [e.kind for e in call.events] == ["ring", "ring", "ring", "hangup"]


def test_reply_duration_defaults_to_the_standard_pace() -> None:
    assert reply_duration(TraineeStep(do="say", text="一二三四五六七八九十")) == 5.0
    assert reply_duration(TraineeStep(do="say", text="好", duration=0.8)) == 0.8


class OvershootingClock:
    """Real-time play made repeatable: every sleep oversleeps by `late` seconds, as a
    loaded machine does, without any wall-clock waiting."""

    def __init__(self, late: float) -> None:
        self.late = late
        self._now = 0.0

    def now(self) -> float:
        return self._now

    def sleep(self, seconds: float) -> None:
        self._now += seconds + self.late


@pytest.mark.parametrize("late", [0.01, 0.03, 0.06, 0.09, 0.12])
def test_a_late_wake_up_does_not_let_a_caller_line_overtake_the_step(late: float) -> None:
    scale = [
        TraineeStep(do="answer", after=0.1),
        TraineeStep(do="say", after=0.05, text="您好，请问有什么可以帮您？", duration=0.1),
        TraineeStep(do="say", after=0.05, text="感谢您的来电，再见！", duration=0.1),
    ]
    timelines = []
    for overshoot in (0.0, late):
        clock = OvershootingClock(overshoot)
        call = Call(
            scenario(SCRIPT, reaction=0.05), clock=clock, matcher=LiteralMatcher(),
            voice=FixedVoice(0.1),
        )  # fmt: skip
        HeadlessDriver(call, scale, sleep=clock.sleep).run()
        timelines.append(call.events)
    on_time, late_run = timelines

    def order(events: list[Event]) -> list[tuple[str, str]]:
        return [(e.kind, getattr(e, "text", "")) for e in events]

    # Late wake-ups shift times (answering late delays the caller), never the order.
    assert order(on_time) == order(late_run)
