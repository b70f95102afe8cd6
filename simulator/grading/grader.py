"""`grade()`: a recording (and optionally its scenario) in, a Grade out. Pure.

Nothing is cached between calls except what the matcher keeps about text, so grading
after a change to the phrase catalog (a new matcher) gives the new verdict.
"""

from __future__ import annotations

from collections.abc import Mapping

from simulator.grading.catalog import CHECKS, RULES, ParamValue, RuleSpec
from simulator.grading.context import RuleContext
from simulator.grading.model import Grade, RuleResult
from simulator.grading.terms import RuleOverride, Terms
from simulator.grading.view import CallView, build_view
from simulator.grading.wording import Wording
from simulator.recording import Hangup, Recording
from simulator.standards import PhraseMatcher, default_matcher

DEFAULT_PASS_MARK = 80
ALWAYS_APPLIES = "answer.rings"
"""The one rule that judges a call that was never answered; every other rule is na."""


def grade(
    recording: Recording,
    *,
    scenario: Terms | None = None,
    matcher: PhraseMatcher | None = None,
) -> Grade:
    """Grade one recording against every rule of the catalog (`scenario`: a `Scenario`, or
    its `GradingTerms`).

    - Each rule id of `RULES` appears exactly once, `pass`, `fail` or `na`.
    - Thresholds are the catalog defaults overridden by `scenario.rules[id].params`;
      weights by `scenario.rules[id].weight`; `enabled: false` makes the rule na.
    - A rule limited to personas is na for calls of other personas.
    - Score = round(100 × passed weight / applicable weight). With no applicable weight
      (every rule na or weighted 0) the score is 0: nothing was shown to be done right.
    - Passed = score ≥ pass mark (scenario's, default 80), no critical rule failed, and
      the call was finished: answered, and the recording complete.
    - An unfinished recording (no hangup, or cut off) is graded as far as it goes and
      marked complete=False; rules that need the end of the call are na unless what is
      there already decides them. `Grade.unfinished` says in Chinese why such a call
      (or one never answered) cannot pass.
    """
    matcher = matcher if matcher is not None else default_matcher()
    settings: Mapping[str, RuleOverride] = scenario.rules if scenario is not None else {}
    params = {spec.id: _params(spec, settings.get(spec.id)) for spec in RULES}
    call = build_view(
        recording,
        matcher=matcher,
        params=params,
        fallback_call_time=scenario.call_time if scenario is not None else None,
    )
    wording = Wording.of(matcher)
    results = tuple(
        _judge(call, _context(spec, settings.get(spec.id), params[spec.id], wording))
        for spec in RULES
    )
    pass_mark = scenario.pass_mark if scenario is not None else DEFAULT_PASS_MARK
    score = compute_score(results)
    critical = any(r.critical and r.status == "fail" for r in results)
    unfinished = unfinished_reason(recording, call)
    header = recording.header
    return Grade(
        recording=str(recording.path) if recording.path is not None else "",
        scenario=header.scenario,
        persona=header.persona,
        score=score,
        passed=score >= pass_mark and not critical and not unfinished,
        complete=recording.complete,
        rules=results,
        pass_mark=pass_mark,
        call_id=header.id,
        trainee=header.trainee,
        unfinished=unfinished,
    )


def compute_score(results: tuple[RuleResult, ...]) -> int:
    """round(100 × passed weight / applicable weight); 0 when nothing applies.

    A call on which no rule could be judged (never answered, every rule off) has shown
    nothing done right, so it scores 0 rather than a perfect 100.
    """
    applicable = sum(r.weight for r in results if r.status != "na")
    if applicable <= 0:
        return 0
    passed = sum(r.weight for r in results if r.status == "pass")
    return round(100 * passed / applicable)


def unfinished_reason(recording: Recording, call: CallView) -> str:
    """Why this call cannot pass whatever its score, in Chinese; "" for a finished call.

    A call never answered (missed, rejected, or no events at all) was not taken, and a
    recording without its hang-up (a killed app, a crash) is not the whole call: neither
    shows a trainee handling a call, so neither may count as a pass.
    """
    reasons = []
    if call.answer is None:
        reasons.append(_why_unanswered(call))
    if not recording.complete:
        hung_up = any(isinstance(e, Hangup) for e in recording.events)
        reasons.append(
            "录音不完整（最后一行被截断）" if hung_up else "通话未完成（录音没有挂机记录）"
        )
    return "，".join(reasons) + "，不能判为合格" if reasons else ""


def _why_unanswered(call: CallView) -> str:
    if not call.events:
        return "电话未接听（录音里没有任何通话事件）"
    if call.hangup is not None and call.hangup.who == "agent":
        return "电话未接听（坐席挂断了来电）"
    if call.hangup is not None:
        return "电话未接听（客户在响铃中挂断）"
    return "电话未接听"


def _judge(call: CallView, rule: RuleContext) -> RuleResult:
    if not rule.enabled:
        return rule.na("本场景不评此项")
    if rule.spec.personas and call.persona not in rule.spec.personas:
        return rule.na("不适用于此类来电")
    if call.answer is None and rule.id != ALWAYS_APPLIES:
        return rule.na("电话未接听")
    return CHECKS[rule.id](call, rule)


def _params(spec: RuleSpec, setting: RuleOverride | None) -> dict[str, ParamValue]:
    merged: dict[str, ParamValue] = dict(spec.params)
    if setting is not None:
        merged.update(setting.params)
    return merged


def _context(
    spec: RuleSpec,
    setting: RuleOverride | None,
    params: Mapping[str, ParamValue],
    wording: Wording,
) -> RuleContext:
    weight = spec.weight
    if setting is not None and setting.weight is not None:
        weight = setting.weight
    enabled = setting.enabled if setting is not None else True
    return RuleContext(spec, weight, params, wording, enabled=enabled)
