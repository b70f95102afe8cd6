"""Library rules for things settled after the call: callback.*, complaint.colleague,
complaint.contact, complaint.own_fault, supervisor.*."""

from __future__ import annotations

from tests.grading.grading_builder import FAREWELL, MORE_HELP, status
from tests.grading.grading_library_dialog import A, C, graded

TAX = "我中奖扣了两千四百块税，能给我个明细吗？"
LATER = "您的这个问题我需要进一步确认后才能回复您，请您留下您的联系电话，好吗？"
PROMISE = "我们会在24小时内有专人和您联系。"


# ------------------------------------------------------------------------ callback


def test_callback_protocol_followed_passes() -> None:
    g = graded("callback", [C(TAX), A(LATER), C("我电话13838201177。"), A(PROMISE)])
    for rule_id in ("callback.record", "callback.time", "callback.contact"):
        assert status(g, rule_id) == "pass", g.rule(rule_id)


def test_callback_fails_when_the_caller_is_told_to_call_again() -> None:
    g = graded("callback", [C(TAX), A("您过两天再打来问问吧。"), A(FAREWELL)])
    assert g.rule("callback.record").status == "fail"
    time = g.rule("callback.time")
    assert time.status == "fail"
    assert "再打来" in time.evidence
    assert "24小时" in time.standard
    assert g.rule("callback.contact").status == "fail"


def test_callback_time_fails_a_vague_promise() -> None:
    g = graded("callback", [C(TAX), A(LATER), C("13838201177。"), A("我们会尽快联系您。")])
    assert status(g, "callback.time") == "fail"
    assert status(g, "callback.contact") == "pass"


def test_callback_rules_are_na_while_unfinished_and_for_other_personas() -> None:
    open_call = graded("callback", [C(TAX), A("好的。")], hangup=None)
    for rule_id in ("callback.record", "callback.time", "callback.contact"):
        assert status(open_call, rule_id) == "na"
    assert status(graded("standard", [C(TAX), A("好的。")]), "callback.time") == "na"


# ---------------------------------------------------------------- complaint.colleague

COLLEAGUE = "我要投诉你们一个工作人员！昨天接我电话的那个男的态度特别差。"
SORRY_DETAILS = (
    "很抱歉，我们服务不周给您添麻烦了，请您谅解并将详细情况告诉我，以便我们改进及处理，好吗？"
)
RECORDED = "您反映的情况我已经详细记录下来，会提交给当班组长处理。请您留下您的联系电话，好吗？"


def test_colleague_complaint_handled_passes() -> None:
    g = graded("complaint", [C(COLLEAGUE), A(SORRY_DETAILS), C("他说了一遍就挂了。"), A(RECORDED)])
    assert status(g, "complaint.colleague") == "pass"
    assert status(g, "complaint.contact") == "pass"
    assert status(g, "complaint.own_fault") == "na"


def test_colleague_complaint_fails_when_the_agent_defends_the_colleague() -> None:
    g = graded(
        "complaint",
        [C(COLLEAGUE), A("我们的同事应该不会这样的。"), A("我会跟他说的。"), A(FAREWELL)],
    )
    result = g.rule("complaint.colleague")
    assert result.status == "fail"
    for part in ("致歉", "请客户讲清经过", "说明已记录并提交处理"):
        assert part in result.message
    contact = g.rule("complaint.contact")
    assert contact.status == "fail"


def test_colleague_rules_are_na_for_other_complaints() -> None:
    g = graded("complaint", [C("你们的收费太贵了！"), A("非常抱歉给您添麻烦了。")])
    assert status(g, "complaint.colleague") == "na"
    assert status(g, "complaint.contact") == "na"


# ---------------------------------------------------------------- complaint.own_fault

BLAME = "刚才就是你接的我电话！你刚才告诉我换卡不要钱，结果网点收了我五十块！"
OWN = "很抱歉我的服务给您带来不好的体验，感谢您的及时提醒，我再帮您重新核实下这个问题，好吗？"


def test_own_fault_passes_with_acknowledgement_and_recheck() -> None:
    g = graded("complaint", [C(BLAME), A(OWN)])
    assert status(g, "complaint.own_fault") == "pass"


def test_own_fault_passes_across_two_replies() -> None:
    lines: list[A | C] = [
        C(BLAME),
        A("非常感谢您指出我的不足。"),
        A("我再帮您重新核实一下，好吗？"),
    ]
    assert status(graded("complaint", lines), "complaint.own_fault") == "pass"


def test_own_fault_fails_when_the_agent_blames_the_branch() -> None:
    g = graded("complaint", [C(BLAME), A("收工本费是网点的规定。"), A("我说的是一般情况。")])
    result = g.rule("complaint.own_fault")
    assert result.status == "fail"
    assert "认错并感谢指正" in result.message and "提出重新核实" in result.message


def test_own_fault_fails_when_the_acknowledgement_comes_too_late() -> None:
    lines: list[A | C] = [C(BLAME), A("您说。"), A("嗯。"), A(OWN)]
    assert status(graded("complaint", lines), "complaint.own_fault") == "fail"


def test_own_fault_is_na_when_the_agent_is_not_blamed() -> None:
    assert (
        status(graded("complaint", [C(COLLEAGUE), A(SORRY_DETAILS)]), "complaint.own_fault") == "na"
    )


# ----------------------------------------------------------------------- supervisor

BOSS = "道歉有什么用？把你们领导叫来！我要找你们主管！"
SINCERE = (
    "很抱歉让您失望了，我诚恳的向您道歉。"
    "请问您是否方便留下您的联系电话，我会请相关人员稍后回复您的，好吗？"
)


def test_supervisor_protocol_followed_passes() -> None:
    g = graded("supervisor", [C(BOSS), A(SINCERE)])
    assert status(g, "supervisor.apology") == "pass"
    assert status(g, "supervisor.callback") == "pass"


def test_supervisor_callback_accepts_a_person_and_a_follow_up() -> None:
    lines: list[A | C] = [
        C(BOSS),
        A("非常抱歉。请您留下联系电话，我们的负责人会在2小时内给您回电。"),
    ]
    assert status(graded("supervisor", lines), "supervisor.callback") == "pass"


def test_supervisor_rules_fail_a_refusal() -> None:
    g = graded("supervisor", [C(BOSS), A("领导现在很忙。"), A("退款都是一样的流程。"), A(FAREWELL)])
    apology = g.rule("supervisor.apology")
    assert apology.status == "fail"
    assert "前 2 句" in apology.message
    callback = g.rule("supervisor.callback")
    assert callback.status == "fail"
    assert "请客户留下联系电话" in callback.message


def test_supervisor_callback_fails_with_only_a_phone_request() -> None:
    lines: list[A | C] = [C(BOSS), A("非常抱歉，请您留下联系电话。"), A(MORE_HELP)]
    result = graded("supervisor", lines).rule("supervisor.callback")
    assert result.status == "fail"
    assert result.message.endswith("说明相关人员会回复")


def test_supervisor_rules_are_na_without_a_demand() -> None:
    g = graded("supervisor", [C("我的退款怎么还没到？"), A("非常抱歉，我帮您查一下。")])
    assert status(g, "supervisor.apology") == "na"
    assert status(g, "supervisor.callback") == "na"
