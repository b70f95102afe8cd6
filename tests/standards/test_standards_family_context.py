"""Forbidden families in context: the same words are a brush-off or a standard move
depending on what surrounds them."""

from __future__ import annotations

import pytest

from simulator.standards import PhraseMatcher


@pytest.mark.parametrize(
    "text",
    [
        "李先生，我念一遍，一三八零零一三八零零零，没错吧？",
        "您的号码是13800138000，对吧？",
        "好的，身份证尾号是四三二一，是吗？",
    ],
)
def test_a_tag_question_after_a_number_read_back_is_a_check(
    matcher: PhraseMatcher, text: str
) -> None:
    assert matcher.find_group(text, "readback") is not None
    assert matcher.forbidden(text) == []


def flags(matcher: PhraseMatcher, text: str, family: str) -> bool:
    return family in {hit.family for hit in matcher.forbidden(text)}


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("这回您听明白了没有？", True),
        ("您还听得懂吧？", True),
        ("您懂了没？", True),
        ("请问我刚才的解释您是否明白？", False),
        ("如果您有不明白的地方可以随时问我。", False),
        ("您听得到我说话吗？", False),
    ],
)
def test_nin_does_not_make_did_you_understand_polite(
    matcher: PhraseMatcher, text: str, rude: bool
) -> None:
    assert flags(matcher, text, "competence") is rude


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("说实话我这边也没什么办法，投注站的事情不归咱们热线处理的。", True),
        ("不好意思，这个不归我们管。", True),
        ("很抱歉，这个问题不归我们热线处理，我把负责部门的电话告诉您：12345。", False),
        ("这不是我们热线负责的，您可以拨打12315反映。", False),
    ],
)
def test_whose_job_it_is_not_needs_somewhere_to_go(
    matcher: PhraseMatcher, text: str, rude: bool
) -> None:
    assert flags(matcher, text, "not_my_job") is rude


@pytest.mark.parametrize(
    ("text", "comment"),
    [
        ("张先生，是系统故障。", True),
        ("对，是设备的问题。", True),
        ("对，是系统自动扣的月租。", False),
        ("是的，您的电话是13812345678。", False),
    ],
)
def test_a_bare_yes_naming_the_cause_is_a_comment_to_the_press(
    matcher: PhraseMatcher, text: str, comment: bool
) -> None:
    assert (matcher.find_group(text, "media_comment") is not None) is comment


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("真是不好意思，让您跑了三趟还受了气，换了谁都会窝火的。", "empathy"),
        ("搁谁身上都着急。", "empathy"),
        ("谢谢您关心，我们上班还好，不算太累。", "agree_to_chat"),
    ],
)
def test_everyday_wording_of_a_move(matcher: PhraseMatcher, text: str, group: str) -> None:
    assert matcher.find_group(text, group) is not None


def test_opening_hours_are_no_personal_answer(matcher: PhraseMatcher) -> None:
    assert matcher.find_group("我们工作时间是早九点到晚五点。", "agree_to_chat") is None


@pytest.mark.parametrize(
    ("text", "family", "rude"),
    [
        # Saying whose job it is, with where to go, or with nothing.
        ("这个咱们燃气公司管不了，得找自来水公司，他们的电话是96116。", "not_my_job", False),
        ("这个我们管不了。", "not_my_job", True),
        # "I don't know", then a next step (someone who knows, where it will be) or nothing.
        ("不好意思，这个问题我不太清楚，我请我们的值班经理来跟您说。", "ignorance", False),
        ("实在抱歉，具体数字我不清楚，您以官方通报为准好吗？", "ignorance", False),
        ("具体伤了几个人我不清楚，但都没有生命危险。", "ignorance", False),
        ("这个我不清楚。", "ignorance", True),
        # A bare 「没办法」 against one that goes on to offer something.
        ("没办法，这个规定是全省统一的，不过我可以给您解释一下。", "flat_refusal", False),
        ("没办法。", "flat_refusal", True),
        ("高峰期的规定是市里定的，我们这边改不了，您可以错开时间出门。", "flat_refusal", False),
        ("驾校的电话我这边不清楚，您可以在地图软件上搜一下。", "ignorance", False),
        # Closing hours told with when to call again.
        ("现在是非工作时间，已经下班了，请您明天早上九点后再来电。", "impatience", False),
        # Reassurance that a slip is common.
        ("没关系，这个不怪您，很多人都会弄错的。", "competence", False),
        ("这你都能弄错？", "competence", True),
        # A read-back ending 对吧 dares nothing.
        ("我跟您核对一下，您是都市晨报的张记者，对吧？", "taunt", False),
        ("你找记者去吧。", "taunt", True),
    ],
)
def test_a_next_step_or_a_reason_makes_the_words_polite(
    matcher: PhraseMatcher, text: str, family: str, rude: bool
) -> None:
    assert bool(matcher.forbidden(text)) is rude
    if rude:
        assert family in {hit.family for hit in matcher.forbidden(text)}


@pytest.mark.parametrize(
    "text",
    [
        "您提到的那种有完没完的催收短信，我们已经给您停发了。",
        "您说的那个“不归我管”是哪位工作人员说的？我记录一下。",
    ],
)
def test_the_callers_words_quoted_are_not_said_to_them(matcher: PhraseMatcher, text: str) -> None:
    assert matcher.forbidden(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "您刚才说一接通就只听到“喂？喂？”然后就断了，是吗？",
        "不好意思，刚才那声「喂」是我旁边的同事，您请接着说。",
        "您说前台跟您讲“有本事你就去投诉”，这个我一定反映上去。",
    ],
)
def test_words_in_quotation_marks_are_named_not_said(matcher: PhraseMatcher, text: str) -> None:
    assert matcher.forbidden(text) == []


@pytest.mark.parametrize(
    ("text", "quoted", "group"),
    [
        (
            "那条“抱歉，系统维护中”的提示是网页弹出来的，不是您电脑的问题。",
            "抱歉，系统维护中",
            "apology",
        ),
        (
            "语音里那句“请稍候，正在为您转接”说明已经在排队了。",
            "请稍候，正在为您转接",
            "hold_request",
        ),
        ("短信里的「节日快乐」是系统群发的。", "节日快乐", "holiday_wish"),
    ],
)
def test_a_move_in_quotation_marks_is_named_not_made(
    matcher: PhraseMatcher, text: str, quoted: str, group: str
) -> None:
    assert matcher.find_group(text, group) is None
    assert matcher.find_group(quoted, group) is not None


def test_a_line_typed_as_one_quotation_is_still_said(matcher: PhraseMatcher) -> None:
    assert flags(matcher, "“喂？”", "rude_prompt")
    assert flags(matcher, "喂，说话呀", "rude_prompt")


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        ("您是说窗口说这事不归他们管，是吗？我先帮您确认是哪个科室负责。", False),
        ("上次跟您说了不归我们管", True),
        ("检测都合格了，你说有问题那是你的事。", True),
    ],
)
def test_a_brush_off_someone_else_said_reported_back_is_not_the_agents(
    matcher: PhraseMatcher, text: str, rude: bool
) -> None:
    assert bool(matcher.forbidden(text)) is rude


def test_a_match_by_sound_alone_needs_the_model_to_hear_a_brush_off(catalog) -> None:
    # 「概率都一样」 sounds like the dare 「录…都一样」; the words are about a lottery draw.
    chance = "您说的幸运号码，这个我真没办法帮您算，摇奖是随机的，每个号码出的概率都一样。"
    with_model = PhraseMatcher(catalog)
    without_model = PhraseMatcher(catalog, use_learned=False)
    assert with_model.forbidden(chance) == []
    assert [hit.by for hit in without_model.forbidden(chance)] == ["pinyin"]
    # A real brush-off with a slip in it is still found by sound.
    assert [hit.by for hit in with_model.forbidden("你怎么这么啰嗦啊。")] == ["pinyin"]


def test_an_exception_said_word_for_word_bars_the_model_in_its_clause(
    matcher: PhraseMatcher,
) -> None:
    families = matcher._detector.families
    forms = matcher.forms("谁也不敢说自己不会错，您把账单发过来。")
    assert families.excused_between("infallible", forms, 0, 9)
    assert not families.excused_between("infallible", forms, 10, 17)
    assert not families.excused_between("taunt", forms, 0, 9)
    # By sound alone it bars nothing: 「供水」 sounds like 「谁」 in an exception of competence.
    sound = matcher.forms("啥时候恢复供水不知道")
    assert not families.excused_between("competence", sound, 0, 10)


@pytest.mark.parametrize(
    ("text", "family", "rude"),
    [
        ("不会错的。", "infallible", True),
        ("系统不会错的", "infallible", True),
        ("您按短信里的链接操作就不会错。", "infallible", False),
        ("我复述一遍：收件人张女士，电话尾号三八二六，这样肯定不会错。", "infallible", False),
        ("谁也不敢说自己不会错，您反映的问题我已经记下了。", "infallible", False),
        ("为了确保没出错，我把您的预约信息再说一遍。", "infallible", False),
        ("我要下班了，你明天再打吧", "impatience", True),
        ("快下班了，不过您的事我一定办完再走，您别着急。", "impatience", False),
        ("理赔专员已经下班了，我把您的材料转给他，明天他第一个给您回电。", "flat_refusal", False),
        ("你拿笔记一下", "rude_command", True),
        ("我把办理地址再说一遍，您方便的话拿笔记一下。", "rude_command", False),
        ("您那边方便拿笔吗？", "rude_command", False),
        ("你没文化吧", "insult", True),
        ("您说的是文化路和建设路路口那个工地，对吗？", "insult", False),
        ("有意见写意见簿去", "taunt", True),
        ("投诉渠道有三个：热线、官网留言、现场意见簿，您看哪个方便？", "taunt", False),
        ("你去法院告啊", "taunt", True),
        ("建议您去法院起诉，或者到司法所申请人民调解。", "taunt", False),
        ("就这样吧", "flat_refusal", True),
        ("行，那就这样。", "flat_refusal", False),
        ("喂，说话呀", "rude_prompt", True),
        ("您能不能听见我说话呀？听得见的话您应一声就好。", "rude_prompt", False),
        ("这件事我做不了主，需要请示一下我们领导，请您稍等。", "not_my_job", False),
        ("这件事不会再让您去找别的部门了，我负责跟到底。", "not_my_job", False),
        ("这个我真不知道，不敢瞎说，我去问问懂行的同事。", "ignorance", False),
        # Granted for argument, asked either way, denied, or said with what will be done.
        ("就算你投诉也没用", "taunt", True),
        ("您放心，就算不归我们管，我们也会帮您对接到位。", "not_my_job", False),
        ("这件事归不归我们管我先查一下，请您稍等。", "not_my_job", False),
        ("不归我们管", "not_my_job", True),
        ("网上传明天停水，这个确实有，不是没有的事，影响三个小区。", "infallible", False),
        ("您也不用觉得是您搞错了，这个界面很多人都会点错。", "infallible", False),
        ("这个事我一个人管不了，但我会上报，让能管的人来处理。", "not_my_job", False),
        ("我管不了", "not_my_job", True),
        ("如果你听不懂就找个懂的来", "competence", True),
        ("快点说", "impatience", True),
        ("网页慢的话，您换个浏览器会快点。", "impatience", False),
        ("好，我说快点：您只要带身份证和户口本就行。", "impatience", False),
        ("理赔流程我说明白了吗？", "competence", False),
        ("如果有不明白的地方您随时问我。", "competence", False),
        ("你别说话，听我讲。", "rude_command", True),
        ("不存在超卖这回事。", "infallible", True),
        ("您放心，这个套餐不存在任何隐藏收费。", "infallible", False),
        ("我们的流程没有任何问题。", "infallible", True),
        ("我刚才说得有点快，不知道您听明白了没有？", "competence", False),
        ("您听懂了没有呀？没懂的话我再讲一遍，不着急的。", "competence", False),
        ("这没什么丢人的，很多老人家都不会用手机支付，我教您。", "competence", False),
        ("别担心，孩子的这个情况医生见得多了，一般三天就能退烧。", "taunt", False),
        ("不太清楚，您稍等。", "ignorance", False),
        # A pattern does not start inside a word (特别闹心 holds no 别闹); a laugh calls
        # nobody; sympathy with the caller's worry or age; the agent ending the call.
        ("您这会儿肯定特别闹心吧。", "impatience", False),
        ("你别闹了", "impatience", True),
        ("燃气停了，孩子们等着吃饭，家里人肯定急死了。", "impatience", False),
        ("我都急死了，你快点说", "impatience", True),
        ("真是难为您了，这么大岁数还要来回跑。", "insult", False),
        ("这么大岁数还不会用手机", "insult", True),
        ("嘿嘿，这个呀，不告诉您。", "rude_prompt", False),
        ("嘿！", "rude_prompt", True),
        ("您好，麻烦您出个声，让我知道您还在。", "rude_prompt", False),
        ("你出个声", "rude_prompt", True),
        ("您要是没事，我就不占用线路了，先挂了哈。", "rude_command", False),
        ("先挂了，半小时后再打。", "rude_command", True),
        # A word inside another (中午休息 holds 午休), a choice offered, whose it is when it
        # is ours, calling in later, the way to the person asked for.
        ("您一般中午休息的时候方便接电话吗？", "flat_refusal", False),
        ("我们午休了，你下午再打。", "flat_refusal", True),
        ("回访电话您希望是上午打还是下午打？", "flat_refusal", False),
        ("这事归我们管，您慢慢说。", "not_my_job", False),
        ("这事归物业管。", "not_my_job", True),
        ("号码不想留也没关系，回头您自己打进来查就行。", "not_my_job", False),
        ("您要找的李医生今天在三楼门诊，您可以直接过去找他。", "not_my_job", False),
        ("你回去找他吧。", "not_my_job", True),
        # The agent's own pace, an offer of a pen, the caller's own repetition, a polite
        # hurry with its reason.
        ("不好意思，刚才我说太快了，我慢一点说。", "rude_command", False),
        ("你给我说慢点！", "rude_command", True),
        ("您要不要拿笔记一下？地址有点长。", "rude_command", False),
        ("您赶时间的话，那我长话短说。", "impatience", False),
        ("您说了好几遍确实辛苦了，是我们之前没处理好。", "impatience", False),
        ("麻烦您稍微快一点报验证码，它五分钟就失效。", "impatience", False),
        ("你快一点报！", "impatience", True),
        # Someone else made to send it; talk for its own sake.
        ("我去催厂家，让他们尽快把零件发过来。", "rude_command", False),
        ("你把单子发过来。", "rude_command", True),
        ("老人家就是想找个人说说话呀。", "rude_prompt", False),
    ],
)
def test_look_alikes_of_brush_offs(
    matcher: PhraseMatcher, text: str, family: str, rude: bool
) -> None:
    assert flags(matcher, text, family) is rude


def test_the_models_evidence_is_the_agents_own_words(matcher: PhraseMatcher) -> None:
    # The clearest clause reports what the courier said; the brush-off is the agent's own.
    hits = matcher.forbidden("快递员说给你打过电话了，你自己没接，怪谁？")
    assert hits and all("快递员说" not in hit.text for hit in hits)
    # Someone else's rude words, quoted to agree they were wrong, carry no verdict.
    assert matcher.forbidden("那位护士说“看不了就别看”？这个话确实不应该。") == []
