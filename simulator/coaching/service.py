"""Coaching one trainee from the results database: load their calls, then judge."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.coaching.exercised import library_exercises
from simulator.coaching.history import TraineeHistory, history_of, load_history
from simulator.coaching.mastery import PastCall, RuleMastery, in_catalog_order, masteries
from simulator.coaching.recommend import Recommendation, recommend
from simulator.scenario.models import Scenario

if TYPE_CHECKING:
    from simulator.store.engine import Store


@dataclass(frozen=True)
class Coaching:
    """One trainee's mastery per rule and the recommended next call."""

    trainee: str
    calls: int
    rules: tuple[RuleMastery, ...]
    """Every catalog rule, in catalog order (unknown ones included)."""
    recommendation: Recommendation | None

    @property
    def met(self) -> tuple[RuleMastery, ...]:
        """The rules judged at least once."""
        return tuple(m for m in self.rules if m.known)


def coach_calls(
    trainee: str,
    calls: Sequence[PastCall],
    scenarios: Sequence[Scenario],
    exercises: Mapping[str, frozenset[str]],
) -> Coaching:
    """Coaching from calls already in memory."""
    return coach_history(trainee, history_of(calls), scenarios, exercises)


def coach_history(
    trainee: str,
    history: TraineeHistory,
    scenarios: Sequence[Scenario],
    exercises: Mapping[str, frozenset[str]],
) -> Coaching:
    """Mastery per rule and the recommendation, from a trainee's record."""
    found = masteries(history.rules)
    return Coaching(
        trainee=trainee,
        calls=history.calls,
        rules=tuple(in_catalog_order(found)),
        recommendation=recommend(history, found, scenarios, exercises),
    )


def coach(
    store: Store, trainee: str, scenarios: Sequence[Scenario], scenarios_dir: Path | None
) -> Coaching:
    """Read the trainee's record from `store` and coach them (blocking: a worker's job)."""
    history = load_history(store, trainee)
    # A first-timer gets the first easy scenario: no need to play the good scripts.
    exercises = library_exercises(scenarios, scenarios_dir) if history.calls else {}
    return coach_history(trainee, history, scenarios, exercises)
