"""An exam as a trainer writes it in `scenarios/exams/*.yaml`, validated strictly."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

ScenarioId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]


class Exam(BaseModel):
    """A set of scenarios a trainee must get through, in a fixed or seeded order.

    An attempt is one pass through every scenario. It passes when the average score of
    its calls reaches `pass_mark`, no call had a critical fail (a forbidden phrase), and
    every call was answered and taken to its hang-up.
    Exam calls show no hints and are stored apart from practice.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
    title: Annotated[str, Field(min_length=1)]
    description: str = ""
    scenarios: Annotated[tuple[ScenarioId, ...], Field(min_length=1, max_length=50)]
    order: Literal["fixed", "shuffled"] = "fixed"
    """`fixed`: as listed. `shuffled`: a per-trainee order drawn from `seed`."""
    seed: int | None = None
    """With `shuffled`: the same seed gives a trainee the same order on every machine."""
    attempts: Annotated[int, Field(ge=1, le=20)] = 1
    pass_mark: Annotated[int, Field(ge=0, le=100)] = 80

    @model_validator(mode="after")
    def _scenarios_once(self) -> Exam:
        seen: set[str] = set()
        for scenario in self.scenarios:
            if scenario in seen:
                raise ValueError(f"场景 '{scenario}' 列了两次")
            seen.add(scenario)
        if self.order == "fixed" and self.seed is not None:
            raise ValueError("'seed' 只在 order: shuffled 时有用")
        return self
