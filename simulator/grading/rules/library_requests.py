"""Requests the agent must not simply grant: a specific colleague, the agent's personal
details, a service the line does not offer, a vendor's transfer (002 关于特殊沟通内容的
应答规范 1、4、5; 000 福彩 与业务无关的电话)."""

from __future__ import annotations

import re

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.rules.library_common import (
    PHONE,
    TIME_ASKED,
    agent_after,
    caller_cue,
    first_saying,
    last_or_end,
    never_took,
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
ASKS_PERSONAL = ("qq", "微信", "手机号", "叫什么名字")
WORK_NUMBER = re.compile(r"[0-9零〇一二三四五六七八九十幺两]+号(?!码)|工号|昵称")
DISCLOSE = re.compile(
    r"我的(?:qq|微信|手机|电话|私人|名字)|加我|我叫|我姓|名字是|微信号是|手机号是|qq号是|qq是"
)
SCOPE = (
    "超出了我们的服务范围",
    "超出服务范围",
    "不在我们的服务范围",
    "暂时没有这项服务",
    "不归我们热线",
)
SUGGEST = ("建议您", "您可以拨打", "您可以咨询", "您可以联系", "您可以到", "您可以去")
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


def _request(call: CallView) -> Utterance | None:
    return call.caller[0] if call.caller else None


def specific_agent_offer_help(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent's first reply to the caller asking for a colleague offers to
    help personally (「请问您有什么问题需要咨询呢？我很乐意为您解答。」, group offer_help)."""
    request = _request(call)
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


def specific_agent_trained(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller insists on the colleague for business (caller_insists, no private
    reason), pass when the agent explains every colleague is professionally trained
    (group colleague_trained); na otherwise."""
    insists = _insisting(call)
    if insists is None:
        return rule.na("客户没有坚持要找这位同事（或是私事）")
    said = first_saying(call, agent_after(call, _request(call)), ("colleague_trained",), TRAINED)
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


def out_of_scope_suggest(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, after the caller's request, the agent says it is outside the service
    (group out_of_scope) and suggests where to go (group scope_suggest: 建议您 …)."""
    request = _request(call)
    if request is None:
        return rule.na("客户没有说话")
    after = agent_after(call, request)
    scope = first_saying(call, after, ("out_of_scope",), SCOPE)
    suggest = first_saying(call, after, ("scope_suggest",), SUGGEST)
    if scope is not None and suggest is not None:
        return rule.passed("说明超出范围并给出建议", at=suggest.t, evidence=quote(suggest.text))
    if not call.ended:
        return rule.na("录音不完整：还没有说明")
    missing = "、".join(
        n for n, ok in (("说明超出服务范围", scope), ("建议客户去哪里办", suggest)) if ok is None
    )
    said = scope or suggest or (after[0] if after else None)
    return rule.failed(
        f"超出服务范围的应答缺少：{missing}",
        at=said.t if said else call.end_time,
        evidence=quote(said.text) if said else "坐席没有回应",
        standard=rule.standard("out_of_scope").replace("……", "拨打相关热线咨询"),
        fix="说明这项需求不在本热线服务范围，并建议客户该去哪里咨询",
    )


def sales_no_transfer(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent tells the vendor the line cannot transfer (group no_transfer)
    and never offers a transfer (转接 / 帮您转 … without a negation just before)."""
    after = agent_after(call, _request(call))
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


def sales_record(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent asks for all four (称呼, 公司全称, 联系电话, 方便联系的时间)
    and says the need is recorded / passed on (记录 / 反馈)."""
    after = agent_after(call, _request(call))
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


CHECKS = {
    "specific_agent.offer_help": specific_agent_offer_help,
    "specific_agent.trained": specific_agent_trained,
    "specific_agent.callback": specific_agent_callback,
    "specific_agent.decline": specific_agent_decline,
    "personal_info.work_name_only": personal_info_work_name_only,
    "out_of_scope.suggest": out_of_scope_suggest,
    "sales.no_transfer": sales_no_transfer,
    "sales.record": sales_record,
}
