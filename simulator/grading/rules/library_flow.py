"""Steps in the flow of a call: holding only once the caller agreed, reading information
back and telling a mismatch, answering praise, ending with a caller who stays on
(002 需要进行保持时的应答规范 2; 需要核实用户相关信息时应答规范; 关于特殊沟通内容的
应答规范 10; 结束语规范 3)."""

from __future__ import annotations

import re

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.rules.closing import says_goodbye
from simulator.grading.rules.library_common import (
    cue_texts,
    first_saying,
    new_numbers,
    says,
)
from simulator.grading.view import CallView, Utterance
from simulator.standards import digit_runs, normalize

HOLD_ASK = ("请您稍等", "请稍等", "请稍候", "不要挂机", "不要挂线", "稍等一下", "稍等一会")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MISMATCH = ("不符", "不一致", "对不上")
CHECK_AGAIN = ("查实后再来电", "核实后再来电", "确认后再来电", "查实", "核对后再来电")
DISCLOSE = re.compile(
    r"登记的是|预留的是|系统里是|我们这里是|我们这边是|登记的手机号是|登记的号码是"
)
PRAISE = ("表扬", "太感谢", "非常感谢", "点赞", "没得说", "态度好")
PRAISE_REPLY = (
    "不客气",
    "应该做的",
    "很高兴听到您的认可",
    "感谢您对我们工作的支持",
    "不必客气",
    "谢谢您的认可",
    "谢谢您的肯定",
)
MORE_HELP = ("还有什么可以帮", "还有什么问题", "还有其他问题")
HANG_UP_NOTICE = ("我要挂线了", "我要挂机了", "我先挂线了", "我先挂机了", "要挂线了", "要挂机了")


def hold_consent(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when every hold starts after the caller answered the agent's request to wait:
    a caller line between the agent's last request (group hold_request) before the hold
    and the hold itself. na with no hold."""
    if not call.holds:
        return rule.na("通话中没有保持")
    since = call.answer if call.answer is not None else float("-inf")
    for span in call.holds:
        asked = [
            u
            for u in call.agent
            if since <= u.t <= span.start and says(call, u, ("hold_request",), HOLD_ASK)
        ]
        agreed = bool(asked) and any(asked[-1].t < line.t < span.start for line in call.caller)
        if not agreed:
            evidence = (
                f"{quote(asked[-1].text, 30)}后没等客户答应，{span.start:.1f} 秒就按了保持"
                if asked
                else "保持前没有请客户稍等"
            )
            return rule.failed(
                "没有等客户同意就按了保持",
                at=span.start,
                evidence=evidence,
                standard=f"{rule.standard('hold_request')}（客户同意后再按保持键）",
                fix="请客户稍等后，等客户答应一声再按保持",
            )
        since = span.end
    return rule.passed(f"{len(call.holds)} 次保持都在客户同意之后")


def _items(text: str, min_digits: int) -> list[tuple[str, tuple[str, ...]]]:
    """The information a caller line gives: (as said, normalized parts the read-back
    must contain in order). Numbers of min_digits+ digits, and e-mail addresses (local
    part and domain name; the agent may say 「艾特」「点」 for @ and .)."""
    items: list[tuple[str, tuple[str, ...]]] = []
    emails = EMAIL.findall(text)
    for email in emails:
        local, domain = email.split("@", 1)
        items.append((email, (normalize(local), normalize(domain.rsplit(".", 1)[0]))))
    rest = EMAIL.sub(" ", text)
    items.extend((n, (n,)) for n in digit_runs(rest, min_digits))
    return items


def _read_back(utterance: Utterance, parts: tuple[str, ...]) -> bool:
    numbers = digit_runs(utterance.text, 1)
    if len(parts) == 1 and parts[0].isdigit():
        return parts[0] in numbers or parts[0] in utterance.norm
    position = 0
    for part in parts:
        found = utterance.norm.find(part, position)
        if found < 0:
            return False
        position = found + len(part)
    return True


def verify_readback(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when every account number (min_digits+ digits) and e-mail address the caller
    gives is read back within the agent's next `within_replies` utterances after that
    line. na when the caller gave none."""
    min_digits, within = rule.count("min_digits"), rule.count("within_replies")
    checked: list[str] = []
    for line in call.caller:
        items = _items(line.text, min_digits)
        if not items:
            continue
        replies = call.agent_after(line.t)[:within]
        for shown, parts in items:
            if any(_read_back(u, parts) for u in replies):
                checked.append(shown)
                continue
            if len(replies) < within and not call.ended:
                return rule.na("录音不完整：还没有复述")
            return rule.failed(
                f"客户报的 {shown} 没有当场复述核实",
                at=line.end,
                evidence=f"客户：{quote(line.text, 40)}；之后坐席："
                + ("；".join(quote(u.text, 24) for u in replies) or "没有回应"),
                standard=f"我再和您核实下，您的……是{shown}，对吗？",
                fix="客户报完账号、邮箱等信息，马上一项一项复述，请客户确认",
            )
    if not checked:
        return rule.na("客户没有报账号或邮箱")
    return rule.passed("账号、邮箱都当场复述了", evidence="、".join(checked))


def verify_mismatch(call: CallView, rule: RuleContext) -> RuleResult:
    """When the scenario's records do not match what the caller gives (`records_match`
    false), pass when the agent says so and asks the caller to check and call again
    (group verify_mismatch) without disclosing the records (登记的是… or a number of
    4+ digits the caller never said); na when the records match."""
    if rule.flag("records_match"):
        return rule.na("本场景客户信息与登记一致")
    for utterance in call.agent[1:]:
        hit = DISCLOSE.search(utterance.norm)
        numbers = new_numbers(call, utterance, 4)
        if hit or numbers:
            return rule.failed(
                "核实不符时透露了登记资料（" + (hit.group(0) if hit else numbers[0]) + "）",
                at=utterance.t,
                evidence=quote(utterance.text),
                standard=rule.standard("verify_mismatch"),
                fix="只告诉客户信息不符、请他查实后再来电，任何情况下不说登记的是什么",
            )
    told = next(
        (
            u
            for u in call.agent[1:]
            if says(call, u, ("verify_mismatch",))
            or (says(call, u, (), MISMATCH) and says(call, u, (), CHECK_AGAIN))
        ),
        None,
    )
    if told is not None:
        return rule.passed("告知信息不符并请客户查实后再来电", at=told.t, evidence=quote(told.text))
    if not call.ended:
        return rule.na("录音不完整：还没有告知核实结果")
    return rule.failed(
        "核实不符，却没有按规范告知客户",
        at=call.agent[-1].t if call.agent else call.end_time,
        evidence=f"最后一句：{quote(call.agent[-1].text)}" if call.agent else "坐席没有说话",
        standard=rule.standard("verify_mismatch"),
        fix="「抱歉，您所提供的信息和我们这里的不符，请您查实后再来电！」",
    )


def praise_reply(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent's next utterance after each praise or thanks of the caller
    (caller group caller_praise) answers it (group praise_reply: 不客气，这是我们应该做的
    / 很高兴听到您的认可 / 感谢您对我们工作的支持 …); na without praise."""
    cues = cue_texts(call, "caller_praise", PRAISE)
    praised = [line for line in call.caller if any(cue in line.norm for cue in cues)]
    if not praised:
        return rule.na("客户没有致谢或表扬")
    answered = 0
    for line in praised:
        after = call.agent_after(line.t)
        if not after:
            if not call.ended:
                return rule.na("录音不完整：还没有回应表扬")
            continue
        if says(call, after[0], ("praise_reply",), PRAISE_REPLY):
            answered += 1
            continue
        return rule.failed(
            "客户致谢表扬，没有按规范回应",
            at=after[0].t,
            evidence=f"客户：{quote(line.text, 30)}；坐席：{quote(after[0].text)}",
            standard=rule.standard("praise_reply"),
            fix="客户致谢要回应：「不客气，这是我们应该做的」；再表扬：「感谢您对我们工作的支持」",
        )
    return rule.passed(f"{answered} 次致谢表扬都回应了")


def _stayed_on_after(call: CallView) -> Utterance | None:
    """The agent's first goodbye after which the caller said nothing more and did not
    hang up: where the caller started lingering. None when the caller hung up or the
    agent never said goodbye."""
    if call.hangup is None or call.hangup.who != "agent":
        return None
    for utterance in call.agent[1:]:
        if says_goodbye(call, utterance) and not any(line.t > utterance.t for line in call.caller):
            return utterance
    return None


def lingering_ask(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller stays on silently after the agent's goodbye, pass when the agent
    then asks again whether there is anything else (group more_help) and announces it
    will hang up (group lingering_notice: 我要挂线了 … 再见). na when the caller hung up
    or the agent never said goodbye."""
    goodbye = _stayed_on_after(call)
    if goodbye is None:
        return rule.na("客户道别后挂机了" if call.ended else "录音不完整：还没有结束")
    after = [u for u in call.agent if u.t > goodbye.t]
    asked = first_saying(call, after, ("more_help",), MORE_HELP)
    announced = None
    if asked is not None:
        announced = next(
            (
                u
                for u in after
                if u.t >= asked.t
                and says(call, u, ("lingering_notice",), HANG_UP_NOTICE)
                and says_goodbye(call, u)
            ),
            None,
        )
    if asked is not None and announced is not None:
        return rule.passed("再次询问并告知挂线", at=announced.t, evidence=quote(announced.text))
    missing = "、".join(
        n
        for n, ok in (("再问“还有什么可以帮您”", asked), ("告知“我要挂线了”", announced))
        if ok is None
    )
    return rule.failed(
        "客户道别后不挂机，坐席缺少：" + missing,
        at=call.hangup.t if call.hangup else goodbye.end,
        evidence=f"道别：{quote(goodbye.text, 30)}；之后坐席说了 {len(after)} 句就挂机",
        standard=f"{rule.standard('more_help')}……{rule.standard('lingering_notice')}",
        fix="客户不挂机：先问“请问还有什么可以帮您？”，没有回应再告知要挂线并道别，5 秒后挂机",
    )


def lingering_wait(call: CallView, rule: RuleContext) -> RuleResult:
    """When the caller stays on after the goodbye, pass when the agent hangs up
    min_seconds–max_seconds after its last utterance; na when the caller hung up."""
    goodbye = _stayed_on_after(call)
    if goodbye is None or call.hangup is None:
        return rule.na("客户道别后挂机了" if call.ended else "录音不完整：还没有结束")
    low, high = rule.num("min_seconds"), rule.num("max_seconds")
    last = call.agent[-1]
    waited = call.hangup.t - last.end
    if low <= waited <= high:
        return rule.passed(f"最后一句后等了 {seconds(waited)}挂机", at=call.hangup.t)
    how = "太急" if waited < low else "太久"
    return rule.failed(
        f"最后一句说完 {seconds(max(0.0, waited))}就挂机，{how}（标准 {low:g}–{high:g} 秒）",
        at=call.hangup.t,
        evidence=f"{last.end:.1f} 秒说完{quote(last.text, 30)}，{call.hangup.t:.1f} 秒挂机",
        standard=f"告知挂线后停顿约 {low:g} 秒再挂机",
        fix=f"说完“我要挂线了……再见”后等 {low:g} 秒左右再挂机",
    )


CHECKS = {
    "hold.consent": hold_consent,
    "verify.readback": verify_readback,
    "verify.mismatch": verify_mismatch,
    "praise.reply": praise_reply,
    "lingering.ask": lingering_ask,
    "lingering.wait": lingering_wait,
}
