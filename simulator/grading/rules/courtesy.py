"""Courtesy rules: 您 not 你, and addressing the caller by surname."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.view import CallView, Utterance
from simulator.standards import surname

_TITLES = ("先生", "女士", "小姐", "记者", "老师", "师傅", "经理", "主任", "医生", "律师", "阿姨")
"""Surname + title: 先生 / 女士 / 小姐 as the standard says, and the titles people give a
reporter or an elder (张记者, 王老师), which address the caller by surname just as well."""


@rule(
    "courtesy.nin",
    title="称“您”不称“你”",
    checks="坐席的每一句话都称客户为“您”，不出现“你”。",
    stage="courtesy",
    source="000 ETC 「把“你”统一改成“您”」",
)
def courtesy_nin(call: CallView, rule: RuleContext) -> RuleResult:
    """Fail when any agent utterance contains 你 (你 / 你们 / 你的 …); 您 is the standard.

    Checked on the text as recorded: a recognizer that heard 您 as 你 is corrected by the
    trainee (the recording then says `corrected`), so recognized text with a confidence is
    flagged in the message for the trainer to check.
    """
    if not call.agent:
        return rule.na("坐席没有说话")
    offending = [u for u in call.agent if "你" in u.norm]
    if not offending:
        return rule.passed("始终称“您”")
    first = offending[0]
    more = f"（共 {len(offending)} 句）" if len(offending) > 1 else ""
    note = ""
    if first.confidence is not None:
        note = f"；语音识别文本，置信度 {first.confidence:.2f}，请核对"
    polite = first.text.replace("你", "您")
    # 「喂，你好」 made polite is still 「喂，您好」: never suggest forbidden wording.
    still_forbidden = call.matcher.forbidden(polite)
    return rule.failed(
        f"称呼客户用了“你”{more}{note}",
        at=first.t,
        evidence=quote(first.text),
        standard=still_forbidden[0].instead if still_forbidden else quote(polite, 80),
        fix="称呼客户一律用“您”，不用“你”",
    )


@rule(
    "courtesy.surname",
    title="姓氏称呼",
    checks="客户报出姓氏后，坐席用“王先生”“王女士”等姓氏称呼；客户没报姓氏时不评。",
    stage="courtesy",
    source="000 「在称谓前…加上客户姓氏」; 002 了解用户姓氏时的称呼语",
)
def courtesy_surname(call: CallView, rule: RuleContext) -> RuleResult:
    """Once the caller gives a surname (「我姓王」「免贵姓王」, via `surname()`), a later
    agent utterance must address them as 王先生 / 王女士 / 王小姐 (tolerant of
    recognition errors in the surname); na when no surname was given."""
    given = _given_surname(call)
    if given is None:
        return rule.na("客户没有说姓氏")
    name, line = given
    forms = tuple(f"{name}{title}" for title in _TITLES)
    later = call.agent_after(line.t)
    for utterance in later:
        if any(form in utterance.norm for form in forms):
            return rule.passed(
                f"用姓氏称呼客户：{name}", at=utterance.t, evidence=quote(utterance.text)
            )
        match = call.find(utterance, forms)
        if match is not None:
            return rule.passed(
                f"用姓氏称呼客户：{match.span}", at=utterance.t, evidence=quote(utterance.text)
            )
    if not call.ended:
        return rule.na(f"录音不完整：客户姓{name}，之后还没有用姓氏称呼")
    return rule.failed(
        f"客户说了姓{name}，之后没有用姓氏称呼",
        at=line.end,
        evidence=(
            f"客户：{quote(line.text)}；之后坐席 {len(later)} 句话都没有称呼「{name}先生/女士」"
        ),
        standard=f"{name}先生/{name}女士，……",
        fix=f"知道客户姓氏后，称呼「{name}先生」或「{name}女士」",
    )


def _given_surname(call: CallView) -> tuple[str, Utterance] | None:
    for line in call.caller:
        name = surname(line.text)
        if name:
            return name, line
    return None
