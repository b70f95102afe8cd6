"""A caller's praise or thanks: thank them back in the standard wording."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import cue_texts, says
from simulator.grading.view import CallView

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


@rule(
    "praise.reply",
    title="回应致谢与表扬",
    checks="客户致谢或表扬：下一句话就回应（“不客气，这是我们应该做的”）。",
    stage="protocol",
    source="002 关于特殊沟通内容的应答规范 10; 000 标准服务用语词汇 1、3",
    weight=2,
    personas=("praise",),
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
