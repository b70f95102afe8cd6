"""Normalization: Traditional → Simplified, width folding, punctuation and spaces removed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.standards import normalize, to_simplified
from simulator.standards.normalize import clauses, said


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("您好，請問有什麼可以幫您？", "您好请问有什么可以帮您"),
        ("感謝您的來電，再見！", "感谢您的来电再见"),
        ("ＡＴＥＮ宏正，您好！", "aten宏正您好"),
        ("１３８－１２３４", "1381234"),
        ("  请您 稍等 ", "请您稍等"),
        ("“您好”——（欢迎）《致电》…", "您好欢迎致电"),
        ("Hello, World! 你好", "helloworld你好"),
        ("😀您好🎉", "您好"),
        ("", ""),
        ("，。！？", ""),
    ],
)
def test_normalize(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_to_simplified_keeps_simplified_text_and_converts_traditional() -> None:
    assert to_simplified("请问有什么可以帮您") == "请问有什么可以帮您"
    assert to_simplified("請問有什麼可以幫您") == "请问有什么可以帮您"
    # Phrase-level conversions (not only character by character).
    assert to_simplified("一目瞭然，回覆") == "一目了然，回复"
    # Punctuation survives to_simplified; only normalize removes it.
    assert to_simplified("您好，歡迎！") == "您好，欢迎！"


def test_fullwidth_and_halfwidth_compare_equal() -> None:
    assert normalize("ＥＴＣ客服中心") == normalize("ETC客服中心") == "etc客服中心"


def test_clauses_split_at_punctuation_and_spaces() -> None:
    assert clauses("喂，說話呀！ 再不说话") == ("喂", "说话呀", "再不说话")
    assert clauses("喂……喂") == ("喂", "喂")
    assert clauses("，，") == ()
    assert "".join(clauses("您好，请问有什么可以帮您？")) == normalize("您好，请问有什么可以帮您？")


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("您好，請问我們這個不归管！？ AbC１２3。、「」"), max_size=30),
    st.data(),
)
def test_said_gives_the_words_behind_a_normalized_span(text: str, data: st.DataObject) -> None:
    normalized = normalize(text)
    if not normalized:
        return
    start = data.draw(st.integers(0, len(normalized) - 1))
    end = data.draw(st.integers(start + 1, len(normalized)))
    words = said(text, start, end)
    assert normalize(words) == normalized[start:end]
    assert words in text


def test_said_keeps_the_punctuation_inside_a_span() -> None:
    text = "刚才不是跟您说过了吗，您怎么还问？"
    start = normalize(text).index("跟您")
    assert said(text, start, start + 9) == "跟您说过了吗，您怎么"
