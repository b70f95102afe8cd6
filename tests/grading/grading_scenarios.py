"""Scenarios built in code for grading tests: only the rule overrides matter."""

from __future__ import annotations

from typing import Any

from simulator.scenario.models import Scenario


def scenario_with(
    rules: dict[str, dict[str, Any]], *, pass_mark: int = 80, persona: str = "standard"
) -> Scenario:
    """A minimal valid scenario carrying `rules` overrides and `pass_mark`."""
    return Scenario.model_validate(
        {
            "id": "test-call",
            "title": "测试",
            "persona": persona,
            "org": "福彩热线",
            "script": {"beats": {"start": {"caller": ["你好"], "hangup": True}}},
            "rules": rules,
            "pass_mark": pass_mark,
        }
    )
