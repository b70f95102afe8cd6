"""Property: the library rules decide any call of their personas without crashing, and
every fail explains itself (when, what was said, the standard wording, how to fix it)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.grading import grade
from simulator.grading.catalog import RULES
from simulator.recording import parse_recording
from simulator.scenario.table import CORE_ORDER
from tests.grading.grading_scenarios import scenario_with

LIBRARY = [r for r in RULES if r.personas and not set(r.personas) & set(CORE_ORDER)]
PERSONAS = sorted({persona for spec in LIBRARY for persona in spec.personas})

# Cues that switch the situation rules on, and the wording that satisfies them, mixed with
# arbitrary text: the rules meet their triggers, their standards and garbage alike.
WORDS = [
    "……我家里……没电了……",
    "非常抱歉，我这边听不清楚，请您大声一点，好吗？",
    "请您换一部电话再打来，好吗？",
    "我不会讲普通话啊",
    "非常抱歉，我听不明白您说的话，请您叫身边的其他人帮您说一下，好吗？",
    "您好，这里是福彩热线客服中心，请您查证后再拨。",
    "我就找她，只有她清楚。",
    "不是办业务，我找她有点私事。",
    "我们每位同事都接受过专业的培训",
    "请您留下您的联系电话和方便回复的时间",
    "工作期间不方便帮您转告",
    "好的，我帮您转告她，她的手机是13712345678",
    "加个QQ呗",
    "我的QQ是88653217",
    "我投诉你们一个工作人员",
    "刚才就是你接的我电话，你刚才告诉我不要钱",
    "把你们领导叫来",
    "很抱歉让您失望了，我会请相关人员稍后回复您的",
    "建议您拨打体育彩票的客服热线咨询",
    "请您稍等，不要挂线",
    "账号是20240815，新邮箱是liuwei2024@163.com",
    "抱歉，您所提供的信息和我们这里的不符，请您查实后再来电！",
    "我就是打电话来表扬一下，太感谢你们了",
    "不客气，这是我们应该做的",
    "感谢您的来电，再见！",
    "如果您没有其他问题需要帮助的话，我要挂线了，再见！",
    "无法进行转接，请问您怎么称呼？",
    "我们会在24小时内给您答复",
]
texts = st.one_of(st.sampled_from(WORDS), st.text(max_size=30))
line = st.fixed_dictionaries(
    {
        "gap": st.floats(0, 20, allow_nan=False),
        "length": st.floats(0, 10, allow_nan=False),
        "who": st.sampled_from(["agent", "caller", "hold"]),
        "text": texts,
    }
)


def _recording(persona: str, lines: list[dict[str, Any]], hangup: str | None) -> str:
    rows: list[dict[str, Any]] = [
        {"kind": "session", "format": 1, "persona": persona, "org": "福彩热线", "agent_id": "1024"},
        {"t": 0.0, "kind": "ring", "n": 1},
        {"t": 1.0, "kind": "answer"},
    ]
    t = 1.0
    for item in lines:
        start = t + item["gap"]
        end = start + item["length"]
        if item["who"] == "hold":
            rows += [
                {"t": start, "kind": "hold", "on": True},
                {"t": end, "kind": "hold", "on": False},
            ]
        else:
            rows.append(
                {"t": start, "end": end, "kind": "say", "who": item["who"], "text": item["text"]}
            )
        t = end
    if hangup is not None:
        rows.append({"t": t + 3.0, "kind": "hangup", "who": hangup})
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    persona=st.sampled_from(PERSONAS),
    lines=st.lists(line, max_size=14),
    hangup=st.sampled_from(["agent", "caller", None]),
    switches=st.booleans(),
)
def test_library_rules_always_decide_and_explain(
    persona: str, lines: list[dict[str, Any]], hangup: str | None, switches: bool
) -> None:
    scenario = scenario_with(
        {
            "inaudible.call_again": {"params": {"line_clears": switches}},
            "verify.mismatch": {"params": {"records_match": switches}},
        },
        persona=persona,
    )
    result = grade(parse_recording(_recording(persona, lines, hangup)), scenario=scenario)
    for spec in LIBRARY:
        verdict = result.rule(spec.id)
        assert verdict.status in ("pass", "fail", "na")
        if persona not in spec.personas:
            assert verdict.status == "na"
        if verdict.status == "fail":
            assert verdict.message and verdict.evidence and verdict.fix and verdict.standard
            assert verdict.source and verdict.at is not None
