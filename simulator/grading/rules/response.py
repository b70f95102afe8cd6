"""The dead-air rule: every caller line that expects a reply gets one within seconds."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from simulator.grading.context import RuleContext, quote, seconds
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import cue_texts
from simulator.grading.view import CallView, Utterance

_GOODBYES = ("再见", "拜拜", "拜拜了")
CHECKS_LINE = ("还在吗", "有人吗", "说话呀", "怎么不说话", "人呢", "听得到吗")
"""Without the catalog's caller_checks_line group: the caller asking whether anyone is there."""


@dataclass(frozen=True)
class _Silence:
    line: Utterance
    gap: float
    answered: bool


@rule(
    "response.dead_air",
    title="10秒内回应",
    checks="客户每说完一句需要回应的话，坐席都在规定秒数（默认 10 秒）内回应或先请客户稍等。",
    stage="courtesy",
    source="000 「10 秒钟内…产生解决问题的各种方案」「10 秒种内拿出备选方案」",
    params={"max_seconds": 10.0},
)
def response_dead_air(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent answers every caller line that expects a reply in time.

    A *response* is the onset of an agent utterance or of a hold that starts at or after
    the caller line's onset. The agent must respond within `max_seconds` of the line's
    end. A caller line does not expect a reply of its own when:
    - it starts while the caller is on hold;
    - the caller speaks again within `max_seconds`, before any response (the caller is
      still talking; the reply is judged against the later line), unless the caller asks
      whether the agent is still there (caller group caller_checks_line: 「喂？还在吗？」): then
      the caller was waiting, and each line keeps its own deadline;
    - nobody responds and the call ends within `max_seconds` of the line;
    - it is the caller's last line, nobody responds, and it is a goodbye (再见 …).
    na when the caller said nothing that expects a reply (a silent call).
    """
    limit = rule.num("max_seconds")
    cues = cue_texts(call, "caller_checks_line", CHECKS_LINE)
    responses = sorted([u.t for u in call.agent] + [h.start for h in call.holds])
    silences: list[_Silence] = []
    expected = 0
    for i, line in enumerate(call.caller):
        if call.on_hold_at(line.t):
            continue
        deadline = line.end + limit
        k = bisect_left(responses, line.t)
        reply = responses[k] if k < len(responses) else None
        later = call.caller[i + 1].t if i + 1 < len(call.caller) else None
        if reply is not None and reply <= deadline:
            expected += 1
            continue
        if (
            later is not None
            and later <= deadline
            and (reply is None or later < reply)
            and not _waiting(call.caller[i + 1], cues)
        ):
            continue
        if reply is None:
            if call.end_time <= deadline:
                continue
            if later is None and _is_goodbye(call, line):
                continue
            expected += 1
            silences.append(_Silence(line, call.end_time - line.end, answered=False))
        else:
            expected += 1
            silences.append(_Silence(line, reply - line.end, answered=True))
    if not silences:
        if expected == 0:
            return rule.na("客户没有需要回应的话")
        return rule.passed(f"{expected} 处客户发言都在 {limit:g} 秒内得到回应")
    first = silences[0]
    worst = max(silences, key=lambda s: s.gap)
    more = f"，共 {len(silences)} 处，最长 {seconds(worst.gap)}" if len(silences) > 1 else ""
    how = f"{seconds(first.gap)}后才回应" if first.answered else f"{seconds(first.gap)}没有回应"
    return rule.failed(
        f"客户说完后冷场超过 {limit:g} 秒{more}",
        at=first.line.end,
        evidence=f"客户说完{quote(first.line.text, 40)}，坐席{how}",
        standard=f"{limit:g} 秒内回应；需要查询时先说「{rule.standard('hold_request')}」",
        fix="客户说完及时回应，需要时间就先请客户稍等",
    )


def _waiting(line: Utterance, cues: tuple[str, ...]) -> bool:
    """Whether the caller asks if the agent is still there (「说话呀」「有人吗」)."""
    return any(cue in line.norm for cue in cues)


def _is_goodbye(call: CallView, line: Utterance) -> bool:
    if any(word in line.norm for word in _GOODBYES):
        return True
    return call.group(line, "goodbye") is not None
