"""Fuzzing the headless engine: every library scenario, scenarios with their numbers
bent (zero, tiny and huge timeouts, pauses and durations), and arbitrary trainee
scripts, on the fake clock.

Asserted: the call always ends, never later than the scenario's `max_duration` in
simulated seconds and within a few wall-clock seconds; the recording reads back; and a
recording of a call that did not finish never passes.
"""

from __future__ import annotations

import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from simulator.clock import FakeClock
from simulator.engine import HeadlessDriver, default_reply_matcher
from simulator.engine.session import Trainee, start_session
from simulator.errors import UserError
from simulator.grading import grade
from simulator.recording import Answer, read_recording
from simulator.scenario.loader import load_scenario, load_scenarios
from simulator.scenario.models import Scenario, TraineeStep
from tests.fuzz.budget import fuzz
from tests.grading.grading_builder import FAREWELL, MORE_HELP, OPENING

FOLDER = Path(__file__).resolve().parents[2] / "scenarios"
LIBRARY, _ = load_scenarios(FOLDER)
MATCHER = default_reply_matcher()
WALL_LIMIT_S = 10
# Each call's recording is fsynced when it closes; on a busy disk that alone took most of
# a run's wall time, so the scratch files go to memory where the system has it.
SCRATCH = "/dev/shm" if Path("/dev/shm").is_dir() else None
PHRASES = [OPENING, MORE_HELP, FAREWELL, "请稍等，我帮您查一下", "好的", "你说什么？", "再见"]
NUMBER = re.compile(r"(?<=: )\d+(?:\.\d+)?(?=\s*$)", re.MULTILINE)
BENT = [0, 0.001, 0.3, 1, 2.5, 30, 299, 600, 3600, 99999]

steps = st.builds(
    TraineeStep.model_validate,
    st.one_of(
        st.fixed_dictionaries(
            {
                "do": st.just("say"),
                "text": st.one_of(st.sampled_from(PHRASES), st.text(min_size=1, max_size=30)),
            },
            optional={
                "after": st.floats(0, 120),
                "duration": st.one_of(st.floats(0.01, 60), st.just(600.0)),
            },
        ),
        st.fixed_dictionaries(
            {"do": st.sampled_from(["answer", "hold", "unhold", "hangup"])},
            optional={"after": st.one_of(st.floats(0, 60), st.just(3600.0))},
        ),
    ),
)
scripts = st.lists(steps, max_size=12)


@contextmanager
def wall_limit(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging the suite) if the engine stops making progress."""

    def expired(_signum: int, _frame: object) -> None:
        raise TimeoutError(f"the call did not end within {seconds} s of wall time")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def play(scenario: Scenario, script: list[TraineeStep]) -> None:
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        session = start_session(
            scenario,
            Trainee("测试学员"),
            recordings=Path(folder),
            clock=FakeClock(),
            matcher=MATCHER,
        )
        try:
            with wall_limit(WALL_LIMIT_S):
                HeadlessDriver(session.call, script).run()
        finally:
            session.close()
        assert session.call.ended, "the call is still going after the driver returned"
        recording = read_recording(session.path)
        last = max((event.t for event in recording.events), default=0.0)
        answers = [event.t for event in recording.events if isinstance(event, Answer)]
        ringing = scenario.ringing
        # max_duration counts from the answer; unanswered, the caller gives up ringing.
        limit = (
            answers[0] + scenario.max_duration if answers else ringing.give_up * ringing.interval
        )
        assert last <= limit + 0.001, (last, limit)
        result = grade(recording, scenario=scenario)
        assert 0 <= result.score <= 100
        answered = bool(answers)
        if not recording.complete or not answered:
            assert not result.passed


@fuzz(150)
@given(st.sampled_from(LIBRARY), scripts)
def test_any_script_against_any_library_scenario_ends_in_time(
    scenario: Scenario, script: list[TraineeStep]
) -> None:
    play(scenario, script)


@fuzz(100)
@given(st.sampled_from(LIBRARY), st.data(), scripts)
def test_scenarios_with_bent_numbers_end_in_time_or_are_refused(
    scenario: Scenario, data: st.DataObject, script: list[TraineeStep]
) -> None:
    text = (FOLDER / f"{scenario.id}.yaml").read_text(encoding="utf-8")
    spots = list(NUMBER.finditer(text))
    assume(spots)
    chosen = data.draw(st.lists(st.sampled_from(spots), min_size=1, max_size=4), label="spots")
    for spot in sorted({m.start(): m for m in chosen}.values(), key=lambda m: -m.start()):
        value = data.draw(st.sampled_from(BENT), label=f"at {spot.start()}")
        text = text[: spot.start()] + str(value) + text[spot.end() :]
    with tempfile.TemporaryDirectory(dir=SCRATCH) as folder:
        path = Path(folder) / f"{scenario.id}.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            bent = load_scenario(path)
        except UserError as exc:
            assert str(exc)
            return
    play(bent, script)
