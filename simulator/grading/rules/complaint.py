"""Complaint rules. The angry caller's protocol: apologize early, empathize, take it down
and pass it on, and commit to a follow-up with a concrete time frame. The library's
complaint situations: a complaint about a colleague (apologize, take the details, pass
them on, take a contact) and a caller who says the agent itself got it wrong."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import (
    PHONE,
    agent_after,
    caller_cue,
    commitment_in,
    first_saying,
    never_took,
    not_yet,
)
from simulator.grading.view import CallView, Utterance

COMPLAINT_CUES = (
    "投诉",
    "抱怨",
    "怎么回事",
    "怎么搞的",
    "搞什么",
    "什么服务",
    "什么态度",
    "太差",
    "差劲",
    "气死",
    "难打",
    "难拨",
    "打不通",
    "等了",
    "不满意",
    "骗",
    "垃圾",
    "凭什么",
    "到底",
    "受不了",
    "太慢",
    "退钱",
    "赔偿",
)
INVITE = (
    "事情的经过",
    "描述一下",
    "具体情况",
    "详细情况",
    "情况告诉我",
    "具体说一下",
    "详细说一下",
    "您讲一下",
)
RECORDED = (
    "记录下来",
    "详细记录",
    "已经记录",
    "已记录",
    "做了记录",
    "记下来",
    "提交给",
    "反馈给",
    "转交",
    "相关负责人",
    "上级部门",
)


def complaint_start(call: CallView) -> Utterance | None:
    """Where the complaint begins: the first caller line with a complaint cue (投诉 /
    怎么回事 / 太差 / 等了 …), else the caller's first line (the persona is angry)."""
    for line in call.caller:
        if any(cue in line.norm for cue in COMPLAINT_CUES):
            return line
    return call.caller[0] if call.caller else None


def _replies(call: CallView) -> tuple[Utterance, ...] | None:
    start = complaint_start(call)
    return None if start is None else call.agent_after(start.t)


@rule(
    "complaint.apology",
    title="致歉",
    checks="投诉来电：客户开始抱怨后，坐席的前几句回应（默认 2 句）之内致歉。",
    stage="protocol",
    source="000 福彩 抱怨与投诉; 002 用户抱怨与投诉",
    weight=2,
    personas=("angry",),
    params={"within_replies": 2},
)
def complaint_apology(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when one of the agent's first `within_replies` utterances after the complaint
    begins apologizes (group apology: 很抱歉 / 非常抱歉 / 对不起 / 给您添麻烦了 /
    让您久等了). na when the caller never spoke."""
    within = rule.count("within_replies")
    replies = _replies(call)
    if replies is None:
        return rule.na("客户没有说话")
    first = replies[:within]
    found = call.first_group(first, "apology")
    if found:
        return rule.passed("及时致歉", at=found[0].t, evidence=quote(found[0].text))
    if len(first) < within and not call.ended:
        return rule.na("录音不完整：还在回应投诉")
    return rule.failed(
        f"投诉开始后前 {within} 句回应都没有致歉",
        at=first[0].t if first else call.end_time,
        evidence="；".join(quote(u.text, 30) for u in first) or "坐席没有回应",
        standard=rule.standard("apology"),
        fix="客户一抱怨，先说「非常抱歉，给您添麻烦了」",
    )


@rule(
    "complaint.empathy",
    title="理解客户感受",
    checks="投诉来电：表达对客户心情的理解，安抚情绪。",
    stage="protocol",
    source="000 福彩 抱怨与投诉; 002 用户抱怨与投诉",
    weight=2,
    personas=("angry",),
)
def complaint_empathy(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when an agent utterance after the complaint begins acknowledges the feeling
    (group empathy: 您的心情我非常理解 / 请您不要着急 / 您先别着急 / 理解您的感受)."""
    replies = _replies(call)
    if replies is None:
        return rule.na("客户没有说话")
    found = call.first_group(replies, "empathy")
    if found:
        return rule.passed("表达了理解", at=found[0].t, evidence=quote(found[0].text))
    return never_took(
        call,
        rule,
        pending="表达理解",
        message="没有表达对客户心情的理解",
        at=replies[0].t if replies else call.end_time,
        evidence=f"投诉后坐席说了 {len(replies)} 句，没有安抚情绪",
        group="empathy",
        fix="先安抚情绪：「您先别着急，您的心情我非常理解」",
    )


@rule(
    "complaint.record",
    title="记录并转交",
    checks="投诉来电：请客户讲清经过，并说明已详细记录、会提交相关负责人。",
    stage="protocol",
    source="000 福彩 投诉; 002 用户抱怨与投诉",
    weight=2,
    personas=("angry",),
)
def complaint_record(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent both invites the details (group complaint_invite, or 事情的经过
    / 描述一下 / 具体情况 …) and says they are recorded and passed on (group
    complaint_recorded, or 记录下来 / 详细记录 / 提交给 / 相关负责人 …), anywhere."""
    invited = _first(call, ("complaint_invite",), INVITE)
    recorded = _first(call, ("complaint_recorded",), RECORDED)
    if invited and recorded:
        return rule.passed(
            "请客户描述经过并说明已记录转交", at=recorded.t, evidence=quote(recorded.text)
        )
    missing = [
        name for name, ok in (("请客户描述经过", invited), ("说明已记录并转交", recorded)) if not ok
    ]
    said = invited or recorded
    return never_took(
        call,
        rule,
        pending="记录投诉",
        message="投诉处理缺少：" + "、".join(missing),
        at=said.t if said else None,
        evidence=quote(said.text) if said else "没有询问经过，也没有说明记录",
        standard=f"{rule.standard('complaint_invite')}……{rule.standard('complaint_recorded')}",
        fix="请客户讲清经过，并告诉客户已详细记录、会提交相关负责人",
    )


def _first(call: CallView, groups: tuple[str, ...], phrases: tuple[str, ...]) -> Utterance | None:
    return next((u for u in call.agent if call.says(u, groups, phrases)), None)


@rule(
    "complaint.commitment",
    title="承诺答复时限",
    checks="投诉来电：承诺具体的答复时限（如“24小时内给您答复”），只说“尽快”不算。",
    stage="protocol",
    source="000 不能实时解决的情况; 002 无法当场答复的用户投诉",
    weight=2,
    personas=("angry",),
)
def complaint_commitment(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when an agent utterance commits to a follow-up with a concrete time frame
    (`commitment_in`)."""
    for utterance in call.agent:
        frame = commitment_in(call, utterance)
        if frame:
            return rule.passed(f"承诺时限：{frame}", at=utterance.t, evidence=quote(utterance.text))
    vague = next((u for u in call.agent if "尽快" in u.norm), None)
    return never_took(
        call,
        rule,
        pending="承诺答复时限",
        message="没有承诺具体的答复时限" + ("（只说了“尽快”）" if vague else ""),
        at=vague.t if vague else None,
        evidence=quote(vague.text) if vague else "通话中没有答复时限",
        group="commitment",
        fix="给出具体时限：「我们会在24小时内给您答复」",
    )


COLLEAGUE = ("投诉你们一个", "工作人员", "接我电话的那个", "那个客服", "号客服")
BLAMES_AGENT = ("就是你接的", "是你接的", "你刚才告诉我", "又是你", "你给我登记的")
SERVICE_APOLOGY = ("服务不周", "给您添麻烦了", "抱歉", "对不起")
HANDED_ON = (*RECORDED, "组长", "班长", "当班", "负责人")
ACKNOWLEDGE = (
    "感谢您指出",
    "感谢您的及时提醒",
    "感谢您的指正",
    "我的不足",
    "确实没掌握好",
    "是我的失误",
)
REMEDY = ("重新核实", "再帮您核实", "再给我一次", "重新帮您", "重新为您")


def _colleague_complaint(call: CallView) -> Utterance | None:
    cue = caller_cue(call, "caller_colleague_complaint", COLLEAGUE)
    return cue[0] if cue else None


@rule(
    "complaint.colleague",
    title="投诉同事：致歉、问经过、记录转交",
    checks="投诉同事：为服务不周致歉，请客户讲清经过，并说明已记录、会转交处理。",
    stage="protocol",
    source="002 用户抱怨与投诉的应答规范 3、4",
    weight=2,
    personas=("complaint",),
)
def complaint_colleague(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller complains about a colleague (caller_colleague_complaint), pass when
    the agent apologizes for the service (服务不周 / 给您添麻烦了 / 抱歉), invites the
    details (group complaint_invite) and says they are recorded and passed on (group
    complaint_recorded, 组长 / 负责人); na for other complaints."""
    line = _colleague_complaint(call)
    if line is None:
        return rule.na("投诉的不是其他同事")
    after = agent_after(call, line)
    parts = (
        ("致歉", first_saying(call, after, ("colleague_apology", "apology"), SERVICE_APOLOGY)),
        ("请客户讲清经过", first_saying(call, after, ("complaint_invite",), INVITE)),
        ("说明已记录并提交处理", first_saying(call, after, ("complaint_recorded",), HANDED_ON)),
    )
    missing = [name for name, found in parts if found is None]
    if not missing:
        last = max((found for _, found in parts if found), key=lambda u: u.t)
        return rule.passed(
            "致歉、请客户讲经过、记录并提交处理", at=last.t, evidence=quote(last.text)
        )
    pending = not_yet(call, rule, "处理完投诉")
    if pending is not None:
        return pending
    return rule.failed(
        "投诉同事的处理缺少：" + "、".join(missing),
        at=after[0].t if after else line.end,
        evidence=f"客户：{quote(line.text, 30)}；坐席："
        + (quote(after[0].text) if after else "没有回应"),
        standard=rule.standard("colleague_apology"),
        fix="代表服务致歉，请客户讲清经过，说明已记录并提交当班组长处理",
    )


@rule(
    "complaint.contact",
    title="投诉同事：留下联系方式",
    checks="投诉同事：请客户留下联系电话，以便反馈处理结果。",
    stage="protocol",
    source="002 用户抱怨与投诉的应答规范 3、4",
    weight=2,
    personas=("complaint",),
)
def complaint_contact(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller complains about a colleague, pass when the agent asks for the
    caller's contact phone (so the result can be reported back); na otherwise."""
    line = _colleague_complaint(call)
    if line is None:
        return rule.na("投诉的不是其他同事")
    asked = first_saying(call, agent_after(call, line), ("callback_request", "ask_phone"), PHONE)
    if asked is not None:
        return rule.passed("请客户留下联系方式", at=asked.t, evidence=quote(asked.text))
    return never_took(
        call,
        rule,
        pending="请客户留联系方式",
        message="受理投诉后没有请客户留下联系方式",
        group="callback_request",
        fix="请客户留下联系电话，处理结果好回复他",
    )


@rule(
    "complaint.own_fault",
    title="自己出错：感谢指正并重新核实",
    checks="客户指出坐席自己说错：几句之内（默认 2 句）承认错误、感谢指正，并重新核实。",
    stage="protocol",
    source="002 用户抱怨与投诉的应答规范 5",
    weight=2,
    personas=("complaint", "supervisor"),
    params={"within_replies": 2},
)
def complaint_own_fault(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller says the agent itself got it wrong (caller_blames_agent), pass when
    within the agent's next `within_replies` utterances it acknowledges the mistake and
    thanks for the correction (group own_fault_ack) and offers to re-check or serve again
    (group own_fault_recheck); na otherwise."""
    cue = caller_cue(call, "caller_blames_agent", BLAMES_AGENT)
    if cue is None:
        return rule.na("客户没有指出坐席本人的差错")
    line, _ = cue
    within = rule.count("within_replies")
    first = agent_after(call, line)[:within]
    ack = first_saying(call, first, ("own_fault_ack",), ACKNOWLEDGE)
    fix_it = first_saying(call, first, ("own_fault_recheck",), REMEDY)
    if ack is not None and fix_it is not None:
        return rule.passed("认错、感谢指正并提出重新核实", at=ack.t, evidence=quote(ack.text))
    if len(first) < within and not call.ended:
        return rule.na("录音不完整：还在回应")
    missing = "、".join(
        n for n, ok in (("认错并感谢指正", ack), ("提出重新核实", fix_it)) if ok is None
    )
    return rule.failed(
        f"客户指出坐席本人的差错，前 {within} 句回应缺少：{missing}",
        at=first[0].t if first else line.end,
        evidence="；".join(quote(u.text, 30) for u in first) or "坐席没有回应",
        standard=f"{rule.standard('own_fault_ack')}，{rule.standard('own_fault_recheck')}",
        fix="先认错、感谢客户指正，再提出重新帮他核实，不辩解、不推给别人",
    )
