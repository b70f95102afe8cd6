"""Closing rules: ask about other needs, thank and say goodbye, let the caller hang up."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import never_took, says_goodbye
from simulator.grading.view import CallView, Utterance

PROTOCOL_ENDINGS = ("silent", "offtopic")
"""Personas whose own protocol governs the end of the call (docs/standards.md)."""
PROTOCOL_CLOSES = {"silent": "line_notice", "offtopic": "offtopic_end"}
"""Their protocol's own closing move: the seeds end these calls with it and 再见, not with
thanks for the call (「……请您稍候再拨，再见！」, 「……我要挂机了，再见！」)."""

CALL_GOING_ON = "录音不完整：通话还没有结束"


def says_thanks(call: CallView, utterance: Utterance) -> bool:
    """Thanks for the call: catalog groups thanks_for_calling or farewell."""
    return call.first_group((utterance,), "thanks_for_calling", "farewell") is not None


@rule(
    "closing.more_help",
    title="询问其他需求",
    checks="结束通话前询问客户是否还有其他需要。",
    stage="closing",
    source="all standards",
)
def closing_more_help(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when an agent utterance after the opening asks whether there is anything else
    (group more_help: 请问还有什么可以帮您 / 还有什么问题 / 其他方面的咨询). na for the
    silent and offtopic personas; na for an unfinished recording that has not asked yet."""
    if call.persona in PROTOCOL_ENDINGS:
        return rule.na("该类来电按专门规范结束通话")
    # From the end back: the question normally comes just before the farewell.
    asked = call.first_group(call.agent[:0:-1], "more_help")
    if asked:
        return rule.passed("结束前询问了其他需求", at=asked[0].t, evidence=quote(asked[0].text))
    return never_took(
        call,
        rule,
        unfinished=CALL_GOING_ON,
        message="结束前没有询问客户是否还有其他需要",
        group="more_help",
        fix="解答完毕后问一句「请问还有什么可以帮您？」再道别",
    )


@rule(
    "closing.farewell",
    title="结束语",
    checks="最后一句话感谢来电并道别（“感谢您的来电，再见”）。",
    stage="closing",
    source="002 「感谢您的来电，祝您生活愉快，再见！」",
)
def closing_farewell(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent's last utterance says goodbye (再见) and thanks the caller for
    the call, in that utterance or in the agent utterance right before it (no caller
    line in between); for silent and off-topic calls, their protocol's closing move
    (the line notice, the end announcement) with 再见 stands for the thanks, as in the
    seeds. For an unfinished recording: pass if the last utterance so far qualifies,
    else na."""
    if not call.agent:
        return never_took(
            call,
            rule,
            unfinished="录音不完整：坐席还没有说话",
            message="没有结束语",
            group="farewell",
            fix="通话结束前说「感谢您的来电，再见」",
        )
    last = call.agent[-1]
    goodbye = says_goodbye(call, last)
    close = PROTOCOL_CLOSES.get(call.persona)
    protocol_end = close is not None and call.first_group((last,), close) is not None
    thanks = (
        says_thanks(call, last) or protocol_end or (goodbye and _thanked_just_before(call, last))
    )
    if goodbye and thanks:
        return rule.passed("结束语完整", at=last.t, evidence=quote(last.text))
    missing = "、".join(part for part, ok in (("感谢来电", thanks), ("再见", goodbye)) if not ok)
    return never_took(
        call,
        rule,
        unfinished=CALL_GOING_ON,
        message=f"结束语缺少：{missing}",
        evidence=f"最后一句：{quote(last.text)}",
        group="farewell",
        fix="最后一句说「感谢您的来电，祝您生活愉快，再见！」",
    )


def _thanked_just_before(call: CallView, last: Utterance) -> bool:
    position = call.agent.index(last)
    if position == 0:
        return False
    previous = call.agent[position - 1]
    between = any(previous.t < line.t < last.t for line in call.caller)
    return not between and says_thanks(call, previous)


@rule(
    "closing.caller_hangs_up_first",
    title="客户先挂机",
    checks="等客户先挂机；客户不挂机时，道别后至少等规定秒数（默认 5 秒）再挂机。",
    stage="closing",
    source="000 「不能先于客户收线」; 002 「然后过5秒挂机」",
    params={"wait_seconds": 5.0},
)
def closing_caller_hangs_up_first(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the caller hangs up, or when the agent hangs up at least `wait_seconds`
    after the end of its farewell (its last utterance says goodbye) while the caller
    stayed on. na for the silent and offtopic personas and for unfinished recordings."""
    if call.persona in PROTOCOL_ENDINGS:
        return rule.na("该类来电按专门规范结束通话")
    if call.hangup is None:
        return rule.na("录音不完整：没有挂机记录")
    if call.hangup.who == "caller":
        return rule.passed("客户先挂机", at=call.hangup.t)
    wait = rule.num("wait_seconds")
    standard = f"等客户先挂机；客户不挂机时，道别后等 {wait:g} 秒再挂机"
    last = call.agent[-1] if call.agent else None
    if last is None or not says_goodbye(call, last):
        return rule.failed(
            "坐席没有道别就先挂机",
            at=call.hangup.t,
            evidence=f"挂机前最后一句：{quote(last.text)}" if last else "坐席没有说话就挂机",
            standard=standard,
            fix="道别后等客户先挂机，不要主动挂断",
        )
    waited = call.hangup.t - last.end
    if waited >= wait:
        return rule.passed(
            f"道别后等了 {seconds(waited)}才挂机", at=call.hangup.t, evidence=quote(last.text)
        )
    return rule.failed(
        f"坐席先于客户挂机：道别后只等了 {seconds(max(0.0, waited))}",
        at=call.hangup.t,
        evidence=f"{last.end:.1f} 秒说完{quote(last.text, 30)}，{call.hangup.t:.1f} 秒坐席挂机",
        standard=standard,
        fix=f"道别后等客户先挂机；客户不挂机时至少等 {wait:g} 秒",
    )
