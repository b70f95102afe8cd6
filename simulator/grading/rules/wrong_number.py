"""A wrong number: say which line this is and ask the caller to check the number."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import agent_after, first_saying, says
from simulator.grading.view import CallView

HERE_IS = ("这里是", "这边是", "我们是", "这儿是", "您打到的是", "您拨打的是", "您打的是")
LINE_NAMES = ("客服中心", "热线", "服务中心", "呼叫中心")
CHECK_NUMBER = (
    "查证",
    "核实号码",
    "核对号码",
    "确认号码",
    "核对一下号码",
    "查一下号码",
    "号码是否正确",
)


@rule(
    "wrong_number.notice",
    title="报出中心名称，请查证后再拨",
    checks="打错电话：报出本中心名称，请客户查证号码后再拨。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 2",
    weight=2,
    personas=("wrong_number",),
)
def wrong_number_notice(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, after the caller's first line, the agent names the line (这里是 + the
    organization or 客服中心 / 热线) and asks the caller to check the number and dial
    again (group wrong_number: 请您查证后再拨), in one utterance or across two."""
    if not call.caller:
        return rule.na("客户没有说话")
    replies = agent_after(call, call.caller[0])
    named = next(
        (
            u
            for u in replies
            if says(call, u, (), HERE_IS) and (says(call, u, (), LINE_NAMES) or call.names_org(u))
        ),
        None,
    )
    check = first_saying(call, replies, ("wrong_number",), CHECK_NUMBER)
    if named is not None and check is not None:
        return rule.passed("报出中心名称并请客户查证后再拨", at=check.t, evidence=quote(check.text))
    if not call.ended:
        return rule.na("录音不完整：还没有说明")
    missing = "、".join(
        part
        for part, ok in (("报出本中心名称", named is not None), ("请客户查证后再拨", check))
        if not ok
    )
    first = replies[0] if replies else None
    return rule.failed(
        f"打错电话的应答缺少：{missing}",
        at=first.t if first else call.end_time,
        evidence=f"坐席：{quote(first.text)}" if first else "坐席没有回应",
        standard=f"您好，这里是{call.org or 'xxxx客服中心'}，请您查证后再拨。",
        fix="告诉客户这是哪里，并请他查证号码后再拨",
    )
