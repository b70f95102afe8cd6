"""Shared bits for the caller-voice tests: a scenario in code, a matcher that takes any reply."""

from __future__ import annotations

from typing import Any

from simulator.scenario.models import Reaction, Scenario


class AnyReply:
    """Every reply matches: these tests are about the caller's voice, not branching."""

    def matches(self, text: str, reaction: Reaction) -> bool:
        return True


CALLER_LINES = (
    "喂，你好，是客服吗？",
    "我的电话是13812345678，你记一下。",
    "好的，谢谢，再见。",
)


def scenario(persona: str = "standard", **extra: Any) -> Scenario:
    """Three beats: the caller asks, gives a number after any reply, then says goodbye."""
    return Scenario.model_validate(
        {
            "id": "voice-test",
            "title": "语音测试",
            "persona": persona,
            "org": "测试热线",
            "reaction": 0.3,
            "script": {
                "beats": {
                    "开场": {"caller": [CALLER_LINES[0]], "on": [{"goto": "号码"}]},
                    "号码": {"caller": [CALLER_LINES[1]], "on": [{"goto": "再见"}]},
                    "再见": {"caller": [CALLER_LINES[2]], "hangup": True, "hangup_after": 0.5},
                }
            },
            **extra,
        }
    )


def trainee_steps() -> list[Any]:
    from simulator.scenario.models import TraineeStep

    return [
        TraineeStep(do="answer", after=1.0),
        TraineeStep(do="say", after=0.5, text="您好，请问有什么可以帮您？", duration=2.0),
        TraineeStep(do="say", after=0.5, text="好的，已经记下了。", duration=1.5),
    ]
