"""Library rules for a troubled line: inaudible.*, dialect.*, wrong_number.notice."""

from __future__ import annotations

from tests.grading.grading_builder import FAREWELL, MORE_HELP, status
from tests.grading.grading_library_dialog import A, C, graded
from tests.grading.grading_scenarios import scenario_with

FAINT = "……我家里……那个……没电了……"
SPEAK_UP = "非常抱歉，我这边听不清楚，请您大声一点，好吗？"
CALL_AGAIN = "非常抱歉，您的电话杂音太大，我这边听不清，请您换一部电话再打来，好吗？"
LINE_CLEARS = scenario_with({"inaudible.call_again": {"params": {"line_clears": True}}})


# --------------------------------------------------------------- inaudible.speak_up


def test_speak_up_passes_with_apology_and_request() -> None:
    g = graded("inaudible", [C(FAINT), A(SPEAK_UP), C("这样能听见了吧？"), A(FAREWELL)])
    assert status(g, "inaudible.speak_up") == "pass"


def test_speak_up_accepts_the_handset_question() -> None:
    g = graded("inaudible", [C(FAINT), A("非常抱歉，我听不到您的声音，请问您是否已拿起话筒？")])
    assert status(g, "inaudible.speak_up") == "pass"


def test_speak_up_fails_when_the_first_reply_pretends_to_hear() -> None:
    g = graded("inaudible", [C(FAINT), A("请问您要办理什么业务？"), C(FAINT), A(SPEAK_UP)])
    result = g.rule("inaudible.speak_up")
    assert result.status == "fail"
    assert "致歉" in result.message and "请问您要办理什么业务" in result.evidence
    assert "大声一点" in result.standard


def test_speak_up_fails_a_request_without_apology() -> None:
    g = graded("inaudible", [C(FAINT), A("请您大声一点，好吗？")])
    result = g.rule("inaudible.speak_up")
    assert result.status == "fail"
    assert "致歉" in result.message and "请客户大声一点" not in result.message


def test_speak_up_is_na_for_other_personas_and_without_caller_lines() -> None:
    assert (
        status(graded("standard", [C(FAINT), A("请问您要办理什么业务？")]), "inaudible.speak_up")
        == "na"
    )
    assert (
        status(graded("inaudible", [A("您好，请问有什么可以帮您？")]), "inaudible.speak_up") == "na"
    )


# ------------------------------------------------------------- inaudible.call_again


def test_call_again_passes_when_the_caller_agrees_and_hangs_up() -> None:
    g = graded("inaudible", [C(FAINT), A(CALL_AGAIN), C("哦，好好，我换个电话。")])
    assert status(g, "inaudible.call_again") == "pass"


def test_call_again_passes_when_repeated_and_the_agent_waits() -> None:
    lines: list[A | C] = [C(FAINT), A(CALL_AGAIN), A(CALL_AGAIN, gap=5.0)]
    g = graded("inaudible", lines, hangup="agent", wait=5.5)
    assert status(g, "inaudible.call_again") == "pass"


def test_call_again_fails_when_never_asked() -> None:
    g = graded("inaudible", [C(FAINT), A(SPEAK_UP), C(FAINT), A("实在听不清，先这样吧。")])
    result = g.rule("inaudible.call_again")
    assert result.status == "fail"
    assert "换部电话" in result.message


def test_call_again_fails_when_the_agent_hangs_up_on_the_request() -> None:
    g = graded("inaudible", [C(FAINT), A(CALL_AGAIN)], hangup="agent", wait=1.0)
    result = g.rule("inaudible.call_again")
    assert result.status == "fail"
    assert "没等客户回应" in result.message


def test_call_again_is_na_when_the_scenario_says_the_line_clears() -> None:
    g = graded("inaudible", [C(FAINT), A(SPEAK_UP), A(FAREWELL)], scenario=LINE_CLEARS)
    assert status(g, "inaudible.call_again") == "na"


def test_call_again_is_na_while_the_recording_is_unfinished() -> None:
    g = graded("inaudible", [C(FAINT), A(SPEAK_UP)], hangup=None)
    assert status(g, "inaudible.call_again") == "na"


# ----------------------------------------------------------------- dialect.mandarin

CANTONESE = "我想问下，我屋企嘅燃气费点解咁贵嘅？"
ASK_MANDARIN = "非常抱歉，我听不明白您说的话，您可以说普通话吗？"


def test_mandarin_passes_when_asked_politely() -> None:
    g = graded("dialect", [C(CANTONESE), A(ASK_MANDARIN)])
    assert status(g, "dialect.mandarin") == "pass"


def test_mandarin_fails_a_blunt_command() -> None:
    g = graded("dialect", [C(CANTONESE), A("说普通话，我听不懂。")])
    result = g.rule("dialect.mandarin")
    assert result.status == "fail"
    assert "没有致歉" in result.message


def test_mandarin_fails_when_the_agent_pretends_to_understand() -> None:
    g = graded("dialect", [C(CANTONESE), A("好的，燃气费的问题我帮您看一下。"), A(FAREWELL)])
    result = g.rule("dialect.mandarin")
    assert result.status == "fail"
    assert "没有请客户讲普通话" in result.message


def test_mandarin_is_na_for_other_personas() -> None:
    assert status(graded("standard", [C(CANTONESE), A("好的。")]), "dialect.mandarin") == "na"


# ------------------------------------------------------------------ dialect.helper

NO_MANDARIN = "普通话……我不会讲普通话啊，讲不来……"
HELPER = "非常抱歉，我听不明白您说的话，请您叫身边的其他人帮您说一下，好吗？"


def test_helper_passes_when_asked_for_someone_nearby() -> None:
    g = graded("dialect", [C(CANTONESE), A(ASK_MANDARIN), C(NO_MANDARIN), A(HELPER)])
    assert status(g, "dialect.helper") == "pass"


def test_helper_fails_when_the_agent_keeps_asking_for_mandarin() -> None:
    lines: list[A | C] = [
        C(CANTONESE),
        A(ASK_MANDARIN),
        C(NO_MANDARIN),
        A("麻烦您还是讲普通话，好吗？"),
    ]
    result = graded("dialect", lines).rule("dialect.helper")
    assert result.status == "fail"
    assert "我不会讲普通话" in result.evidence
    assert "身边" in result.standard


def test_helper_is_na_when_the_caller_speaks_mandarin() -> None:
    lines: list[A | C] = [
        C(CANTONESE),
        A(ASK_MANDARIN),
        C("哦，普通话啊，我讲得不太好。"),
        A(FAREWELL),
    ]
    assert status(graded("dialect", lines), "dialect.helper") == "na"


# -------------------------------------------------------------- wrong_number.notice

FRUIT = "喂，王记水果店吧？我订的橙子怎么还没送到？"


def test_wrong_number_passes_with_the_standard_notice() -> None:
    g = graded("wrong_number", [C(FRUIT), A("您好，这里是福彩热线客服中心，请您查证后再拨。")])
    assert status(g, "wrong_number.notice") == "pass"


def test_wrong_number_accepts_name_and_check_across_two_replies() -> None:
    lines: list[A | C] = [
        C(FRUIT),
        A("您好，这里是福彩热线，不是水果店。"),
        C("啊？不可能啊。"),
        A("请您查证一下号码后再拨，好吗？"),
    ]
    assert status(graded("wrong_number", lines), "wrong_number.notice") == "pass"


def test_wrong_number_fails_without_the_line_name() -> None:
    g = graded("wrong_number", [C(FRUIT), A("您打错了，请您查证后再拨。"), A(FAREWELL)])
    result = g.rule("wrong_number.notice")
    assert result.status == "fail"
    assert "报出本中心名称" in result.message
    assert "福彩热线" in result.standard


def test_wrong_number_accepts_the_line_named_in_full_and_in_other_words() -> None:
    """福彩热线 said in full (福利彩票的服务热线), after 「您打到的是」 instead of 「这里是」."""
    line = "您好，您打到的是福利彩票的服务热线，不是水果店哦，麻烦您核对一下号码再拨。"
    assert status(graded("wrong_number", [C(FRUIT), A(line)]), "wrong_number.notice") == "pass"


def test_wrong_number_fails_without_asking_to_check() -> None:
    g = graded("wrong_number", [C(FRUIT), A("这里是福彩热线，不是水果店。"), A(MORE_HELP)])
    result = g.rule("wrong_number.notice")
    assert result.status == "fail"
    assert "查证后再拨" in result.message


def test_wrong_number_is_na_for_other_personas() -> None:
    assert status(graded("standard", [C(FRUIT), A("好的。")]), "wrong_number.notice") == "na"
