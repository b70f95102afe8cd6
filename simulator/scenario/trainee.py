"""Trainee scripts: the agent's side of a call, step by step, for headless play.

`scenarios/scripts/<scenario-id>.<variant>.yaml` is either a YAML list of steps, or a
mapping with `steps:` and an `expect:` that tests check the grade against.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from simulator.scenario.models import Strict, TraineeStep


class Expectation(Strict):
    """What grading the call this script plays must give."""

    passed: bool
    """Whether the call passes (score at or above the pass mark, no critical fail)."""
    fails: list[Annotated[str, Field(min_length=1)]] = Field(default_factory=list)
    """Rule ids that fail: exactly these; every other applicable rule passes."""


class TraineeScript(Strict):
    """A trainee's replies, in order; each step waits `after` seconds (see TraineeStep)."""

    steps: Annotated[list[TraineeStep], Field(min_length=1)]
    expect: Expectation | None = None


def scenario_id_of_script(stem_or_name: str) -> str:
    """`standard-inquiry.good.yaml` -> `standard-inquiry` (the part before the first dot)."""
    return stem_or_name.split(".", 1)[0]
