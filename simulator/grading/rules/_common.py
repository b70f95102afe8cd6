"""Helpers shared by several rule modules (never a rule of its own).

Two kinds of evidence: what the agent says, matched tolerantly like every rule does
(catalog groups, plus fallback phrases in code so a trainer's own catalog without
`library.yaml` still grades), and what the caller says, which decides whether a
situation arose at all (「我不会讲普通话」 makes dialect.helper apply). Caller cues come
from the `caller_*` groups of the catalog and are matched literally on normalized text:
a recognizer never transcribes the caller, and a fuzzy cue would switch rules on by
accident."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from statistics import median

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.view import CallView, Utterance
from simulator.standards import digit_runs, normalize

APOLOGY = ("抱歉", "对不起", "不好意思", "请原谅", "请您谅解", "给您添麻烦了")
PHONE = ("联系电话", "电话号码", "联系方式", "您的电话", "手机号码", "留个电话", "留一个电话")
NEGATION = ("不", "无法", "没法", "没办法", "不能", "不可以")
DEFAULT_RING_INTERVAL = 3.0
"""Seconds between rings when the recording has too few rings to tell (scenario default)."""
TIME_ASKED = (
    "方便联系的时间",
    "方便联系您的时间",
    "回复时间",
    "回复的时间",
    "方便回复",
    "什么时间方便",
    "什么时候方便",
    "方便的时间",
    "哪个时间",
    "几点方便",
)


def says(
    call: CallView,
    utterance: Utterance,
    groups: Sequence[str] = (),
    phrases: tuple[str, ...] = (),
) -> str:
    """What `utterance` says of the catalog `groups` or of `phrases`, or "" if nothing.

    Groups missing from the catalog in use are skipped (their fallback phrases remain).
    """
    for group_id in groups:
        if group_id in call.matcher.catalog:
            found = call.group(utterance, group_id)
            if found is not None:
                return found.span
    for phrase in phrases:
        if normalize(phrase) in utterance.norm:
            return phrase
    if phrases:
        match = call.find(utterance, phrases)
        if match is not None:
            return match.span
    return ""


def first_saying(
    call: CallView,
    utterances: Iterable[Utterance],
    groups: Sequence[str] = (),
    phrases: tuple[str, ...] = (),
) -> Utterance | None:
    """The first of `utterances` that `says()` something of the groups or phrases."""
    for utterance in utterances:
        if says(call, utterance, groups, phrases):
            return utterance
    return None


def cue_texts(call: CallView, group_id: str, fallback: tuple[str, ...]) -> tuple[str, ...]:
    """The normalized cue texts of a caller group (catalog), or `fallback` without it."""
    catalog = call.matcher.catalog
    texts = catalog.group(group_id).texts if group_id in catalog else fallback
    return tuple(t for t in (normalize(text) for text in texts) if t)


def caller_cue(
    call: CallView, group_id: str, fallback: tuple[str, ...]
) -> tuple[Utterance, str] | None:
    """The first caller line containing a cue of the group, and the cue; None if none."""
    cues = cue_texts(call, group_id, fallback)
    for line in call.caller:
        for cue in cues:
            if cue in line.norm:
                return line, cue
    return None


def agent_after(call: CallView, line: Utterance | None) -> tuple[Utterance, ...]:
    """The agent's utterances from the onset of `line` on (all of them for None)."""
    return call.agent if line is None else call.agent_after(line.t)


def ring_deadline(call: CallView, max_rings: int) -> float:
    """When ring `max_rings`+1 starts: answering at or after it kept the caller waiting
    longer than the standard allows (answer.rings fails, opening.wait_apology applies).

    Taken from the recording when that ring is in it, else extrapolated from the last
    recorded ring at the recorded (or default 3 s) interval.
    """
    starts: dict[int, float] = {}
    for ring in call.rings:
        if ring.n >= 1 and ring.n not in starts:
            starts[ring.n] = ring.t
    n = max_rings + 1
    if n in starts:
        return starts[n]
    known = sorted((k, t) for k, t in starts.items() if k < n)
    steps = [(t2 - t1) / (k2 - k1) for (k1, t1), (k2, t2) in pairwise(known)]
    interval = median(steps) if steps and median(steps) > 0 else DEFAULT_RING_INTERVAL
    if not known:
        return (n - 1) * interval
    last_n, last_t = known[-1]
    return last_t + (n - last_n) * interval


def unnegated(text: str, phrase: str, window: int = 4) -> bool:
    """Whether `phrase` occurs in normalized `text` without a negation just before it
    (「无法转接」 and 「不方便帮您转告」 do not offer a transfer or a message)."""
    target = normalize(phrase)
    for hit in re.finditer(re.escape(target), text):
        before = text[max(0, hit.start() - window) : hit.start()]
        if not any(word in before for word in NEGATION):
            return True
    return False


def new_numbers(call: CallView, utterance: Utterance, min_digits: int) -> list[str]:
    """Numbers of `min_digits`+ digits the agent says that the caller never said and
    that are not the agent's own work number: information the agent discloses."""
    given = {n for line in call.caller for n in digit_runs(line.text, 1)}
    own = {call.agent_id} if call.agent_id else set()
    return [
        number
        for number in digit_runs(utterance.text, min_digits)
        if number not in given and number not in own and not any(number in g for g in given)
    ]


def last_or_end(call: CallView) -> tuple[float, str]:
    """Where a missing step is reported: the agent's last utterance, else the call end."""
    if call.agent:
        return call.agent[-1].t, call.agent[-1].text
    return call.end_time, ""


def not_yet(call: CallView, rule: RuleContext, what: str) -> RuleResult | None:
    """na while the recording may still be going on (the agent may yet do `what`)."""
    return None if call.ended else rule.na(f"录音不完整：还没有{what}")


def never_took(
    call: CallView,
    rule: RuleContext,
    *,
    message: str,
    fix: str,
    pending: str = "",
    unfinished: str = "",
    group: str = "",
    standard: str = "",
    at: float | None = None,
    evidence: str = "",
) -> RuleResult:
    """A step the agent never took: na while the recording may still be going on
    (「录音不完整：还没有{pending}」, or the whole `unfinished` message), else a fail.

    By default the fail is reported at the agent's last utterance (or the call end),
    quoting it, with `group`'s wording as the standard; a rule that knows better passes
    `at`, `evidence` or `standard`.
    """
    if not call.ended:
        return rule.na(unfinished or f"录音不完整：还没有{pending}")
    last_at, text = last_or_end(call)
    return rule.failed(
        message,
        at=last_at if at is None else at,
        evidence=evidence or (f"最后一句：{quote(text)}" if text else "坐席没有说话"),
        standard=standard or rule.standard(group),
        fix=fix,
    )


def unanswered(
    call: CallView,
    rule: RuleContext,
    line: Utterance,
    after: Sequence[Utterance],
    *,
    pending: str,
    message: str,
    group: str,
    fix: str,
) -> RuleResult:
    """The caller asked (`line`) and the agent's replies (`after`) lacked the step: na
    while the recording may still be going on, else a fail at the first reply (or where
    the caller stopped) quoting the caller, with `group`'s wording."""
    pending_result = not_yet(call, rule, pending)
    if pending_result is not None:
        return pending_result
    return rule.failed(
        message,
        at=after[0].t if after else line.end,
        evidence=f"客户：{quote(line.text, 30)}",
        standard=rule.standard(group),
        fix=fix,
    )


def first_caller_line(call: CallView) -> Utterance | None:
    """The caller's first line: where a request to a situation's rules begins."""
    return call.caller[0] if call.caller else None


def says_goodbye(call: CallView, utterance: Utterance) -> bool:
    """再见 or a catalog goodbye / farewell phrase."""
    if "再见" in utterance.norm:
        return True
    return call.first_group((utterance,), "goodbye", "farewell") is not None


_NUM = "[0-9零〇一二三四五六七八九十两百]+"
_WITHIN = rf"{_NUM}个?半?(?:小时|钟头|个?工作日|天|日|分钟|周|星期)(?:之)?内"
_DAY = r"(?:今天|明天|后天|本周[一二三四五六日天]?|这周[一二三四五六日天]?|下周[一二三四五六日天]?)"
_BEFORE = rf"{_DAY}(?:{_NUM}点半?)?(?:上午|下午|中午|晚上|下班)?(?:{_NUM}点半?)?(?:之)?前"
TIME_FRAME = re.compile(rf"{_WITHIN}|{_BEFORE}")
FOLLOW_UP = re.compile(r"答复|回复|联系|回电|反馈|处理结果|告知|通知|回话|回个话|上门|打电话给您")


def commitment_in(call: CallView, utterance: Utterance) -> str:
    """The concrete commitment in `utterance` ("24小时内…答复"), or "".

    The catalog's commitment move (a number with a time unit: 「四个小时之内安排师傅上门」
    「明天下午五点前给您回个话」), or a time frame (N 小时 / 个工作日 / 天 内, 今天 / 明天 /
    下周一 [X点] 前) with a follow-up word (答复 / 回复 / 联系 / 回电 / 反馈 …) in the same
    utterance. 尽快 alone is not concrete.
    """
    found = call.group(utterance, "commitment")
    if found is not None:
        return found.span
    frame = TIME_FRAME.search(utterance.norm)
    if frame is None or FOLLOW_UP.search(utterance.norm) is None:
        return ""
    return frame.group(0)
