"""Coaching: what a trainee masters, and the next call that trains what they miss.

No Textual, no audio: the picker, `callsim report --trainee` and the benchmark call
`coach()` (from a worker in the app) and only format what it returns.

    from simulator.coaching import coach
    result = coach(store, "李明", scenarios, scenarios_dir)
    result.recommendation  # Recommendation | None: scenario, rules, reason
    result.rules           # every rule's RuleMastery, in catalog order
"""

from __future__ import annotations

from simulator.coaching.history import TraineeHistory, history_of, load_history
from simulator.coaching.mastery import RuleMastery, in_catalog_order, rule_mastery, weakest
from simulator.coaching.recommend import Recommendation, recommend
from simulator.coaching.service import Coaching, coach, coach_calls, coach_history

__all__ = [
    "Coaching",
    "Recommendation",
    "RuleMastery",
    "TraineeHistory",
    "coach",
    "coach_calls",
    "coach_history",
    "history_of",
    "in_catalog_order",
    "load_history",
    "recommend",
    "rule_mastery",
    "weakest",
]
