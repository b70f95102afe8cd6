"""A question that cannot be answered now: record it, agree a time, take a contact number."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import (
    PHONE,
    agent_after,
    commitment_in,
    first_saying,
    last_or_end,
    never_took,
    not_yet,
)
from simulator.grading.view import CallView

CONFIRM_LATER = (
    "进一步确认",
    "核实后",
    "确认后",
    "查证后",
    "暂时无法确定",
    "核实一下再",
    "记录下来",
)


@rule(
    "callback.record",
    title="说明需核实后回复",
    checks="当场无法答复的问题：说明需要核实后再回复客户。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 11; 000 规范的应答用语 (3)",
    weight=2,
    personas=("callback",),
)
def callback_record(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent says the question needs checking and it will get back (group
    confirm_later: 需要进一步确认后才能回复您 / 核实后再回复 …), or that it is recorded."""
    start = call.caller[0] if call.caller else None
    said = first_saying(call, agent_after(call, start), ("confirm_later",), CONFIRM_LATER)
    if said is not None:
        return rule.passed("说明需要核实后回复", at=said.t, evidence=quote(said.text))
    return never_took(
        call,
        rule,
        pending="说明需要核实",
        message="当场答不了，却没有说明需要核实后再回复",
        group="confirm_later",
        fix="答不了不要猜，也不说“不知道”：说明需要进一步确认后回复客户",
    )


@rule(
    "callback.time",
    title="承诺回复时限",
    checks="当场无法答复的问题：承诺具体的回复时限。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 11; 000 福彩 不能实时解决的情况",
    weight=2,
    personas=("callback",),
)
def callback_time(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when an agent utterance commits to a follow-up within a concrete time frame
    (N 小时内 / N 个工作日内 … + 回复 / 联系, as complaint.commitment reads it)."""
    for utterance in call.agent:
        frame = commitment_in(call, utterance)
        if frame:
            return rule.passed(f"承诺时限：{frame}", at=utterance.t, evidence=quote(utterance.text))
    pending = not_yet(call, rule, "承诺回复时限")
    if pending is not None:
        return pending
    vague = next((u for u in call.agent if "尽快" in u.norm or "再打" in u.norm), None)
    at, text = (vague.t, vague.text) if vague else last_or_end(call)
    return rule.failed(
        "没有承诺具体的回复时限",
        at=at,
        evidence=quote(text) if text else "坐席没有说话",
        standard=rule.standard("commitment"),
        fix="给出具体时间：「我们会在24小时内有专人和您联系」，不要让客户自己再打来问",
    )


@rule(
    "callback.contact",
    title="留下联系电话",
    checks="当场无法答复的问题：请客户留下联系电话。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 11; 000 规范的应答用语 (3)",
    weight=2,
    personas=("callback",),
)
def callback_contact(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent asks for the caller's contact phone (group callback_request /
    ask_phone: 请您留下您的联系电话 …)."""
    asked = first_saying(call, call.agent[1:], ("callback_request", "ask_phone"), PHONE)
    if asked is not None:
        return rule.passed("请客户留下联系电话", at=asked.t, evidence=quote(asked.text))
    return never_took(
        call,
        rule,
        pending="请客户留电话",
        message="要回复客户，却没有请客户留下联系电话",
        group="callback_request",
        fix="请客户留下联系电话，并复述核实",
    )
