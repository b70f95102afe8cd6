"""Caller text rewritten for espeak-ng: numbers, phone digits and punctuation read naturally."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.voice.caller.text import normalize_for_speech, read_integer


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("我的电话是13812345678", "我的电话是幺三八幺二三四五六七八"),
        ("请拨打400-820-8820", "请拨打四零零，八二零，八八二零"),
        ("０１０－１２３４５６７８", "零幺零，幺二三四五六七八"),
        ("12345热线打不通", "幺二三四五热线打不通"),
        ("工号1024的同志", "工号幺零二四的同志"),
        ("尾号0931", "尾号零九三幺"),
        ("2024年3月5日", "二零二四年三月五日"),
        ("2024-03-05交的费", "二零二四年三月五日交的费"),
        ("10:30之前", "十点三十分之前"),
        ("10:05", "十点零五分"),
        ("一共¥199.5", "一共一百九十九点五元"),
        ("涨了50%", "涨了百分之五十"),
        ("3.5公斤", "三点五公斤"),
        ("等了2个小时", "等了两个小时"),
        ("3-5天", "三到五天"),
        ("10000元", "一万元"),
        ("200块", "两百块"),
        ("第1次", "第一次"),
        ("明天见, 行吗?", "明天见，行吗？"),
        ("我...我不知道——算了", "我……我不知道，算了"),
    ],
)
def test_numbers_and_punctuation_are_rewritten_as_a_caller_says_them(
    text: str, spoken: str
) -> None:
    assert normalize_for_speech(text) == spoken


@pytest.mark.parametrize(
    ("number", "said"),
    [
        (0, "零"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (2000, "两千"),
        (10005, "一万零五"),
        (110000, "十一万"),
        (100000005, "一亿零五"),
        (120000000, "一亿二千万"),
    ],
)
def test_integers_read_as_chinese_numbers(number: int, said: str) -> None:
    assert read_integer(number) == said


def test_plain_chinese_is_left_alone() -> None:
    text = "我已经打了三次电话了，你们到底有没有人管？"
    assert normalize_for_speech(text) == text


@given(st.text(max_size=80))
def test_any_text_normalizes_without_digits_left(text: str) -> None:
    spoken = normalize_for_speech(text)
    assert not any("0" <= ch <= "9" for ch in spoken)


@given(st.integers(min_value=0, max_value=10**16 - 1))
def test_every_integer_reads_with_only_number_characters(number: int) -> None:
    assert set(read_integer(number)) <= set("零一二两三四五六七八九十百千万亿")
