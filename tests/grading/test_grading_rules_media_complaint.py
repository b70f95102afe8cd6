"""The media protocol (media.*) and the complaint protocol (complaint.*)."""

from __future__ import annotations

import pytest

from tests.grading.grading_builder import FAREWELL, MORE_HELP, OPENING, CallBuilder, call, status

QUESTION = "我是晨报记者，听说你们昨天出了系统故障，导致很多人没法兑奖，是真的吗？"
HANDOFF = (
    "您的查询会有专人负责，请您留下您的联系电话、单位名称和方便联系的时间，"
    "我们的同事会尽快与您联系的。"
)
READBACK = "好的，我和您核实一下，您的电话是13912345678，我们的同事会尽快与您联系。"
MEDIA_RULES = ("media.no_comment", "media.handoff", "media.contact")


def media_call(*replies: str, hangup: bool = True) -> CallBuilder:
    b = (
        call(persona="media")
        .rings(1)
        .answer(1.0)
        .agent(1.5, 5.0, OPENING)
        .caller(6.0, 10.0, QUESTION)
    )
    t = 11.0
    for reply in replies:
        b.agent(t, t + 4.0, reply)
        b.caller(t + 5.0, t + 7.0, "我的电话是13912345678，晨报，下午都方便。")
        t += 8.0
    b.agent(t, t + 2.0, MORE_HELP).agent(t + 3.0, t + 5.0, FAREWELL)
    if hangup:
        b.hangup(t + 7.0)
    return b


def test_the_media_protocol_followed_passes() -> None:
    g = media_call(HANDOFF, READBACK).grade()
    for rule_id in (*MEDIA_RULES, "confirm.readback"):
        assert status(g, rule_id) == "pass", g.rule(rule_id)


def test_media_rules_na_for_other_personas() -> None:
    b = media_call(HANDOFF)
    b.header["persona"] = "standard"
    g = b.grade()
    for rule_id in MEDIA_RULES:
        assert status(g, rule_id) == "na"


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("是的，确实出了一点问题。", "确认"),
        ("不是的，没有这回事。", "否认"),
        ("我觉得很快就能恢复。", "看法"),
        ("受影响的大概有三千多人。", "数字"),
        ("那是因为服务器在升级。", "原因"),
        ("关于昨天系统故障很多人没法兑奖的事情，" + HANDOFF, "复述"),
    ],
)
def test_any_statement_on_the_subject_fails_no_comment(reply: str, kind: str) -> None:
    result = media_call(reply, HANDOFF).grade().rule("media.no_comment")
    assert result.status == "fail"
    assert kind in result.message
    assert result.at == 11.0
    assert "专人负责" in result.standard


@pytest.mark.parametrize(
    ("reply", "kind"),
    [
        ("据我了解，应该是机房的空调坏了。", "看法"),
        ("抢修队去了两拨人，十几分钟就处理好了。", "数字"),
        ("我们确认兑奖系统已经恢复了。", "确认"),
        ("那个说法不成立，跟我们的系统没关系。", "否认"),
        ("说实话，这种情况在行业里也不少见。", "看法"),
        ("网点周二就全部重新开门了。", "数字"),
        # No word of any list: the catalog's understanding of a comment (media_comment).
        ("出事的员工已经被停职了。", "事实"),
    ],
)
def test_a_comment_in_other_words_fails_no_comment(reply: str, kind: str) -> None:
    result = media_call(reply, HANDOFF).grade().rule("media.no_comment")
    assert result.status == "fail", result
    assert kind in result.message


@pytest.mark.parametrize(
    "reply",
    [
        # Declining: not knowing or not being allowed to say is no denial or confirmation.
        "具体情况我这边没有掌握，不能乱说。" + HANDOFF,
        "这个我没法确认，也没法否认，一切以官方发布为准。" + HANDOFF,
        "我个人的看法代表不了单位，这个问题会有专人答复您。",
        # The line and the words heard, not the event.
        "抱歉，可能是线路的问题，您那边一直断断续续听不清。" + HANDOFF,
        "电话尾号后四位我没听清，麻烦您再说一遍。",
        # Naming the subject to hand it on; the agent's own numbers.
        "关于网上传闻的问题，我们公司会有专门的部门来回应您。",
        "关于网上的传闻，您的查询会有专人负责，我们的同事会尽快与您联系的。",
        "我的工号是2046，" + HANDOFF,
        "请问还有其他需要没有？" + HANDOFF,
    ],
)
def test_declining_the_line_and_the_handoff_are_not_comments(reply: str) -> None:
    g = media_call(reply).grade()
    assert status(g, "media.no_comment") == "pass", g.rule("media.no_comment")


def test_courtesy_and_time_frames_are_not_comments() -> None:
    polite = "非常抱歉，这个问题我没法回答您。" + HANDOFF
    g = media_call("好的。" + HANDOFF, "我们的同事会在24小时内与您联系。").grade()
    assert status(g, "media.no_comment") == "pass", g.rule("media.no_comment")
    assert status(media_call(polite).grade(), "media.no_comment") == "pass"


def test_missing_handoff_fails() -> None:
    result = media_call("请您留下您的联系电话、单位名称和方便联系的时间。").grade()
    assert status(result, "media.handoff") == "fail"
    assert status(result, "media.contact") == "pass"


def test_contact_needs_all_three() -> None:
    result = media_call("您的查询会有专人负责，请您留下联系电话。").grade().rule("media.contact")
    assert result.status == "fail"
    assert "单位名称" in result.message and "方便联系的时间" in result.message
    assert "联系电话" in result.evidence


def test_media_na_for_an_unfinished_recording() -> None:
    from simulator.grading import grade

    g = grade(call(persona="media").rings(1).answer(1.0).agent(1.5, 5.0, OPENING).build())
    for rule_id in MEDIA_RULES:
        assert g.rule(rule_id).status == "na"


COMPLAINT = "你们热线怎么那么难打通，我等了半个小时！"
APOLOGY = "非常抱歉，让您久等了，您先别着急。"
INVITE = "您的心情我非常理解，您方便把事情的经过向我描述一下么？"
RECORD = (
    "我们很重视您所描述的情况，我一定会详细记录下来提交给相关的负责人进行核查，"
    "我们会在24小时内给您答复。"
)
COMPLAINT_RULES = (
    "complaint.apology",
    "complaint.empathy",
    "complaint.record",
    "complaint.commitment",
)


def angry_call(*replies: str, opener: str = COMPLAINT) -> CallBuilder:
    b = call(persona="angry").rings(1).answer(1.0).agent(1.5, 5.0, OPENING).caller(6.0, 9.0, opener)
    t = 10.0
    for reply in replies:
        b.agent(t, t + 4.0, reply)
        b.caller(t + 5.0, t + 7.0, "就是刚才，态度太差了。")
        t += 8.0
    return b.agent(t, t + 2.0, MORE_HELP).agent(t + 3.0, t + 5.0, FAREWELL).hangup(t + 7.0)


def test_the_complaint_protocol_followed_passes() -> None:
    g = angry_call(APOLOGY, INVITE, RECORD).grade()
    for rule_id in COMPLAINT_RULES:
        assert status(g, rule_id) == "pass", g.rule(rule_id)


def test_complaint_rules_na_for_other_personas() -> None:
    b = angry_call(APOLOGY, INVITE, RECORD)
    b.header["persona"] = "standard"
    g = b.grade()
    for rule_id in COMPLAINT_RULES:
        assert status(g, rule_id) == "na"


def test_apology_must_come_within_two_replies() -> None:
    late = angry_call("您说。", "嗯，我听着。", APOLOGY, INVITE, RECORD).grade()
    result = late.rule("complaint.apology")
    assert result.status == "fail"
    assert result.at == 10.0
    assert "您说" in result.evidence
    assert "抱歉" in result.standard


def test_apology_window_from_scenario() -> None:
    from tests.grading.grading_scenarios import scenario_with

    b = angry_call("您说。", "嗯，我听着。", APOLOGY, INVITE, RECORD)
    three = scenario_with({"complaint.apology": {"params": {"within_replies": 3}}}, persona="angry")
    assert status(b.grade(three), "complaint.apology") == "pass"


def test_complaint_starts_at_the_first_complaining_line() -> None:
    b = (
        call(persona="angry")
        .rings(1)
        .answer(1.0)
        .agent(1.5, 5.0, OPENING)
        .caller(6.0, 7.0, "喂？")
        .agent(8.0, 9.0, "您好，请讲。")
        .caller(10.0, 13.0, "我要投诉你们的工作人员！")
        .agent(14.0, 17.0, "非常抱歉给您添麻烦了。")
        .hangup(30.0)
    )
    assert status(b.grade(), "complaint.apology") == "pass"


def test_missing_empathy_fails() -> None:
    g = angry_call("非常抱歉。", "您方便把事情的经过向我描述一下么？", RECORD).grade()
    result = g.rule("complaint.empathy")
    assert result.status == "fail"
    assert "理解" in result.standard


def test_record_needs_invitation_and_recording() -> None:
    g = angry_call(APOLOGY, "您的心情我非常理解。", RECORD).grade()
    result = g.rule("complaint.record")
    assert result.status == "fail"
    assert "描述经过" in result.message
    g = angry_call(APOLOGY, INVITE, "我们会在24小时内给您答复。").grade()
    assert "记录" in g.rule("complaint.record").message


@pytest.mark.parametrize(
    "reply",
    [
        "我们会在两个工作日内给您回复。",
        "明天下午三点前给您回电。",
        "我们会在二十四小时内与您联系。",
    ],
)
def test_concrete_commitments_pass(reply: str) -> None:
    g = angry_call(APOLOGY, INVITE, "我已经详细记录下来了。" + reply).grade()
    assert status(g, "complaint.commitment") == "pass", g.rule("complaint.commitment")


def test_vague_commitment_fails() -> None:
    g = angry_call(APOLOGY, INVITE, "我已经详细记录下来了，我们会尽快给您答复。").grade()
    result = g.rule("complaint.commitment")
    assert result.status == "fail"
    assert "尽快" in result.message
    assert result.standard


def test_a_bare_yes_naming_the_cause_is_a_comment_to_the_press() -> None:
    """「是系统故障」 to 「是不是系统出了故障」 confirms it, in the catalog's words."""
    from tests.grading.grading_builder import call

    g = (
        call(persona="media")
        .rings(1)
        .answer(1.0)
        .agent(1.5, 5.0, "您好，欢迎致电福彩热线，1024号为您服务，请问有什么可以帮您？")
        .caller(6.0, 9.0, "我是晨报记者，是不是系统出了故障？")
        .agent(10.0, 12.0, "张先生，是系统故障。具体情况还是请专人跟您联系。")
        .hangup(20.0, "caller")
        .grade()
    )
    result = g.rule("media.no_comment")
    assert result.status == "fail"
    assert "是系统故障" in result.message


@pytest.mark.parametrize(
    "readback",
    [
        # The read-back is one sentence; the closing after it is another.
        "好的，跟您核对一下：晨报，电话13912345678，下午都方便，对吗？我们同事会按您说的时间联系您。",
        "跟您核对一下：晨报，下午都方便，对吗？请问还有其他需要吗？",
    ],
)
def test_a_read_back_followed_by_more_words_is_no_comment(readback: str) -> None:
    g = media_call(HANDOFF, readback).grade()
    assert status(g, "media.no_comment") == "pass", g.rule("media.no_comment")


def test_a_comment_after_a_read_back_still_fails() -> None:
    said = "跟您核对一下：晨报，下午都方便，对吗？其实就是系统升级导致的。"
    g = media_call(HANDOFF, said).grade()
    assert status(g, "media.no_comment") == "fail"


def test_a_denial_to_the_press_fails_once() -> None:
    # The same words deny a customer's problem in other calls (forbidden.phrases), but to a
    # journalist they are a comment: media.no_comment fails, the forbidden rule does not.
    g = media_call("不存在什么内幕，就是正常的人事调整。", HANDOFF).grade()
    assert status(g, "media.no_comment") == "fail"
    assert status(g, "forbidden.phrases") == "pass", g.rule("forbidden.phrases")


def test_a_blame_to_the_press_fails_once() -> None:
    g = media_call("这事跟我们公司没关系，是隔壁工地把管子挖断的。", HANDOFF).grade()
    assert status(g, "media.no_comment") == "fail"
    assert status(g, "forbidden.phrases") == "pass", g.rule("forbidden.phrases")


def test_a_push_off_to_a_customer_is_forbidden() -> None:
    g = angry_call("这事跟我们公司没关系，你找工地去。", opener="你们把我家水管弄坏了！").grade()
    assert status(g, "forbidden.phrases") == "fail"


def test_a_denial_to_a_customer_is_forbidden() -> None:
    g = angry_call("不存在多扣的情况，系统不会错的。", opener="你们是不是多扣了我的钱？").grade()
    assert status(g, "forbidden.phrases") == "fail"


@pytest.mark.parametrize(
    ("reply", "comments"),
    [
        ("受影响的网点有十几个，下午都恢复了。", True),
        ("据我了解，应该是机房的空调坏了。", True),
        ("具体情况我这边没有掌握，一切以官方发布为准。", False),
        ("您的查询会有专人负责，请您留下联系电话。", False),
    ],
)
def test_the_journalist_hears_a_comment_as_the_grade_does(reply: str, comments: bool) -> None:
    """`catalog: [media_comment]` in a journalist's branch is what media.no_comment fails."""
    from simulator.engine import default_reply_matcher
    from simulator.engine.matching import COMMENT_GROUP
    from simulator.scenario.models import Reaction
    from simulator.standards import press

    assert COMMENT_GROUP == press.COMMENT_GROUP

    reaction = Reaction(catalog=["media_comment"], goto="got_comment")
    assert default_reply_matcher().matches(reply, reaction) is comments
    failed = media_call(reply).grade().rule("media.no_comment").status == "fail"
    assert failed is comments


@pytest.mark.parametrize(
    "reply",
    ["用户信息泄露的事我这边答不上来，实在抱歉。", "这事儿吧，您得问我们头儿，我可说不好。"],
)
def test_not_knowing_is_no_brush_off_to_a_journalist(reply: str) -> None:
    g = media_call(reply, HANDOFF).grade()
    assert status(g, "forbidden.phrases") == "pass", g.rule("forbidden.phrases")
    assert status(g, "media.no_comment") == "pass", g.rule("media.no_comment")


@pytest.mark.parametrize("reply", ["不清楚。", "不知道，你问别人去。"])
def test_a_bare_or_rude_decline_to_a_journalist_is_still_one(reply: str) -> None:
    g = media_call(reply, HANDOFF).grade()
    assert status(g, "forbidden.phrases") == "fail", g.rule("forbidden.phrases")


def test_not_knowing_is_still_a_brush_off_to_a_customer() -> None:
    g = angry_call("这事我这边答不上来，实在抱歉。").grade()
    assert status(g, "forbidden.phrases") == "fail", g.rule("forbidden.phrases")


@pytest.mark.parametrize(
    "reply",
    [
        "听我们师傅讲，是吊车的钢索断了。",
        "当事人已经离职了。",
        "裁员？没有没有，我们今年还在招人呢。",
        "死亡人数不能说，不过伤员都送到医院了，人都没事。",
    ],
)
def test_hearsay_where_things_stand_and_a_slip_after_declining_are_comments(reply: str) -> None:
    g = media_call(reply, HANDOFF).grade()
    assert status(g, "media.no_comment") == "fail", g.rule("media.no_comment")
