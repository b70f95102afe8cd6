"""Words someone else said, reported by the agent, are not the agent's move: the caller's
「让我稍等」 read back, a courier who promised to call back, what the agent said on an earlier
call. The agent's own words around them still count."""

from __future__ import annotations

import pytest

from simulator.standards import PhraseMatcher
from simulator.standards.negation import reported
from simulator.standards.normalize import normalize


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("您是说那边的客服让您稍等，然后电话就断了是吧？", "hold_request"),
        ("您刚才说让我稍等是吗", "hold_request"),
        ("快递员说他一会儿会给您回电话。", "callback_request"),
        ("您说昨天有人给您回电了，那应该是我们办公室的。", "callback_request"),
        ("上次给您说三天内回复，结果没回，非常抱歉。", "commitment"),
    ],
)
def test_a_reported_move_is_not_made(matcher: PhraseMatcher, text: str, group: str) -> None:
    assert matcher.find_group(text, group) is None


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # The caller's words as a thing (说的), agreement (说得对) and an invitation to speak
        # (您说吧, 麻烦您说一个) report nothing.
        ("您说的情况我已经记录下来了，会提交给相关负责人。", "complaint_recorded"),
        ("您说得对，我们会在三个工作日内给您答复。", "commitment"),
        ("麻烦您说一个方便接电话的时间段。", "ask_time"),
        ("先跟您说声对不起，昨天的回访电话漏打了。", "apology"),
        ("先生您讲慢一点，用普通话讲可以吗", "ask_mandarin"),
        # The agent's own move after a reported clause, in a clause of its own.
        ("您说想改套餐，好的，请您稍等，我帮您查一下。", "hold_request"),
    ],
)
def test_the_agents_own_move_still_counts(matcher: PhraseMatcher, text: str, group: str) -> None:
    assert matcher.find_group(text, group) is not None


def test_only_the_reported_clause_is_excused() -> None:
    text = "您说让我稍等，好的，我帮您查一下"
    norm = normalize(text)
    assert reported(text, norm, norm.index("稍等"))
    assert not reported(text, norm, norm.index("我帮您"))


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("嗯您说的是零六一二请稍等我核对下", "hold_request"),
        ("您说的是幸福小区几栋我没太听清麻烦您再说一下", "repeat_request"),
    ],
)
def test_the_agents_voice_resumes_in_an_unpunctuated_clause(
    matcher: PhraseMatcher, text: str, group: str
) -> None:
    assert matcher.find_group(text, group) is not None
