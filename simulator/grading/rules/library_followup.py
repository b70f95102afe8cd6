"""Things settled after the call: a question answered later, a complaint about a colleague
or about the agent, a caller who wants a supervisor (002 关于特殊沟通内容的应答规范 11;
用户抱怨与投诉的应答规范 3–6)."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.rules.complaint import INVITE, RECORDED, commitment_in
from simulator.grading.rules.library_common import (
    APOLOGY,
    PHONE,
    agent_after,
    caller_cue,
    first_saying,
    last_or_end,
    never_took,
    not_yet,
    says,
    unanswered,
)
from simulator.grading.view import CallView, Utterance

CONFIRM_LATER = (
    "进一步确认",
    "核实后",
    "确认后",
    "查证后",
    "暂时无法确定",
    "核实一下再",
    "记录下来",
)
COLLEAGUE = ("投诉你们一个", "工作人员", "接我电话的那个", "那个客服", "号客服")
BLAMES_AGENT = ("就是你接的", "是你接的", "你刚才告诉我", "又是你", "你给我登记的")
WANTS_SUPERVISOR = ("领导", "主管", "经理", "负责人", "管事的")
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
CALL_BACK = ("相关人员", "负责人", "主管", "领导", "组长", "专人")
FOLLOW = ("回复", "联系", "回电", "答复", "打给您")


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


def _colleague_complaint(call: CallView) -> Utterance | None:
    cue = caller_cue(call, "caller_colleague_complaint", COLLEAGUE)
    return cue[0] if cue else None


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


def _supervisor_demand(call: CallView) -> Utterance | None:
    cue = caller_cue(call, "caller_wants_supervisor", WANTS_SUPERVISOR)
    return cue[0] if cue else None


def supervisor_apology(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller demands a supervisor (caller_wants_supervisor), pass when one of
    the agent's next `within_replies` utterances apologizes sincerely (groups
    supervisor_apology / apology); na when the caller never asks for one."""
    line = _supervisor_demand(call)
    if line is None:
        return rule.na("客户没有要求找主管")
    within = rule.count("within_replies")
    first = agent_after(call, line)[:within]
    sorry = first_saying(call, first, ("supervisor_apology", "apology"), APOLOGY)
    if sorry is not None:
        return rule.passed("诚恳致歉", at=sorry.t, evidence=quote(sorry.text))
    if len(first) < within and not call.ended:
        return rule.na("录音不完整：还在回应")
    return rule.failed(
        f"客户要求找主管，前 {within} 句回应都没有致歉",
        at=first[0].t if first else line.end,
        evidence="；".join(quote(u.text, 30) for u in first) or "坐席没有回应",
        standard=rule.standard("supervisor_apology"),
        fix="先诚恳道歉：「很抱歉让您失望了，我诚恳地向您道歉」",
    )


def supervisor_callback(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller demands a supervisor, pass when the agent asks for a contact phone
    and says a responsible person will call back (group supervisor_callback, or 相关人员 /
    负责人 / 主管 + 回复 / 联系 in one utterance)."""
    line = _supervisor_demand(call)
    if line is None:
        return rule.na("客户没有要求找主管")
    after = agent_after(call, line)
    phone = first_saying(call, after, ("callback_request", "ask_phone"), PHONE)
    back = next(
        (
            u
            for u in after
            if says(call, u, ("supervisor_callback",))
            or (says(call, u, (), CALL_BACK) and says(call, u, (), FOLLOW))
        ),
        None,
    )
    if phone is not None and back is not None:
        return rule.passed("请客户留电话，由相关人员回复", at=back.t, evidence=quote(back.text))
    missing = "、".join(
        n for n, ok in (("请客户留下联系电话", phone), ("说明相关人员会回复", back)) if ok is None
    )
    return unanswered(
        call,
        rule,
        line,
        after,
        pending="安排回复",
        message="客户要求找主管，缺少：" + missing,
        group="supervisor_callback",
        fix="不推脱、不假装转接：请客户留下电话，说明会请相关人员尽快回复",
    )


CHECKS = {
    "callback.record": callback_record,
    "callback.time": callback_time,
    "callback.contact": callback_contact,
    "complaint.colleague": complaint_colleague,
    "complaint.contact": complaint_contact,
    "complaint.own_fault": complaint_own_fault,
    "supervisor.apology": supervisor_apology,
    "supervisor.callback": supervisor_callback,
}
