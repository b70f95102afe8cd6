"""The rule registry: a rule is one function with its catalog entry on it.

    @rule("complaint.record", title="记录并转交",
          checks="投诉来电：请客户讲清经过，并说明已详细记录、会提交相关负责人。",
          stage="protocol", source="000 福彩 投诉; 002 用户抱怨与投诉",
          personas=("angry",), weight=2)
    def complaint_record(call: CallView, rule: RuleContext) -> RuleResult:
        \"\"\"Pass when …\"\"\"

Importing a module of `simulator.grading.rules` registers its rules; `catalog.py`
imports them all and builds `RULES` from this registry. Rule ids are a public interface
(recordings, scenario files, reports and the scoreboard name them), so registering one
id twice is a bug and raises.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from simulator.grading.context import RuleContext
    from simulator.grading.model import RuleResult
    from simulator.grading.view import CallView

Stage = Literal["opening", "courtesy", "hold", "closing", "protocol"]

STAGE_TITLES: dict[str, str] = {
    "opening": "开场",
    "courtesy": "礼貌与应答",
    "hold": "保持",
    "closing": "结束",
    "protocol": "特殊来电规范",
}

ParamValue = float | int | bool | str


@dataclass(frozen=True)
class RuleSpec:
    """One rule of the catalog."""

    id: str
    title: str
    stage: Stage
    source: str
    weight: int = 1
    critical: bool = False
    personas: tuple[str, ...] = ()
    """Empty: applies to every call. Otherwise only to calls of these personas."""
    params: dict[str, ParamValue] = field(default_factory=dict)


Check = Callable[["CallView", "RuleContext"], "RuleResult"]
"""What a rule decides: the call as the rules see it, the rule as it applies, a verdict."""


@dataclass(frozen=True)
class Rule:
    """A registered rule: its catalog entry, the function that decides it, and what it
    checks in one Chinese sentence (for `callsim rules` and docs/rules.md)."""

    spec: RuleSpec
    check: Check
    checks: str

    @property
    def doc(self) -> str:
        """The check's docstring: what passes, what fails, when the rule is na."""
        return " ".join((self.check.__doc__ or "").split())

    @property
    def module(self) -> str:
        return self.check.__module__


REGISTRY: dict[str, Rule] = {}
"""Every registered rule by id, in registration order."""


def rule(
    rule_id: str,
    *,
    title: str,
    checks: str,
    stage: Stage,
    source: str,
    weight: int = 1,
    critical: bool = False,
    personas: tuple[str, ...] = (),
    params: Mapping[str, ParamValue] | None = None,
) -> Callable[[Check], Check]:
    """Register the decorated function as the check of rule `rule_id`.

    `title` is the short Chinese name trainees read; `checks` says in one Chinese
    sentence what passes (trainers read it in `callsim rules`); `source` the clause of the
    standards (docs/standards.md) the rule rests on; `params` the default thresholds a
    scenario may override by name.
    """
    spec = RuleSpec(
        rule_id,
        title,
        stage,
        source,
        weight=weight,
        critical=critical,
        personas=personas,
        params=dict(params or {}),
    )

    def register(check: Check) -> Check:
        if rule_id in REGISTRY:
            raise ValueError(f"rule {rule_id!r} registered twice ({check.__module__})")
        REGISTRY[rule_id] = Rule(spec, check, checks)
        return check

    return register
