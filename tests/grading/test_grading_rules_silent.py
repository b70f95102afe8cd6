"""The silent-call protocol: silent.prompts, spacing, line_notice, farewell_hangup."""

from __future__ import annotations

from tests.grading.grading_builder import OPENING, CallBuilder, call, status

PROMPT_1 = "请问有什么可以帮您？"
PROMPT_2 = "请问您能听到我的声音吗？"
NOTICE = "抱歉，由于电话线路问题，我这里听不到您的声音，请您换部电话或者稍后来电，好吗？"
BYE = "感谢您的来电，再见！"
SILENT_RULES = ("silent.prompts", "silent.spacing", "silent.line_notice", "silent.farewell_hangup")


def silent_call(
    lines: tuple[str, ...] = (OPENING, PROMPT_1, PROMPT_2, NOTICE, BYE),
    gap: float = 3.0,
    hangup_gap: float | None = 3.0,
    persona: str = "silent",
) -> CallBuilder:
    """The agent's lines, each 2 s long, `gap` apart; the agent hangs up `hangup_gap` after."""
    b = call(persona=persona).rings(1).answer(1.0)
    t = 1.5
    for text in lines:
        b.agent(t, t + 2.0, text)
        t += 2.0 + gap
    if hangup_gap is not None:
        b.hangup(t - gap + hangup_gap, "agent")
    return b


def test_the_protocol_followed_passes_every_silent_rule() -> None:
    g = silent_call().grade()
    for rule_id in SILENT_RULES:
        assert status(g, rule_id) == "pass", g.rule(rule_id)
    assert status(g, "closing.farewell") == "pass"
    assert status(g, "response.dead_air") == "na"
    assert g.passed and g.score == 100


def test_silent_rules_are_na_for_other_personas() -> None:
    for persona in ("standard", "angry", "offtopic", "media"):
        other = silent_call(persona=persona).grade()
        for rule_id in SILENT_RULES:
            assert other.rule(rule_id).status == "na"


def test_too_few_prompts_fail() -> None:
    result = silent_call((OPENING, PROMPT_1, NOTICE, BYE)).grade().rule("silent.prompts")
    assert result.status == "fail"
    assert "1 次" in result.message
    assert result.standard


def test_prompt_threshold_from_scenario() -> None:
    from tests.grading.grading_scenarios import scenario_with

    g = silent_call((OPENING, PROMPT_1, NOTICE, BYE))
    one = scenario_with({"silent.prompts": {"params": {"min_prompts": 1}}}, persona="silent")
    assert status(g.grade(one), "silent.prompts") == "pass"


def test_spacing_too_long_or_too_short_fails() -> None:
    slow = silent_call(gap=8.0).grade().rule("silent.spacing")
    assert slow.status == "fail"
    assert "太长" in slow.message and "8.0 秒" in slow.message
    fast = silent_call(gap=0.5).grade().rule("silent.spacing")
    assert fast.status == "fail" and "太短" in fast.message


def test_spacing_na_with_a_single_utterance() -> None:
    g = silent_call((OPENING,)).grade()
    assert status(g, "silent.spacing") == "na"


def test_notice_without_the_line_or_the_advice_fails() -> None:
    g = silent_call((OPENING, PROMPT_1, PROMPT_2, "我听不到您的声音。", BYE)).grade()
    result = g.rule("silent.line_notice")
    assert result.status == "fail"
    assert "线路" in result.message and "换电话" in result.message
    assert "线路问题" in result.standard


def test_notice_with_recognition_errors_passes() -> None:
    # ASR: 线录 for 线路, 听不道 for 听不到.
    asr = "抱歉，由于电话线录问题，我这里听不道您的声音，请您换部电话或者稍后来电，好吗？"
    g = silent_call((OPENING, PROMPT_1, PROMPT_2, asr, BYE)).grade()
    assert status(g, "silent.line_notice") == "pass", g.rule("silent.line_notice")


def test_notice_na_while_the_recording_is_unfinished() -> None:
    g = silent_call((OPENING, PROMPT_1), hangup_gap=None).build()
    from simulator.grading import grade

    result = grade(g)
    assert result.rule("silent.line_notice").status == "na"
    assert result.rule("silent.farewell_hangup").status == "na"
    assert result.rule("silent.prompts").status == "na"


def test_hanging_up_too_soon_or_too_late_after_goodbye_fails() -> None:
    soon = silent_call(hangup_gap=0.5).grade().rule("silent.farewell_hangup")
    assert soon.status == "fail" and "太急" in soon.message
    late = silent_call(hangup_gap=9.0).grade().rule("silent.farewell_hangup")
    assert late.status == "fail" and "太晚" in late.message


def test_hanging_up_without_notice_fails() -> None:
    g = silent_call((OPENING, PROMPT_1, PROMPT_2)).grade()
    result = g.rule("silent.farewell_hangup")
    assert result.status == "fail"
    assert "线路说明" in result.message


def test_caller_hanging_up_before_the_notice_is_na() -> None:
    g = call(persona="silent").rings(1).answer(1.0).agent(1.5, 3.5, OPENING).hangup(6.0, "caller")
    assert status(g.grade(), "silent.farewell_hangup") == "na"
