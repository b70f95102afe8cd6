"""A move said in a forbidden phrase's own words is the brush-off, not the move; and the
wording a group's exceptions name is not the move, whoever (pattern or model) would credit it."""

from __future__ import annotations

import numpy as np
import pytest

from simulator.standards import Catalog, PhraseMatcher
from simulator.standards.learned import SIZE, LearnedModel


@pytest.mark.parametrize(
    ("rude", "polite", "group"),
    [
        ("你再说一遍！", "不好意思，麻烦您再说一遍，好吗？", "repeat_request"),
        ("说普通话！", "不好意思，请您讲普通话，好吗？", "ask_mandarin"),
        ("用普通话讲！", "大爷，咱们说普通话行不，我听着费劲。", "ask_mandarin"),
        ("把手机号报过来。", "麻烦您留一个联系电话，好吗？", "ask_phone"),
        (
            "你打错了，看清楚号码再打。",
            "您好，这里是福彩热线，您可能打错了，请您查证后再拨。",
            "wrong_number",
        ),
    ],
)
def test_the_rude_version_is_flagged_and_not_credited(
    matcher: PhraseMatcher, rude: str, polite: str, group: str
) -> None:
    assert matcher.forbidden(rude)
    assert matcher.find_group(rude, group) is None
    assert matcher.forbidden(polite) == []
    assert matcher.find_group(polite, group) is not None


@pytest.mark.parametrize("rude", ["你等会儿，别挂。", "你等着，我帮你查查去。"])
def test_the_familys_rude_version_in_the_sentence_is_the_move_made_rudely(
    matcher: PhraseMatcher, rude: str
) -> None:
    # rude_command names hold_request among its standard moves: the 「别挂」 or 「我帮你查」
    # beside 「你等着」 is how the caller was held, rudely.
    assert matcher.forbidden(rude)
    assert matcher.find_group(rude, "hold_request") is None
    assert matcher.find_group("请您稍等，别挂机，我帮您查一下。", "hold_request") is not None


@pytest.mark.parametrize(
    ("rude", "group"),
    [
        ("你到底办不办，不办我就挂了。", "offtopic_end"),
        ("喂，说话啊，不说我挂了。", "offtopic_end"),
        ("等着，别挂。", "hold_request"),
        ("再说一遍！", "repeat_request"),
        ("你讲的什么话，听不懂，说普通话！", "ask_mandarin"),
    ],
)
def test_impatience_rude_prompts_and_orders_make_their_moves_rudely(
    matcher: PhraseMatcher, rude: str, group: str
) -> None:
    assert matcher.forbidden(rude)
    assert matcher.find_group(rude, group) is None


def test_a_politely_worded_move_stands_beside_a_brush_off(matcher: PhraseMatcher) -> None:
    line = "请您稍等，着什么急呀，系统又不是我家的。"
    assert matcher.forbidden(line)
    assert matcher.find_group(line, "hold_request") is not None


def test_a_rude_hold_in_another_sentence_leaves_the_polite_one(matcher: PhraseMatcher) -> None:
    line = "请您稍等，我帮您查一下。你等着啊。"
    assert matcher.forbidden(line)
    assert matcher.find_group(line, "hold_request") is not None


def test_a_brush_off_elsewhere_in_the_line_leaves_the_move(matcher: PhraseMatcher) -> None:
    line = "感谢您的来电，这么简单的事都要问三遍，您也是不容易，再见。"
    assert matcher.forbidden(line)
    assert matcher.find_group(line, "farewell") is not None


def _leaning(group: str, catalog: Catalog) -> LearnedModel:
    """A model that credits `group` on every line (log-odds 5) and flags nothing."""
    targets = ["forbidden", group]
    weights = np.zeros((SIZE, 2), dtype=np.float32)
    return LearnedModel(targets, weights, np.array([-9.0, 5.0], dtype=np.float32))


def test_exceptions_bar_the_models_credit(catalog: Catalog) -> None:
    matcher = PhraseMatcher(catalog, learned=_leaning("repeat_request", catalog))
    assert matcher.find_group("嗯这个那个一下子呢", "repeat_request") is not None
    # The agent repeats (an exception of the group), the caller is not asked to.
    assert matcher.find_group("我再给您重复一遍地址", "repeat_request") is None


@pytest.mark.parametrize(
    "handed_on",
    [
        "我们宣传部的同事会尽快与您联系。",
        "负责的同事会在两小时内给您答复。",
        "主管明天上午会跟您回话。",
        # Whoever else it is, with or without 在 before the time it takes.
        "承办部门三个工作日内会给您回电。",
        "门诊部会在二十四小时内给您回电话说明处理结果。",
        "一般五个工作日内会有人给您回电话。",
        "负责的同事半小时内会给您打电话说明结果。",
    ],
)
def test_someone_else_getting_back_bars_the_models_callback_credit(
    catalog: Catalog, handed_on: str
) -> None:
    # Someone else contacting, replying or calling is a hand-on (media_handoff), not the
    # agent's own callback, in whichever verb; the agent's own stays one.
    matcher = PhraseMatcher(catalog, learned=_leaning("callback_request", catalog))
    assert matcher.find_group(handed_on, "callback_request") is None
    assert matcher.find_group("我问清楚以后尽快与您联系。", "callback_request") is not None


def test_exceptions_bar_the_model_by_words_not_by_sound(catalog: Catalog) -> None:
    # 「什么业务」 sounds like an exception's 「什么…也」: the model's credit stands.
    matcher = PhraseMatcher(catalog, learned=_leaning("offer_help", catalog))
    assert matcher.find_group("请问需要我帮您办理什么业务？", "offer_help") is not None


@pytest.mark.parametrize(
    ("bare", "answered"),
    [
        ("这个我也不知道怎么回事。", "这个我也不知道怎么回事，您能详细说说吗？"),
        ("这事我可办不了。", "这事我可办不了，您可以到营业厅申请一下。"),
    ],
)
def test_the_models_no_answer_verdict_yields_to_the_answer_given(
    matcher: PhraseMatcher, bare: str, answered: str
) -> None:
    hits = matcher.forbidden(bare)
    assert [hit.by for hit in hits] == ["model"]
    assert matcher.forbidden(answered) == []


@pytest.mark.parametrize(
    "text", ["谢谢您的配合，再见。", "感谢您对供电工作的支持，再见！", "好的，谢谢您，再见。"]
)
def test_thanks_for_something_else_is_no_thanks_for_the_call(
    matcher: PhraseMatcher, text: str
) -> None:
    # farewell and thanks_for_calling need the call named, for the model too.
    assert matcher.find_group(text, "thanks_for_calling") is None
    assert matcher.find_group(text, "farewell") is None
    assert matcher.find_group("谢谢您打12366，再见。", "farewell") is not None
