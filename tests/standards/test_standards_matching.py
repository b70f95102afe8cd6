"""Phrase matching that tolerates speech-recognition errors but keeps phrases apart."""

from __future__ import annotations

import pytest

from simulator.errors import UserError
from simulator.standards import Match, MatchThresholds, PhraseMatcher, default_matcher

# Real recognizer confusions: near-homophones, dropped or swapped characters.
ASR_PAIRS = [
    ("千里大声一点", "请您大声一点"),
    ("请问有什么可以帮你", "请问有什么可以帮您"),
    ("请问有什么可以邦您", "请问有什么可以帮您"),
    ("请问还有什么可以帮到你", "请问还有什么可以帮到您"),
    ("感谢您的耐心等代", "感谢您的耐心等待"),
    ("感谢您的来电祝您生活愉快在见", "感谢您的来电，祝您生活愉快，再见"),
    ("请稍后", "请稍候"),
    ("您的心情我非常理戒", "您的心情我非常理解"),
    ("请问您能听到我的生音吗", "请问您能听到我的声音吗"),
    ("您方便把事情的经过向我描术一下吗", "您方便把事情的经过向我描述一下么"),
    ("请您留下您的连系电话", "请您留下您的联系电话"),
    ("我们的同时会尽快与您联系", "我们的同事会尽快与您联系"),
    ("非常报歉我这边听不清楚", "非常抱歉，我这边听不清楚"),
    ("您好很高兴为您服物", "很高兴为您服务"),
    ("请您讲普通化好吗", "请您讲普通话，好吗"),
    ("很抱欠给您带来不便", "很抱歉给您带来不便"),
    ("請您稍等", "请您稍等"),
    ("请问还有什么可以帮您的吗", "请问还有什么可以帮您"),
    ("感谢您的耐心等候关于您的问题", "感谢您的耐心等待"),
]

# Near but different: sharing words, but not the same phrase.
NEAR_MISSES = [
    ("请问您贵姓", "请问还有什么可以帮您"),
    ("我这边听不清楚", "我不清楚"),
    ("感谢您的耐心等待", "感谢您的来电"),
    ("请问有什么可以帮您", "请问还有什么可以帮您"),
    ("您好欢迎致电福彩热线请问有什么可以帮您", "请问还有什么可以帮您"),
    ("请您稍等", "请您大声一点"),
    ("节日快乐", "周末快乐"),
    ("祝您生日快乐", "节日快乐"),
    ("我们会尽快处理", "我们会尽快与您联系"),
    ("您的问题我已经记录下来了", "您的心情我非常理解"),
    ("请您留下您的姓名", "请您留下您的联系电话"),
    ("请您换个话题", "请您换部电话"),
    ("请问您能听懂我说的吗", "请问您能听到我的声音吗"),
    ("我帮您查询一下", "我帮您转接一下"),
    ("您好请讲", "您好请问有什么可以帮您"),
]


@pytest.mark.parametrize(("heard", "phrase"), ASR_PAIRS)
def test_recognition_errors_still_match(matcher: PhraseMatcher, heard: str, phrase: str) -> None:
    match = matcher.find(heard, [phrase])
    assert match is not None, (heard, phrase)
    assert match.phrase == phrase
    assert 0 < match.score <= 1


@pytest.mark.parametrize(("said", "phrase"), NEAR_MISSES)
def test_different_phrases_do_not_match(matcher: PhraseMatcher, said: str, phrase: str) -> None:
    assert matcher.find(said, [phrase]) is None


def test_match_fields(matcher: PhraseMatcher) -> None:
    match = matcher.find("您好，請問有什麼可以幫您？", ["请问有什么可以帮您"])
    assert match == Match("请问有什么可以帮您", "请问有什么可以帮您", 1.0, "exact", 2, 11)
    phrase, span, score, by, start, end = match
    assert (phrase, span, score, by, start, end) == tuple(match)

    by_sound = matcher.find("请问有什么可以邦您", ["请问有什么可以帮您"])
    assert by_sound is not None and by_sound.by == "pinyin" and by_sound.score == 1.0

    fuzzy = matcher.find("好的，千里大声一点", ["请您大声一点"])
    assert fuzzy is not None and fuzzy.by == "pinyin" and fuzzy.score < 1
    assert (fuzzy.span, fuzzy.start, fuzzy.end) == ("千里大声一点", 2, 8)


def test_best_of_several_phrases(matcher: PhraseMatcher) -> None:
    match = matcher.find("感谢您的来电，再见", ["再见", "感谢您的来电"])
    assert match is not None and match.phrase == "感谢您的来电"
    assert matcher.find("好的", ["再见", "感谢您的来电"]) is None
    assert matcher.find("任何话", []) is None


def test_short_phrases_never_match_fuzzily(matcher: PhraseMatcher) -> None:
    assert matcher.find("再见", ["再见"]) is not None
    assert matcher.find("在建", ["再见"]) is not None  # the same sound: exact by pinyin
    assert matcher.find("再看", ["再见"]) is None
    assert matcher.find("你好", ["您好"]) is None
    assert matcher.find("抱歉", ["报歉"]) is not None
    assert matcher.find("包含", ["抱歉"]) is None


def test_thresholds_are_tunable(catalog) -> None:
    strict = PhraseMatcher(catalog, MatchThresholds(char=0.99, pinyin=0.99))
    assert strict.find("千里大声一点", ["请您大声一点"]) is None
    lenient = PhraseMatcher(catalog, MatchThresholds(min_length=2, pinyin=0.5))
    assert lenient.find("再看", ["再见"]) is not None


def test_a_move_may_have_its_own_credit_and_veto_limits(catalog) -> None:
    """The learned model's credit and veto limits can differ per move: a move the model
    credits alone loses the credit above its own limit, and a pattern match is overruled
    below its own veto limit; other moves keep the common limits."""
    model = default_matcher().learned
    chat = "我平时下了班就去健身。"
    assert model is not None
    score = model.score(chat, "agree_to_chat")
    common = PhraseMatcher(catalog, learned=model)
    found = common.find_group(chat, "agree_to_chat")
    assert found is not None and found.by == "model"
    stricter = MatchThresholds(learned_intent_for={"agree_to_chat": score + 0.5})
    assert PhraseMatcher(catalog, stricter, learned=model).find_group(chat, "agree_to_chat") is None
    prompt = "请问有人在吗？"
    pattern = common.find_group(prompt, "silent_prompt")
    assert pattern is not None and pattern.by != "model"
    surer = MatchThresholds(
        learned_veto_for={"silent_prompt": 50.0}, learned_intent_for={"silent_prompt": 50.0}
    )
    overruled = PhraseMatcher(catalog, surer, learned=model)
    assert overruled.find_group(prompt, "silent_prompt") is None
    assert overruled.find_group(chat, "agree_to_chat") is not None


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("您好，欢迎致电福彩热线，1024号为您服务", "glad_to_serve"),
        ("您好，请问有什么可以帮你", "offer_help"),
        ("您好！中国移动，很高兴为您服务！", "glad_to_serve"),
        ("您好，新年好！", "holiday_wish"),
        ("您好，周末快乐！", "weekend_wish"),
        ("王先生，这个问题需要帮您核实一下，请您不要挂机好吗？", "hold_request"),
        ("请稍后", "hold_request"),
        ("感谢您的耐心等待，已经帮您核实了", "hold_thanks"),
        ("不客气，请问还有什么可以帮到您？", "more_help"),
        ("请问您还有其他方面的咨询吗", "more_help"),
        ("感谢您的来电，祝您生活愉快，再见！", "farewell"),
        ("好的，感谢您的来电，欢迎您再次拨打福彩热线，先生再见！", "farewell"),
        ("好的，谢谢您的来电，那就先这样，再见", "farewell"),
        ("请问您能听到我的声音吗？", "silent_prompt"),
        ("抱歉，由于电话线路问题，我这里听不到您的声音，请您换部电话或者稍后来电", "line_notice"),
        (
            "先生，很抱歉，这里是业务咨询的热线，请问有什么业务方面的问题可以帮到您？",
            "offtopic_redirect",
        ),
        ("如果您没有业务方面的咨询，系统将在三秒内主动挂断您的电话，再见", "offtopic_end"),
        ("您的查询会有专人负责", "media_handoff"),
        ("请您留下您的联系电话、单位名称和方便联系的时间", "media_contact"),
        ("您先不要着急，您方便把事情的经过向我描述一下么？", "complaint_invite"),
        ("我一定会详细记录下来提交给相关的负责人进行核查的", "complaint_recorded"),
        ("我们会在二十四小时内给您答复", "commitment"),
        ("三个工作日内给您回复", "commitment"),
        ("我再和您核实下，您的账号是一二三四五", "readback"),
        ("非常抱歉，我这边听不清楚，请您大声一点，好吗？", "speak_up"),
        ("不好意思，麻烦您讲普通话，好吗？", "ask_mandarin"),
        ("您好，这里是客服中心，请您查证后再拨。", "wrong_number"),
        ("对不起，这不在本公司的服务范围内", "out_of_scope"),
        ("不客气，这是我们应该做的", "praise_reply"),
        ("抱歉，您所提供的信息和我们这里的不符，请您查实后再来电！", "verify_mismatch"),
        ("请您留下您的联系电话，我们会尽快联系您", "callback_request"),
        ("您的心情我非常理解", "empathy"),
        ("很抱歉给您带来不便", "apology"),
    ],
)
def test_groups_match_their_phrases(matcher: PhraseMatcher, text: str, group: str) -> None:
    match = matcher.find_group(text, group)
    assert match is not None, (text, group)
    catalog_group = matcher.catalog.group(group)
    assert match.phrase in (*catalog_group.texts, *catalog_group.patterns)


@pytest.mark.parametrize(
    ("text", "group"),
    [
        ("您好，欢迎致电福彩热线，请问有什么可以帮您？", "more_help"),
        ("请问有什么可以帮您", "more_help"),
        ("感谢您的耐心等待", "thanks_for_calling"),
        ("感谢您的耐心等待", "farewell"),
        ("感谢您的来电", "farewell"),
        ("再见", "farewell"),
        ("我们会在几个小时内给您答复", "commitment"),
        ("我们会尽快给您答复", "commitment"),
        ("请问您贵姓", "more_help"),
        ("你好", "greeting"),
        ("您好", "holiday_wish"),
        ("祝您生日快乐", "holiday_wish"),
    ],
)
def test_groups_reject_other_phrases(matcher: PhraseMatcher, text: str, group: str) -> None:
    assert matcher.find_group(text, group) is None


def test_number_placeholder_spans_the_number(matcher: PhraseMatcher) -> None:
    match = matcher.find_group("我们会在二十四小时内给您答复的", "commitment")
    assert match is not None
    assert "二十四小时内" in match.span
    assert match.span == "我们会在二十四小时内给您答复"[match.start : match.end]
    assert matcher.find("我是1024号", ["我是{n}号"]) is not None
    assert matcher.find("我是号", ["我是{n}号"]) is None


def test_gap_phrase_needs_its_parts_in_order(matcher: PhraseMatcher) -> None:
    assert matcher.find("感谢您的来电，祝您愉快，再见", ["感谢您的来电…再见"]) is not None
    assert matcher.find("再见，感谢您的来电", ["感谢您的来电…再见"]) is None
    match = matcher.find("好的，感谢您的来电，再见", ["感谢您的来电…再见"])
    assert match is not None and match.span == "感谢您的来电再见"


def test_unknown_group_is_a_user_error(matcher: PhraseMatcher) -> None:
    with pytest.raises(UserError, match="no_such_group"):
        matcher.find_group("您好", "no_such_group")


def test_results_are_cached_and_stable(matcher: PhraseMatcher) -> None:
    first = matcher.find_group("千里大声一点", "speak_up")
    assert first is not None
    assert matcher.find_group("千里大声一点", "speak_up") is first
    hits = matcher.forbidden("我不清楚")
    hits.clear()  # callers get their own list
    assert len(matcher.forbidden("我不清楚")) == 1


def test_default_matcher_is_shared() -> None:
    assert default_matcher() is default_matcher()
    assert default_matcher().find_group("您好", "greeting") is not None


@pytest.mark.parametrize(
    ("said", "phrase"),
    [
        # One character of eight differs, and it is the one that turns the meaning round.
        ("异地医保备案在我们的服务范围内", "不在我们的服务范围内"),
        ("这个要求我们可以办，在我们的服务范围里", "不在我们的服务范围内"),
        ("我们能够帮助到您的", "我们无法帮助到您的"),
        ("我不能马上为您办理", "我能马上为您办理"),
    ],
)
def test_approximate_match_keeps_the_negation(
    matcher: PhraseMatcher, said: str, phrase: str
) -> None:
    assert matcher.find(said, [phrase]) is None


def test_a_misheard_negation_still_counts(matcher: PhraseMatcher) -> None:
    # The recognizer wrote 部 for 不: the same syllable, the negation was said.
    assert matcher.find("这部在我们的服务范围内", ["这不在我们的服务范围内"]) is not None
    assert matcher.find("这部在我们的服务范围里", ["这不在我们的服务范围内"]) is not None
