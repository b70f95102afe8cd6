"""response.dead_air, hold.permission / checkin / thanks, confirm.readback."""

from __future__ import annotations

from simulator.grading import Grade
from tests.grading.grading_builder import (
    FAREWELL,
    MORE_HELP,
    OPENING,
    CallBuilder,
    call,
    standard_call,
    status,
)

ASK_WAIT = "好的，我帮您查询一下，请您稍等，不要挂机。"
THANKS = "感谢您的耐心等待，已经帮您查到了。"


def _opened() -> CallBuilder:
    return call().rings(1).answer(1.0).agent(1.5, 5.0, OPENING)


def test_dead_air_passes_in_a_standard_call() -> None:
    assert status(standard_call().grade(), "response.dead_air") == "pass"


def test_dead_air_fails_after_a_long_silence() -> None:
    g = (
        _opened()
        .caller(6.0, 9.0, "我想问一下开奖结果。")
        .agent(21.0, 24.0, "开奖结果在官网公布。")
        .hangup(30.0)
        .grade()
    )
    result = g.rule("response.dead_air")
    assert result.status == "fail"
    assert result.at == 9.0
    assert "12.0 秒" in result.evidence
    assert "稍等" in result.standard


def test_hold_onset_counts_as_a_response() -> None:
    g = (
        _opened()
        .caller(6.0, 9.0, "我想查一下我的账户。")
        .agent(9.5, 11.0, ASK_WAIT)
        .caller(11.5, 12.0, "好的。")
        .hold(13.0)
        .unhold(25.0)
        .agent(25.5, 28.0, THANKS)
        .hangup(35.0)
        .grade()
    )
    assert status(g, "response.dead_air") == "pass"


def test_caller_line_during_hold_and_final_goodbye_expect_no_reply() -> None:
    g = (
        _opened()
        .caller(6.0, 9.0, "我想查一下我的账户。")
        .agent(9.5, 11.0, ASK_WAIT)
        .hold(12.0)
        .caller(14.0, 15.0, "怎么这么慢啊。")
        .unhold(26.0)
        .agent(26.5, 28.0, THANKS)
        .caller(29.0, 30.0, "好的，谢谢，再见。")
        .hangup(45.0, "agent")
        .grade()
    )
    assert status(g, "response.dead_air") == "pass", g.rule("response.dead_air")


def test_caller_still_talking_is_not_dead_air() -> None:
    g = (
        _opened()
        .caller(6.0, 9.0, "我想问一下。")
        .caller(12.0, 20.0, "就是上周的那个开奖，我买了好几注，不知道中没中。")
        .agent(21.0, 24.0, "好的，我帮您看一下。")
        .hangup(30.0)
        .grade()
    )
    assert status(g, "response.dead_air") == "pass"


def test_a_caller_asking_whether_anyone_is_there_was_waiting() -> None:
    # The caller fills every pause (each line within 10 s of the last) because nobody
    # answers: 「喂？还在吗？」 shows the wait, so the silence is the agent's.
    builder = _opened().caller(6.0, 9.0, "你们那儿都有些什么服务呀？")
    for start in range(15, 75, 12):
        builder = builder.caller(float(start), start + 2.0, "喂？还在吗？")
        builder = builder.caller(start + 4.0, start + 7.0, "反正我也没事，咱们就聊着呗。")
    g = builder.agent(82.0, 86.0, "这里是福彩热线，请问您有彩票方面的问题吗？").hangup(95.0).grade()
    result = g.rule("response.dead_air")
    assert result.status == "fail"
    assert result.at == 9.0
    assert "73.0 秒" in result.evidence


def test_a_caller_going_on_without_asking_for_the_agent_is_still_talking() -> None:
    builder = _opened()
    for start in range(6, 66, 6):
        builder = builder.caller(float(start), start + 4.0, "然后那个站点的人又让我再等等。")
    g = builder.agent(68.0, 72.0, "好的，我明白了，我帮您查一下。").hangup(80.0).grade()
    assert status(g, "response.dead_air") == "pass"


def test_unanswered_question_before_the_caller_gives_up_fails() -> None:
    g = _opened().caller(6.0, 9.0, "请问开奖结果是多少？").hangup(30.0, "caller").grade()
    assert status(g, "response.dead_air") == "fail"


def test_dead_air_threshold_from_scenario() -> None:
    from tests.grading.grading_scenarios import scenario_with

    g = _opened().caller(6.0, 9.0, "请问开奖结果？").agent(21.0, 24.0, "在官网。").hangup(30.0)
    loose = scenario_with({"response.dead_air": {"params": {"max_seconds": 15}}})
    assert status(g.grade(loose), "response.dead_air") == "pass"


def test_dead_air_na_without_caller_lines() -> None:
    g = _opened().hangup(12.0, "agent").grade()
    assert status(g, "response.dead_air") == "na"


def _held(request: str, thanks: str, hold_seconds: float = 10.0) -> Grade:
    return (
        _opened()
        .caller(6.0, 9.0, "我想查一下我的中奖记录。")
        .agent(9.5, 12.0, request)
        .hold(12.5)
        .unhold(12.5 + hold_seconds)
        .agent(13.0 + hold_seconds, 16.0 + hold_seconds, thanks)
        .agent(17.0 + hold_seconds, 19.0 + hold_seconds, MORE_HELP)
        .caller(20.0 + hold_seconds, 21.0 + hold_seconds, "没有了。")
        .agent(21.5 + hold_seconds, 24.0 + hold_seconds, FAREWELL)
        .hangup(26.0 + hold_seconds)
        .grade()
    )


def test_hold_rules_pass_when_followed() -> None:
    g = _held(ASK_WAIT, THANKS)
    for rule_id in ("hold.permission", "hold.checkin", "hold.thanks"):
        assert status(g, rule_id) == "pass", g.rule(rule_id)


def test_hold_rules_na_without_hold() -> None:
    g = standard_call().grade()
    for rule_id in ("hold.permission", "hold.checkin", "hold.thanks"):
        assert status(g, rule_id) == "na"


def test_hold_without_asking_fails_permission() -> None:
    g = _held("好的。", THANKS)
    result = g.rule("hold.permission")
    assert result.status == "fail"
    assert result.at == 12.5
    assert "好的" in result.evidence
    assert result.standard


def test_permission_may_come_before_the_callers_consent() -> None:
    g = (
        _opened()
        .caller(6.0, 9.0, "我想查一下。")
        .agent(9.5, 12.0, "这个问题需要帮您核实一下，请您不要挂机好吗？")
        .caller(12.5, 13.0, "好的。")
        .agent(13.5, 14.0, "谢谢您。")
        .hold(14.5)
        .unhold(20.0)
        .agent(20.5, 22.0, THANKS)
        .hangup(30.0)
        .grade()
    )
    assert status(g, "hold.permission") == "pass", g.rule("hold.permission")


def test_long_hold_fails_checkin() -> None:
    g = _held(ASK_WAIT, THANKS, hold_seconds=20.0)
    result = g.rule("hold.checkin")
    assert result.status == "fail"
    assert "20.0 秒" in result.message
    assert result.at == 27.5


def test_no_thanks_after_hold_fails() -> None:
    g = _held(ASK_WAIT, "查到了，您中了三等奖。")
    result = g.rule("hold.thanks")
    assert result.status == "fail"
    assert "查到了" in result.evidence
    assert "等待" in result.standard or "等候" in result.standard


def test_recognized_hold_phrases_with_homophones_pass() -> None:
    # ASR: 请您稍后 (稍候), 感谢您的耐心等代 (等待).
    g = _held("我帮您查询一下，请您稍后。", "感谢您的耐心等代，已经查到了。")
    assert status(g, "hold.permission") == "pass", g.rule("hold.permission")
    assert status(g, "hold.thanks") == "pass", g.rule("hold.thanks")


def _readback(reply: str, caller: str = "我的手机号是13812345678。") -> Grade:
    return _opened().caller(6.0, 9.0, caller).agent(9.5, 13.0, reply).hangup(20.0).grade()


def test_readback_passes_when_repeated_in_any_numerals() -> None:
    assert (
        status(_readback("我和您核实一下，您的号码是13812345678。"), "confirm.readback") == "pass"
    )
    spoken = "我再和您核实下，您的号码是一三八一二三四五六七八。"
    assert status(_readback(spoken), "confirm.readback") == "pass"


def test_readback_missing_fails() -> None:
    result = _readback("好的，已经记下了。").rule("confirm.readback")
    assert result.status == "fail"
    assert "13812345678" in result.message
    assert result.at == 9.0


def test_a_number_the_agent_guessed_wrong_is_not_a_read_back() -> None:
    g = (
        _opened()
        .agent(5.0, 6.0, "您是要查13812345678这个号码吗？")
        .caller(7.0, 10.0, "不是，我的号码是13912345678。")
        .agent(10.5, 12.0, "好的，已经记下了。")
        .hangup(20.0)
        .grade()
    )
    result = g.rule("confirm.readback")
    assert result.status == "fail" and "13912345678" in result.message and result.at == 10.0


def test_a_caller_confirming_the_number_the_agent_read_out_is_not_giving_one() -> None:
    g = (
        _opened()
        .agent(5.0, 8.0, "我和您核实一下，您登记的号码是13812345678，对吗？")
        .caller(9.0, 11.0, "对，13812345678。")
        .agent(11.5, 13.0, "好的，感谢您的确认。")
        .hangup(20.0)
        .grade()
    )
    assert status(g, "confirm.readback") == "na"


def test_readback_na_without_a_long_number() -> None:
    assert status(_readback("好的。", caller="我买了3注。"), "confirm.readback") == "na"
