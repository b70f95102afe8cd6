"""A class summary over many grades: pass rate, mean score, and the weakest rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.grading.catalog import RULES
from simulator.grading.model import Grade
from simulator.grading.rates import RuleRate, tally


@dataclass(frozen=True)
class ClassSummary:
    calls: int
    passed: int
    incomplete: int
    mean_score: float
    rules: tuple[RuleRate, ...]
    """Every rule that applied to at least one call, in catalog order."""

    def weakest(self, limit: int = 5) -> tuple[RuleRate, ...]:
        """The rules failed most often (by rate, then count), failed at least once."""
        failing = [r for r in self.rules if r.fails]
        failing.sort(key=lambda r: (-r.rate, -r.fails, r.rule_id))
        return tuple(failing[:limit])


def summarize(grades: Sequence[Grade]) -> ClassSummary:
    """Per-rule fail rates and overall figures for a batch of grades."""
    counted = {
        rate.rule_id: rate for rate in tally((r.id, r.status) for g in grades for r in g.rules)
    }
    stats = tuple(counted[spec.id] for spec in RULES if spec.id in counted)
    count = len(grades)
    return ClassSummary(
        calls=count,
        passed=sum(1 for g in grades if g.passed),
        incomplete=sum(1 for g in grades if not g.complete),
        mean_score=sum(g.score for g in grades) / count if count else 0.0,
        rules=stats,
    )
