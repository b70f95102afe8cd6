"""Helpers shared by the scenario library's situation rules (the `library_*` modules).

Two kinds of evidence: what the agent says, matched tolerantly like every rule does
(catalog groups, plus fallback phrases in code so a trainer's own catalog without
`library.yaml` still grades), and what the caller says, which decides whether a
situation arose at all (「我不会讲普通话」 makes dialect.helper apply). Caller cues come
from the `caller_*` groups of the catalog and are matched literally on normalized text:
a recognizer never transcribes the caller, and a fuzzy cue would switch rules on by
accident.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from simulator.grading.context import RuleContext, quote
from simulator.grading.model import RuleResult
from simulator.grading.view import CallView, Utterance
from simulator.standards import digit_runs, normalize

APOLOGY = ("抱歉", "对不起", "不好意思", "请原谅", "请您谅解", "给您添麻烦了")
PHONE = ("联系电话", "电话号码", "联系方式", "您的电话", "手机号码", "留个电话", "留一个电话")
NEGATION = ("不", "无法", "没法", "没办法", "不能", "不可以")
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
    call: CallView, rule: RuleContext, *, pending: str, message: str, group: str, fix: str
) -> RuleResult:
    """A step the agent never took: na while the recording may still be going on, else a
    fail reported at the agent's last utterance (or the call end) with `group`'s wording."""
    still_going = not_yet(call, rule, pending)
    if still_going is not None:
        return still_going
    at, text = last_or_end(call)
    return rule.failed(
        message,
        at=at,
        evidence=f"最后一句：{quote(text)}" if text else "坐席没有说话",
        standard=rule.standard(group),
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
