"""Hold rules: ask before holding and wait for the caller's consent, come back every 15 s,
thank the caller after."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import says
from simulator.grading.view import CallView, HoldSpan, Utterance

REQUEST_LOOKBACK = 2
"""How many of the agent's utterances before a hold may carry the request to wait: the
caller may consent (「好的」) in between, and the agent may add 「谢谢」 before holding."""


@rule(
    "hold.permission",
    title="保持前征得同意",
    checks="每次保持（搁置电话查询）之前，先请客户稍等并征得同意；没有保持时不评。",
    stage="hold",
    source="000 「搁电话进行查询时请求对方的同意」; 002 保持前提醒用户",
)
def hold_permission(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, before every hold, one of the agent's last two utterances since the
    previous hold (or the answer) asks the caller to wait (catalog group hold_request:
    请您稍等 / 请稍候 / 请您不要挂机 / 不要挂线 …); na with no hold."""
    if not call.holds:
        return rule.na("通话中没有保持")
    misses: list[tuple[HoldSpan, Utterance | None]] = []
    previous_end = call.answer if call.answer is not None else float("-inf")
    for span in call.holds:
        before = [u for u in call.agent if previous_end <= u.t <= span.start]
        recent = tuple(before[-REQUEST_LOOKBACK:])
        if call.first_group(recent, "hold_request") is None:
            misses.append((span, before[-1] if before else None))
        previous_end = span.end
    if not misses:
        asked = call.first_group(
            tuple(u for u in call.agent if u.t <= call.holds[0].start)[-REQUEST_LOOKBACK:],
            "hold_request",
        )
        return rule.passed(
            f"{len(call.holds)} 次保持前都请客户稍等",
            at=call.holds[0].start,
            evidence=quote(asked[0].text) if asked else "",
        )
    span, last = misses[0]
    more = f"（{len(call.holds)} 次保持中有 {len(misses)} 次）" if len(call.holds) > 1 else ""
    return rule.failed(
        f"保持前没有请客户稍等{more}",
        at=span.start,
        evidence=f"保持前最后一句：{quote(last.text)}" if last else "保持前坐席没有说话",
        standard=rule.standard("hold_request"),
        fix="按保持键之前先说明要查询，请客户稍等、不要挂机",
    )


@rule(
    "hold.checkin",
    title="每15秒通报进展",
    checks="每次连续保持不超过规定秒数（默认 15 秒），时间长了要回来通报进展；没有保持时不评。",
    stage="hold",
    source="000 「时间稍长的每15 秒通报进展」",
    params={"max_seconds": 15.0},
)
def hold_checkin(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when no continuous hold lasts longer than `max_seconds`; a hold still on when
    the recording ends counts up to its end. na with no hold."""
    if not call.holds:
        return rule.na("通话中没有保持")
    limit = rule.num("max_seconds")
    long_holds = [h for h in call.holds if h.duration > limit]
    longest = max(call.holds, key=lambda h: h.duration)
    if not long_holds:
        return rule.passed(
            f"最长一次保持 {seconds(longest.duration)}",
            at=longest.start,
            evidence=f"{longest.start:.1f}–{longest.end:.1f} 秒",
        )
    first = long_holds[0]
    still = "，直到录音结束仍在保持" if not first.ended else ""
    return rule.failed(
        f"连续保持 {seconds(first.duration)}，超过 {limit:g} 秒没有回线通报{still}",
        at=first.start + limit,
        evidence=f"保持 {first.start:.1f}–{first.end:.1f} 秒，共 {seconds(first.duration)}",
        standard=f"每 {limit:g} 秒回线一次：「正在为您查询，请您再稍等一下」",
        fix=f"保持不超过 {limit:g} 秒：回线通报进展，需要时再保持",
    )


@rule(
    "hold.thanks",
    title="感谢耐心等待",
    checks="每次保持回来后的第一句话感谢客户耐心等待；没有保持时不评。",
    stage="hold",
    source="000 「Hold用户回来后应讲：感谢您的耐心等待」; 002",
)
def hold_thanks(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent's first utterance after each hold thanks the caller for
    waiting (group hold_thanks: 感谢您的耐心等待 / 等候, 让您久等了). Holds the agent
    never spoke after (the call ended on or right after hold) are not judged; na when
    no hold can be judged."""
    if not call.holds:
        return rule.na("通话中没有保持")
    judged = 0
    misses: list[tuple[HoldSpan, Utterance]] = []
    evidence = ""
    for span in call.holds:
        if not span.ended:
            continue
        after = call.agent_after(span.end)
        if not after:
            continue
        judged += 1
        if call.group(after[0], "hold_thanks") is None:
            misses.append((span, after[0]))
        elif not evidence:
            evidence = quote(after[0].text)
    if judged == 0:
        return rule.na("保持结束后坐席没有再说话")
    if not misses:
        return rule.passed("保持结束后感谢客户等待", evidence=evidence)
    span, reply = misses[0]
    return rule.failed(
        "保持结束后没有感谢客户的耐心等待",
        at=reply.t,
        evidence=f"保持结束后第一句：{quote(reply.text)}",
        standard=rule.standard("hold_thanks"),
        fix="取消保持后第一句先说「感谢您的耐心等待」，再说查询结果",
    )


HOLD_ASK = ("请您稍等", "请稍等", "请稍候", "不要挂机", "不要挂线", "稍等一下", "稍等一会")


@rule(
    "hold.consent",
    title="客户同意后再保持",
    checks="保持之前先请客户稍等，等客户答应后再保持。",
    stage="hold",
    source="002 需要进行保持时的应答规范 2「取得用户认可后再按保持键」",
    weight=2,
    personas=("hold",),
)
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
