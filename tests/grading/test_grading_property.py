"""Property: whatever a recording file holds, reading + grading never crashes.

Arbitrary Unicode text, timings (negative, huge, NaN, infinite), missing, duplicated and
out-of-order events: the reader raises RecordingError, or grade() returns a Grade with
every rule id exactly once.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.grading import RULES, grade
from simulator.recording import RecordingError, parse_recording
from simulator.standards import default_matcher

RULE_IDS = [spec.id for spec in RULES]
PERSONAS = ["standard", "angry", "silent", "offtopic", "media", "praise", ""]

times = st.one_of(
    st.floats(min_value=-5, max_value=120, allow_nan=False),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**12), max_value=10**12),
)
phrases = st.sampled_from(
    [
        "您好，欢迎致电福彩热线，1024号为您服务，请问有什么可以帮您？",
        "请您稍等",
        "感谢您的耐心等待",
        "请问还有什么可以帮您？",
        "感谢您的来电，再见！",
        "喂",
        "我姓王，电话是13812345678",
        "抱歉，由于电话线路问题，我这里听不到您的声音，请您换部电话或者稍后来电，好吗？",
        "这里是业务咨询的热线，请问有什么业务方面的问题可以帮到您？",
        "超出服务范围，我要挂机了，再见",
        "您的查询会有专人负责",
        "非常抱歉，我们会在24小时内给您答复",
    ]
)
texts = st.one_of(st.text(max_size=40), phrases)
who = st.sampled_from(["agent", "caller"])

event = st.one_of(
    st.fixed_dictionaries({"t": times, "kind": st.just("ring"), "n": st.integers(-3, 12)}),
    st.fixed_dictionaries({"t": times, "kind": st.just("answer")}),
    st.fixed_dictionaries(
        {"t": times, "end": times, "kind": st.just("say"), "who": who, "text": texts}
    ),
    st.fixed_dictionaries({"t": times, "kind": st.just("hold"), "on": st.booleans()}),
    st.fixed_dictionaries({"t": times, "kind": st.just("hangup"), "who": who}),
    st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5), max_size=3),
)
header = st.fixed_dictionaries(
    {
        "kind": st.just("session"),
        "format": st.just(1),
        "persona": st.sampled_from(PERSONAS) | st.text(max_size=8),
        "org": st.text(max_size=10) | st.just("福彩热线"),
        "agent_id": st.text(max_size=6) | st.just("1024"),
        "input": st.sampled_from(["keyboard", "voice", "other"]),
        "call_time": st.sampled_from(
            ["", "2026-10-01T10:00:00+08:00", "2026-11-20T19:00:00", "not a time"]
        )
        | st.text(max_size=12),
    }
)


def _text(head: dict[str, Any], events: list[dict[str, Any]], cut: int) -> str:
    lines = [json.dumps(head, ensure_ascii=False)]
    lines += [json.dumps(e, ensure_ascii=False) for e in events]
    text = "\n".join(lines) + "\n"
    return text[: len(text) - cut] if cut else text


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(head=header, events=st.lists(event, max_size=30), cut=st.integers(0, 3))
def test_reading_and_grading_never_crash(
    head: dict[str, Any], events: list[dict[str, Any]], cut: int
) -> None:
    try:
        recording = parse_recording(_text(head, events, cut))
    except RecordingError:
        return
    result = grade(recording, matcher=default_matcher())
    assert [r.id for r in result.rules] == RULE_IDS
    assert all(r.status in ("pass", "fail", "na") for r in result.rules)
    assert 0 <= result.score <= 100
    json.dumps(result.to_json(), ensure_ascii=False, allow_nan=False)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    events=st.lists(
        st.fixed_dictionaries(
            {
                "t": st.floats(0, 200, allow_nan=False),
                "end": st.floats(0, 200, allow_nan=False),
                "kind": st.just("say"),
                "who": who,
                "text": texts,
            }
        )
        | st.fixed_dictionaries(
            {"t": st.floats(0, 200, allow_nan=False), "kind": st.just("hold"), "on": st.booleans()}
        ),
        max_size=25,
    ),
    persona=st.sampled_from(PERSONAS),
)
def test_well_formed_calls_of_any_shape_grade(events: list[dict[str, Any]], persona: str) -> None:
    head = {"kind": "session", "format": 1, "persona": persona, "org": "福彩热线"}
    body = [{"t": 0.0, "kind": "ring", "n": 1}, {"t": 1.0, "kind": "answer"}, *events]
    result = grade(parse_recording(_text(head, body, 0)))
    assert [r.id for r in result.rules] == RULE_IDS
    for r in result.rules:
        if r.status == "fail":
            assert r.message and r.evidence and r.fix and r.source and r.standard
            assert r.at is not None
