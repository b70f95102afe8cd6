"""Verifying the caller's details: read them back, and handle a mismatch without disclosing
what is on record."""

from __future__ import annotations

import re

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import new_numbers, says
from simulator.grading.view import CallView, Utterance
from simulator.standards import digit_runs, normalize

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MISMATCH = ("不符", "不一致", "对不上")
CHECK_AGAIN = ("查实后再来电", "核实后再来电", "确认后再来电", "查实", "核对后再来电")
DISCLOSE = re.compile(
    r"登记的是|预留的是|系统里是|我们这里是|我们这边是|登记的手机号是|登记的号码是"
)


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


@rule(
    "verify.readback",
    title="当场复述账号和邮箱",
    checks="核实资料：客户报出的账号（默认 5 位以上）和邮箱，在之后几句（默认 2 句）之内当场复述。",
    stage="protocol",
    source="002 需要核实用户相关信息时应答规范 1",
    weight=2,
    personas=("verify",),
    params={"min_digits": 5, "within_replies": 2},
)
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


@rule(
    "verify.mismatch",
    title="核实不符时规范告知、不透露资料",
    checks="核实不符：告知信息不符，请客户核对后再来电，不透露登记的资料。",
    stage="protocol",
    source="002 需要核实用户相关信息时应答规范 2; 000 广东移动 3.1.8「禁止泄露客户资料」",
    weight=2,
    personas=("verify",),
    params={"records_match": True},
)
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
