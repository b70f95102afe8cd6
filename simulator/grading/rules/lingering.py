"""A caller who stays on the line after the business is done: ask whether anything else is
needed, then wait for them to hang up."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import first_saying, says, says_goodbye
from simulator.grading.view import CallView, Utterance

MORE_HELP = ("还有什么可以帮", "还有什么问题", "还有其他问题")
HANG_UP_NOTICE = ("我要挂线了", "我要挂机了", "我先挂线了", "我先挂机了", "要挂线了", "要挂机了")


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


@rule(
    "lingering.ask",
    title="客户不挂机时再询问并告知挂线",
    checks="道别后客户不挂机：再询问一次还有什么需要，并告知将要挂线。",
    stage="protocol",
    source="002 结束语规范 3",
    weight=2,
    personas=("lingering",),
)
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


@rule(
    "lingering.wait",
    title="告知挂线后约 5 秒挂机",
    checks="告知挂线后客户仍不挂机：在规定秒数（默认 5–10 秒）内挂机。",
    stage="protocol",
    source="002 结束语规范 3「然后过5秒挂机」",
    weight=2,
    personas=("lingering",),
    params={"min_seconds": 5.0, "max_seconds": 10.0},
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
