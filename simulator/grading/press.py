"""What an agent's words say about the subject of a journalist's call: figures, causes,
confirmations, denials, opinions, the journalist's claim restated. Shared by the media
protocol (media.no_comment fails a comment) and the forbidden-phrase rule (a denial to the
press is the media rule's, one slip one fail)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import NamedTuple

from simulator.grading.view import CallView, Utterance
from simulator.standards import digit_runs, normalize, refusal_prefix
from simulator.standards.normalize import sentence_starts

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
"""An agent utterance sharing this many consecutive characters with the journalist's
words (beyond the allowed wording) restates the journalist's claim."""
READBACK_CHARS = 4
"""A confirmation question sharing this many characters with what the caller said reads
the caller's details back."""


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
    earlier = [line for line in call.caller if line.t < utterance.t]
    judged = [
        _Sentence(offset, offset + len(normalize(sentence)), _reads_back(call, sentence, earlier),
                  *_without_allowed(sentence, caller_numbers))
        for offset, sentence in sentence_starts(utterance.text)
    ]  # fmt: skip
    for sentence in judged:
        why = _stated_in(sentence)
        if why:
            return why
    # The catalog's own wording of a comment (「是系统故障」, 「据我了解…」), by its patterns:
    # the model's guess alone is not enough to fail a media call.
    found = call.group(utterance, "media_comment")
    if (
        found is not None
        and found.by != "model"
        and not any(s.readback and s.start <= found.start < s.end for s in judged)
    ):
        return f"陈述了事实或原因：{found.span}"
    for sentence in judged:
        if sentence.readback:
            continue
        for line in call.caller:
            if line.t > utterance.t:
                break
            shared = _longest_common(sentence.text, line.norm)
            if len(shared) >= RESTATE_CHARS:
                return f"复述了记者的说法：{shared}"
    return ""


class _Sentence(NamedTuple):
    """One sentence of an utterance: where it lies (normalized indices), whether it reads
    the journalist's details back, and its words without the allowed wording, as said and
    normalized."""

    start: int
    end: int
    readback: bool
    raw: str
    text: str


def _without_allowed(sentence: str, caller_numbers: set[str]) -> tuple[str, str]:
    """The sentence as said and normalized, without the allowed wording and the caller's
    own phone numbers."""
    raw = ALLOWED.sub("", "".join(sentence.split()))
    text = ALLOWED.sub("", normalize(sentence))
    for number in sorted(caller_numbers, key=len, reverse=True):  # longest first
        raw = raw.replace(number, "")
        text = text.replace(number, "")
    return raw, text


def _stated_in(sentence: _Sentence) -> str:
    """The first figure, cause, confirmation, denial or opinion the sentence states."""
    raw, text, readback = sentence.raw, sentence.text, sentence.readback
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


_CONFIRM_QUESTION = re.compile(r"(?:对吗|是吗|对不对|没错吧|是吧|对吧|没问题吧|是不是)$")
_TRAILING_QUESTION = re.compile(
    r"(?:对吗|是吗|对不对|没错吧|是吧|对吧|没问题吧|是不是)[？?。！!]*$"
)


def _reads_back(call: CallView, sentence: str, earlier: list[Utterance]) -> bool:
    """Whether the sentence reads the journalist's contact details back to confirm them.

    Reading back the phone, the outlet or the time the journalist gave is what the standard
    asks for (「我再和您核实下」), not a comment on the subject: a sentence that names
    contact details (a number the caller gave, or the contact groups) and ends asking for
    confirmation is judged for causes, confirmations, denials and opinions only, never for
    figures or for repeating the caller's words.
    """
    norm = normalize(sentence)
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
