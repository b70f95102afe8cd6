"""Answering: pick up within the allowed number of rings."""

from __future__ import annotations

from simulator.grading.context import RuleContext
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import ring_deadline
from simulator.grading.view import CallView


@rule(
    "answer.rings",
    title="三声之内接听",
    checks="铃响后在规定声数（默认 3 声）之内接听；漏接也算不合格。",
    stage="opening",
    source="000 「铃声响起三声之内应接听电话」",
    params={"max_rings": 3},
)
def answer_rings(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when the agent answers while ring n ≤ max_rings is sounding.

    Ring n sounds from its `ring` event until the next ring starts. The deadline is the
    onset of ring max_rings+1: taken from the recording when that ring is in it, else
    extrapolated from the last recorded ring at the recorded (or default 3 s) interval.
    A call that ends unanswered is a missed call and fails.
    """
    max_rings = rule.count("max_rings")
    starts: dict[int, float] = {}
    for ring in call.rings:
        if ring.n >= 1 and ring.n not in starts:
            starts[ring.n] = ring.t
    deadline = ring_deadline(call, max_rings)
    standard = f"铃响 {max_rings} 声之内接听"
    if call.answer is None:
        rang = max(starts, default=0)
        if not call.ended and (not call.events or call.end_time < deadline):
            return rule.na("录音不完整：还没有接听")
        return rule.failed(
            f"电话未接听（响铃 {rang} 声）" if rang else "电话未接听",
            at=call.hangup.t if call.hangup else call.end_time,
            evidence="没有接听事件：来电未被接起",
            standard=standard,
            fix="电话响起后立即接听，不要超过三声",
        )
    sounding = max((n for n, t in starts.items() if t <= call.answer), default=1)
    if call.answer < deadline:
        return rule.passed(
            f"第 {sounding} 声铃响时接听",
            at=call.answer,
            evidence=f"{call.answer:.1f} 秒接听（第 {sounding} 声）",
        )
    shown = max(sounding, max_rings + 1)
    return rule.failed(
        f"第 {shown} 声铃响时才接听，超过 {max_rings} 声",
        at=call.answer,
        evidence=f"{call.answer:.1f} 秒接听，此时已响到第 {shown} 声",
        standard=standard,
        fix=f"铃响 {max_rings} 声之内接起电话",
    )
