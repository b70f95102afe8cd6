"""Fuzzing the grader and the recording reader with well-formed but arbitrary calls:
any order, any times, any text, with or without an answer or a hang-up, cut anywhere.

Asserted: the grader never raises on a recording the reader accepted, the score stays in
0..100, and a call that was never answered or never finished never passes.
"""

from __future__ import annotations

import json
from itertools import accumulate
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from simulator.grading import grade
from simulator.recording import (
    Answer,
    Event,
    Hangup,
    Hold,
    Recording,
    RecordingError,
    Ring,
    Say,
    parse_recording,
)
from simulator.scenario.loader import load_scenarios
from tests.fuzz.budget import fuzz
from tests.grading.grading_builder import FAREWELL, MORE_HELP, OPENING, standard_call

LIBRARY, _ = load_scenarios(Path(__file__).resolve().parents[2] / "scenarios")
SCENARIOS = {scenario.id: scenario for scenario in LIBRARY}
HEADER = standard_call().build().header
PHRASES = [
    OPENING,
    MORE_HELP,
    FAREWELL,
    "请稍等",
    "不知道",
    "你烦不烦",
    "好的，我帮您查一下",
    "喂？",
]

times = st.one_of(
    st.floats(min_value=0, max_value=400, allow_nan=False),
    st.sampled_from([0.0, 1e-9, 299.999, 300.0, 3600.0, 1e9]),
    st.floats(min_value=-50, max_value=0),
)
texts = st.one_of(st.sampled_from(PHRASES), st.text(max_size=40))
who = st.sampled_from(["agent", "caller"])
events: st.SearchStrategy[Event] = st.one_of(
    st.builds(Ring, t=times, n=st.integers(-3, 30)),
    st.builds(Answer, t=times),
    st.builds(Say, t=times, end=times, who=who, text=texts),
    st.builds(Hold, t=times, on=st.booleans()),
    st.builds(Hangup, t=times, who=who),
)
personas = st.sampled_from([*sorted({s.persona for s in LIBRARY}), "", "不存在"])


def _check(recording: Recording, scenario_id: str | None) -> None:
    scenario = SCENARIOS.get(scenario_id) if scenario_id else None
    result = grade(recording, scenario=scenario)
    assert 0 <= result.score <= 100
    answered = any(isinstance(e, Answer) for e in recording.events)
    if not recording.complete or not answered:
        assert not result.passed, "an unanswered or unfinished call passed"


@fuzz(200)
@given(
    st.lists(events, max_size=30),
    st.booleans(),
    st.one_of(st.none(), st.sampled_from(sorted(SCENARIOS))),
    personas,
)
def test_any_sequence_of_events_grades_and_unfinished_calls_fail(
    sequence: list[Event], truncated: bool, scenario_id: str | None, persona: str
) -> None:
    header = type(HEADER)(**{**HEADER.__dict__, "persona": persona})
    _check(Recording(header, tuple(sequence), truncated=truncated), scenario_id)


@fuzz(200)
@given(st.lists(events, min_size=1, max_size=20), st.data())
def test_a_recording_cut_anywhere_reads_as_unfinished_or_is_refused(
    sequence: list[Event], data: st.DataObject
) -> None:
    lines = [json.dumps(HEADER.to_json(), ensure_ascii=False)]
    lines += [json.dumps(event.to_json(), ensure_ascii=False) for event in sequence]
    text = "\n".join(lines) + "\n"
    cut = data.draw(st.integers(len(lines[0]) + 1, len(text) - 1), label="cut")
    try:
        recording = parse_recording(text[:cut])
    except RecordingError as exc:
        assert str(exc)
        return
    # Event lines that fit whole (a last line without its newline still counts).
    ends = list(accumulate(len(line) + 1 for line in lines))
    kept = sum(1 for end in ends[1:] if end - 1 <= cut)
    assert len(recording.events) == kept
    if recording.complete:
        assert any(isinstance(event, Hangup) for event in sequence[:kept])
    _check(recording, None)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=4,
)
event_objects = st.fixed_dictionaries(
    {"kind": st.sampled_from(["ring", "answer", "say", "hold", "hangup", "signature", "x"])},
    optional={
        "t": st.one_of(times, json_values),
        "end": st.one_of(times, json_values),
        "who": st.one_of(who, json_values),
        "text": st.one_of(texts, json_values),
        "on": st.one_of(st.booleans(), json_values),
        "n": st.one_of(st.integers(), json_values),
        "asr": json_values,
        "audio": json_values,
    },
)


@fuzz(120)
@given(
    st.lists(event_objects, max_size=15),
    st.dictionaries(st.text(max_size=8), json_values, max_size=4),
)
def test_arbitrary_json_events_read_or_are_refused_and_never_pass_unfinished(
    objects: list[dict[str, object]], extra_header: dict[str, object]
) -> None:
    header = {**extra_header, **HEADER.to_json()}
    lines = [json.dumps(header)] + [json.dumps(obj) for obj in objects]
    try:
        recording = parse_recording("\n".join(lines) + "\n")
    except RecordingError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    _check(recording, None)
