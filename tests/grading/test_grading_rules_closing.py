"""closing.more_help, closing.farewell, closing.caller_hangs_up_first, voice.pace,
voice.no_interrupt."""

from __future__ import annotations

from simulator.grading import Grade
from tests.grading.grading_builder import FAREWELL, MORE_HELP, OPENING, call, standard_call, status

ANSWER = "好的，昨天的开奖号码已经公布在官网上，您可以在开奖公告里查看。"


def _closing(*agent_lines: str, hangup_who: str = "caller", hangup_after: float = 2.0) -> Grade:
    b = (
        call()
        .rings(1)
        .answer(1.0)
        .agent(1.5, 5.0, OPENING)
        .caller(6.0, 8.0, "我想问一下开奖结果。")
        .agent(9.0, 12.0, ANSWER)
    )
    t = 13.0
    for text in agent_lines:
        b.agent(t, t + 2.0, text)
        t += 3.0
    return b.hangup(t - 1.0 + hangup_after, hangup_who).grade()


def test_closing_rules_pass_in_a_standard_call() -> None:
    g = standard_call().grade()
    for rule_id in ("closing.more_help", "closing.farewell", "closing.caller_hangs_up_first"):
        assert status(g, rule_id) == "pass", g.rule(rule_id)


def test_more_help_missing_fails() -> None:
    result = _closing(FAREWELL).rule("closing.more_help")
    assert result.status == "fail"
    assert "还有什么" in result.standard
    assert result.evidence.startswith("最后一句")


def test_more_help_na_for_silent_and_offtopic() -> None:
    for persona in ("silent", "offtopic"):
        g = call(persona=persona).rings(1).answer(1.0).agent(1.5, 5.0, OPENING)
        g.hangup(20.0, "agent")
        assert status(g.grade(), "closing.more_help") == "na"
        assert status(g.grade(), "closing.caller_hangs_up_first") == "na"


def test_farewell_needs_thanks_and_goodbye_in_the_last_utterance() -> None:
    assert status(_closing(MORE_HELP, FAREWELL), "closing.farewell") == "pass"
    result = _closing(MORE_HELP, "好的，再见。").rule("closing.farewell")
    assert result.status == "fail"
    assert "感谢来电" in result.message
    assert result.evidence == "最后一句：「好的，再见。」"
    not_last = _closing(MORE_HELP, FAREWELL, "嗯，好的。").rule("closing.farewell")
    assert not_last.status == "fail"


def test_farewell_split_over_two_utterances_passes() -> None:
    assert status(_closing(MORE_HELP, "感谢您的来电。", "再见！"), "closing.farewell") == "pass"


def test_farewell_recognized_with_errors_passes() -> None:
    # ASR: 感谢您的来点 (来电), 在见 (再见).
    g = _closing(MORE_HELP, "感谢您的来点，祝您生活愉快，在见！")
    assert status(g, "closing.farewell") == "pass", g.rule("closing.farewell")


def test_farewell_na_for_an_unfinished_recording() -> None:
    from simulator.grading import grade

    b = call().rings(1).answer(1.0).agent(1.5, 5.0, OPENING).caller(6.0, 8.0, "你好。")
    result = grade(b.build())
    assert result.rule("closing.farewell").status == "na"
    assert result.rule("closing.caller_hangs_up_first").status == "na"
    assert result.rule("closing.more_help").status == "na"


def test_agent_hanging_up_first_fails_unless_it_waited() -> None:
    early = _closing(MORE_HELP, FAREWELL, hangup_who="agent", hangup_after=1.0)
    result = early.rule("closing.caller_hangs_up_first")
    assert result.status == "fail"
    assert "1.0 秒" in result.message
    waited = _closing(MORE_HELP, FAREWELL, hangup_who="agent", hangup_after=6.0)
    assert status(waited, "closing.caller_hangs_up_first") == "pass"


def test_agent_hanging_up_without_goodbye_fails() -> None:
    g = _closing(MORE_HELP, hangup_who="agent", hangup_after=10.0)
    result = g.rule("closing.caller_hangs_up_first")
    assert result.status == "fail"
    assert "没有道别" in result.message


def test_wait_threshold_from_scenario() -> None:
    from tests.grading.grading_scenarios import scenario_with

    g = call().rings(1).answer(1.0).agent(1.5, 5.0, OPENING).agent(6.0, 8.0, FAREWELL)
    g.hangup(11.0, "agent")
    assert status(g.grade(), "closing.caller_hangs_up_first") == "fail"
    short = scenario_with({"closing.caller_hangs_up_first": {"params": {"wait_seconds": 2}}})
    assert status(g.grade(short), "closing.caller_hangs_up_first") == "pass"


def _spoken(text: str, start: float, end: float, input_kind: str = "voice") -> Grade:
    return (
        call(input=input_kind)
        .rings(1)
        .answer(1.0)
        .agent(1.5, 5.0, OPENING)
        .caller(6.0, 8.0, "我想问一下开奖结果。")
        .agent(start, end, text)
        .hangup(40.0)
        .grade()
    )


def test_pace_within_range_passes() -> None:
    # 28 characters of the opening in 15 s: 112 per minute.
    slow_enough = (
        call(input="voice").rings(1).answer(1.0).agent(1.5, 16.5, OPENING).hangup(30.0).grade()
    )
    assert status(slow_enough, "voice.pace") == "pass", slow_enough.rule("voice.pace")


def test_pace_too_fast_fails_with_the_rate() -> None:
    result = _spoken("好的，昨天的开奖号码已经公布在官网上。", 9.0, 12.0).rule("voice.pace")
    assert result.status == "fail"
    assert "太快" in result.message
    assert "字/分钟" in result.evidence


def test_pace_na_for_keyboard_or_short_utterances() -> None:
    assert status(_spoken(ANSWER, 9.0, 12.0, "keyboard"), "voice.pace") == "na"
    short = call(input="voice").rings(1).answer(1.0).agent(1.5, 3.0, "您好。").hangup(9.0).grade()
    assert status(short, "voice.pace") == "na"


def test_interrupting_the_caller_fails() -> None:
    g = (
        call(input="voice")
        .rings(1)
        .answer(1.0)
        .agent(1.5, 5.0, OPENING)
        .caller(6.0, 12.0, "我想问一下上周的开奖结果，还有……")
        .agent(9.0, 13.0, "好的，上周的结果在官网上。")
        .hangup(20.0)
        .grade()
    )
    result = g.rule("voice.no_interrupt")
    assert result.status == "fail"
    assert result.at == 9.0
    assert "3.0 秒" in result.message


def test_short_overlap_or_caller_interrupting_passes() -> None:
    g = (
        call(input="voice")
        .rings(1)
        .answer(1.0)
        .agent(1.5, 5.0, OPENING)
        .caller(4.0, 8.0, "喂，我想问一下开奖结果。")
        .agent(7.8, 11.0, "好的，开奖结果在官网上。")
        .hangup(20.0)
        .grade()
    )
    assert status(g, "voice.no_interrupt") == "pass"


def test_no_interrupt_na_for_keyboard() -> None:
    assert status(standard_call().grade(), "voice.no_interrupt") == "na"


def test_farewell_takes_the_protocols_own_ending_for_silent_and_offtopic_calls() -> None:
    """The seeds end these calls with their protocol's move and 再见, not with thanks."""
    endings = {
        "silent": "对不起，由于线路问题听不到您的声音，请您稍候再拨，再见！",
        "offtopic": "还有很多用户需要我的服务，我要挂机了，再见！",
    }
    for persona, ending in endings.items():
        g = call(persona=persona).rings(1).answer(1.0).agent(1.5, 5.0, OPENING)
        g.agent(20.0, 24.0, ending).hangup(25.0, "agent")
        assert status(g.grade(), "closing.farewell") == "pass", persona
    # Elsewhere the line notice is no farewell: a standard call still needs the thanks.
    other = _closing(MORE_HELP, endings["silent"]).rule("closing.farewell")
    assert other.status == "fail" and "感谢来电" in other.message
