"""The off-topic caller protocol: offtopic.redirect, offtopic.limit, offtopic.hangup."""

from __future__ import annotations

import pytest

from tests.grading.grading_builder import OPENING, CallBuilder, call, status

CALLER = (
    "小姐，您们都有什么服务呀？",
    "可不可以陪我聊一下？",
    "我就是想让你跟我聊天。",
    "聊聊嘛。",
)
REDIRECT_1 = "您好，我们是中国福利彩票的客户服务热线，请问有什么可以帮到您？"
REDIRECT_2 = "先生，很抱歉，这里是业务咨询的热线，请问有什么业务方面的问题可以帮到您？"
END = "非常抱歉，您的需求超出了我们的服务范围，我要挂机了，再见！"
RULES = ("offtopic.redirect", "offtopic.limit", "offtopic.hangup")


def offtopic_call(
    replies: tuple[str, ...] = (REDIRECT_1, REDIRECT_2, END),
    hangup_gap: float | None = 4.0,
    who: str = "agent",
) -> CallBuilder:
    """Caller line, agent reply, in turns; each line 2 s; the agent hangs up after."""
    b = call(persona="offtopic").rings(1).answer(1.0).agent(1.5, 5.0, OPENING)
    t = 6.0
    for line, reply in zip(CALLER * 2, replies, strict=False):
        b.caller(t, t + 2.0, line)
        b.agent(t + 3.0, t + 5.0, reply)
        t += 6.0
    if hangup_gap is not None:
        b.hangup(t - 1.0 + hangup_gap, who)
    return b


def test_the_protocol_followed_passes() -> None:
    g = offtopic_call().grade()
    for rule_id in RULES:
        assert status(g, rule_id) == "pass", g.rule(rule_id)
    assert status(g, "closing.more_help") == "na"
    assert status(g, "closing.caller_hangs_up_first") == "na"


def test_offtopic_rules_na_for_a_standard_call() -> None:
    g = offtopic_call()
    g.header["persona"] = "standard"
    result = g.grade()
    for rule_id in RULES:
        assert status(result, rule_id) == "na"


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        ("哈哈，您真逗，然后呢？", "笑"),
        ("好啊，我陪您聊一会儿。", "闲聊"),
        ("我今年二十五岁，还没结婚呢。", "个人信息"),
        ("今天天气不错，您呢？", "闲聊"),
        ("嗯嗯，好的。", "引导"),
    ],
)
def test_playing_along_or_not_steering_back_fails(reply: str, why: str) -> None:
    result = offtopic_call((REDIRECT_1, reply, END)).grade().rule("offtopic.redirect")
    assert result.status == "fail"
    assert why in result.message
    assert reply[:4] in result.evidence
    assert "业务" in result.standard


def test_refusing_to_chat_is_not_playing_along() -> None:
    refuse = "很抱歉，我不能陪您聊天，这里是业务咨询的热线，请问有什么业务方面的问题可以帮到您？"
    g = offtopic_call((REDIRECT_1, refuse, END)).grade()
    assert status(g, "offtopic.redirect") == "pass", g.rule("offtopic.redirect")


@pytest.mark.parametrize(
    "refuse",
    [
        "哈哈，我这会儿还在上班，不方便陪您聊天。这里是业务咨询的热线，请问有什么业务方面的问题？",
        "我不方便说我住哪个区，这里是业务咨询的热线，请问有什么业务方面的问题可以帮到您？",
        # A laugh before the refusal is the refusal's.
        "哈哈，这个真不能说，我们有保密规定的。这里是业务咨询的热线，请问有什么业务方面的问题？",
        "呵呵，这个问题我不回答哦。这里是业务咨询的热线，请问有什么业务方面的问题？",
        # A laugh at the joke, then steering back in the same turn, plays along with nothing.
        "哈哈，您真逗，这里是业务咨询的热线，请问有什么业务方面的问题？",
        "嘿嘿，您可真幽默，不过上班时间不能闲聊，您有业务要办吗？",
    ],
)
def test_a_polite_refusal_in_other_words_is_not_playing_along(refuse: str) -> None:
    # The rule asks the catalog's agree_to_chat, as the caller's branches do: one meaning.
    g = offtopic_call((REDIRECT_1, refuse, END)).grade()
    assert status(g, "offtopic.redirect") == "pass", g.rule("offtopic.redirect")


def test_a_disclosure_before_a_late_refusal_still_plays_along() -> None:
    reply = "哈哈，我今年二十三了，这个就不说了吧。这里是业务咨询的热线，请问有什么业务方面的问题？"
    result = offtopic_call((REDIRECT_1, reply, END)).grade().rule("offtopic.redirect")
    assert result.status == "fail"
    assert "附和" in result.message


def test_redirect_na_without_caller_lines() -> None:
    g = call(persona="offtopic").rings(1).answer(1.0).agent(1.5, 5.0, OPENING).hangup(9.0)
    assert status(g.grade(), "offtopic.redirect") == "na"


def test_ending_after_one_redirect_is_too_soon() -> None:
    result = offtopic_call((REDIRECT_1, END)).grade().rule("offtopic.limit")
    assert result.status == "fail"
    assert "过早" in result.message


def test_ending_after_four_redirects_is_too_late() -> None:
    g = offtopic_call((REDIRECT_1, REDIRECT_2, REDIRECT_2, REDIRECT_2, END)).grade()
    result = g.rule("offtopic.limit")
    assert result.status == "fail"
    assert "4 次" in result.message


def test_letting_it_run_on_without_ending_fails() -> None:
    g = offtopic_call((REDIRECT_1, REDIRECT_2, REDIRECT_2, REDIRECT_2), who="caller").grade()
    assert status(g, "offtopic.limit") == "fail"
    assert status(g, "offtopic.hangup") == "na"


def test_caller_giving_up_early_is_na() -> None:
    g = offtopic_call((REDIRECT_1,), who="caller").grade()
    assert status(g, "offtopic.limit") == "na"
    assert status(g, "offtopic.hangup") == "na"


def test_limit_from_scenario() -> None:
    from tests.grading.grading_scenarios import scenario_with

    one = scenario_with({"offtopic.limit": {"params": {"min_redirects": 1}}}, persona="offtopic")
    assert status(offtopic_call((REDIRECT_1, END)).grade(one), "offtopic.limit") == "pass"


def test_hangup_too_soon_too_late_or_unannounced_fails() -> None:
    soon = offtopic_call(hangup_gap=1.0).grade().rule("offtopic.hangup")
    assert soon.status == "fail" and "太急" in soon.message
    late = offtopic_call(hangup_gap=10.0).grade().rule("offtopic.hangup")
    assert late.status == "fail" and "太晚" in late.message
    unannounced = offtopic_call((REDIRECT_1, REDIRECT_2)).grade().rule("offtopic.hangup")
    assert unannounced.status == "fail" and "没有告知" in unannounced.message


def test_hangup_na_for_an_unfinished_recording() -> None:
    from simulator.grading import grade

    assert grade(offtopic_call(hangup_gap=None).build()).rule("offtopic.hangup").status == "na"


def test_announcement_without_goodbye_is_another_redirect() -> None:
    polite = "如果您没有业务或服务方面的问题，请您挂机以便其他客户打进来，好吗？"
    g = offtopic_call((REDIRECT_1, REDIRECT_2, polite, END)).grade()
    result = g.rule("offtopic.limit")
    assert result.status == "pass", result
    assert "3 次" in result.message
