"""Voice rules (spoken replies only): speaking pace and not talking over the caller."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.view import CallView


@rule(
    "voice.pace",
    title="语速适中",
    checks="语音作答时语速适中（默认每分钟 90–150 字）；键盘输入不评。",
    stage="courtesy",
    source="000 「语速适中，每分钟吐字约120个」",
    params={"min_cpm": 90, "max_cpm": 150, "min_utterance_seconds": 3.0},
)
def voice_pace(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent's speech rate is within [min_cpm, max_cpm] characters per
    minute, measured over the utterances lasting `min_utterance_seconds` or longer
    (total characters of the normalized text / total duration). Shorter utterances are
    left out: 「好的」 in 0.4 s says nothing about pace. na for keyboard input or when no
    utterance is long enough."""
    if call.input_kind != "voice":
        return rule.na("键盘输入，不评语速")
    shortest = rule.num("min_utterance_seconds")
    low, high = rule.num("min_cpm"), rule.num("max_cpm")
    long_ones = [u for u in call.agent if u.duration >= shortest and u.duration > 0]
    if not long_ones:
        return rule.na(f"没有 {shortest:g} 秒以上的发言，无法评语速")
    chars = sum(len(u.norm) for u in long_ones)
    duration = sum(u.duration for u in long_ones)
    cpm = chars / duration * 60.0
    summary = f"{len(long_ones)} 句，{chars} 字，{seconds(duration)}"
    if low <= cpm <= high:
        return rule.passed(f"语速 {cpm:.0f} 字/分钟", evidence=summary)
    too_fast = cpm > high

    def rate(u_chars: int, u_duration: float) -> float:
        return u_chars / u_duration * 60.0

    extreme = (max if too_fast else min)(long_ones, key=lambda u: rate(len(u.norm), u.duration))
    extreme_rate = rate(len(extreme.norm), extreme.duration)
    return rule.failed(
        f"语速 {cpm:.0f} 字/分钟，{'太快' if too_fast else '太慢'}（标准 {low:g}–{high:g}）",
        at=extreme.t,
        evidence=(
            f"{summary}；最{'快' if too_fast else '慢'}一句 {extreme_rate:.0f} 字/分钟："
            f"{quote(extreme.text, 40)}"
        ),
        standard=f"语速适中，每分钟约 120 字（{low:g}–{high:g}）",
        fix="放慢语速，吐字清楚" if too_fast else "语速稍快一些，保持流畅",
    )


@rule(
    "voice.no_interrupt",
    title="不打断客户",
    checks="语音作答时不在客户说话中途插话；键盘输入不评。",
    stage="courtesy",
    source="000 「客户讲话时，不要轻易打断、插话」",
    params={"max_overlap_seconds": 0.5},
)
def voice_no_interrupt(call: CallView, rule: RuleContext) -> RuleResult:
    """Fail when the agent starts speaking while a caller line is in progress (the
    agent's onset falls inside the caller line) and the two overlap for at least
    `max_overlap_seconds`. A caller who starts talking over the agent is not the
    agent's fault. na for keyboard input."""
    if call.input_kind != "voice":
        return rule.na("键盘输入，不评插话")
    limit = rule.num("max_overlap_seconds")
    if not call.caller or not call.agent:
        return rule.passed("没有插话")
    interruptions = []
    for reply in call.agent:
        for line in call.caller:
            if line.t < reply.t < line.end:
                overlap = min(reply.end, line.end) - reply.t
                if overlap >= limit:
                    interruptions.append((reply, line, overlap))
    if not interruptions:
        return rule.passed("没有打断客户")
    reply, line, overlap = interruptions[0]
    more = f"（共 {len(interruptions)} 次）" if len(interruptions) > 1 else ""
    return rule.failed(
        f"客户还在说话时坐席插话，重叠 {seconds(overlap)}{more}",
        at=reply.t,
        evidence=(
            f"客户{quote(line.text, 30)}（{line.t:.1f}–{line.end:.1f} 秒）"
            f"时坐席说{quote(reply.text, 30)}"
        ),
        standard="客户讲话时不要打断、插话，等客户说完再回应",
        fix="等客户说完再开口",
    )
