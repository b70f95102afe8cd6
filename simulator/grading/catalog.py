"""The rule catalog of docs/standards.md, built from the rule registry.

Every rule is registered by its own function (`@rule(...)` in
`simulator/grading/rules/<prefix>.py`, see `registry.py`); this module imports them all
and lists them. Rule ids are a public interface (recordings, scenario files, reports and
the scoreboard refer to them), so everything else looks them up here. `params` are the
default thresholds; a scenario may override them by name.
"""

from __future__ import annotations

from simulator.grading import rules
from simulator.grading.registry import (
    REGISTRY,
    STAGE_TITLES,
    Check,
    ParamValue,
    Rule,
    RuleSpec,
    Stage,
)

CATALOG_ORDER: tuple[str, ...] = (
    "answer.rings",
    "opening.greeting",
    "opening.latency",
    "opening.holiday",
    "courtesy.nin",
    "courtesy.surname",
    "forbidden.phrases",
    "response.dead_air",
    "hold.permission",
    "hold.checkin",
    "hold.thanks",
    "confirm.readback",
    "closing.more_help",
    "closing.farewell",
    "closing.caller_hangs_up_first",
    "voice.pace",
    "voice.no_interrupt",
    "silent.prompts",
    "silent.spacing",
    "silent.line_notice",
    "silent.farewell_hangup",
    "offtopic.redirect",
    "offtopic.limit",
    "offtopic.hangup",
    "media.no_comment",
    "media.handoff",
    "media.contact",
    "complaint.apology",
    "complaint.empathy",
    "complaint.record",
    "complaint.commitment",
    "inaudible.speak_up",
    "inaudible.call_again",
    "dialect.mandarin",
    "dialect.helper",
    "wrong_number.notice",
    "specific_agent.offer_help",
    "specific_agent.trained",
    "specific_agent.callback",
    "specific_agent.decline",
    "personal_info.work_name_only",
    "callback.record",
    "callback.time",
    "callback.contact",
    "complaint.colleague",
    "complaint.contact",
    "complaint.own_fault",
    "supervisor.apology",
    "supervisor.callback",
    "out_of_scope.suggest",
    "hold.consent",
    "verify.readback",
    "verify.mismatch",
    "praise.reply",
    "lingering.ask",
    "lingering.wait",
    "sales.no_transfer",
    "sales.record",
)
"""The order rules are listed in (grade tables, reports, schemas, the README): the order
they were published in, so saved grades and generated files keep their order. A new
rule needs no entry: rules missing here follow in module order (`rules.MODULES`)."""


def _ordered() -> tuple[Rule, ...]:
    module_rank = {module.__name__: rank for rank, module in enumerate(rules.MODULES)}
    position = {rule_id: i for i, rule_id in enumerate(CATALOG_ORDER)}
    registered = list(REGISTRY.values())
    arrival = {entry.spec.id: i for i, entry in enumerate(registered)}
    return tuple(
        sorted(
            registered,
            key=lambda entry: (
                position.get(entry.spec.id, len(position)),
                module_rank.get(entry.module, len(module_rank)),
                arrival[entry.spec.id],
            ),
        )
    )


REGISTERED: tuple[Rule, ...] = _ordered()
"""Every rule with its check, in catalog order."""

RULES: tuple[RuleSpec, ...] = tuple(entry.spec for entry in REGISTERED)

RULES_BY_ID: dict[str, RuleSpec] = {rule.id: rule for rule in RULES}

CHECKS: dict[str, Check] = {entry.spec.id: entry.check for entry in REGISTERED}
"""The function that decides each rule id (the grader's lookup)."""

__all__ = [
    "CATALOG_ORDER",
    "CHECKS",
    "REGISTERED",
    "RULES",
    "RULES_BY_ID",
    "STAGE_TITLES",
    "Check",
    "ParamValue",
    "Rule",
    "RuleSpec",
    "Stage",
]
