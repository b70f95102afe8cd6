"""The read-back rule: numbers the caller gives are repeated back to be verified."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.view import CallView, Utterance
from simulator.standards import digit_runs

VERIFY_PERSONA = "verify"
"""The persona whose own rule, verify.readback, judges read-backs."""


@rule(
    "confirm.readback",
    title="复述核实号码",
    checks="客户报出的电话、证件等长号码（默认 5 位以上），坐席逐位复述核实。",
    stage="courtesy",
    source="002 「一定要一一和用户复述核实」; 000 「准确概括和复述」",
    params={"min_digits": 5},
)
def confirm_readback(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when every number of `min_digits`+ digits the caller gives (Arabic or Chinese
    numerals, as `digit_runs()` reads them) is said by the agent, digit for digit, in an
    utterance that starts after the caller's.

    A number the agent said first is not one the caller gives: a caller repeating the
    number the agent read out («您的号码是…对吗？» «对，…») is confirming it, not giving
    it. na when the caller gave no such number, and in `verify` calls, where
    verify.readback judges the same read-back more strictly (on the spot, e-mail too):
    one missing read-back is one fail, not two.
    """
    if call.persona == VERIFY_PERSONA:
        return rule.na("信息核实来电的复述由“当场复述账号和邮箱”判定")
    min_digits = rule.count("min_digits")
    agent_numbers = [(u.t, n) for u in call.agent for n in digit_runs(u.text, min_digits)]
    given: dict[str, Utterance] = {}
    for line in call.caller:
        for number in digit_runs(line.text, min_digits):
            introduced = any(n == number and t < line.t for t, n in agent_numbers)
            if not introduced:
                given.setdefault(number, line)
    if not given:
        return rule.na(f"客户没有报 {min_digits} 位以上的号码")
    missing = [
        (number, line)
        for number, line in given.items()
        if not any(n == number and t >= line.t for t, n in agent_numbers)
    ]
    if not missing:
        return rule.passed("客户报的号码都已复述核实", evidence="、".join(given))
    if not call.ended:
        return rule.na("录音不完整：号码还没有复述")
    number, line = missing[0]
    others = f"等 {len(missing)} 个号码" if len(missing) > 1 else ""
    return rule.failed(
        f"客户报的号码 {number}{others} 没有复述核实",
        at=line.end,
        evidence=f"客户：{quote(line.text)}；坐席之后没有复述 {number}",
        standard=_readback_wording(rule.standard("readback"), number),
        fix="客户报号码后，逐位复述一遍请客户确认",
    )


def _readback_wording(model: str, number: str) -> str:
    """The catalog's read-back phrase with this call's number in it."""
    if "……" in model:
        return model.replace("……", number, 1)
    return f"{model.rstrip('。，！!')}，您的号码是{number}，对吗？"
