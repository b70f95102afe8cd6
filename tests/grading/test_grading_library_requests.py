"""Library rules for requests the agent must not simply grant: specific_agent.*,
personal_info.work_name_only, out_of_scope.suggest, sales.*."""

from __future__ import annotations

from tests.grading.grading_builder import FAREWELL, MORE_HELP, status
from tests.grading.grading_library_dialog import A, C, graded

ASK_FOR_ZHANG = "麻烦帮我找一下你们8号客服小张。"
OFFER = "您好，请问您有什么问题需要咨询呢？我很乐意为您解答。"
INSIST = "不用了，我就找她，我的情况她最清楚。"
TRAINED = "我们每位同事都接受过专业的培训，同样可以为您提供专业的服务。"
CALLBACK = "请您留下您的联系电话和方便回复的时间，我请这位同事回复您，好吗？"
PRIVATE = "不是办业务，我是她老同学，找她有点私事。"
DECLINE = "非常抱歉，工作期间不方便帮您转告，请您拨打她的私人电话联系她，好吗？"


# ------------------------------------------------------------------ specific_agent


def test_specific_agent_protocol_followed_passes() -> None:
    g = graded(
        "specific_agent",
        [C(ASK_FOR_ZHANG), A(OFFER), C(INSIST), A(TRAINED), C("只有她清楚。"), A(CALLBACK)],
    )
    for rule_id in (
        "specific_agent.offer_help",
        "specific_agent.trained",
        "specific_agent.callback",
    ):
        assert status(g, rule_id) == "pass", g.rule(rule_id)
    assert status(g, "specific_agent.decline") == "na"


def test_offer_help_fails_when_the_agent_transfers_at_once() -> None:
    g = graded("specific_agent", [C(ASK_FOR_ZHANG), A("好的，我帮您转接8号，请稍等。")])
    result = g.rule("specific_agent.offer_help")
    assert result.status == "fail"
    assert "帮您转接" in result.evidence


def test_trained_and_callback_fail_when_missing() -> None:
    g = graded(
        "specific_agent",
        [C(ASK_FOR_ZHANG), A(OFFER), C(INSIST), A("那您改天再打来找她吧。"), A(FAREWELL)],
    )
    assert g.rule("specific_agent.trained").status == "fail"
    callback = g.rule("specific_agent.callback")
    assert callback.status == "fail"
    assert "联系电话" in callback.message and "回复时间" in callback.message


def test_callback_needs_both_phone_and_time() -> None:
    lines: list[A | C] = [
        C(ASK_FOR_ZHANG),
        A(OFFER),
        C(INSIST),
        A(TRAINED),
        A("请您留下您的联系电话。"),
        A(FAREWELL),
    ]
    result = graded("specific_agent", lines).rule("specific_agent.callback")
    assert result.status == "fail"
    assert result.message.endswith("回复时间")


def test_trained_and_callback_are_na_without_insistence_or_for_private_reasons() -> None:
    accepted = graded("specific_agent", [C(ASK_FOR_ZHANG), A(OFFER), C("那行，我问你也一样。")])
    assert status(accepted, "specific_agent.trained") == "na"
    private = graded("specific_agent", [C(ASK_FOR_ZHANG), A(OFFER), C(PRIVATE + "我就找她。")])
    assert status(private, "specific_agent.callback") == "na"


def test_decline_passes_a_polite_refusal() -> None:
    g = graded("specific_agent", [C(ASK_FOR_ZHANG), A(OFFER), C(PRIVATE), A(DECLINE)])
    assert status(g, "specific_agent.decline") == "pass"


def test_decline_fails_when_the_agent_agrees_to_pass_a_message() -> None:
    g = graded(
        "specific_agent", [C(ASK_FOR_ZHANG), A(OFFER), C(PRIVATE), A("好的，我帮您转告她。")]
    )
    result = g.rule("specific_agent.decline")
    assert result.status == "fail"
    assert "答应转告" in result.message


def test_decline_fails_when_the_agent_gives_out_a_number() -> None:
    lines: list[A | C] = [C(ASK_FOR_ZHANG), A(OFFER), C(PRIVATE), A("她的手机是13712345678。")]
    result = graded("specific_agent", lines).rule("specific_agent.decline")
    assert result.status == "fail"
    assert "13712345678" in result.message


def test_decline_fails_without_any_refusal() -> None:
    lines: list[A | C] = [C(ASK_FOR_ZHANG), A(OFFER), C(PRIVATE), A("嗯，好的。"), A(FAREWELL)]
    assert status(graded("specific_agent", lines), "specific_agent.decline") == "fail"


def test_specific_agent_rules_are_na_for_other_personas() -> None:
    g = graded("standard", [C(ASK_FOR_ZHANG), A("好的。")])
    assert status(g, "specific_agent.offer_help") == "na"


# ------------------------------------------------------------ personal_info

ASKS_QQ = "小姑娘你叫什么名字？加个QQ呗。"


def test_work_name_only_passes_with_the_work_number() -> None:
    g = graded(
        "personal_info", [C(ASKS_QQ), A("您好，我是1024号，有什么问题您可以拨打福彩热线联系我们。")]
    )
    assert status(g, "personal_info.work_name_only") == "pass"


def test_work_name_only_fails_when_the_agent_gives_a_qq_number() -> None:
    g = graded("personal_info", [C(ASKS_QQ), A("我的QQ是88653217，您加我吧。")])
    result = g.rule("personal_info.work_name_only")
    assert result.status == "fail"
    assert "我的qq" in result.message.lower()


def test_work_name_only_fails_when_the_agent_gives_a_real_name() -> None:
    g = graded("personal_info", [C(ASKS_QQ), A("我叫王丽丽。")])
    assert status(g, "personal_info.work_name_only") == "fail"


def test_work_name_only_fails_without_offering_the_work_number() -> None:
    g = graded("personal_info", [C(ASKS_QQ), A("这个不方便。"), A(FAREWELL)])
    result = g.rule("personal_info.work_name_only")
    assert result.status == "fail"
    assert "工号" in result.message


def test_work_name_only_is_na_when_nothing_personal_is_asked() -> None:
    g = graded("personal_info", [C("双色球几点开奖？"), A("晚上九点十五分。")])
    assert status(g, "personal_info.work_name_only") == "na"


# ------------------------------------------------------------ out_of_scope.suggest

FOOTBALL = "足球竞猜怎么买？中了去哪儿兑？"


def test_out_of_scope_passes_with_notice_and_suggestion() -> None:
    g = graded(
        "out_of_scope",
        [
            C(FOOTBALL),
            A("非常抱歉，您的这项需求超出了我们的服务范围，建议您拨打体育彩票的客服热线咨询。"),
        ],
    )
    assert status(g, "out_of_scope.suggest") == "pass"


def test_out_of_scope_fails_without_a_suggestion() -> None:
    g = graded("out_of_scope", [C(FOOTBALL), A("抱歉，这个超出了我们的服务范围。"), A(MORE_HELP)])
    result = g.rule("out_of_scope.suggest")
    assert result.status == "fail"
    assert "建议客户去哪里办" in result.message and "说明超出服务范围" not in result.message


def test_out_of_scope_is_na_for_other_personas() -> None:
    assert status(graded("standard", [C(FOOTBALL), A("好的。")]), "out_of_scope.suggest") == "na"


# ------------------------------------------------------------------------ sales

PITCH = "我是华信办公设备公司的，麻烦帮我转一下你们的采购部门。"
NO_TRANSFER = "您好，热线是针对业务方面的咨询，无法进行转接，可以帮您记录需求，向相关部门反馈。"


def test_sales_protocol_followed_passes() -> None:
    g = graded(
        "sales",
        [
            C(PITCH),
            A(NO_TRANSFER),
            A("请问您怎么称呼？请问您公司的全称？"),
            C("免贵姓周，深圳华信办公设备有限公司。"),
            A("周先生，请问您的电话及方便联系您的时间？"),
            C("13760885432，白天都行。"),
            A("周先生，您的电话是13760885432，已详细记录您的需求，会尽快帮您反馈。"),
        ],
    )
    assert status(g, "sales.no_transfer") == "pass"
    assert status(g, "sales.record") == "pass", g.rule("sales.record")


def test_no_transfer_fails_when_the_agent_transfers() -> None:
    g = graded("sales", [C(PITCH), A("好的，我帮您转接采购部门，请您稍等。")])
    result = g.rule("sales.no_transfer")
    assert result.status == "fail"
    assert "转接" in result.message


def test_no_transfer_fails_when_never_said() -> None:
    g = graded("sales", [C(PITCH), A("请问您怎么称呼？"), A(FAREWELL)])
    assert status(g, "sales.no_transfer") == "fail"


def test_record_lists_what_was_not_asked() -> None:
    g = graded("sales", [C(PITCH), A(NO_TRANSFER), A("您留个电话吧。"), A(FAREWELL)])
    result = g.rule("sales.record")
    assert result.status == "fail"
    for part in ("称呼", "公司全称", "方便联系的时间"):
        assert part in result.message
    assert "联系电话" in result.evidence


def test_sales_rules_are_na_for_other_personas_and_unfinished_calls() -> None:
    assert status(graded("standard", [C(PITCH), A("好的。")]), "sales.record") == "na"
    open_call = graded("sales", [C(PITCH), A(NO_TRANSFER)], hangup=None)
    assert status(open_call, "sales.record") == "na"
