"""Grading a recording against the rule catalog of docs/standards.md."""

from __future__ import annotations

from simulator.grading.catalog import RULES, RULES_BY_ID, STAGE_TITLES, RuleSpec
from simulator.grading.grader import compute_score, grade
from simulator.grading.model import Grade, RuleResult, Status

__all__ = [
    "RULES",
    "RULES_BY_ID",
    "STAGE_TITLES",
    "Grade",
    "RuleResult",
    "RuleSpec",
    "Status",
    "compute_score",
    "grade",
]
