"""The silent-call protocol: prompt, space the prompts, explain the line, say goodbye.

Sequence (002 无声电话问候语): opening → at least two prompts → line notice →
farewell → hang up, with 2–5 s between each step.
"""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import says_goodbye
from simulator.grading.view import CallView, Utterance

CANT_HEAR = ("听不到", "听不见", "听不清", "没有声音", "没听到", "听不到您的声音")
LINE = ("线路", "信号", "电话问题", "电话故障", "网络问题")
CALL_AGAIN = (
    "换部电话",
    "换一部电话",
    "换个电话",
    "换电话",
    "稍后来电",
    "稍后再拨",
    "稍候再拨",
    "稍后再打",
    "重新拨打",
    "再打来",
    "再拨打",
    "稍后再来电",
)
_PARTS = (
    ("说明听不到声音", ("cannot_hear",), CANT_HEAR),
    ("说明是线路问题", ("line_blame",), LINE),
    ("建议换电话或稍后来电", ("call_again",), CALL_AGAIN),
)
"""The three parts of the line notice: a name for messages, catalog groups, phrases."""


def notice_parts(call: CallView, utterance: Utterance) -> list[str]:
    """Which parts of the line notice `utterance` has (by the names of _PARTS)."""
    return [name for name, groups, phrases in _PARTS if call.says(utterance, groups, phrases)]


def _has_part(call: CallView, utterance: Utterance, index: int) -> bool:
    _, groups, phrases = _PARTS[index]
    return call.says(utterance, groups, phrases) is not None


def _full_notice(call: CallView) -> Utterance | None:
    # Part by part, stopping at the first one missing: most utterances lack the first.
    return next(
        (u for u in call.agent[1:] if all(_has_part(call, u, i) for i in range(len(_PARTS)))),
        None,
    )


def _any_notice(call: CallView) -> Utterance | None:
    """A notice, complete or not: it says the agent cannot hear, plus line or call again."""
    full = _full_notice(call)
    if full is not None:
        return full
    return next(
        (
            u
            for u in call.agent[1:]
            if _has_part(call, u, 0) and (_has_part(call, u, 1) or _has_part(call, u, 2))
        ),
        None,
    )


@rule(
    "silent.prompts",
    title="无声电话重复询问",
    checks="无声电话：在说明线路问题之前，至少重复询问规定次数（默认 2 次）。",
    stage="protocol",
    source="002 无声电话问候语; 000 中国移动 「电话接通客户无声音时」",
    weight=2,
    personas=("silent",),
    params={"min_prompts": 2},
)
def silent_prompts(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, after the opening and before the line notice, at least `min_prompts`
    agent utterances prompt the caller (groups offer_help or silent_prompt)."""
    needed = rule.count("min_prompts")
    notice = _any_notice(call)
    cutoff = notice.t if notice is not None else float("inf")
    prompts = [
        u
        for u in call.agent[1:]
        if u.t < cutoff and call.first_group((u,), "offer_help", "silent_prompt")
    ]
    if len(prompts) >= needed:
        return rule.passed(
            f"开场后询问了 {len(prompts)} 次", at=prompts[0].t, evidence=quote(prompts[0].text)
        )
    if notice is None and not call.ended:
        return rule.na("录音不完整：还在询问")
    at = notice.t if notice is not None else call.end_time
    return rule.failed(
        f"开场后只询问了 {len(prompts)} 次，至少要 {needed} 次",
        at=at,
        evidence="、".join(quote(u.text, 30) for u in prompts) or "开场后没有再询问",
        standard=f"{rule.standard('offer_help')}（间隔2秒）{rule.standard('silent_prompt')}",
        fix=f"没有声音时，开场后再问 {needed} 次「请问有什么可以帮您」",
    )


@rule(
    "silent.spacing",
    title="无声电话间隔2–5秒",
    checks="无声电话：相邻两次询问之间间隔规定秒数（默认 2–5 秒）。",
    stage="protocol",
    source="002 无声电话问候语",
    weight=2,
    personas=("silent",),
    params={"min_seconds": 2.0, "max_seconds": 5.0},
)
def silent_spacing(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when every gap between consecutive agent utterances (end → next onset, with
    no caller line between) is within [min_seconds, max_seconds]. na when the agent
    said fewer than two things in a row."""
    low, high = rule.num("min_seconds"), rule.num("max_seconds")
    gaps: list[tuple[Utterance, Utterance, float]] = []
    for before, after in zip(call.agent, call.agent[1:], strict=False):
        if any(before.t <= line.t <= after.t for line in call.caller):
            continue
        gaps.append((before, after, after.t - before.end))
    if not gaps:
        return rule.na("坐席没有连续发言，无间隔可评")
    bad = [g for g in gaps if not low <= g[2] <= high]
    if not bad:
        return rule.passed(
            f"{len(gaps)} 个间隔都在 {low:g}–{high:g} 秒之间",
            evidence="、".join(f"{g[2]:.1f}" for g in gaps) + " 秒",
        )
    before, after, gap = bad[0]
    how = "太短" if gap < low else "太长"
    return rule.failed(
        f"两次询问之间间隔 {seconds(gap)}，{how}（标准 {low:g}–{high:g} 秒）",
        at=after.t,
        evidence=f"{quote(before.text, 24)} → {quote(after.text, 24)}",
        standard=f"每句之间停顿 {low:g}–{high:g} 秒",
        fix=f"每次询问后停顿 {low:g}–{high:g} 秒，给客户回应的时间",
    )


@rule(
    "silent.line_notice",
    title="说明线路问题",
    checks="无声电话：告知客户听不到声音、是线路问题，并请客户换部电话或稍后再拨。",
    stage="protocol",
    source="002 无声电话问候语; 000 福彩 「遇到无声电话时」",
    weight=2,
    personas=("silent",),
)
def silent_line_notice(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when an agent utterance after the opening says all three: it cannot hear
    the caller (听不到 …), the line is to blame (线路 …), and the caller should call
    again or from another phone (换部电话 / 稍后来电 …). Each part is found by its catalog
    group (cannot_hear, line_blame, call_again) or the phrases above; group line_notice
    alone is not enough, since its keywords name single parts."""
    notice = _full_notice(call)
    if notice is not None:
        return rule.passed("说明了线路问题", at=notice.t, evidence=quote(notice.text))
    if not call.ended:
        return rule.na("录音不完整：还没有说明线路问题")
    best = max(call.agent[1:], key=lambda u: len(notice_parts(call, u)), default=None)
    parts = notice_parts(call, best) if best is not None else []
    missing = [name for name, _, _ in _PARTS if name not in parts]
    return rule.failed(
        "没有完整说明线路问题：缺少" + "、".join(missing),
        at=best.t if best is not None and parts else call.end_time,
        evidence=quote(best.text) if best is not None and parts else "没有说明就结束了通话",
        standard=rule.standard("line_notice"),
        fix="挂机前说明听不到声音是线路问题，请客户换部电话或稍后来电",
    )


@rule(
    "silent.farewell_hangup",
    title="道别后2–5秒挂机",
    checks="无声电话：说明线路问题并道别后，在规定秒数（默认 2–5 秒）内挂机。",
    stage="protocol",
    source="002 无声电话问候语",
    weight=2,
    personas=("silent",),
    params={"min_seconds": 2.0, "max_seconds": 5.0},
)
def silent_farewell_hangup(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, after the line notice, the agent says goodbye (in the notice or later)
    and hangs up [min_seconds, max_seconds] after the goodbye ends. An agent hangup
    without notice or goodbye fails; a caller who hangs up first passes the agent if the
    notice and goodbye were said, else na; na without a hangup (unfinished)."""
    low, high = rule.num("min_seconds"), rule.num("max_seconds")
    notice = _any_notice(call)
    goodbye = None
    if notice is not None:
        goodbye = next((u for u in call.agent_after(notice.t) if says_goodbye(call, u)), None)
    pause = f"（停顿{low:g}–{high:g}秒后挂机）"
    standard = f"{rule.standard('line_notice')}……{rule.standard('farewell')}{pause}"
    if call.hangup is None:
        return rule.na("录音不完整：没有挂机记录")
    if call.hangup.who == "caller":
        if notice is not None and goodbye is not None:
            return rule.passed("说明并道别后客户挂机", at=call.hangup.t)
        return rule.na("客户先挂机")
    if notice is None or goodbye is None:
        missing = "线路说明和道别" if notice is None else "道别"
        last = call.agent[-1] if call.agent else None
        return rule.failed(
            f"没有{missing}就挂机",
            at=call.hangup.t,
            evidence=f"挂机前最后一句：{quote(last.text)}" if last else "坐席没有说话就挂机",
            standard=standard,
            fix="先说明线路问题，再说「感谢您的来电，再见」，停顿几秒后挂机",
        )
    waited = call.hangup.t - goodbye.end
    if low <= waited <= high:
        return rule.passed(
            f"道别后 {seconds(waited)}挂机", at=call.hangup.t, evidence=quote(goodbye.text)
        )
    how = "太急" if waited < low else "太晚"
    return rule.failed(
        f"道别后 {seconds(max(0.0, waited))}挂机，{how}（标准 {low:g}–{high:g} 秒）",
        at=call.hangup.t,
        evidence=f"{goodbye.end:.1f} 秒说完{quote(goodbye.text, 30)}，{call.hangup.t:.1f} 秒挂机",
        standard=standard,
        fix=f"道别后停顿 {low:g}–{high:g} 秒再挂机",
    )
