"""Reading back what the caller said asks nothing: the number, outlet and time a journalist
gave, said back for confirmation, are not questions for them (nor comments on the event)."""

from __future__ import annotations

import pytest

from simulator.standards import PhraseMatcher
from simulator.standards.negation import asks, read_back
from simulator.standards.normalize import normalize

READ_BACK = "您的电话是13811112222，都市晚报，明天下午三点方便联系，对吗？"


@pytest.mark.parametrize(
    "text",
    [
        READ_BACK,
        "我跟您核对一下：王记者，电话尾号3579，南方周末，周四上午方便联系。",
        "好的，确认一下，您是晨报的李记者，电话138开头，对吧？",
        "您这个号码就是联系电话吧？",
    ],
)
def test_a_read_back_asks_for_nothing(matcher: PhraseMatcher, text: str) -> None:
    for group in ("ask_phone", "ask_organization", "ask_time", "media_comment"):
        assert matcher.find_group(text, group) is None, group


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("请问您明天下午几点方便联系？", "ask_time"),
        ("请问您的联系电话是多少？", "ask_phone"),
        ("请问您是哪家媒体？", "ask_organization"),
    ],
)
def test_the_question_itself_is_still_asked(matcher: PhraseMatcher, text: str, group: str) -> None:
    assert matcher.find_group(text, group) is not None


def test_only_the_sentence_that_reads_back_is_excused(matcher: PhraseMatcher) -> None:
    text = "您是都市晚报的，对吧？请问您什么时间方便接电话？"
    assert matcher.find_group(text, "ask_time") is not None
    start = normalize(text).index("都市")
    assert read_back(text, start)
    assert not read_back(text, normalize(text).index("什么时间"))


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("您在网上填的联系电话少了一位，所以我们一直打不通。", "ask_phone"),
        ("那个公告上写的联系电话是宣传部的，您打那个就行。", "ask_phone"),
        ("领导电话我给您，您记一下。", "ask_phone"),
        ("您的电话能正常打进来，说明线路已经修好了。", "ask_phone"),
    ],
)
def test_naming_a_number_asks_for_none(matcher: PhraseMatcher, text: str, group: str) -> None:
    # ask_phone is marked `asks`: only a sentence that asks (a question, a request) asks for it.
    assert matcher.find_group(text, group) is None
    assert matcher.find_group(text, "callback_request") is None


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("嗯 您的手机号是多少", "ask_phone"),
        ("采访的话，我们需要知道您的单位和联系电话。", "ask_phone"),
        ("您是白天好接电话还是晚上", "ask_time"),
        ("您是那个媒体的啊", "ask_organization"),
    ],
)
def test_a_question_without_its_mark_still_asks(
    matcher: PhraseMatcher, text: str, group: str
) -> None:
    assert matcher.find_group(text, group) is not None


@pytest.mark.parametrize(
    "text",
    [
        "您什么时候方便都可以来网点取卡，我们一直有人。",
        "哪天有空就哪天开过来，不用预约。",
        "办什么业务也得先取号。",
    ],
)
def test_a_question_word_meaning_whichever_asks_nothing(matcher: PhraseMatcher, text: str) -> None:
    assert not asks(text, 0)
    assert matcher.find_group(text, "ask_time") is None


@pytest.mark.parametrize(
    "text",
    [
        "您什么时候方便接电话？",
        "您看什么时候都方便吗？",
        "您什么时候方便，您也说一下，我们好安排回电。",
    ],
)
def test_a_question_with_a_whichever_word_still_asks(matcher: PhraseMatcher, text: str) -> None:
    assert matcher.find_group(text, "ask_time") is not None
