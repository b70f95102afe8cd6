"""Negation scope: does a negation in front of a match turn its meaning around?

「陪您聊天」 is agreeing to chat; 「没办法陪您聊天」 refuses. A match is *negated* when, in the
same clause, the words right before it end in a negator (不 / 没 / 别 / 无法 / 不能 / 没办法 …)
followed by at most a couple of modal or linking words (能, 会, 再, 陪, 给, 跟您 …). Only the
words directly in front count, so 「不客气，请问还有什么可以帮您」 is not a negated offer and
「不好意思，请您稍等」 is not a refused hold.

A read-back turns a question around the same way: 「您的电话是138……，对吗？」 confirms what the
caller said and asks for nothing (`read_back`). And words someone else said, reported, are
not the agent's move: 「您是说那边的客服让您稍等」「快递员说他一会儿会给您回电话」 (`reported`).

Where a negation belongs to the standard wording itself (「请您不要挂机」「您先别着急」
「如果您没有业务方面的问题」) the pattern spells it out, so it is inside the match, not before it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simulator.standards.normalize import clauses, normalize, sentence_at

NEGATORS = (
    "没办法", "不可以", "不方便", "无法", "没法", "不能", "不会", "不用", "不必", "不要", "不再",
    "并不", "从不", "绝不", "没有", "未能", "拒绝", "不", "没", "别", "未", "勿",
)  # fmt: skip
"""Longest first. 不好意思 / 不客气 are not negators of what follows: they end a word."""

_LINKS = (
    "能", "会", "可以", "再", "去", "来", "要", "用", "给", "跟", "和", "陪", "为", "帮", "您",
    "你", "在", "太", "想", "得", "愿意", "方便", "随便", "一直", "继续", "跟您", "和您", "替您",
    # Not making the caller do it (「不会再让您去找别的部门了」「本来不该让您自己去找的」), not
    # thinking it (「您也不用觉得是您搞错了」), or saying it is not so (「不是没有的事」).
    "让", "让您", "叫您", "该", "觉得", "认为", "是",
)  # fmt: skip
_LINKED = "|".join(sorted(_LINKS, key=len, reverse=True))
_NEGATED_TAIL = re.compile("(?:" + "|".join(NEGATORS) + f")(?:{_LINKED}){{0,3}}$")
# Words that end in a negator's character but are not negations of what follows.
_NOT_NEGATION = re.compile(
    r"(?:不好意思|不客气|不错|不少|不久|差不多|不论|不管怎样|没问题|没关系)$"
)
# A-not-A questions (「能不能留个电话」「可不可以说普通话」) ask, they do not negate: the
# negator sits between a word and its repetition.
_A_NOT_A = re.compile(
    r"(?:能不能|可不可以|可以不可以|要不要|会不会|是不是|方便不方便|愿不愿意|肯不肯|有没有|"
    rf"行不行|好不好|需不需要|让不让)(?:{_LINKED}){{0,2}}$"
)
_WINDOW = 8


@lru_cache(maxsize=16384)
def clause_starts(text: str) -> tuple[int, ...]:
    """Where each clause of `text` starts in its normalized form (see `normalize.clauses`)."""
    starts: list[int] = []
    position = 0
    for clause in clauses(text):
        starts.append(position)
        position += len(clause)
    return tuple(starts)


def clause_start(text: str, index: int) -> int:
    """Where the clause holding normalized index `index` starts."""
    found = 0
    for candidate in clause_starts(text):
        if candidate > index:
            break
        found = candidate
    return found


def before(text: str, normalized: str, start: int) -> str:
    """The normalized words in front of `start`, within its clause, at most a few."""
    return normalized[max(clause_start(text, start), start - _WINDOW) : start]


def negated(text: str, normalized: str, start: int) -> str:
    """The negation right in front of the match at `start`, or "" when there is none.

    `text` is the raw utterance (for its clause breaks), `normalized` its normalized form.
    """
    head = before(text, normalized, start)
    if not head or _NOT_NEGATION.search(head) or _A_NOT_A.search(head):
        return ""
    if _asks_a_not_a(head, normalized, start):
        return ""
    found = _NEGATED_TAIL.search(head)
    return found.group(0) if found else ""


# 「就算不归我们管，我们也会帮您对接」: what follows is granted for the sake of argument, not
# said to the caller. (A condition is not: 「如果你听不懂就找个懂的来」 says it all the same.)
_CONCESSIVE = re.compile(r"就算|即使|即便|哪怕|纵然")
# Where the clause gives way to what is said after all (「就算你投诉也没用」).
_CONCESSION_ENDS = re.compile(r"也|都|还|就")


def conceded(text: str, normalized: str, start: int, end: int) -> bool:
    """Whether the words in [start, end) lie inside a concession: after 就算/即使/哪怕… in
    their clause (or opening the span itself, as a clause the model quotes does), and before
    the 也/都/就 that turns to what is really said."""
    clause = clause_start(text, start)
    found = _CONCESSIVE.search(normalized[clause:end])
    if found is None:
        return False
    after = normalized[max(start, clause + found.end()) : end]
    return _CONCESSION_ENDS.search(after) is None


def asks_either_way(normalized: str, start: int) -> bool:
    """Whether words starting with a negator at `start` are the second half of an A-not-A
    question (「这件事归不归我们管」 at 不归我们管): the word before the negator is the word
    after it, and nothing is denied."""
    if normalized[start : start + 1] not in ("不", "没"):
        return False
    return any(
        normalized[start - size : start] == normalized[start + 1 : start + 1 + size]
        for size in (1, 2)
        if start >= size
    )


def _asks_a_not_a(head: str, normalized: str, start: int) -> bool:
    """「是不是您操作的问题」 where the match starts at the second 是: the word, its negation
    and the word again ask a question; nothing is negated."""
    return any(
        head.endswith(word + negator)
        for size in (1, 2)
        if len(word := normalized[start : start + size]) == size
        for negator in ("不", "没")
    )


_REFUSAL_AFTER = re.compile(
    # Between the topic and the refusal: fillers, hedges and emphasis (「陪您聊天可不行」,
    # 「…是不行的」, 「…也不行」, 「…肯定不行」).
    r"^(?:这个|这事|这种|的话|的事|呢|啊|吧|我|我们|这边|真的|真|实在|确实|恐怕|就|可能|暂时|还是"
    r"|可|是|也|都|那|那可|肯定|绝对|当然|怕是){0,4}"
    r"(?:没办法|没法|不太方便|不方便|不可以|不允许|不合适|办不到|不好说|不好发表|不好回答|不便|不行|不能|无法|不了)"
)


def refusal_prefix(rest: str) -> str:
    """The refusal `rest` (normalized words right after something) starts with, or ""."""
    found = _REFUSAL_AFTER.match(rest)
    return found.group(0) if found else ""


def refused_after(text: str, normalized: str, end: int) -> str:
    """The refusal right after the match ending at `end`, in its clause, or "".

    「聊天这个真没办法」 refuses what it names, like 「没办法聊天」 does: the topic comes first
    and the refusal after it.
    """
    clause_end = len(normalized)
    for candidate in clause_starts(text):
        if candidate >= end:
            clause_end = candidate
            break
    return refusal_prefix(normalized[end:clause_end])


_CONFIRMATION = re.compile(
    r"(对吗|对吧|对不对|是吗|是吧|是不是|没错吧|没错吗|是这样吗|是这样吧|对么|是[^吗呢]*吧)$"
)
_READING_BACK = re.compile(
    r"^(好的|嗯)?(我)?(跟您|和您|给您|再|帮您)?(核对|确认|复述|重复|核实)(一下|一遍)"
)


# A sentence that asks: a question word or particle, or a request (the question mark itself
# is gone from the normalized text, so it is looked for in the raw sentence).
_ASKING = re.compile(
    r"[?？]|吗|呢|么|吧|多少|什么|啥|哪|几|怎么|如何|是否|能否|可否|有没有|是不是|方不方便|行不行|"
    r"好不好|可不可以|能不能|请|麻烦|劳驾|留|告诉我|报一下|报给我|报过来|说一下|说下(?!午)|提供|给我|"
    r"需要知道|想知道|要知道|得知道|需要您|还是|[啊呀][。.]?\s*$"
)


# A question word that says "whichever" asks nothing: with 都/也 after it in its clause
# (「什么时候方便都可以来取」「您要办什么业务都需要先取号」) or echoed after 就 (「哪天有空就哪天
# 开过来」), it states that any answer will do.
_FREE_CHOICE = re.compile(
    r"(什么|啥|哪|几|怎么|多少)[^，,。.？?！!；;]{0,10}?(都|也)(?!不是)"
    r"|(什么|哪)([^，,。.？?！!；;]{1,6})就(什么|哪)"
)


def asks(text: str, start: int) -> bool:
    """Whether the sentence of `text` holding normalized index `start` asks anything: a
    question or a request. 「您在网上填的联系电话少了一位」 names a number and asks for none,
    and 「什么时候方便都可以来取」 (`_FREE_CHOICE`) asks no time."""
    held = sentence_at(text, start)
    return held is None or _ASKING.search(_FREE_CHOICE.sub("", held[1])) is not None


# An open question asks what (「您要办理什么业务？」「您想了解哪方面？」), and so does a choice
# between alternatives (「您是要订票还是改签？」: which); with 吗, 有没有, a closing 没有 or a
# presuming 吧 the same words ask whether (「您有什么业务上的问题吗？」: 什么 is "any"), and
# 「我是哪里人不重要」「跟业务没什么关系」 ask nothing.
_ASKS_WHAT = re.compile(r"什么|啥|哪|(是|要|想|需要).{0,12}还是|^还是(要|想|需要|有)")
_ASKS_WHETHER = re.compile(r"吗|有没有|是否|是不是|(吧|没有|没)$")
_NO_MATTER = re.compile(r"不重要|都行|都可以|无所谓|都一样|都好|没什么|没啥|不上什么")


def asks_what(text: str, start: int) -> bool:
    """Whether the clause of `text` holding normalized index `start` is an open question."""
    held = ""
    for offset, clause in zip(clause_starts(text), clauses(text), strict=True):
        if offset > start:
            break
        held = clause
    return (
        _ASKS_WHAT.search(held) is not None
        and _ASKS_WHETHER.search(held) is None
        and _NO_MATTER.search(held) is None
    )


def read_back(text: str, start: int) -> bool:
    """Whether the sentence of `text` holding normalized index `start` reads back what the
    caller said: it ends by asking them to confirm (「您的电话是138…，都市晚报，明天下午
    三点方便，对吗？」) or begins by saying so (「我跟您核对一下：王记者，……」)."""
    held = sentence_at(text, start)
    if held is None:
        return False
    said = normalize(held[1])
    return bool(_CONFIRMATION.search(said) or _READING_BACK.search(said))


# Who reports: the caller, a third party, or the agent about an earlier call. The agent's
# own 「我跟您说」 announces what follows, so 我 is not among them.
_REPORTER = (
    # 「跟您说声抱歉」「麻烦您说一个时间」: the agent speaks to the caller, or asks them to.
    r"(?:(?<![跟给和对向请烦让])(?:您|你)(?:刚才|刚刚|之前|是|也|不是)?|对方|人家|那边|商家|卖家|老板|"
    r"师傅|快递员|客服|同事|工作人员|医生|护士|领导|经理|主管|那位|上一个|(?:上次|之前|以前|那次|当时)"
    r"(?:我|我们)?(?:跟您|给您|和您|对您)?)"
)
_REPORTING = re.compile(
    _REPORTER + r"(?:刚才|刚刚|之前|当时|已经|也|都)?(?:说|讲|提到|答应|表示|承诺)(?:过)?"
    r"(?:了)?"
)
# The agent about an earlier call (「上次跟您说」) reports their own words: a brush-off said
# again is said again.
_AGENT_EARLIER = re.compile(r"(?:上次|之前|以前|那次|当时)(?:我|我们)?(?:跟您|给您|和您|对您)?说")
# Words set in quotation marks are someone's words named, not said to the caller.
_QUOTE = re.compile(r"[“「『\"‘]([^“”「」『』\"‘’]*)[”」』\"’]")
# The caller's words taken up as a thing (「您提到的那种有完没完的催收短信」「您说的"不归我管"」):
# the agent names what was said, they do not say it to the caller.
_QUOTING = re.compile(
    r"(?:(?<![跟给和对向])(?:您|你)(?:刚才|之前|刚刚)?(?:说|提到|讲|反映|听到)的|所谓的?)"
    r"(?:那种|这种|那个|这个|那句|这句|那些|这些)?$"
)


def quoted(normalized: str, start: int) -> bool:
    """Whether the words at `start` are the caller's, quoted: right after 「您说的」
    「您提到的那种」「所谓」."""
    return _QUOTING.search(normalized[max(0, start - 10) : start]) is not None


def in_quotation_marks(text: str, start: int) -> bool:
    """Whether normalized index `start` lies between quotation marks of `text`: 「您刚才说
    一接通就只听到“喂？喂？”」 names a word someone said, it calls out to nobody."""
    offset = position = 0
    for found in _QUOTE.finditer(text):
        offset += len(normalize(text[position : found.start()]))
        inside = len(normalize(found.group(1)))
        # A line that is all one quotation (typed with its marks) is said, not named.
        whole = inside == len(normalize(text))
        if offset <= start < offset + inside and not whole:
            return True
        offset += inside
        position = found.end()
    return False


def reported_by_others(text: str, normalized: str, start: int) -> bool:
    """Whether words at `start` are reported (see `reported`) from someone other than the
    agent: 「您是说窗口说这事不归他们管」 tells back what a counter said; 「上次跟您说了不归我们
    管」 is the agent's own brush-off, said again."""
    if not reported(text, normalized, start):
        return False
    head = normalized[clause_start(text, start) : start]
    return _AGENT_EARLIER.search(head) is None


# Where the agent's own words resume inside an unpunctuated clause (「您说的是0612请稍等我
# 核对下」): a request or the agent acting.
# 「您说有问题，那是您的事」 answers the report: 那是/那就 takes the agent's turn again.
_OWN_VOICE = re.compile(r"请|麻烦|好的|我(?:帮|给|这边|马上|来|再|先)|那(?:是|就|您|你)")
# What the reporting verb is followed by when it reports nothing: 「您说的情况」 names a
# thing and 「您说的是0612」 reads back an answer, 「您说得对」 agrees, 「您说吧」「您说一下」
# invite the caller to speak, 「您讲慢一点」「您说一个时间」 ask how or what to say.
_NOT_REPORTING = re.compile(
    r"^(?:的|得|吧|啊|呀|呢|嘛|一下|下|一个|个|一遍|清楚|明白|说|什么|啥|话|慢|大|详细|具体|普通话|完)"
)


def reported(text: str, normalized: str, start: int) -> bool:
    """Whether the match at `start` lies in words the agent reports someone else said (or
    said on an earlier call): in its clause, after 「您说」「您是说」「快递员说」「上次跟您说」…"""
    head_start = clause_start(text, start)
    head = normalized[head_start:start]
    for found in _REPORTING.finditer(head):
        if not _NOT_REPORTING.match(normalized[head_start + found.end() :]):
            # The match's own first words may be the request (「请稍等」「麻烦您」).
            said_after = normalized[head_start + found.end() : start + 3]
            return not _OWN_VOICE.search(said_after)
    return False


def agents_own_words(text: str, normalized: str, start: int, end: int, *, clause: bool) -> bool:
    """Whether the words in [start, end) are said by the agent to the caller: not quoted,
    not reported from someone else, not granted for argument. A whole `clause` (what the
    learned model quotes) is reported when its last word is."""
    return not (
        quoted(normalized, start)
        or in_quotation_marks(text, start)
        or conceded(text, normalized, start, end)
        or reported_by_others(text, normalized, end - 1 if clause else start)
    )
