"""The media protocol: no comment on the subject, hand off to a dedicated person, and
take the journalist's phone, organization and a convenient time."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.registry import rule
from simulator.grading.rules._common import never_took
from simulator.grading.view import CallView, Utterance
from simulator.standards import digit_runs, normalize, refusal_prefix
from simulator.standards.normalize import sentence_starts

PHONE = ("联系电话", "电话号码", "联系方式", "手机号码", "您的电话", "联系号码")
ORGANIZATION = (
    "单位名称",
    "媒体名称",
    "哪家媒体",
    "您的单位",
    "贵单位",
    "什么单位",
    "哪个单位",
    "哪家单位",
    "所在单位",
    "媒体单位",
)
TIME = (
    "方便联系的时间",
    "方便的时间",
    "什么时间方便",
    "什么时候方便",
    "联系时间",
    "方便联系您的时间",
)
HANDOFF = ("专人负责", "同事会尽快与您联系", "专人与您联系", "专人和您联系")
_CONTACT_PARTS = (
    ("联系电话", ("ask_phone",), PHONE),
    ("单位名称", ("ask_organization",), ORGANIZATION),
    ("方便联系的时间", ("ask_time",), TIME),
)
"""The three things to ask a journalist: a name for messages, catalog groups, phrases."""

ALLOWED = re.compile(
    "|".join(
        (
            r"您的查询会有专人负责",
            r"会有专人负责",
            r"专人负责",
            r"(?:我们的)?同事会尽快与您联系的?",
            r"请您留下",
            r"[0-9零一二三四五六七八九十两几]+个?(?:小时|工作日|天|分钟)(?:之)?内",
        )
    )
)
"""Handoff and contact wording (with its follow-up time frame) is what the agent should
say; it is removed before looking for statements about the subject."""

_FIGURE = re.compile(
    r"[0-9]+"
    r"|百分之"
    r"|[一二三四五六七八九十两几][十百千万亿]"
    r"|[零一二三四五六七八九十两百千万亿]+(?:万|亿|元|块钱|名|人|起|家|岁|户|吨|公里|年|月|日|号)"
)
_CAUSE = re.compile(r"因为|由于|原因是|原因在于|导致|造成|所以|之所以")
_CONFIRM = re.compile(
    r"(?<!不)是的|确实(?!不|没|无|难)|的确(?!不|没|无)|(?<!不)没错|(?<!不)属实|确有其事"
    r"|(?<!不)是真的|(?<!不)对的|对啊|对呀"
    r"|^对[，,。！!、\s]|承认"
)
_DENY = re.compile(
    r"(?<!是)不是|(?<!有)没有(?!其他|别的)|不存在|假的|谣言|不实|不属实|否认|没这回事|不可能|子虚乌有"
)
_OPINION = re.compile(
    r"我觉得|我认为|我个人|我想|应该是|可能是|估计|大概|恐怕|我看|据我所知|听说|我相信|肯定是|一定是|似乎|好像"
)
_CHECKS = (
    (_FIGURE, "说出了数字/金额/日期"),
    (_CAUSE, "解释了原因"),
    (_CONFIRM, "作出了确认"),
    (_DENY, "作出了否认"),
    (_OPINION, "发表了看法"),
)
PHONE_DIGITS = 7
RESTATE_CHARS = 6
READBACK_CHARS = 4
"""A confirmation question sharing this many characters with what the caller said reads
the caller's details back."""
"""An agent utterance sharing this many consecutive characters with the journalist's
words (beyond the allowed wording) restates the journalist's claim."""


def comment_in(call: CallView, utterance: Utterance) -> str:
    """What `utterance` says about the subject, as "<kind>：<words>", or "".

    Each sentence is judged alone, so a read-back of the journalist's details followed by
    the closing (「跟您核对一下：市电视台民生频道，电话135…，对吗？请问还有其他需要吗？」)
    is a read-back. In each, the allowed wording (handoff, contact request, follow-up time
    frame) is removed first, and phone numbers the caller gave (PHONE_DIGITS+ digits, read
    back) are allowed; a shorter figure the journalist said is not the agent's to repeat.
    Then: figures (Arabic digits, 百分之, numerals with a unit: 三千万, 五名, 十月…); causes
    (因为 / 由于 / 原因是 / 导致 …); confirmations (是的 / 确实 / 没错 / 属实 / a leading
    对); denials (不是 / 没有 / 不存在 / 假的 / 谣言 …, but not 是不是 / 有没有 / 没有其他);
    opinions (我觉得 / 我认为 / 应该是 / 可能是 / 估计 …); the catalog's wording of a
    comment; restating the journalist's claim (RESTATE_CHARS consecutive characters of a
    caller line). A sentence reading the journalist's details back (`_reads_back`) is judged
    for causes, confirmations, denials and opinions only.
    """
    caller_numbers = {n for line in call.caller for n in digit_runs(line.text, PHONE_DIGITS)}
    judged = [
        (offset, sentence, _reads_back(call, utterance, sentence))
        for offset, sentence in sentence_starts(utterance.text)
    ]
    for _, sentence, readback in judged:
        why = _stated_in(sentence, caller_numbers, readback=readback)
        if why:
            return why
    # The catalog's own wording of a comment (「是系统故障」, 「据我了解…」), by its patterns:
    # the model's guess alone is not enough to fail a media call.
    found = call.group(utterance, "media_comment")
    if found is not None and found.by != "model" and not _inside_readback(judged, found.start):
        return f"陈述了事实或原因：{found.span}"
    for _, sentence, readback in judged:
        if readback:
            continue
        text = _without_allowed(sentence, caller_numbers)[1]
        for line in call.caller:
            if line.t > utterance.t:
                break
            shared = _longest_common(text, line.norm)
            if len(shared) >= RESTATE_CHARS:
                return f"复述了记者的说法：{shared}"
    return ""


def _without_allowed(sentence: str, caller_numbers: set[str]) -> tuple[str, str]:
    """The sentence as said and normalized, without the allowed wording and the caller's
    own phone numbers."""
    raw = ALLOWED.sub("", "".join(sentence.split()))
    text = ALLOWED.sub("", normalize(sentence))
    for number in sorted(caller_numbers, key=len, reverse=True):  # longest first
        raw = raw.replace(number, "")
        text = text.replace(number, "")
    return raw, text


def _stated_in(sentence: str, caller_numbers: set[str], *, readback: bool) -> str:
    """The first figure, cause, confirmation, denial or opinion the sentence states."""
    raw, text = _without_allowed(sentence, caller_numbers)
    if readback:
        # The closing 「对吗」「没错吧」 asks the journalist to confirm their own details.
        text = _CONFIRM_QUESTION.sub("", text)
        raw = _TRAILING_QUESTION.sub("", raw)
    for pattern, kind in _CHECKS:
        if readback and pattern is _FIGURE:
            continue
        searched = raw if pattern is _CONFIRM else text
        for hit in pattern.finditer(searched):
            # 「我个人不好发表看法」「确实不方便回答」 decline to comment.
            if refusal_prefix(normalize(searched[hit.end() :])):
                continue
            return f"{kind}：{hit.group(0).strip('，,。！! ')}"
    return ""


def _inside_readback(judged: list[tuple[int, str, bool]], index: int) -> bool:
    return any(
        readback and offset <= index < offset + len(normalize(sentence))
        for offset, sentence, readback in judged
    )


_CONFIRM_QUESTION = re.compile(r"(?:对吗|是吗|对不对|没错吧|是吧|对吧|没问题吧|是不是)$")
_TRAILING_QUESTION = re.compile(
    r"(?:对吗|是吗|对不对|没错吧|是吧|对吧|没问题吧|是不是)[？?。！!]*$"
)


def _reads_back(call: CallView, utterance: Utterance, sentence: str) -> bool:
    """Whether the sentence reads the journalist's contact details back to confirm them.

    Reading back the phone, the outlet or the time the journalist gave is what the standard
    asks for (「我再和您核实下」), not a comment on the subject: a sentence that names
    contact details (a number the caller gave, or the contact groups) and ends asking for
    confirmation is judged for causes, confirmations, denials and opinions only, never for
    figures or for repeating the caller's words.
    """
    norm = normalize(sentence)
    earlier = [line for line in call.caller if line.t < utterance.t]
    names_contact = (
        any(
            group in call.matcher.catalog and call.matcher.find_group(sentence, group) is not None
            for group in ("ask_phone", "ask_organization", "ask_time", "readback")
        )
        or any(number in norm for line in earlier for number in digit_runs(line.text, PHONE_DIGITS))
        or any(len(_longest_common(norm, line.norm)) >= READBACK_CHARS for line in earlier)
    )
    return names_contact and bool(_CONFIRM_QUESTION.search(norm))


def _longest_common(a: str, b: str) -> str:
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return a[match.a : match.a + match.size]


@rule(
    "media.no_comment",
    title="不对媒体表态",
    checks="媒体来电：不对记者询问的事件发表任何看法或透露内情。",
    stage="protocol",
    source="000 传媒来电",
    weight=2,
    personas=("media",),
)
def media_no_comment(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when no agent utterance after the journalist starts speaking comments on the
    subject (`comment_in`); the opening before the first caller line is not judged."""
    if not call.agent:
        return rule.na("坐席没有说话")
    start = call.caller[0].t if call.caller else float("inf")
    judged = [u for u in call.agent if u.t >= start]
    if not judged:
        return rule.na("记者还没有提问")
    for utterance in judged:
        why = comment_in(call, utterance)
        if why:
            return rule.failed(
                f"对媒体表态：{why}",
                at=utterance.t,
                evidence=quote(utterance.text),
                standard=rule.standard("media_handoff"),
                fix="不评论、不确认、不否认、不解释，只说会有专人负责并留下联系方式",
            )
    return rule.passed(f"{len(judged)} 句回应都没有表态")


@rule(
    "media.handoff",
    title="专人负责",
    checks="媒体来电：说明会有专人负责，同事会尽快与对方联系。",
    stage="protocol",
    source="000 传媒来电",
    weight=2,
    personas=("media",),
)
def media_handoff(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when an agent utterance says a dedicated person will handle it and get back
    (group media_handoff: 专人负责 / 同事会尽快与您联系)."""
    found = next((u for u in call.agent if call.says(u, ("media_handoff",), HANDOFF)), None)
    if found is not None:
        return rule.passed("说明会有专人负责", at=found.t, evidence=quote(found.text))
    return never_took(
        call,
        rule,
        pending="说明专人负责",
        message="没有说明会有专人负责跟进",
        evidence="通话中没有「专人负责」「同事会与您联系」",
        group="media_handoff",
        fix="告诉记者「您的查询会有专人负责，我们的同事会尽快与您联系」",
    )


@rule(
    "media.contact",
    title="留下联系方式",
    checks="媒体来电：请记者留下联系电话、单位名称和方便联系的时间。",
    stage="protocol",
    source="000 传媒来电",
    weight=2,
    personas=("media",),
)
def media_contact(call: CallView, rule: RuleContext) -> RuleResult:
    """Pass when, across the call, the agent asks for all three: contact phone,
    organization (单位名称 / 媒体名称) and a convenient time (方便联系的时间)."""
    asked: dict[str, Utterance] = {}
    for utterance in call.agent:
        for name, groups, phrases in _CONTACT_PARTS:
            if name not in asked and call.says(utterance, groups, phrases):
                asked[name] = utterance
    missing = [name for name, _, _ in _CONTACT_PARTS if name not in asked]
    if not missing:
        return rule.passed("留下了电话、单位和方便联系的时间", evidence="、".join(asked))
    return never_took(
        call,
        rule,
        pending="问全联系方式",
        message="没有问记者的" + "、".join(missing),
        evidence=("问到了：" + "、".join(asked)) if asked else "没有询问联系方式",
        group="media_contact",
        fix="请记者留下联系电话、单位名称和方便联系的时间",
    )
