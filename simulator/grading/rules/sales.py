"""A vendor's sales call: no transfer, take the offer down for the department concerned."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import (
    PHONE,
    TIME_ASKED,
    agent_after,
    first_caller_line,
    first_saying,
    last_or_end,
    never_took,
    says,
    unnegated,
)
from simulator.grading.view import CallView

TRANSFER = ("转接", "帮您转", "给您转", "转到", "转给")
NO_TRANSFER = ("无法进行转接", "无法转接", "不能转接", "无法为您转接", "没办法转接")
RECORD = ("记录", "反馈")
SALES_PARTS = (
    ("称呼", ("ask_name",), ("怎么称呼", "贵姓", "您的姓名", "您姓什么")),
    (
        "公司全称",
        ("ask_organization",),
        ("公司的全称", "公司全称", "公司名称", "哪家公司", "单位名称"),
    ),
    ("联系电话", ("ask_phone",), PHONE),
    ("方便联系的时间", ("ask_time",), TIME_ASKED),
)


@rule(
    "sales.no_transfer",
    title="推销来电不转接",
    checks="推销来电：说明不能转接，也不主动提出转接。",
    stage="protocol",
    source="000 福彩 特殊服务标准应对 2「与业务无关的电话」",
    weight=2,
    personas=("sales",),
)
def sales_no_transfer(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent tells the vendor the line cannot transfer (group no_transfer)
    and never offers a transfer (转接 / 帮您转 … without a negation just before)."""
    after = agent_after(call, first_caller_line(call))
    for utterance in after:
        offer = next((p for p in TRANSFER if unnegated(utterance.norm, p, 6)), "")
        if offer and not says(call, utterance, ("no_transfer",), NO_TRANSFER):
            return rule.failed(
                f"答应为推销来电转接（{offer}）",
                at=utterance.t,
                evidence=quote(utterance.text),
                standard=rule.standard("no_transfer"),
                fix="热线不为推销来电转接，只记录需求向相关部门反馈",
            )
    said = first_saying(call, after, ("no_transfer",), NO_TRANSFER)
    if said is not None:
        return rule.passed("说明无法转接", at=said.t, evidence=quote(said.text))
    return never_took(
        call,
        rule,
        pending="说明",
        message="没有说明热线无法转接",
        group="no_transfer",
        fix="告诉对方热线是针对业务咨询的，无法转接，可以记录需求",
    )


@rule(
    "sales.record",
    title="记录称呼、公司、电话和时间",
    checks="推销来电：记下对方称呼、公司全称、联系电话和方便联系的时间，并说明会记录反馈。",
    stage="protocol",
    source="000 福彩 特殊服务标准应对 2「与业务无关的电话」",
    weight=2,
    personas=("sales",),
)
def sales_record(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent asks for all four (称呼, 公司全称, 联系电话, 方便联系的时间)
    and says the need is recorded / passed on (记录 / 反馈)."""
    after = agent_after(call, first_caller_line(call))
    asked = {
        name: first_saying(call, after, groups, phrases) for name, groups, phrases in SALES_PARTS
    }
    recorded = first_saying(call, after, ("complaint_recorded",), RECORD)
    missing = [name for name, found in asked.items() if found is None]
    if recorded is None:
        missing.append("说明已记录并反馈")
    if not missing:
        return rule.passed("记录了称呼、公司、电话和时间", evidence="、".join(asked))
    if not call.ended:
        return rule.na("录音不完整：还没有问全")
    at, _ = last_or_end(call)
    return rule.failed(
        "推销来电的记录缺少：" + "、".join(missing),
        at=at,
        evidence="问到了：" + ("、".join(n for n, f in asked.items() if f) or "没有"),
        standard="请问您怎么称呼？请问您公司的全称？请问您的电话及方便联系您的时间？",
        fix="不转接，但把称呼、公司全称、电话和方便联系的时间都记下来，说明会反馈",
    )
