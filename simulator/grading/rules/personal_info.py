"""A caller asking about the agent personally: give the work number only, nothing private."""

from __future__ import annotations

import re

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import (
    caller_cue,
    new_numbers,
    says,
    unanswered,
)
from simulator.grading.view import CallView

ASKS_PERSONAL = ("qq", "微信", "手机号", "叫什么名字")
WORK_NUMBER = re.compile(r"[0-9零〇一二三四五六七八九十幺两]+号(?!码)|工号|昵称")
DISCLOSE = re.compile(
    r"我的(?:qq|微信|手机|电话|私人|名字)|加我|我叫|我姓|名字是|微信号是|手机号是|qq号是|qq是"
)


@rule(
    "personal_info.work_name_only",
    title="只通报工号或昵称",
    checks="客户打听坐席个人信息：只通报工号或昵称，不透露任何私人信息。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 4",
    weight=2,
    personas=("personal_info",),
)
def personal_info_work_name_only(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller asks for the agent's personal details (caller_asks_personal), pass
    when the agent gives its work number or nickname (「我是1024号」, 工号, 昵称, group
    work_name_only) and discloses nothing personal (我的QQ/微信/手机, 加我, 我叫…, a
    number of 6+ digits the caller never said); na when the caller never asks."""
    cue = caller_cue(call, "caller_asks_personal", ASKS_PERSONAL)
    if cue is None:
        return rule.na("客户没有索要个人信息")
    line, _ = cue
    after = call.agent_after(line.t)
    for utterance in after:
        hit = DISCLOSE.search(utterance.norm)
        numbers = new_numbers(call, utterance, 6)
        if hit or numbers:
            what = hit.group(0) if hit else numbers[0]
            return rule.failed(
                f"透露了个人信息（{what}）",
                at=utterance.t,
                evidence=quote(utterance.text),
                standard=rule.standard("work_name_only"),
                fix="只报工号或昵称，请客户有问题拨打热线，不给 QQ、微信、手机号和真名",
            )
    named = next(
        (
            u
            for u in after
            if WORK_NUMBER.search(u.norm)
            or (call.agent_id and call.agent_id in u.norm)
            or says(call, u, ("work_name_only",))
        ),
        None,
    )
    if named is not None:
        return rule.passed("只通报了工号/昵称", at=named.t, evidence=quote(named.text))
    return unanswered(
        call,
        rule,
        line,
        after,
        pending="回应",
        message="客户索要个人信息，没有告诉客户可以记下工号或昵称",
        group="work_name_only",
        fix="「您好，我是××号，有什么问题您可以拨打热线联系我们」",
    )
