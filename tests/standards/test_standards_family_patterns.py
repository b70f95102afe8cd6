"""Forbidden families by pattern alone: brush-offs in wordings no seed list names are
caught by their family's meaning-bearing parts, and polite lines with the same words are not.

The learned model is left out on purpose: these lines must be caught (or let through) by
the families' patterns, whatever the model was trained on.
"""

from __future__ import annotations

import pytest

from simulator.standards import Catalog, PhraseMatcher


@pytest.fixture(scope="module")
def patterns_only(catalog: Catalog) -> PhraseMatcher:
    return PhraseMatcher(catalog, use_learned=False)


def families(matcher: PhraseMatcher, text: str) -> set[str]:
    return {hit.family for hit in matcher.forbidden(text)}


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # Rhetorical questions that doubt the caller.
        ("这个还用问吗？", "competence"),
        ("我是医生还是你是医生？", "competence"),
        ("你连自己的银行卡号都不知道？", "competence"),
        ("上面写着呢，你自己不会看？", "competence"),
        ("你先把问题想清楚了再打过来。", "competence"),
        ("说明书看不懂就别瞎折腾。", "competence"),
        # Blame and push-offs.
        ("谁让您不看清楚就点确认的。", "not_my_job"),
        ("那是房东的事，关我们物业什么事？", "not_my_job"),
        ("找物业去。", "not_my_job"),
        ("跟供电所没关系，是你们装修队弄断的。", "not_my_job"),
        # Taunts.
        ("随便您投诉。", "taunt"),
        ("投诉有什么用，最后还不是转回我们这儿。", "taunt"),
        ("找纪委也没用，还是这个结果。", "taunt"),
        ("要闹就去闹。", "taunt"),
        ("你还想怎么样？", "taunt"),
        # Impatience.
        ("你问完没有？", "impatience"),
        ("别一个劲儿地催，催也没用。", "impatience"),
        ("我这边忙得很，你长话短说。", "impatience"),
        # The line's scope said bare, or with scorn.
        ("我们这边不管这个。", "not_my_job"),
        ("我们可不管这些。", "not_my_job"),
        # Threatening to hang up if the caller goes on.
        ("您再这样我就挂了。", "impatience"),
        ("你再这样骂人，我可就挂电话了。", "impatience"),
        # "The system is never wrong".
        ("电表都是检定过的，不可能不准。", "infallible"),
        ("不用查也知道没错。", "infallible"),
        # Curt refusals with nothing after them.
        ("说破天也办不了。", "flat_refusal"),
        ("没货就是没货。", "flat_refusal"),
        ("这个我没办法的。", "flat_refusal"),
        # Insults.
        ("这么大个人了，连个表格都填不好。", "insult"),
        ("交不起电费就别开空调。", "insult"),
        # Flat "don't know".
        ("天知道什么时候来电。", "ignorance"),
        ("这跟我们公司没关系，你找厂家。", "not_my_job"),
        ("这事儿我一点都不知道。", "ignorance"),
        # Hanging up on a refusal is no polite end of a call; a joke is, mockery is not.
        ("采访？不接受，挂了。", "flat_refusal"),
        ("没有这个业务，挂了。", "flat_refusal"),
        ("笑话！", "insult"),
        ("有本事你去法院告我们啊。", "taunt"),
        ("这又不是你家开的！", "insult"),
    ],
)
def test_a_brush_off_is_caught_by_its_family(
    patterns_only: PhraseMatcher, text: str, family: str
) -> None:
    assert family in families(patterns_only, text), families(patterns_only, text)


@pytest.mark.parametrize(
    "text",
    [
        "没关系，您慢慢说。",
        "您说的情况跟我们这边的记录没关系，我再查一下其他原因。",
        "您不用着急，办理时间还来得及。",
        "如需投诉，可以拨打12345。",
        "如果您对处理结果不满意，可以拨打12345反映，这是您的权利，我们也会配合。",
        "您不会用APP也没关系，我们电话里就能办。",
        "您不明白的话我再解释一遍。",
        "您先想清楚了再打过来也可以。",
        "有什么不清楚的地方，请再来问。",
        "我们这边查到的记录和您说的不一样，我再帮您仔细核对一下。",
        "这位同事已经下班了，我帮您记下来，明天让他联系您。",
        "已经为您登记好了，工作人员会在一个工作日内与您联系。",
        "不管是哪个营业厅办的卡，都可以在我这里查询。",
        "您的遗失物品已经找到了，放在失物招领处，您带上身份证就能领取。",
        "女士，我问一下财务那边，问好了给您回过去。",
        "请问您要提交的是投诉还是建议？",
        "您好，请问您有什么事？",
        "没有单号的话我这边查不了，麻烦您在短信里找一下。",
        "这个我确实不清楚，我帮您转接到信用卡专席，请您不要挂机。",
        "电表一般不会出错，不过为了让您放心，我们可以安排免费校验。",
        "不好意思，是我声音太小了吧，我说大声一点。",
        "唉，我们这活儿挺忙的。您今天打来是要办什么呀？",
        "快递员今天已经下班了，明早第一单给您派。",
        "这事儿我做不了主，但我可以帮您申请一下，结果明天告诉您。",
        "喂养方面的问题您可以挂儿保科。",
        "嗨，过奖了，换谁接这个电话都会这么办的。",
        "您说的那个谁，就是上门的师傅是吧，我查下他的工号。",
        "我们这里不管是白天还是晚上都有人接听。",
        "没空？那我换个时间打给您，您看几点合适？",
        "请您拿笔记一下，我们的邮寄地址是人民路八十八号。",
        "不好意思，麻烦您讲多一次好吗？我这边没听清。",
        "营业厅五点半就下班了，您明天上午再去正好。",
        "哎，折腾了一上午还没弄好，换谁心里都窝火，我理解。",
        "明天上午家里有人吗？师傅十点左右上门。",
        "我们这边只管宽带装机和报修，您家宽带有问题吗？",
        "韩女士，这个我们也在了解。",
        # Out of scope with where to go instead, an end of a call, a joke, a referral.
        "这个我们这边确实管不了，建议您打12345问问。",
        "签证办理我们旅行社目前不提供，您得去领馆问问，对不住啊。",
        "这种私人借贷纠纷我们热线受理不了，建议您咨询律师或者去法院。",
        "那就这样，我挂了哈，拜拜。",
        "好嘛，那我也给您讲个笑话。",
        "好，桂花园小区，登记好了。",
        "不是您家管子坏了，是外面在施工。",
        # The line's scope with where to go instead: the out-of-scope standard.
        "户口的事要到派出所办，我们社保这边不管户籍。",
        "我们这边不负责维修，您可以找物业。",
        # Hanging up announced, or said while doing something again.
        "如果您没有业务方面的问题，我要挂机了，再见。",
        "我们再这样查一下，您先别挂。",
    ],
)
def test_a_polite_line_with_the_same_words_is_not_flagged(
    patterns_only: PhraseMatcher, text: str
) -> None:
    assert not patterns_only.forbidden(text), patterns_only.forbidden(text)


@pytest.mark.parametrize(
    ("text", "rude"),
    [
        # 「能不能」 asks; it does not negate the order after it.
        ("我说你能不能等我说完再问？", True),
        ("你不能等我说完再问。", False),
        # The match may start at the repeated word: 「是不是」 + 「是您操作的问题」.
        ("这个是不是您操作的问题呢？", True),
        ("这不是您操作的问题。", False),
        # 「告诉」 is no dare to sue (「告啊」 is).
        ("我把地址和电话告诉您。这个月您没用完的流量，可以结转。", False),
        ("你去告啊，我不怕。", True),
    ],
)
def test_a_question_pairing_a_word_with_its_negation_is_no_negation(
    patterns_only: PhraseMatcher, text: str, rude: bool
) -> None:
    assert bool(patterns_only.forbidden(text)) is rude


@pytest.mark.parametrize(
    "text",
    [
        # 「号码」 only sounds like 「好吗」 and 「恢复」 like 「回复」: neither excuses.
        "念一下卡背面的号码。",
        "啥时候恢复我也不清楚哦。",
    ],
)
def test_a_homophone_of_a_polite_word_excuses_nothing(
    patterns_only: PhraseMatcher, text: str
) -> None:
    assert patterns_only.forbidden(text)


@pytest.mark.parametrize(
    "text",
    [
        "裁员？没有没有，我们今年还在招人呢。",
        "好的，张记者，您的电话和单位我都记好了，会有专人联系您。",
        "好的，记好了，让您受委屈了，真的很抱歉。",
        "哎，不是，我不是推卸责任，我是说我帮您催一下商家。",
    ],
)
def test_words_of_a_brush_off_inside_another_sentence_are_none(matcher, text: str) -> None:
    # 「人呢」 as someone's object, 「记好了」 as a task done, a lone 「哎」 as a sigh before
    # going on: no silence prompt, no dare, no order, no hail.
    assert matcher.forbidden(text) == [], text


@pytest.mark.parametrize("text", ["人呢？怎么不说话了？", "你去找记者好了。"])
def test_the_brush_offs_themselves_still_are(matcher, text: str) -> None:
    assert matcher.forbidden(text) != [], text
