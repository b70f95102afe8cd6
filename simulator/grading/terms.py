"""What grading takes from a scenario: its rule overrides, call time and pass mark.

`grade()` accepts a whole `Scenario` or these terms alone. `callsim grade` keeps the terms
of each scenario it looked up in the disk cache (simulator.cache), under the key of the
scenario file's check (its bytes, its phrase catalog's and the code version: see
simulator.scenario.cache_keys), so grading a recording does not load the YAML machinery
or the scenario models when the scenario file has not changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from simulator import cache
from simulator.grading.registry import ParamValue
from simulator.scenario.cache_keys import scenario_key

if TYPE_CHECKING:
    from simulator.scenario.models import Scenario

TERMS_KIND = "scenario-terms"


class RuleOverride(Protocol):
    """A scenario's change to one rule (a `RuleSetting`, or its cached copy)."""

    @property
    def weight(self) -> int | None: ...

    @property
    def enabled(self) -> bool: ...

    @property
    def params(self) -> Mapping[str, ParamValue]: ...


class Terms(Protocol):
    """What `grade()` reads of a scenario (a `Scenario`, or `GradingTerms`)."""

    @property
    def rules(self) -> Mapping[str, RuleOverride]: ...

    @property
    def call_time(self) -> datetime | None: ...

    @property
    def pass_mark(self) -> int: ...


@dataclass(frozen=True)
class RuleTerms:
    """One rule override, copied out of the scenario's `RuleSetting`."""

    weight: int | None
    enabled: bool
    params: Mapping[str, ParamValue]


@dataclass(frozen=True)
class GradingTerms:
    """The grading terms of one scenario, as plain data."""

    scenario_id: str
    rules: Mapping[str, RuleTerms]
    call_time: datetime | None
    pass_mark: int

    @classmethod
    def of(cls, scenario: Scenario) -> GradingTerms:
        rules = {
            rule_id: RuleTerms(setting.weight, setting.enabled, dict(setting.params))
            for rule_id, setting in scenario.rules.items()
        }
        return cls(scenario.id, rules, scenario.call_time, scenario.pass_mark)


def scenario_terms(path: Path) -> GradingTerms:
    """The grading terms of the scenario file at `path`, from the disk cache when this very
    file (and catalog, and code) gave them before.

    A file with problems raises its `ScenarioFileError` (a `UserError`) and stores nothing,
    so its problems are reported afresh on every run.
    """

    def build() -> GradingTerms:
        # Only on a cache miss: the loader brings the YAML machinery and pydantic models.
        from simulator.scenario.loader import load_scenario  # noqa: PLC0415

        return GradingTerms.of(load_scenario(path))

    return cache.cached(TERMS_KIND, scenario_key(path), build)
