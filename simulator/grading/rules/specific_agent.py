"""A caller asking for one agent by name: offer help, say every agent is trained alike,
offer a call back, and decline to hand out an agent's personal details."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import (
    PHONE,
    TIME_ASKED,
    agent_after,
    caller_cue,
    first_caller_line,
    first_saying,
    new_numbers,
    says,
    unanswered,
    unnegated,
)
from simulator.grading.view import CallView, Utterance

OFFER = ("我很乐意为您解答", "有什么问题需要咨询", "有什么可以帮您", "有什么可以帮到您")
TRAINED = ("专业的培训", "专业培训", "同样可以为您", "同样能为您", "每位同事")
DECLINE = ("工作期间不方便", "不方便帮您转告", "不方便转告", "私人电话")
RELAY = (
    "帮您转告",
    "我会转告",
    "我转告",
    "帮您传话",
    "让她给您回",
    "让他给您回",
    "让她联系您",
    "让他联系您",
)
INSISTS = ("就找她", "就找他", "只找她", "只有她", "只有他", "一定要找")
PERSONAL_REASON = ("私事", "私人的事", "老同学")


@rule(
    "specific_agent.offer_help",
    title="先主动提供帮助",
    checks="客户点名找某位同事：先主动提出由自己为客户解答。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 1",
    weight=2,
    personas=("specific_agent",),
)
def specific_agent_offer_help(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent's first reply to the caller asking for a colleague offers to
    help personally (「请问您有什么问题需要咨询呢？我很乐意为您解答。」, group offer_help)."""
    request = first_caller_line(call)
    if request is None:
        return rule.na("客户没有说话")
    replies = agent_after(call, request)
    if not replies:
        if not call.ended:
            return rule.na("录音不完整：还没有回应")
        return rule.failed(
            "客户要找同事，坐席没有回应",
            at=request.end,
            evidence="坐席没有说话",
            standard=rule.standard("offer_help"),
            fix="先主动提供帮助：「请问您有什么问题需要咨询呢？我很乐意为您解答。」",
        )
    first = replies[0]
    if says(call, first, ("offer_help",), OFFER):
        return rule.passed("先主动提供帮助", at=first.t, evidence=quote(first.text))
    return rule.failed(
        "客户要找同事时，没有先主动提供帮助",
        at=first.t,
        evidence=f"第一句回应：{quote(first.text)}",
        standard="您好，请问您有什么问题需要咨询呢？我很乐意为您解答。",
        fix="先问客户有什么问题、表示乐意解答，不要直接转接或去找人",
    )


def _insisting(call: CallView) -> Utterance | None:
    """The caller's insistence on the colleague for business, or None (none, or private)."""
    if caller_cue(call, "caller_personal_reason", PERSONAL_REASON) is not None:
        return None
    cue = caller_cue(call, "caller_insists", INSISTS)
    return cue[0] if cue else None


@rule(
    "specific_agent.trained",
    title="说明同事都受过专业培训",
    checks="客户坚持找该同事办业务：说明每位同事都受过专业培训，同样可以为客户服务。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 1",
    weight=2,
    personas=("specific_agent",),
)
def specific_agent_trained(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller insists on the colleague for business (caller_insists, no private
    reason), pass when the agent explains every colleague is professionally trained
    (group colleague_trained); na otherwise."""
    insists = _insisting(call)
    if insists is None:
        return rule.na("客户没有坚持要找这位同事（或是私事）")
    said = first_saying(
        call, agent_after(call, first_caller_line(call)), ("colleague_trained",), TRAINED
    )
    if said is not None:
        return rule.passed("说明同事都受过专业培训", at=said.t, evidence=quote(said.text))
    if not call.ended:
        return rule.na("录音不完整：还没有说明")
    later = call.agent_after(insists.end)
    return rule.failed(
        "客户坚持找这位同事，没有说明每位同事都受过专业培训",
        at=later[0].t if later else insists.end,
        evidence=f"客户：{quote(insists.text, 30)}；坐席："
        + (quote(later[0].text) if later else "没有回应"),
        standard=rule.standard("colleague_trained"),
        fix="告诉客户每位同事都接受过专业培训，同样可以为他服务",
    )


@rule(
    "specific_agent.callback",
    title="留下电话和回复时间",
    checks="客户坚持找该同事办业务：请客户留下联系电话和方便回复的时间。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 1",
    weight=2,
    personas=("specific_agent",),
)
def specific_agent_callback(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller insists on the colleague for business, pass when the agent asks
    for a contact phone and a time for the reply (so the colleague can call back)."""
    insists = _insisting(call)
    if insists is None:
        return rule.na("客户没有坚持要找这位同事（或是私事）")
    after = call.agent_after(insists.t)
    phone = first_saying(call, after, ("ask_phone", "callback_request"), PHONE)
    when = first_saying(call, after, ("ask_time",), TIME_ASKED)
    if phone is not None and when is not None:
        return rule.passed("请客户留下电话和回复时间", at=phone.t, evidence=quote(phone.text))
    if not call.ended:
        return rule.na("录音不完整：还没有请客户留电话")
    missing = "、".join(n for n, ok in (("联系电话", phone), ("回复时间", when)) if ok is None)
    return rule.failed(
        f"客户坚持等这位同事，没有请他留下{missing}",
        at=after[0].t if after else insists.end,
        evidence=f"客户：{quote(insists.text, 30)}",
        standard="请您留下您的联系电话和方便回复的时间，我请这位同事回复您，好吗？",
        fix="请客户留下联系电话和回复时间（留宽裕一点），由这位同事回复",
    )


@rule(
    "specific_agent.decline",
    title="私事婉拒转告",
    checks="客户因私事找同事：婉拒转告，不答应传话，也不给出同事的电话。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 1",
    weight=2,
    personas=("specific_agent",),
)
def specific_agent_decline(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller wants the colleague for private reasons (caller_personal_reason),
    pass when the agent declines politely (group colleague_decline) and never agrees to
    pass a message on nor gives out a number; na otherwise."""
    cue = caller_cue(call, "caller_personal_reason", PERSONAL_REASON)
    if cue is None:
        return rule.na("客户不是因私事找同事")
    line, _ = cue
    after = call.agent_after(line.t)
    for utterance in after:
        relays = next((p for p in RELAY if unnegated(utterance.norm, p)), "")
        numbers = new_numbers(call, utterance, 6)
        if relays or numbers:
            what = f"答应转告（{relays}）" if relays else f"透露了号码 {numbers[0]}"
            return rule.failed(
                f"私事找同事，坐席{what}",
                at=utterance.t,
                evidence=quote(utterance.text),
                standard=rule.standard("colleague_decline"),
                fix="工作期间不替同事传话、不透露同事的联系方式，婉转请客户用私人电话联系",
            )
    declined = first_saying(call, after, ("colleague_decline",), DECLINE)
    if declined is not None:
        return rule.passed("婉转拒绝转告", at=declined.t, evidence=quote(declined.text))
    return unanswered(
        call,
        rule,
        line,
        after,
        pending="回应",
        message="私事找同事，没有婉转说明工作期间不方便转告",
        group="colleague_decline",
        fix="「非常抱歉，工作期间不方便帮您转告，请您拨打她的私人电话联系她，好吗？」",
    )
