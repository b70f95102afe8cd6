"""When the line itself is the problem: a caller the agent cannot hear, a dialect the
agent cannot follow, a caller who dialed the wrong number (002 电话无法听清的应答规范,
关于特殊沟通内容的应答规范 2)."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.rules.library_common import (
    APOLOGY,
    agent_after,
    caller_cue,
    first_saying,
    never_took,
    says,
)
from simulator.grading.view import CallView

SPEAK_UP = ("大声一点", "大声点", "声音大点", "声音大一点", "大一点声", "大点声", "靠近话筒")
HANDSET = ("拿起话筒", "拿起听筒", "拿起电话", "拿起手机", "关掉免提", "关闭免提", "免提")
REPEAT = ("重复一遍", "再讲一遍", "重讲一遍", "再说一遍")
CALL_AGAIN = (
    "换一部电话",
    "换部电话",
    "换个电话",
    "换一部打来",
    "再打过来",
    "再打来",
    "重新拨打",
    "稍后再拨",
    "稍候再拨",
    "稍后来电",
)
REQUEST_GROUPS = ("speak_up", "repeat_request", "handset", "call_again")
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
HERE_IS = ("这里是", "这边是", "我们是")
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
NO_MANDARIN = ("不会讲普通话", "不会说普通话", "讲不来普通话", "普通话讲不来")


def inaudible_speak_up(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent's first reply to the inaudible caller apologizes and politely
    asks for what helps: speak up (group speak_up), pick up the handset (handset), repeat
    (repeat_request) or, on a noisy line, call again from another phone (call_again)."""
    if not call.caller:
        return rule.na("客户没有说话")
    replies = agent_after(call, call.caller[0])
    if not replies:
        if not call.ended:
            return rule.na("录音不完整：还没有回应")
        return rule.failed(
            "听不清客户时没有任何回应",
            at=call.caller[0].end,
            evidence="客户说话后坐席没有说话",
            standard=rule.standard("speak_up"),
            fix="听不清时先致歉，再请客户大声一点或拿起话筒",
        )
    first = replies[0]
    request = says(call, first, REQUEST_GROUPS, SPEAK_UP + HANDSET + REPEAT + CALL_AGAIN)
    sorry = says(call, first, ("apology",), APOLOGY)
    if request and sorry:
        return rule.passed(f"致歉并请客户配合：{request}", at=first.t, evidence=quote(first.text))
    missing = "、".join(
        name for name, ok in (("致歉", sorry), ("请客户大声一点或拿起话筒", request)) if not ok
    )
    return rule.failed(
        f"听不清时的第一句回应缺少：{missing}",
        at=first.t,
        evidence=f"第一句回应：{quote(first.text)}",
        standard=rule.standard("speak_up"),
        fix="听不清就直说并致歉：「非常抱歉，我这边听不清楚，请您大声一点，好吗？」",
    )


def inaudible_call_again(call: CallView, rule: RuleContext) -> RuleResult:
    """Unless the scenario says the line clears (`line_clears`), pass when the agent asks
    the caller to call again from another phone (group call_again) and does not hang up
    on that request: the caller answered it, or the agent said it at least twice and
    waited `wait_seconds` after speaking. A caller who hangs up after it passes."""
    if rule.flag("line_clears"):
        return rule.na("本场景客户的声音后来能听清，不需要换电话再打")
    wait = rule.num("wait_seconds")
    start = call.caller[0] if call.caller else None
    requests = [u for u in agent_after(call, start) if says(call, u, ("call_again",), CALL_AGAIN)]
    standard = rule.standard("call_again")
    if not requests:
        return never_took(
            call,
            rule,
            pending="请客户换电话再打",
            message="一直听不清，却没有请客户换部电话再打",
            group="call_again",
            fix="沟通两三次仍听不清，就请客户换一部电话再打过来，等客户同意后再挂机",
        )
    last = requests[-1]
    if call.hangup is None or call.hangup.who == "caller":
        return rule.passed("请客户换电话再打", at=last.t, evidence=quote(last.text))
    answered = any(last.t < line.t < call.hangup.t for line in call.caller)
    waited = call.hangup.t - max(u.end for u in call.agent)
    if answered or (len(requests) >= 2 and waited >= wait):
        how = "客户回应后挂机" if answered else f"重复请求并等了 {seconds(waited)}后挂机"
        return rule.passed(how, at=call.hangup.t, evidence=quote(last.text))
    return rule.failed(
        f"请客户换电话后没等客户回应就挂机（等了 {seconds(max(0.0, waited))}）",
        at=call.hangup.t,
        evidence=quote(last.text),
        standard=f"{standard}（客户同意后再挂机；无回应时重复两次，每次间隔 {wait:g} 秒）",
        fix=f"等客户同意再挂机；听不到回应就再说一遍，间隔 {wait:g} 秒后再挂机",
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


def wrong_number_notice(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, after the caller's first line, the agent names the line (这里是 + the
    organization or 客服中心 / 热线) and asks the caller to check the number and dial
    again (group wrong_number: 请您查证后再拨), in one utterance or across two."""
    if not call.caller:
        return rule.na("客户没有说话")
    replies = agent_after(call, call.caller[0])
    names = LINE_NAMES + ((call.org,) if call.org else ())
    named = next(
        (u for u in replies if says(call, u, (), HERE_IS) and says(call, u, (), names)), None
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


CHECKS = {
    "inaudible.speak_up": inaudible_speak_up,
    "inaudible.call_again": inaudible_call_again,
    "dialect.mandarin": dialect_mandarin,
    "dialect.helper": dialect_helper,
    "wrong_number.notice": wrong_number_notice,
}
