"""A compact way to write a call in a test.

    rec = (call(persona="standard").rings(2).answer(4.2)
           .agent(4.9, 8.1, "您好，欢迎致电福彩热线，1024号为您服务，请问有什么可以帮您？")
           .caller(9.0, 12.5, "我想问一下开奖结果。")
           .hangup(40.0, "caller").build())

`rings(n)` adds rings 1..n three seconds apart from 0. `build()` gives a Recording exactly
as the reader would (it goes through parse_recording), so tests exercise real input.
"""

from __future__ import annotations

import json
from typing import Any

from simulator.grading import Grade, grade
from simulator.recording import Recording, parse_recording
from simulator.scenario.models import Scenario

ORG = "福彩热线"
AGENT_ID = "1024"
OPENING = f"您好，欢迎致电{ORG}，{AGENT_ID}号为您服务，请问有什么可以帮您？"
MORE_HELP = "请问还有什么可以帮您？"
FAREWELL = "感谢您的来电，祝您生活愉快，再见！"


class CallBuilder:
    """Builds the JSON lines of one recording."""

    def __init__(
        self,
        *,
        persona: str = "standard",
        input: str = "keyboard",
        call_time: str = "2026-11-18T10:00:00+08:00",
        org: str = ORG,
        agent_id: str = AGENT_ID,
        scenario: str = "test-call",
    ) -> None:
        self.header: dict[str, Any] = {
            "kind": "session",
            "format": 1,
            "id": "2026-11-18T10-00-00-abcd",
            "scenario": scenario,
            "persona": persona,
            "org": org,
            "agent_id": agent_id,
            "trainee": "李明",
            "input": input,
            "mode": "practice",
            "call_time": call_time,
        }
        self.lines: list[dict[str, Any]] = []

    def rings(self, count: int, interval: float = 3.0) -> CallBuilder:
        for n in range(1, count + 1):
            self.lines.append({"t": (n - 1) * interval, "kind": "ring", "n": n})
        return self

    def answer(self, t: float) -> CallBuilder:
        self.lines.append({"t": t, "kind": "answer"})
        return self

    def agent(self, t: float, end: float, text: str, **extra: Any) -> CallBuilder:
        self.lines.append(
            {"t": t, "end": end, "kind": "say", "who": "agent", "text": text, **extra}
        )
        return self

    def caller(self, t: float, end: float, text: str) -> CallBuilder:
        self.lines.append({"t": t, "end": end, "kind": "say", "who": "caller", "text": text})
        return self

    def hold(self, t: float, on: bool = True) -> CallBuilder:
        self.lines.append({"t": t, "kind": "hold", "on": on})
        return self

    def unhold(self, t: float) -> CallBuilder:
        return self.hold(t, on=False)

    def hangup(self, t: float, who: str = "caller") -> CallBuilder:
        self.lines.append({"t": t, "kind": "hangup", "who": who})
        return self

    def text(self) -> str:
        rows = [self.header, *self.lines]
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)

    def build(self) -> Recording:
        return parse_recording(self.text())

    def grade(self, scenario: Scenario | None = None) -> Grade:
        return grade(self.build(), scenario=scenario)


def call(**kwargs: Any) -> CallBuilder:
    return CallBuilder(**kwargs)


def standard_call(**kwargs: Any) -> CallBuilder:
    """A call that follows the standards, answered on ring 2, caller hangs up last."""
    return (
        call(**kwargs)
        .rings(2)
        .answer(4.2)
        .agent(4.9, 8.1, OPENING)
        .caller(9.0, 12.5, "我想问一下昨天双色球的开奖结果。")
        .agent(13.5, 18.0, "好的，昨天的开奖号码已经公布在官网上，您可以在开奖公告里查看。")
        .caller(19.0, 20.5, "好的，明白了。")
        .agent(21.3, 23.0, MORE_HELP)
        .caller(24.0, 25.0, "没有了，谢谢。")
        .agent(25.8, 28.8, FAREWELL)
        .hangup(31.0, "caller")
    )


def status(g: Grade, rule_id: str) -> str:
    return g.rule(rule_id).status
