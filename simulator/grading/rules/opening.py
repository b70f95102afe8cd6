"""Opening rules: the greeting, its latency, the holiday wish and the apology for a late
answer (answering in time is `answer.py`)."""

from __future__ import annotations

import re

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import ring_deadline
from simulator.grading.view import CallView, Utterance
from simulator.standards import digit_runs, holiday_name, is_weekend_window

_NUMERAL = "0-9零〇一二三四五六七八九十幺两"
_WORK_NUMBER = re.compile(rf"[{_NUMERAL}]+号(?!码)|工号[{_NUMERAL}]+|工号是?[{_NUMERAL}]+")
_I_AM = re.compile(r"我是(?!说|想|问|不是|在)\w")
_GREETING_WORD = ("您好",)


@rule(
    "opening.greeting",
    title="规范问候语",
    checks="坐席第一句话包含规范开场白的三部分：问候（您好）、自报单位或工号、主动询问（请问有什么可以帮您）。",
    stage="opening",
    source="000 规范的问候语, 中国移动首问句; 002 常规开头语",
)
def opening_greeting(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the first agent utterance has all three parts of the standard opening.

    1. 您好 (exact, or a recognition error that sounds like it);
    2. self-identification: the organization's name from the header (tolerant match),
       a work number (「1024号」「工号1024」, Arabic or Chinese numerals), the header's
       agent_id, or 「我是X」;
    3. an offer of help (catalog group offer_help) or 很高兴为您服务 (glad_to_serve).
    """
    standard = _model_opening(call)
    first = call.opening
    if first is None:
        if not call.ended:
            return rule.na("录音不完整：还没有开场白")
        return rule.failed(
            "接听后没有开场白",
            at=call.answer,
            evidence="接听后坐席一句话也没有说",
            standard=standard,
            fix="接起电话先问候：您好，报单位和工号，再问有什么可以帮您",
        )
    missing: list[str] = []
    found: list[str] = []
    hello = _says_hello(call, first)
    (found if hello else missing).append("您好" if hello else "问候「您好」")
    ident = _self_identification(call, first)
    other = _other_line(call, first) if call.org else ""
    if other:
        missing.append(f"本热线的名称「{call.org}」（报成了「{other}」）")
    elif ident:
        found.append(ident)
    else:
        missing.append("自报单位名称或工号")
    offer = call.first_group((first,), "offer_help", "glad_to_serve")
    if offer:
        found.append(offer[1].span)
    else:
        missing.append("「请问有什么可以帮您」或「很高兴为您服务」")
    if not missing:
        return rule.passed("开场白完整", at=first.t, evidence=f"开场白：{quote(first.text)}")
    return rule.failed(
        "开场白缺少：" + "、".join(missing),
        at=first.t,
        evidence=f"开场白：{quote(first.text)}",
        standard=standard,
        fix="开场白三要素：您好 + 单位名称/工号 + 请问有什么可以帮您",
    )


_NAMED_LINE = re.compile(
    r"(?:欢迎致电|欢迎拨打|感谢致电|感谢您致电|这里是|这边是|这是)"
    r"(.{0,12}?(?:热线|客服中心|服务中心|呼叫中心|中心|客服|服务台|专线))"
)


def _other_line(call: CallView, first: Utterance) -> str:
    """The name of another line the opening gives instead of the scenario's `org`.

    「欢迎致电福彩热线」 on an ETC客服中心 call, or a generic 「这里是客服热线」, names no line of
    this call's; an opening that names the org (tolerant of recognition errors) is fine.
    """
    if call.names_org(first):
        return ""
    named = _NAMED_LINE.search(first.norm)
    return named.group(1) if named else ""


def _model_opening(call: CallView) -> str:
    org = call.org or "XX热线"
    number = f"{call.agent_id}号" if call.agent_id else "XX号"
    return f"您好，欢迎致电{org}，{number}为您服务，请问有什么可以帮您？"


def _says_hello(call: CallView, first: Utterance) -> bool:
    return "您好" in first.norm or call.find(first, _GREETING_WORD) is not None


def _self_identification(call: CallView, first: Utterance) -> str:
    """What in the opening identifies the line or the agent, or "" when nothing does."""
    named = call.names_org(first)
    if named:
        return named
    if call.agent_id and call.agent_id in digit_runs(first.text, len(call.agent_id)):
        return call.agent_id
    for pattern in (_WORK_NUMBER, _I_AM):
        hit = pattern.search(first.norm)
        if hit:
            return hit.group(0)
    return ""


@rule(
    "opening.latency",
    title="两秒内问候",
    checks="接通后在规定秒数（默认 2 秒）之内开口问候。",
    stage="opening",
    source="000 「电话接通后两秒钟之内…问候客户」",
    params={"max_seconds": 2.0},
)
def opening_latency(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the first agent utterance starts ≤ max_seconds after the answer."""
    limit = rule.num("max_seconds")
    if call.answer is None:
        return rule.na("电话未接听")
    first = call.opening
    if first is None:
        if not call.ended and call.end_time - call.answer <= limit:
            return rule.na("录音不完整：还没有开场白")
        return rule.failed(
            f"接听后 {limit:g} 秒内没有问候",
            at=call.answer + limit,
            evidence="接听后坐席没有说话",
            standard=f"接通后 {limit:g} 秒之内问候客户",
            fix="接起电话立即问候，不要让客户等",
        )
    delay = max(0.0, first.t - call.answer)
    if delay <= limit:
        return rule.passed(f"接听后 {seconds(delay)}开口", at=first.t, evidence=quote(first.text))
    # Just over the limit reads as the limit at one decimal (「2.0 秒才开口，超过 2 秒」):
    # show the hundredths then. Times count from the answer, like the transcript's.
    late = seconds(delay) if round(delay, 1) > limit else f"{delay:.2f} 秒"
    return rule.failed(
        f"接听后 {late}才开口，超过 {limit:g} 秒",
        at=first.t,
        evidence=f"响铃 {call.answer:.1f} 秒后接听，接听后 {late}才说{quote(first.text, 30)}",
        standard=f"接通后 {limit:g} 秒之内问候客户",
        fix="接起电话后立即说开场白",
    )


@rule(
    "opening.holiday",
    title="节日问候",
    checks="法定节日（或开启周末选项时的周末）来电，开场白中加上节日问候；平时不评。",
    stage="opening",
    source="000 中国移动 备注1; 002 重要节日开头语",
    params={"weekend": False},
)
def opening_holiday(call: CallView, rule: RuleContext) -> RuleResult:
    """On a statutory holiday (or the Fri 18:00–Sat 24:00 window when `weekend` is on),
    the opening must carry the wish (groups holiday_wish / weekend_wish); na otherwise."""
    if call.call_time is None:
        return rule.na("录音没有记录通话时间")
    holiday = holiday_name(call.call_time.date())
    weekend = rule.flag("weekend") and is_weekend_window(call.call_time)
    if holiday is None and not weekend:
        return rule.na("非节假日")
    occasion = holiday or "周末"
    group = "holiday_wish" if holiday else "weekend_wish"
    first = call.opening
    if first is None:
        if not call.ended:
            return rule.na("录音不完整：还没有开场白")
        return rule.failed(
            f"{occasion}来电，没有开场白",
            at=call.answer,
            evidence="接听后坐席没有说话",
            standard=rule.standard(group),
            fix=f"{occasion}在开场白中加上节日问候",
        )
    wish = call.first_group((first,), group, "holiday_wish", "weekend_wish")
    if wish:
        return rule.passed(
            f"{occasion}问候：{wish[1].span}", at=first.t, evidence=quote(first.text)
        )
    return rule.failed(
        f"{occasion}来电，开场白没有节日问候",
        at=first.t,
        evidence=f"开场白：{quote(first.text)}",
        standard=f"您好，{rule.standard(group)}！" + _model_opening(call).removeprefix("您好，"),
        fix=f"{occasion}在「您好」之后加上「{rule.standard(group)}」",
    )


WAIT_APOLOGY_GROUPS = ("apology", "hold_thanks")
"""What counts as owning up to the wait: an apology (对不起 / 很抱歉 / 让您久等了) or thanks
for waiting (感谢您的耐心等候, the 002 wording for a caller who had trouble getting through)."""


@rule(
    "opening.wait_apology",
    title="久等先致歉",
    checks="铃响超过规定声数（默认 3 声）才接听时，开场白先向客户致歉："
    "「对不起，让您久等了」；按时接听不评。",
    stage="opening",
    source="000 规范的问候语 (3)「让客户等候时，接通后要先致歉」",
    params={"max_rings": 3},
)
def opening_wait_apology(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when a call answered after ring `max_rings` (the same count as answer.rings)
    opens with an apology for the wait (catalog groups apology / hold_thanks: 对不起,
    让您久等了, 感谢您的耐心等候 …); fail when the opening has none or there is no opening.
    na when the call was answered in time or not at all (answer.rings grades that), or
    while a recording that has no opening yet may still be going on."""
    if call.answer is None:
        return rule.na("电话未接听")
    max_rings = rule.count("max_rings")
    if call.answer < ring_deadline(call, max_rings):
        return rule.na(f"铃响 {max_rings} 声之内接听，客户没有久等")
    late = f"铃响超过 {max_rings} 声才接听"
    standard = "您好，对不起，让您久等了！" + _model_opening(call).removeprefix("您好，")
    fix = "接听晚了，开口先说「对不起，让您久等了」，再报单位和工号"
    first = call.opening
    if first is None:
        if not call.ended:
            return rule.na("录音不完整：还没有开场白")
        return rule.failed(
            f"{late}，也没有向客户致歉",
            at=call.answer,
            evidence="接听后坐席一句话也没有说",
            standard=standard,
            fix=fix,
        )
    said = call.first_group((first,), *WAIT_APOLOGY_GROUPS)
    if said:
        return rule.passed(
            f"{late}，开场先致歉：{said[1].span}", at=first.t, evidence=quote(first.text)
        )
    return rule.failed(
        f"{late}，开场白没有向客户致歉",
        at=first.t,
        evidence=f"{call.answer:.1f} 秒接听；开场白：{quote(first.text)}",
        standard=standard,
        fix=fix,
    )
