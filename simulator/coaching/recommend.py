"""The next call for a trainee: the scenario that trains what they keep missing.

1. The level: the highest difficulty at which the trainee has passed a call (0 with no
   pass); the target is one step above it (at most ★★★).
2. The focus: their weakest rules (`mastery.weakest`). With none — everything they met
   is mastered — the focus is the rules they have not met yet, so a trainee who passes
   everything at ★ moves on to ★★ scenarios that bring something new.
3. Among the scenarios exercising at least one rule of the focus: those that train the
   weakest rule come first; then the one nearest the target difficulty; then the one
   covering the most of the focus (weaker rules count more); then the easier; then one
   not played lately; then an ordinary inquiry, then by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from simulator.coaching.history import TraineeHistory
from simulator.coaching.mastery import RuleMastery, weakest
from simulator.scenario.models import Scenario

MAX_LEVEL = 3
MAX_RULES_NAMED = 3
MAX_FOCUS = 3
"""The weakest rules the recommendation aims at: a call can only drill so much."""


@dataclass(frozen=True)
class Recommendation:
    """The scenario to take next, and why."""

    scenario_id: str
    title: str
    difficulty: int
    rules: tuple[RuleMastery, ...]
    """The focus rules this scenario exercises, weakest first."""
    level: int
    """The highest difficulty passed so far (0: none)."""
    new_rules: bool = False
    """True when the trainee has no weak rule and the focus is rules not met yet."""
    first: bool = False
    """True for a trainee with no graded call yet: the first basic scenario."""

    @property
    def stars(self) -> str:
        return "★" * self.difficulty + "☆" * (MAX_LEVEL - self.difficulty)

    @property
    def reason(self) -> str:
        """One line a trainee reads: which rules, how often missed lately, which level."""
        named = self.rules[:MAX_RULES_NAMED]
        if self.first:
            return "还没有练习记录：从★开始，先练规范的开场、应答和结束语"
        if self.new_rules:
            what = "、".join(f"「{m.title}」" for m in named)
            more = f"等 {len(self.rules)} 条" if len(self.rules) > len(named) else ""
            head = f"已练过的规则都已掌握；这通会练到新规则 {what}{more}"
        else:
            head = "练您最近常失分的" + "、".join(f"「{m.title}」（{m.lately()}）" for m in named)
        if self.level == 0:
            step = "从★起步"
        elif self.difficulty > self.level:
            step = f"难度{self.stars}，比您已通过的{'★' * self.level}高一级"
        else:
            step = f"难度{self.stars}"
        return f"{head}；{step}"


def passed_level(passed_scenarios: Iterable[str], difficulties: Mapping[str, int]) -> int:
    """The highest difficulty of a scenario the trainee has passed (0: none)."""
    return max((difficulties.get(s, 0) for s in passed_scenarios), default=0)


def recommend(
    history: TraineeHistory,
    masteries: Mapping[str, RuleMastery],
    scenarios: Sequence[Scenario],
    exercises: Mapping[str, frozenset[str]],
) -> Recommendation | None:
    """The next scenario for this trainee, or None when no scenario fits."""
    if not scenarios:
        return None
    if not history.calls:
        return _first_call(scenarios)
    level = passed_level(history.passed_scenarios, {s.id: s.difficulty for s in scenarios})
    target = min(MAX_LEVEL, level + 1)
    focus = weakest(masteries, limit=MAX_FOCUS)
    new_rules = not focus
    if new_rules:
        focus = [m for m in masteries.values() if not m.known]
    need = {m.rule_id: 1.0 - (m.mastery or 0.0) for m in focus}
    if new_rules:
        need = dict.fromkeys(need, 1.0)
    recent = history.recent_scenarios
    best: tuple[tuple[float | str, ...], Scenario, list[RuleMastery]] | None = None
    for scenario in scenarios:
        covered = [m for m in focus if m.rule_id in exercises.get(scenario.id, frozenset())]
        if not covered:
            continue
        key = (
            # The weakest rule first: a drill for it beats a better-fitting level.
            float(not new_rules and focus[0] not in covered),
            abs(scenario.difficulty - target),
            -sum(need[m.rule_id] for m in covered),
            float(scenario.difficulty),
            float(scenario.id in recent),
            *_order(scenario),
        )
        if best is None or key < best[0]:
            best = (key, scenario, covered)
    if best is None:
        return None
    _, scenario, covered = best
    return Recommendation(
        scenario_id=scenario.id,
        title=scenario.title,
        difficulty=scenario.difficulty,
        rules=tuple(covered),
        level=level,
        new_rules=new_rules,
    )


def _first_call(scenarios: Sequence[Scenario]) -> Recommendation:
    """No history: the easiest scenario, an ordinary inquiry first."""
    scenario = min(scenarios, key=lambda s: (s.difficulty, *_order(s)))
    return Recommendation(
        scenario_id=scenario.id,
        title=scenario.title,
        difficulty=scenario.difficulty,
        rules=(),
        level=0,
        first=True,
    )


def _order(scenario: Scenario) -> tuple[float, str]:
    """Ties go to the ordinary inquiry, then by id: the picker and the report agree."""
    return (float(scenario.persona != "standard"), scenario.id)
