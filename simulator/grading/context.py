"""What a rule function gets besides the call: its spec, thresholds, weight and helpers.

A rule is `def check(call: CallView, rule: RuleContext) -> RuleResult`. The context
turns the rule's verdict into a RuleResult carrying the catalog's stage, weight, source
and title, so rule modules only decide and explain.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from simulator.grading.model import RuleResult, Status
from simulator.grading.registry import ParamValue, RuleSpec
from simulator.grading.wording import Wording


@dataclass(frozen=True)
class RuleContext:
    """One rule as it applies to one call: scenario overrides already folded in."""

    spec: RuleSpec
    weight: int
    params: Mapping[str, ParamValue]
    wording: Wording
    enabled: bool = True
    """False when the scenario turns the rule off (`enabled: false`): it is then na."""

    @property
    def id(self) -> str:
        return self.spec.id

    def num(self, name: str) -> float:
        """A numeric threshold; an unusable override falls back to the catalog default."""
        value = self.params.get(name)
        number = _as_float(value)
        if number is None:
            number = _as_float(self.spec.params.get(name))
        if number is None:
            raise KeyError(f"rule {self.spec.id} has no numeric parameter {name!r}")
        return number

    def count(self, name: str) -> int:
        return round(self.num(name))

    def flag(self, name: str) -> bool:
        value = self.params.get(name, self.spec.params.get(name, False))
        if isinstance(value, str):
            return value.strip().lower() in {"true", "yes", "on", "1", "是"}
        return bool(value)

    def standard(self, group_id: str) -> str:
        """The catalog's first (model) phrase of a group: what the agent should say."""
        return self.wording.standard(group_id)

    def passed(self, message: str, *, at: float | None = None, evidence: str = "") -> RuleResult:
        return self._result("pass", message, at=at, evidence=evidence)

    def na(self, message: str) -> RuleResult:
        return self._result("na", message)

    def failed(
        self,
        message: str,
        *,
        at: float | None,
        evidence: str,
        standard: str,
        fix: str,
        source: str = "",
    ) -> RuleResult:
        return self._result(
            "fail",
            message,
            at=at,
            evidence=evidence,
            standard=standard,
            fix=fix,
            source=source or self.spec.source,
        )

    def _result(
        self,
        status: Status,
        message: str,
        *,
        at: float | None = None,
        evidence: str = "",
        standard: str = "",
        fix: str = "",
        source: str = "",
    ) -> RuleResult:
        return RuleResult(
            id=self.spec.id,
            status=status,
            weight=self.weight,
            stage=self.spec.stage,
            message=message,
            at=None if at is None else round(at, 2),
            evidence=evidence,
            standard=standard,
            source=source or self.spec.source,
            fix=fix,
            critical=self.spec.critical,
            title=self.spec.title,
        )


def _as_float(value: object) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def quote(text: str, limit: int = 60) -> str:
    """「text」, shortened to `limit` characters for a one-line explanation."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"「{text}」"


def seconds(value: float) -> str:
    """A duration for messages: `3.2 秒`."""
    return f"{value:.1f} 秒"
