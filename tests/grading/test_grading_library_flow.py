"""Library rules for the flow of a call: hold.consent, verify.*, praise.reply,
lingering.*."""

from __future__ import annotations

from tests.grading.grading_builder import FAREWELL, MORE_HELP, status
from tests.grading.grading_library_dialog import A, C, Hold, graded
from tests.grading.grading_scenarios import scenario_with

ASK_WAIT = "我正在为您核实相关问题，请您稍等一会，不要挂线，谢谢！"
THANKS = "感谢您的耐心等待，已经帮您查到了。"


# ------------------------------------------------------------------- hold.consent


def test_consent_passes_when_the_caller_agrees_before_each_hold() -> None:
    g = graded(
        "hold",
        [
            C("帮我查一下账单。"),
            A(ASK_WAIT),
            C("行，我等着。"),
            Hold(10.0),
            A("感谢您的耐心等待，还在查，请您再稍等一下。"),
            C("好吧。"),
            Hold(10.0),
            A(THANKS),
        ],
    )
    assert status(g, "hold.consent") == "pass"


def test_consent_fails_when_the_agent_holds_right_after_asking() -> None:
    g = graded("hold", [C("帮我查一下账单。"), A(ASK_WAIT), Hold(10.0, gap=0.2), A(THANKS)])
    result = g.rule("hold.consent")
    assert result.status == "fail"
    assert "没等客户答应" in result.evidence


def test_consent_fails_a_hold_without_any_request() -> None:
    g = graded("hold", [C("帮我查一下账单。"), A("好的。"), C("嗯。"), Hold(10.0), A(THANKS)])
    result = g.rule("hold.consent")
    assert result.status == "fail"
    assert "没有请客户稍等" in result.evidence


def test_consent_is_na_without_holds_and_for_other_personas() -> None:
    assert status(graded("hold", [C("帮我查一下账单。"), A("好的。")]), "hold.consent") == "na"
    lines: list[A | C | Hold] = [C("查一下。"), A(ASK_WAIT), Hold(5.0, gap=0.2), A(THANKS)]
    assert status(graded("standard", lines), "hold.consent") == "na"


# ----------------------------------------------------------------- verify.readback

INFO = "账号是20240815，新邮箱是liuwei2024@163.com。"


def test_readback_passes_when_both_items_are_read_back() -> None:
    g = graded(
        "verify",
        [C(INFO), A("我再和您核实下，您的账号是20240815，邮箱是liuwei2024@163.com，对吗？")],
    )
    assert status(g, "verify.readback") == "pass"


def test_readback_accepts_a_spoken_email() -> None:
    g = graded("verify", [C(INFO), A("账号20240815，邮箱liuwei2024艾特163点com，对吗？")])
    assert status(g, "verify.readback") == "pass"


def test_readback_fails_when_the_email_is_not_read_back() -> None:
    g = graded("verify", [C(INFO), A("您的账号是20240815，对吗？"), A("好的，已经改好了。")])
    result = g.rule("verify.readback")
    assert result.status == "fail"
    assert "liuwei2024@163.com" in result.message


def test_readback_fails_when_it_comes_too_late() -> None:
    lines: list[A | C] = [
        C(INFO),
        A("好的。"),
        A("已经为您修改成功。"),
        A("您的账号是20240815，邮箱是liuwei2024@163.com。"),
    ]
    assert status(graded("verify", lines), "verify.readback") == "fail"


def test_readback_is_na_when_the_caller_gives_nothing_to_verify() -> None:
    assert status(graded("verify", [C("我想改一下邮箱。"), A("好的。")]), "verify.readback") == "na"


# ----------------------------------------------------------------- verify.mismatch

MISMATCHED = scenario_with({"verify.mismatch": {"params": {"records_match": False}}})
ID_AND_PHONE = "身份证后六位是302118，手机号13611112222。"
NOTICE = "抱歉，您所提供的信息和我们这里的不符，请您查实后再来电！"


def test_mismatch_passes_with_the_standard_notice() -> None:
    g = graded("verify", [C(ID_AND_PHONE), A(NOTICE), A(FAREWELL)], scenario=MISMATCHED)
    assert status(g, "verify.mismatch") == "pass"


def test_mismatch_fails_when_the_records_are_disclosed() -> None:
    lines: list[A | C] = [C(ID_AND_PHONE), A(NOTICE), A("我们这边登记的手机号是13900001111。")]
    result = graded("verify", lines, scenario=MISMATCHED).rule("verify.mismatch")
    assert result.status == "fail"
    assert "登记的" in result.message


def test_mismatch_fails_a_number_the_caller_never_gave() -> None:
    lines: list[A | C] = [C(ID_AND_PHONE), A("对不上，您登记用的是139开头的，尾号1111。")]
    result = graded("verify", lines, scenario=MISMATCHED).rule("verify.mismatch")
    assert result.status == "fail"


def test_mismatch_fails_without_the_notice() -> None:
    lines: list[A | C] = [C(ID_AND_PHONE), A("您再想想吧。"), A(FAREWELL)]
    assert status(graded("verify", lines, scenario=MISMATCHED), "verify.mismatch") == "fail"


def test_mismatch_is_na_when_the_records_match() -> None:
    assert status(graded("verify", [C(ID_AND_PHONE), A(NOTICE)]), "verify.mismatch") == "na"


# -------------------------------------------------------------------- praise.reply

PRAISE = "我就是打电话来表扬一下你们的7号客服，真是太感谢你们了！"
MORE_PRAISE = "你们的服务真是没得说，态度好！"


def test_praise_reply_passes_when_every_praise_is_answered() -> None:
    g = graded(
        "praise",
        [
            C(PRAISE),
            A("很高兴听到您的认可，我们会继续努力的，谢谢您！"),
            C(MORE_PRAISE),
            A("请不必客气，这是我们应该做的，感谢您对我们工作的支持，欢迎您随时再来电。"),
        ],
    )
    assert status(g, "praise.reply") == "pass"


def test_praise_reply_fails_a_bare_acknowledgement() -> None:
    g = graded("praise", [C(PRAISE), A("不客气，这是我们应该做的。"), C(MORE_PRAISE), A("嗯嗯。")])
    result = g.rule("praise.reply")
    assert result.status == "fail"
    assert "嗯嗯" in result.evidence


def test_praise_reply_ignores_a_plain_thank_you_at_the_end() -> None:
    g = graded(
        "praise", [C("双色球几点开奖？"), A("晚上九点十五分。"), C("好的，谢谢。"), A(FAREWELL)]
    )
    assert status(g, "praise.reply") == "na"


# ----------------------------------------------------------------------- lingering

ANNOUNCE = "如果您没有其他问题需要帮助的话，我要挂线了，感谢您的来电，祝您生活愉快，再见！"


def _lingering(*after_goodbye: A) -> list[A | C]:
    return [C("几点来电？"), A("下午五点前恢复。"), C("好的。"), A(FAREWELL), *after_goodbye]


def test_lingering_protocol_followed_passes() -> None:
    lines = _lingering(A(MORE_HELP, gap=5.0), A(ANNOUNCE, gap=5.0))
    g = graded("lingering", lines, hangup="agent", wait=5.5)
    assert status(g, "lingering.ask") == "pass"
    assert status(g, "lingering.wait") == "pass"
    assert status(g, "closing.caller_hangs_up_first") == "pass"


def test_lingering_fails_a_hangup_right_after_the_goodbye() -> None:
    g = graded("lingering", _lingering(), hangup="agent", wait=2.0)
    ask = g.rule("lingering.ask")
    assert ask.status == "fail"
    assert "还有什么可以帮您" in ask.message and "我要挂线了" in ask.message
    wait = g.rule("lingering.wait")
    assert wait.status == "fail"
    assert "太急" in wait.message


def test_lingering_wait_fails_an_agent_who_waits_too_long() -> None:
    lines = _lingering(A(MORE_HELP, gap=5.0), A(ANNOUNCE, gap=5.0))
    g = graded("lingering", lines, hangup="agent", wait=30.0)
    assert status(g, "lingering.ask") == "pass"
    assert "太久" in g.rule("lingering.wait").message


def test_lingering_rules_are_na_when_the_caller_hangs_up() -> None:
    g = graded("lingering", _lingering(), hangup="caller")
    assert status(g, "lingering.ask") == "na"
    assert status(g, "lingering.wait") == "na"
