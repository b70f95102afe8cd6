"""How well a trainee masters each rule, from their graded calls (no database here).

Mastery of a rule is the share of its checks passed, each check weighted by how recent
it is: the newest counts 1, one `HALF_LIFE` checks older counts ½, and so on — a
trainee who failed a rule five times and then got it right three times in a row is
most of the way there. A rule never judged in any of their calls is *unknown*
(`mastery` None), not weak.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from simulator.grading.catalog import RULES, RULES_BY_ID

HALF_LIFE = 3.0
"""Checks of a rule after which an old result counts half as much as the newest."""
RECENT = 5
"""How many of a rule's latest checks the reason quotes ("最近5次错3次")."""
WEAK_BELOW = 0.8
"""A known rule under this mastery is one to practice."""
WINDOW = 30
"""Checks of a rule that count: the 31st latest would weigh 0.1 % of the newest."""


class PastCall(Protocol):
    """What mastery needs of a stored call (reports.data.CallRow has it)."""

    @property
    def finished_at(self) -> datetime: ...

    @property
    def scenario(self) -> str: ...

    @property
    def passed(self) -> bool: ...

    @property
    def mode(self) -> str: ...

    @property
    def statuses(self) -> Mapping[str, str]: ...


@dataclass(frozen=True)
class RuleMastery:
    """One rule for one trainee."""

    rule_id: str
    checks: int
    fails: int
    recent: tuple[bool, ...]
    """The latest `RECENT` checks, oldest first: True for a pass."""
    mastery: float | None
    """0–1, recent checks weighing more; None when the rule was never judged."""

    @property
    def title(self) -> str:
        spec = RULES_BY_ID.get(self.rule_id)
        return spec.title if spec is not None else self.rule_id

    @property
    def recent_fails(self) -> int:
        return sum(1 for ok in self.recent if not ok)

    @property
    def known(self) -> bool:
        return self.mastery is not None

    @property
    def weak(self) -> bool:
        return self.mastery is not None and self.mastery < WEAK_BELOW

    def lately(self) -> str:
        """How often it was missed lately, in the trainee's words: 最近4次错3次.

        No spaces around the digits: a narrow panel may break a line at a space."""
        if not self.recent:
            return "还没有练过"
        return f"最近{len(self.recent)}次错{self.recent_fails}次"


@dataclass(frozen=True)
class RuleHistory:
    """One rule's record for one trainee: every check counted, the latest kept."""

    rule_id: str
    checks: int
    fails: int
    latest: tuple[bool, ...]
    """The latest `WINDOW` checks, oldest first: True for a pass."""


def histories_from_calls(calls: Iterable[PastCall]) -> dict[str, RuleHistory]:
    """Each rule met in `calls` -> its record (calls already in memory)."""
    ordered = sorted(calls, key=lambda c: c.finished_at)
    results: dict[str, list[bool]] = {}
    for call in ordered:
        for rule_id, status in call.statuses.items():
            if status in ("pass", "fail"):
                results.setdefault(rule_id, []).append(status == "pass")
    return {
        rule_id: RuleHistory(rule_id, len(seen), seen.count(False), tuple(seen[-WINDOW:]))
        for rule_id, seen in results.items()
    }


def masteries(histories: Mapping[str, RuleHistory]) -> dict[str, RuleMastery]:
    """Every catalog rule (and any other rule met) -> its mastery."""
    every = {spec.id: RuleHistory(spec.id, 0, 0, ()) for spec in RULES}
    every.update(histories)
    return {rule_id: _mastery(history) for rule_id, history in every.items()}


def rule_mastery(calls: Iterable[PastCall]) -> dict[str, RuleMastery]:
    """Every catalog rule (and any other rule met) -> its mastery, over `calls`."""
    return masteries(histories_from_calls(calls))


def _mastery(history: RuleHistory) -> RuleMastery:
    if not history.latest:
        return RuleMastery(history.rule_id, history.checks, history.fails, (), None)
    total = passed = 0.0
    for age, ok in enumerate(reversed(history.latest)):
        weight = 0.5 ** (age / HALF_LIFE)
        total += weight
        passed += weight * ok
    return RuleMastery(
        history.rule_id,
        checks=history.checks,
        fails=history.fails,
        recent=history.latest[-RECENT:],
        mastery=passed / total,
    )


def weakest(masteries: Mapping[str, RuleMastery], limit: int = 3) -> list[RuleMastery]:
    """The weak rules, weakest first (more recent misses, then more checks, break ties)."""
    weak = [m for m in masteries.values() if m.weak]
    weak.sort(key=lambda m: (m.mastery, -m.recent_fails, -m.checks, m.rule_id))
    return weak[:limit]


def in_catalog_order(masteries: Mapping[str, RuleMastery]) -> list[RuleMastery]:
    """Every rule, in the order of the catalog (docs/standards.md), others after."""
    order = {spec.id: n for n, spec in enumerate(RULES)}
    return sorted(masteries.values(), key=lambda m: (order.get(m.rule_id, len(order)), m.rule_id))
