"""What grading returns: one verdict per rule, with evidence, and the call's score."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Status = Literal["pass", "fail", "na"]


@dataclass(frozen=True)
class RuleResult:
    """The verdict of one rule on one call.

    For a fail: `at` is when it happened (seconds since the first ring), `evidence` the
    agent's words (or what was missing), `standard` the phrase that should have been used,
    `source` the clause of the standards, `fix` one line on how to do it right.
    """

    id: str
    status: Status
    weight: int
    stage: str
    message: str = ""
    at: float | None = None
    evidence: str = ""
    standard: str = ""
    source: str = ""
    fix: str = ""
    critical: bool = False
    title: str = ""
    """The rule's short Chinese name from the catalog (for tables and reports)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "weight": self.weight,
            "stage": self.stage,
            "at": self.at,
            "evidence": self.evidence,
            "message": self.message,
            "standard": self.standard,
            "source": self.source,
            "fix": self.fix,
            "critical": self.critical,
            "title": self.title,
        }


@dataclass(frozen=True)
class Grade:
    """The grade of one recording, as `callsim grade --json` prints it."""

    recording: str
    scenario: str
    persona: str
    score: int
    passed: bool
    complete: bool
    rules: tuple[RuleResult, ...]
    pass_mark: int = 80
    call_id: str = ""
    trainee: str = ""
    unfinished: str = ""
    """Why the call cannot pass whatever its score (never answered, no hang-up in the
    recording), in Chinese; empty for a finished call. Not a key of the JSON, whose format
    is fixed: there `passed`, `complete` and the rules' messages carry it."""

    def rule(self, rule_id: str) -> RuleResult:
        for result in self.rules:
            if result.id == rule_id:
                return result
        raise KeyError(rule_id)

    @property
    def failed(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.rules if r.status == "fail")

    def to_json(self) -> dict[str, Any]:
        return {
            "recording": self.recording,
            "scenario": self.scenario,
            "persona": self.persona,
            "score": self.score,
            "passed": self.passed,
            "complete": self.complete,
            "pass_mark": self.pass_mark,
            "call_id": self.call_id,
            "trainee": self.trainee,
            "rules": [r.to_json() for r in self.rules],
        }
