"""The media protocol: no comment on the subject, hand off to a dedicated person, and
take the journalist's phone, organization and a convenient time."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.press import comment_in
from simulator.grading.registry import rule
from simulator.grading.rules._common import never_took
from simulator.grading.view import CallView, Utterance

PHONE = ("联系电话", "电话号码", "联系方式", "手机号码", "您的电话", "联系号码")
ORGANIZATION = (
    "单位名称",
    "媒体名称",
    "哪家媒体",
    "您的单位",
    "贵单位",
    "什么单位",
    "哪个单位",
    "哪家单位",
    "所在单位",
    "媒体单位",
)
TIME = (
    "方便联系的时间",
    "方便的时间",
    "什么时间方便",
    "什么时候方便",
    "联系时间",
    "方便联系您的时间",
)
HANDOFF = ("专人负责", "同事会尽快与您联系", "专人与您联系", "专人和您联系")
_CONTACT_PARTS = (
    ("联系电话", ("ask_phone",), PHONE),
    ("单位名称", ("ask_organization",), ORGANIZATION),
    ("方便联系的时间", ("ask_time",), TIME),
)
"""The three things to ask a journalist: a name for messages, catalog groups, phrases."""


@rule(
    "media.no_comment",
    title="不对媒体表态",
    checks="媒体来电：不对记者询问的事件发表任何看法或透露内情。",
    stage="protocol",
    source="000 传媒来电",
    weight=2,
    personas=("media",),
)
def media_no_comment(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when no agent utterance after the journalist starts speaking comments on the
    subject (`comment_in`); the opening before the first caller line is not judged."""
    if not call.agent:
        return rule.na("坐席没有说话")
    start = call.caller[0].t if call.caller else float("inf")
    judged = [u for u in call.agent if u.t >= start]
    if not judged:
        return rule.na("记者还没有提问")
    for utterance in judged:
        why = comment_in(call, utterance)
        if why:
            return rule.failed(
                f"对媒体表态：{why}",
                at=utterance.t,
                evidence=quote(utterance.text),
                standard=rule.standard("media_handoff"),
                fix="不评论、不确认、不否认、不解释，只说会有专人负责并留下联系方式",
            )
    return rule.passed(f"{len(judged)} 句回应都没有表态")


@rule(
    "media.handoff",
    title="专人负责",
    checks="媒体来电：说明会有专人负责，同事会尽快与对方联系。",
    stage="protocol",
    source="000 传媒来电",
    weight=2,
    personas=("media",),
)
def media_handoff(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when an agent utterance says a dedicated person will handle it and get back
    (group media_handoff: 专人负责 / 同事会尽快与您联系)."""
    found = next((u for u in call.agent if call.says(u, ("media_handoff",), HANDOFF)), None)
    if found is not None:
        return rule.passed("说明会有专人负责", at=found.t, evidence=quote(found.text))
    return never_took(
        call,
        rule,
        pending="说明专人负责",
        message="没有说明会有专人负责跟进",
        evidence="通话中没有「专人负责」「同事会与您联系」",
        group="media_handoff",
        fix="告诉记者「您的查询会有专人负责，我们的同事会尽快与您联系」",
    )


@rule(
    "media.contact",
    title="留下联系方式",
    checks="媒体来电：请记者留下联系电话、单位名称和方便联系的时间。",
    stage="protocol",
    source="000 传媒来电",
    weight=2,
    personas=("media",),
)
def media_contact(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, across the call, the agent asks for all three: contact phone,
    organization (单位名称 / 媒体名称) and a convenient time (方便联系的时间)."""
    asked: dict[str, Utterance] = {}
    for utterance in call.agent:
        for name, groups, phrases in _CONTACT_PARTS:
            if name not in asked and call.says(utterance, groups, phrases):
                asked[name] = utterance
    missing = [name for name, _, _ in _CONTACT_PARTS if name not in asked]
    if not missing:
        return rule.passed("留下了电话、单位和方便联系的时间", evidence="、".join(asked))
    return never_took(
        call,
        rule,
        pending="问全联系方式",
        message="没有问记者的" + "、".join(missing),
        evidence=("问到了：" + "、".join(asked)) if asked else "没有询问联系方式",
        group="media_contact",
        fix="请记者留下联系电话、单位名称和方便联系的时间",
    )
