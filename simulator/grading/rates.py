"""How often a rule failed among the calls it applied to: the one rate type shared by
the class summary (`callsim grade`), the trainer's report and the scoreboard."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from simulator.grading.catalog import RULES_BY_ID, STAGE_TITLES

MIN_APPLICABLE_FOR_WEAKEST = 3
"""A rule checked fewer times than this is named weakest only when no other rule fails."""


@dataclass(frozen=True)
class RuleRate:
    """One rule over many calls: `applicable` calls judged it pass or fail, `fails` failed."""

    rule_id: str
    fails: int
    applicable: int

    @property
    def rate(self) -> float:
        """The fail rate, 0.0 when the rule never applied."""
        return self.fails / self.applicable if self.applicable else 0.0

    @property
    def title(self) -> str:
        """The rule's Chinese title (its id when the catalog no longer has it)."""
        spec = RULES_BY_ID.get(self.rule_id)
        return spec.title if spec else self.rule_id

    @property
    def stage(self) -> str:
        """The Chinese title of the rule's stage ("" for an unknown rule)."""
        spec = RULES_BY_ID.get(self.rule_id)
        return STAGE_TITLES.get(spec.stage, spec.stage) if spec else ""


def tally(outcomes: Iterable[tuple[str, str]]) -> tuple[RuleRate, ...]:
    """Rates from `(rule_id, status)` pairs; na is not counted. In order of first sight."""
    applicable: dict[str, int] = {}
    fails: dict[str, int] = {}
    for rule_id, status in outcomes:
        if status not in ("pass", "fail"):
            continue
        applicable[rule_id] = applicable.get(rule_id, 0) + 1
        fails[rule_id] = fails.get(rule_id, 0) + (status == "fail")
    return tuple(RuleRate(rule_id, fails[rule_id], n) for rule_id, n in applicable.items())


def weakest(rates: Iterable[RuleRate]) -> RuleRate | None:
    """The first failing rate of `rates` (sorted worst first by the caller), preferring
    rules checked at least `MIN_APPLICABLE_FOR_WEAKEST` times."""
    failing = [r for r in rates if r.fails > 0]
    solid = [r for r in failing if r.applicable >= MIN_APPLICABLE_FOR_WEAKEST]
    candidates = solid or failing
    return candidates[0] if candidates else None
