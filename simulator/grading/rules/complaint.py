"""The complaint protocol (angry caller): apologize early, empathize, take it down and
pass it on, and commit to a follow-up with a concrete time frame."""

from __future__ import annotations

import re

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
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
_NUM = "[0-9零〇一二三四五六七八九十两百]+"
_WITHIN = rf"{_NUM}个?半?(?:小时|钟头|个?工作日|天|日|分钟|周|星期)(?:之)?内"
_DAY = r"(?:今天|明天|后天|本周[一二三四五六日天]?|这周[一二三四五六日天]?|下周[一二三四五六日天]?)"
_BEFORE = rf"{_DAY}(?:{_NUM}点半?)?(?:上午|下午|中午|晚上|下班)?(?:{_NUM}点半?)?(?:之)?前"
TIME_FRAME = re.compile(rf"{_WITHIN}|{_BEFORE}")
FOLLOW_UP = re.compile(r"答复|回复|联系|回电|反馈|处理结果|告知|通知|回话|回个话|上门|打电话给您")


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


def complaint_empathy(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when an agent utterance after the complaint begins acknowledges the feeling
    (group empathy: 您的心情我非常理解 / 请您不要着急 / 您先别着急 / 理解您的感受)."""
    replies = _replies(call)
    if replies is None:
        return rule.na("客户没有说话")
    found = call.first_group(replies, "empathy")
    if found:
        return rule.passed("表达了理解", at=found[0].t, evidence=quote(found[0].text))
    if not call.ended:
        return rule.na("录音不完整：还没有表达理解")
    return rule.failed(
        "没有表达对客户心情的理解",
        at=replies[0].t if replies else call.end_time,
        evidence=f"投诉后坐席说了 {len(replies)} 句，没有安抚情绪",
        standard=rule.standard("empathy"),
        fix="先安抚情绪：「您先别着急，您的心情我非常理解」",
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
    if not call.ended:
        return rule.na("录音不完整：还没有记录投诉")
    missing = [
        name for name, ok in (("请客户描述经过", invited), ("说明已记录并转交", recorded)) if not ok
    ]
    said = invited or recorded
    return rule.failed(
        "投诉处理缺少：" + "、".join(missing),
        at=said.t if said else (call.agent[-1].t if call.agent else call.end_time),
        evidence=quote(said.text) if said else "没有询问经过，也没有说明记录",
        standard=f"{rule.standard('complaint_invite')}……{rule.standard('complaint_recorded')}",
        fix="请客户讲清经过，并告诉客户已详细记录、会提交相关负责人",
    )


def _first(call: CallView, groups: tuple[str, ...], phrases: tuple[str, ...]) -> Utterance | None:
    return next((u for u in call.agent if call.says(u, groups, phrases)), None)


def commitment_in(call: CallView, utterance: Utterance) -> str:
    """The concrete commitment in `utterance` ("24小时内…答复"), or "".

    The catalog's commitment move (a number with a time unit: 「四个小时之内安排师傅上门」
    「明天下午五点前给您回个话」), or a time frame (N 小时 / 个工作日 / 天 内, 今天 / 明天 /
    下周一 [X点] 前) with a follow-up word (答复 / 回复 / 联系 / 回电 / 反馈 …) in the same
    utterance. 尽快 alone is not concrete.
    """
    found = call.group(utterance, "commitment")
    if found is not None:
        return found.span
    frame = TIME_FRAME.search(utterance.norm)
    if frame is None or FOLLOW_UP.search(utterance.norm) is None:
        return ""
    return frame.group(0)


def complaint_commitment(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when an agent utterance commits to a follow-up with a concrete time frame
    (`commitment_in`)."""
    for utterance in call.agent:
        frame = commitment_in(call, utterance)
        if frame:
            return rule.passed(f"承诺时限：{frame}", at=utterance.t, evidence=quote(utterance.text))
    if not call.ended:
        return rule.na("录音不完整：还没有承诺答复时限")
    vague = next((u for u in call.agent if "尽快" in u.norm), None)
    return rule.failed(
        "没有承诺具体的答复时限" + ("（只说了“尽快”）" if vague else ""),
        at=vague.t if vague else (call.agent[-1].t if call.agent else call.end_time),
        evidence=quote(vague.text) if vague else "通话中没有答复时限",
        standard=rule.standard("commitment"),
        fix="给出具体时限：「我们会在24小时内给您答复」",
    )


CHECKS = {
    "complaint.apology": complaint_apology,
    "complaint.empathy": complaint_empathy,
    "complaint.record": complaint_record,
    "complaint.commitment": complaint_commitment,
}
