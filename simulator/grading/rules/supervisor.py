"""A caller demanding a supervisor: apologize for the service and arrange a call back."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import (
    APOLOGY,
    PHONE,
    agent_after,
    caller_cue,
    first_saying,
    says,
    unanswered,
)
from simulator.grading.view import CallView, Utterance

WANTS_SUPERVISOR = ("领导", "主管", "经理", "负责人", "管事的")
CALL_BACK = ("相关人员", "负责人", "主管", "领导", "组长", "专人")
FOLLOW = ("回复", "联系", "回电", "答复", "打给您")


def _supervisor_demand(call: CallView) -> Utterance | None:
    cue = caller_cue(call, "caller_wants_supervisor", WANTS_SUPERVISOR)
    return cue[0] if cue else None


@rule(
    "supervisor.apology",
    title="要求转主管：诚恳致歉",
    checks="客户要求转主管：几句之内（默认 2 句）诚恳致歉。",
    stage="protocol",
    source="002 用户抱怨与投诉的应答规范 6",
    weight=2,
    personas=("supervisor",),
    params={"within_replies": 2},
)
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


@rule(
    "supervisor.callback",
    title="要求转主管：留电由相关人员回复",
    checks="客户要求转主管：请客户留下电话，说明由相关负责人回复。",
    stage="protocol",
    source="002 用户抱怨与投诉的应答规范 6",
    weight=2,
    personas=("supervisor",),
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
