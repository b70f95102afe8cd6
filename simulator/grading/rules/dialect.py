"""A caller speaking dialect: ask for Mandarin politely, or offer a colleague who speaks it."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import (
    APOLOGY,
    agent_after,
    caller_cue,
    first_saying,
    never_took,
    says,
)
from simulator.grading.view import CallView

MANDARIN = ("普通话",)
POLITE = ("请", "麻烦", "好吗", "可以吗", "行吗", "吗")
HELPER = (
    "身边的其他人",
    "身边的人",
    "旁边的人",
    "其他人帮",
    "家里人帮",
    "别人帮",
    "找其他人帮助",
)
NO_MANDARIN = ("不会讲普通话", "不会说普通话", "讲不来普通话", "普通话讲不来")


@rule(
    "dialect.mandarin",
    title="礼貌请客户讲普通话",
    checks="方言来电：致歉并礼貌地请客户讲普通话。",
    stage="protocol",
    source="002 电话无法听清的应答规范 4; 000 规范的应答用语 (6)",
    weight=2,
    personas=("dialect",),
)
def dialect_mandarin(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, after the caller's first (dialect) line, the agent asks for Mandarin
    (group ask_mandarin or 普通话) with an apology and a request (请 / 麻烦 / 好吗 …)."""
    if not call.caller:
        return rule.na("客户没有说话")
    asked = first_saying(call, agent_after(call, call.caller[0]), ("ask_mandarin",), MANDARIN)
    if asked is None:
        return never_took(
            call,
            rule,
            pending="请客户讲普通话",
            message="听不懂方言，却没有请客户讲普通话",
            group="ask_mandarin",
            fix="听不懂时不要装懂：「非常抱歉，我听不明白您说的话，您可以说普通话吗？」",
        )
    sorry = says(call, asked, ("apology",), APOLOGY)
    polite = any(word in asked.norm for word in POLITE)
    if sorry and polite:
        return rule.passed("致歉并请客户讲普通话", at=asked.t, evidence=quote(asked.text))
    return rule.failed(
        "请客户讲普通话时" + ("没有致歉" if not sorry else "语气生硬，像是命令"),
        at=asked.t,
        evidence=quote(asked.text),
        standard=rule.standard("ask_mandarin"),
        fix="先致歉，再用商量的语气请客户讲普通话（“好吗”“可以吗”）",
    )


@rule(
    "dialect.helper",
    title="请客户找身边的人帮忙",
    checks="客户说不会讲普通话时：请客户找身边会讲普通话的人帮忙。",
    stage="protocol",
    source="002 电话无法听清的应答规范 4",
    weight=2,
    personas=("dialect",),
)
def dialect_helper(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller says they cannot speak Mandarin (caller group caller_no_mandarin),
    pass when a later agent utterance asks for someone nearby to help (dialect_helper);
    na when the caller never says so."""
    cue = caller_cue(call, "caller_no_mandarin", NO_MANDARIN)
    if cue is None:
        return rule.na("客户能讲普通话，不需要找人帮忙")
    line, said = cue
    helper = first_saying(call, call.agent_after(line.end), ("dialect_helper",), HELPER)
    if helper is not None:
        return rule.passed("请客户找身边的人帮忙", at=helper.t, evidence=quote(helper.text))
    if not call.ended:
        return rule.na("录音不完整：还没有请客户找人帮忙")
    later = call.agent_after(line.end)
    return rule.failed(
        "客户不会讲普通话，没有请他找身边的人帮忙",
        at=later[0].t if later else line.end,
        evidence=f"客户：{quote(line.text)}（{said}）；之后坐席："
        + ("；".join(quote(u.text, 24) for u in later[:2]) or "没有回应"),
        standard=rule.standard("dialect_helper"),
        fix="客户实在不会讲普通话，就请他叫身边的人帮忙说，不要反复逼他讲普通话",
    )
