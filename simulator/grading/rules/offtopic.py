"""The off-topic / harassing caller protocol: steer back, 2–3 times, announce, hang up.

Every caller line of an `offtopic` call is taken as off-topic (the persona says the
caller has no business); the agent's *reply* to a line is everything the agent says
from that line's onset until the caller's next line.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import says_goodbye
from simulator.grading.view import CallView, Utterance

PURPOSE = (
    "这里是",
    "这边是",
    "我们是",
    "热线",
    "客服中心",
    "服务中心",
    "呼叫中心",
    "业务咨询",
    "服务范围",
    "客服电话",
    "服务电话",
    "这条线",
    "这个电话只",
    "专门办",
    "专门处理",
    "只处理",
    "只受理",
)
STEER = (
    "业务方面",
    "业务或服务",
    "业务问题",
    "业务咨询",
    "有关业务",
    "乐意为您解答",
    "有什么可以帮",
    "有什么问题需要咨询",
)
END = (
    "超出服务范围",
    "超出了我们的服务范围",
    "超出我们的服务范围",
    "没有业务方面的咨询",
    "没有业务方面的问题",
    "没有业务或服务方面的问题",
    "我要挂机了",
    "要挂机了",
    "挂断您的电话",
    "结束通话",
)
LAUGHS = ("哈哈", "呵呵", "嘿嘿", "嘻嘻")
PERSONAL = ("今年", "岁", "我住", "我家", "微信", "手机", "电话", "qq", "单身", "结婚", "男朋友",
            "女朋友", "老公", "老婆", "喜欢", "下班", "长得")  # fmt: skip
"""Words that tell, in a span the catalog found, which way the agent played along."""


@dataclass(frozen=True)
class Reply:
    """The agent's reply to one caller line."""

    line: Utterance
    utterances: tuple[Utterance, ...]

    @property
    def t(self) -> float:
        return self.utterances[0].t

    @property
    def text(self) -> str:
        return "".join(u.text for u in self.utterances)


def replies(call: CallView) -> list[Reply]:
    """For each caller line, what the agent said from its onset to the next caller line."""
    found = []
    for i, line in enumerate(call.caller):
        until = call.caller[i + 1].t if i + 1 < len(call.caller) else float("inf")
        said = tuple(u for u in call.agent if line.t <= u.t < until)
        if said:
            found.append(Reply(line, said))
    return found


def is_end_announcement(call: CallView, utterance: Utterance) -> bool:
    """超出服务范围 / 如果您没有业务方面的咨询 / 我要挂机了 … (or group offtopic_end)
    together with 再见. Without the goodbye (「…请您挂机，好吗？」) it is one more redirect."""
    if "再见" in utterance.norm:
        return call.says(utterance, ("offtopic_end",), END) is not None
    return (
        says_goodbye(call, utterance) and call.says(utterance, ("offtopic_end",), END) is not None
    )


def _has(call: CallView, utterance: Utterance, phrases: tuple[str, ...]) -> bool:
    return call.says(utterance, (), phrases) is not None


def is_redirect(call: CallView, utterance: Utterance) -> bool:
    """Restates the purpose (这里是…热线 / 业务咨询 / the org) and steers back to
    business (业务方面的问题 / an offer of help), or matches group offtopic_redirect."""
    if call.group(utterance, "offtopic_redirect") is not None:
        return True
    purpose = _has(call, utterance, PURPOSE) or (
        bool(call.org) and call.find(utterance, (call.org,)) is not None
    )
    steer = _has(call, utterance, STEER) or call.group(utterance, "offer_help") is not None
    return purpose and steer


def plays_along(call: CallView, utterance: Utterance) -> str:
    """Why the reply plays along with the caller, or "" when it does not.

    The catalog's agree_to_chat move decides (the same understanding the caller's branches
    use): laughing along, personal information, agreeing to chat or small talk, with negation,
    refusals and look-alikes understood (「哈哈，我这会儿还在上班，不方便陪您聊天」 refuses). The
    span it rests on says which way, for the message.
    """
    agreed = call.group(utterance, "agree_to_chat")
    if agreed is None:
        return ""
    span = agreed.span
    if any(word in span for word in LAUGHS):
        return f"笑（{span}）"
    if any(word in span for word in PERSONAL):
        return f"透露个人信息（{span}）"
    return f"答应闲聊（{span}）"


@rule(
    "offtopic.redirect",
    title="引导回业务",
    checks="骚扰或闲聊电话：每次回应都把话题引回业务，不附和、不闲聊。",
    stage="protocol",
    source="000 福彩 骚扰电话; 002 骚扰电话",
    weight=2,
    personas=("offtopic",),
)
def offtopic_redirect(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when every reply to an off-topic caller line steers back (`is_redirect`, or
    the end announcement) and none plays along (`plays_along`). na without replies."""
    all_replies = replies(call)
    if not all_replies:
        return rule.na("没有需要引导的无关话题")
    for reply in all_replies:
        along = next((why for u in reply.utterances if (why := plays_along(call, u))), "")
        steered = any(
            is_redirect(call, u) or is_end_announcement(call, u) for u in reply.utterances
        )
        if along or not steered:
            problem = f"附和客户：{along}" if along else "没有说明热线用途、引导回业务"
            return rule.failed(
                problem,
                at=reply.t,
                evidence=f"客户{quote(reply.line.text, 30)}，坐席{quote(reply.text)}",
                standard=rule.standard("offtopic_redirect"),
                fix="不闲聊、不答私人问题，说明这是业务热线并问有什么业务问题",
            )
    return rule.passed(
        f"{len(all_replies)} 次回应都引导回业务", evidence=quote(all_replies[0].text)
    )


def _announcement(call: CallView) -> Utterance | None:
    return next((u for u in call.agent[1:] if is_end_announcement(call, u)), None)


@rule(
    "offtopic.limit",
    title="2–3次引导后结束",
    checks="骚扰或闲聊电话：引导规定次数（默认 2–3 次）无效后，告知客户将结束通话。",
    stage="protocol",
    source="000 福彩 骚扰电话; 002 骚扰电话",
    weight=2,
    personas=("offtopic",),
    params={"min_redirects": 2, "max_redirects": 3},
)
def offtopic_limit(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent announces the end after min_redirects–max_redirects replies
    to the caller (each reply before the announcement counts as one redirect attempt).
    No announcement: fail once the replies exceed max_redirects or the agent hung up;
    na when the caller hung up (or the recording stops) before that."""
    low, high = rule.count("min_redirects"), rule.count("max_redirects")
    announced = _announcement(call)
    all_replies = replies(call)
    standard = f"引导 {low}–{high} 次后告知：{rule.standard('offtopic_end')}"
    if announced is None:
        count = len(all_replies)
        agent_hung_up = call.hangup is not None and call.hangup.who == "agent"
        if count <= high and not agent_hung_up:
            return rule.na("客户先结束了通话" if call.ended else "录音不完整：还没有告知结束")
        return rule.failed(
            f"引导 {count} 次后没有告知结束通话",
            at=all_replies[-1].t if all_replies else call.end_time,
            evidence=f"最后一次回应：{quote(all_replies[-1].text)}" if all_replies else "没有引导",
            standard=standard,
            fix=f"引导 {low}–{high} 次仍无业务，就告知超出服务范围并道别挂机",
        )
    count = sum(1 for r in all_replies if r.t < announced.t)
    if low <= count <= high:
        return rule.passed(
            f"引导 {count} 次后告知结束", at=announced.t, evidence=quote(announced.text)
        )
    how = "过早" if count < low else "拖得太久"
    return rule.failed(
        f"引导 {count} 次就告知结束，{how}（标准 {low}–{high} 次）",
        at=announced.t,
        evidence=quote(announced.text),
        standard=standard,
        fix=f"先耐心引导 {low}–{high} 次，再告知结束通话",
    )


@rule(
    "offtopic.hangup",
    title="告知后3–6秒挂机",
    checks="骚扰或闲聊电话：告知结束通话后，在规定秒数（默认 3–6 秒）内挂机。",
    stage="protocol",
    source="000 福彩 骚扰电话; 002 骚扰电话",
    weight=2,
    personas=("offtopic",),
    params={"min_seconds": 3.0, "max_seconds": 6.0},
)
def offtopic_hangup(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent announces the end (`is_end_announcement`) and hangs up
    [min_seconds, max_seconds] after it stops speaking; an unannounced agent hangup
    fails; a caller hangup after the announcement passes, before it is na."""
    low, high = rule.num("min_seconds"), rule.num("max_seconds")
    announced = _announcement(call)
    standard = f"{rule.standard('offtopic_end')}（停顿{low:g}–{high:g}秒后挂机）"
    if call.hangup is None:
        return rule.na("录音不完整：没有挂机记录")
    if call.hangup.who == "caller":
        if announced is not None:
            return rule.passed("告知后客户挂机", at=call.hangup.t, evidence=quote(announced.text))
        return rule.na("客户先挂机")
    if announced is None:
        last = call.agent[-1] if call.agent else None
        return rule.failed(
            "没有告知就挂机",
            at=call.hangup.t,
            evidence=f"挂机前最后一句：{quote(last.text)}" if last else "坐席没有说话就挂机",
            standard=standard,
            fix="挂机前告知「超出服务范围，我要挂机了，再见」",
        )
    last_end = max(u.end for u in call.agent_after(announced.t))
    waited = call.hangup.t - last_end
    if low <= waited <= high:
        return rule.passed(
            f"告知后 {seconds(waited)}挂机", at=call.hangup.t, evidence=quote(announced.text)
        )
    how = "太急" if waited < low else "太晚"
    return rule.failed(
        f"告知后 {seconds(max(0.0, waited))}挂机，{how}（标准 {low:g}–{high:g} 秒）",
        at=call.hangup.t,
        evidence=f"{last_end:.1f} 秒说完{quote(announced.text, 30)}，{call.hangup.t:.1f} 秒挂机",
        standard=standard,
        fix=f"告知后停顿 {low:g}–{high:g} 秒再挂机",
    )
