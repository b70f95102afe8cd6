"""The forbidden-phrase rule: no 服务禁用语, critical."""

from __future__ import annotations

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.press import comment_in
from simulator.grading.registry import rule
from simulator.grading.view import CallView, Utterance
from simulator.standards import ForbiddenHit
from simulator.standards.normalize import said


@rule(
    "forbidden.phrases",
    title="服务禁用语",
    checks="坐席的任何一句话都不含服务禁用语（推诿、顶撞、命令、不耐烦等），一次使用即为严重违规。",
    stage="courtesy",
    source="000 服务禁用语, 服务禁语词汇, 座席代表服务禁忌",
    critical=True,
)
def forbidden_phrases(call: CallView, rule: RuleContext) -> RuleResult:
    """Fail (critical) when any agent utterance contains a 服务禁用语 of the catalog.

    Context is the catalog's business: `matcher.forbidden()` already applies the
    catalog's exceptions (「请您大声一点，好吗」 is standard, bare 「大声点」 is not). The call's
    own context is this rule's: a denial to a journalist is the media rule's to fail, and not
    knowing or not being able to say is, to a journalist, the decline the protocol asks for.
    """
    if not call.agent:
        return rule.na("坐席没有说话")
    hits = [
        (u, hit)
        for u in call.agent
        for hit in call.forbidden(u)
        if not _denied_to_press(call, u, hit) and not _declined_to_press(call, u, hit)
    ]
    if not hits:
        return rule.passed("没有使用服务禁用语")
    first, hit = hits[0]
    # The trainee's own words, punctuation and all, not the normalized span.
    words = [said(u.text, h.start, h.end) for u, h in hits]
    listed = "；".join(f"{u.t:.1f} 秒「{w}」" for (u, _), w in zip(hits[:5], words, strict=False))
    listed += "……" if len(hits) > 5 else ""
    return rule.failed(
        f"使用了服务禁用语「{words[0]}」" + (f"等 {len(hits)} 处" if len(hits) > 1 else ""),
        at=first.t,
        evidence=f"{quote(first.text)}（{listed}）",
        standard=hit.instead or "使用规范用语",
        source=hit.source,
        fix=f"不说「{words[0]}」" + (f"，改说「{hit.instead}」" if hit.instead else ""),
    )


DECLINING_FAMILIES = ("ignorance", "flat_refusal")
"""Not knowing and not being able to say: to a journalist, the non-comment the media
protocol asks for."""
BARE_CHARS = 4
"""A decline to a journalist with fewer characters than this outside its brush-offs
(「不清楚。」「这个我不清楚，你问我，我问谁？」) is said bare: curt, and still a brush-off."""


def _declined_to_press(call: CallView, utterance: Utterance, hit: ForbiddenHit) -> bool:
    """A journalist asking about the subject is owed no answer: 「这个我真不了解，抱歉」「我可
    说不好，您得问我们头儿」 decline, as the media protocol asks. Said bare, beside another
    brush-off (「不知道，你问别人去」: the push-off is failed on its own) or after a comment
    (「应该不到三万户吧，具体的我也不知道」: no decline, a guess and a shrug), it stays one."""
    return (
        hit.family in DECLINING_FAMILIES
        and _to_press(call, utterance)
        and _beyond_brush_offs(call, utterance) >= BARE_CHARS
        and not comment_in(call, utterance)
    )


def _beyond_brush_offs(call: CallView, utterance: Utterance) -> int:
    """How many characters of `utterance` lie outside every brush-off it holds."""
    covered = {i for hit in call.forbidden(utterance) for i in range(hit.start, hit.end)}
    return len(utterance.norm) - len(covered)


def _to_press(call: CallView, utterance: Utterance) -> bool:
    """Whether `utterance` answers a journalist who has started speaking."""
    return call.persona == "media" and bool(call.caller) and utterance.t >= call.caller[0].t


COMMENTING_FAMILIES = ("infallible", "not_my_job")
"""Denying and laying the blame elsewhere: to a journalist, claims about the event."""


def _denied_to_press(call: CallView, utterance: Utterance, hit: ForbiddenHit) -> bool:
    """A denial or a blame to a journalist (「不存在什么内幕」「这事跟我们公司没关系，是隔壁
    工地挖断的」) is a comment on the subject: media.no_comment fails it, once. To a customer
    the same words deny their problem (infallible) or push it off (not_my_job), and this rule
    fails them."""
    return (
        hit.family in COMMENTING_FAMILIES
        and _to_press(call, utterance)
        and bool(comment_in(call, utterance))
    )
