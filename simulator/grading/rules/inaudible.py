"""A caller who cannot be heard: apologize and ask them to speak up, then ask them to call
again from another phone before ending the call."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import (
    APOLOGY,
    agent_after,
    never_took,
    says,
)
from simulator.grading.view import CallView

SPEAK_UP = ("大声一点", "大声点", "声音大点", "声音大一点", "大一点声", "大点声", "靠近话筒")
HANDSET = ("拿起话筒", "拿起听筒", "拿起电话", "拿起手机", "关掉免提", "关闭免提", "免提")
REPEAT = ("重复一遍", "再讲一遍", "重讲一遍", "再说一遍")
CALL_AGAIN = (
    "换一部电话",
    "换部电话",
    "换个电话",
    "换一部打来",
    "再打过来",
    "再打来",
    "重新拨打",
    "稍后再拨",
    "稍候再拨",
    "稍后来电",
)
REQUEST_GROUPS = ("speak_up", "repeat_request", "handset", "call_again")


@rule(
    "inaudible.speak_up",
    title="听不清时致歉并请客户配合",
    checks="听不清来电：第一次回应就致歉，并礼貌地请客户大声一点、拿起话筒或再说一遍。",
    stage="protocol",
    source="002 电话无法听清的应答规范 1、2、3; 000 规范的应答用语 (5)",
    weight=2,
    personas=("inaudible",),
)
def inaudible_speak_up(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent's first reply to the inaudible caller apologizes and politely
    asks for what helps: speak up (group speak_up), pick up the handset (handset), repeat
    (repeat_request) or, on a noisy line, call again from another phone (call_again)."""
    if not call.caller:
        return rule.na("客户没有说话")
    replies = agent_after(call, call.caller[0])
    if not replies:
        if not call.ended:
            return rule.na("录音不完整：还没有回应")
        return rule.failed(
            "听不清客户时没有任何回应",
            at=call.caller[0].end,
            evidence="客户说话后坐席没有说话",
            standard=rule.standard("speak_up"),
            fix="听不清时先致歉，再请客户大声一点或拿起话筒",
        )
    first = replies[0]
    request = says(call, first, REQUEST_GROUPS, SPEAK_UP + HANDSET + REPEAT + CALL_AGAIN)
    sorry = says(call, first, ("apology",), APOLOGY)
    if request and sorry:
        return rule.passed(f"致歉并请客户配合：{request}", at=first.t, evidence=quote(first.text))
    missing = "、".join(
        name for name, ok in (("致歉", sorry), ("请客户大声一点或拿起话筒", request)) if not ok
    )
    return rule.failed(
        f"听不清时的第一句回应缺少：{missing}",
        at=first.t,
        evidence=f"第一句回应：{quote(first.text)}",
        standard=rule.standard("speak_up"),
        fix="听不清就直说并致歉：「非常抱歉，我这边听不清楚，请您大声一点，好吗？」",
    )


@rule(
    "inaudible.call_again",
    title="请客户换电话再打",
    checks="线路一直不清时：请客户换部电话再打，并在客户回应后再结束通话。",
    stage="protocol",
    source="002 电话无法听清的应答规范 1、3",
    weight=2,
    personas=("inaudible",),
    params={"line_clears": False, "wait_seconds": 5.0},
)
def inaudible_call_again(call: CallView, rule: RuleContext) -> RuleResult:
    """Unless the scenario says the line clears (`line_clears`), pass when the agent asks
    the caller to call again from another phone (group call_again) and does not hang up
    on that request: the caller answered it, or the agent said it at least twice and
    waited `wait_seconds` after speaking. A caller who hangs up after it passes."""
    if rule.flag("line_clears"):
        return rule.na("本场景客户的声音后来能听清，不需要换电话再打")
    wait = rule.num("wait_seconds")
    start = call.caller[0] if call.caller else None
    requests = [u for u in agent_after(call, start) if says(call, u, ("call_again",), CALL_AGAIN)]
    standard = rule.standard("call_again")
    if not requests:
        return never_took(
            call,
            rule,
            pending="请客户换电话再打",
            message="一直听不清，却没有请客户换部电话再打",
            group="call_again",
            fix="沟通两三次仍听不清，就请客户换一部电话再打过来，等客户同意后再挂机",
        )
    last = requests[-1]
    if call.hangup is None or call.hangup.who == "caller":
        return rule.passed("请客户换电话再打", at=last.t, evidence=quote(last.text))
    answered = any(last.t < line.t < call.hangup.t for line in call.caller)
    waited = call.hangup.t - max(u.end for u in call.agent)
    if answered or (len(requests) >= 2 and waited >= wait):
        how = "客户回应后挂机" if answered else f"重复请求并等了 {seconds(waited)}后挂机"
        return rule.passed(how, at=call.hangup.t, evidence=quote(last.text))
    return rule.failed(
        f"请客户换电话后没等客户回应就挂机（等了 {seconds(max(0.0, waited))}）",
        at=call.hangup.t,
        evidence=quote(last.text),
        standard=f"{standard}（客户同意后再挂机；无回应时重复两次，每次间隔 {wait:g} 秒）",
        fix=f"等客户同意再挂机；听不到回应就再说一遍，间隔 {wait:g} 秒后再挂机",
    )
