"""A class summary over many grades: pass rate, mean score, and the weakest rules."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.grading.catalog import RULES
from simulator.grading.model import Grade


@dataclass(frozen=True)
class RuleStats:
    """How one rule went across the calls it applied to."""

    id: str
    title: str
    applied: int
    failed: int

    @property
    def fail_rate(self) -> float:
        return self.failed / self.applied if self.applied else 0.0


@dataclass(frozen=True)
class ClassSummary:
    calls: int
    passed: int
    incomplete: int
    mean_score: float
    rules: tuple[RuleStats, ...]
    """Every rule that applied to at least one call, in catalog order."""

    def weakest(self, limit: int = 5) -> tuple[RuleStats, ...]:
        """The rules failed most often (by rate, then count), failed at least once."""
        failing = [r for r in self.rules if r.failed]
        failing.sort(key=lambda r: (-r.fail_rate, -r.failed, r.id))
        return tuple(failing[:limit])


def summarize(grades: Sequence[Grade]) -> ClassSummary:
    """Per-rule fail rates and overall figures for a batch of grades."""
    applied: dict[str, int] = {}
    failed: dict[str, int] = {}
    for g in grades:
        for result in g.rules:
            if result.status == "na":
                continue
            applied[result.id] = applied.get(result.id, 0) + 1
            if result.status == "fail":
                failed[result.id] = failed.get(result.id, 0) + 1
    stats = tuple(
        RuleStats(spec.id, spec.title, applied[spec.id], failed.get(spec.id, 0))
        for spec in RULES
        if applied.get(spec.id)
    )
    count = len(grades)
    return ClassSummary(
        calls=count,
        passed=sum(1 for g in grades if g.passed),
        incomplete=sum(1 for g in grades if not g.complete),
        mean_score=sum(g.score for g in grades) / count if count else 0.0,
        rules=stats,
    )
