"""digit_runs: numbers in Arabic or Chinese numerals, read digit by digit or positionally."""

from __future__ import annotations

import pytest

from simulator.standards import digit_runs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我的电话是一三八一二三四五六七八", ["13812345678"]),
        ("我的电话是138-1234-5678", ["13812345678"]),
        ("号码：１３８ １２３４ ５６７８。", ["13812345678"]),
        ("幺三八，一二三四", ["138", "1234"]),
        ("幺三八 一二三四 五六七八", ["13812345678"]),
        ("卡号六二二二零二〇〇", ["62220200"]),
        ("壹贰叁肆伍", ["12345"]),
        ("兩千零二十六年", ["2026"]),
        ("一三八1234五六七八", ["13812345678"]),
        ("138 - 1234 - 5678", ["13812345678"]),
        ("我们会在二十四小时内给您答复", ["24"]),
        ("三个工作日，十五天，一百零五，一百五", ["3", "15", "105", "150"]),
        ("两个人", ["2"]),
        ("没有数字", []),
        ("", []),
    ],
)
def test_digit_runs(text: str, expected: list[str]) -> None:
    assert digit_runs(text) == expected


def test_min_digits_drops_short_numbers() -> None:
    text = "请您稍等一下，我的卡号是六二二二 八四八八 零零一二，谢谢"
    assert digit_runs(text, 5) == ["622284880012"]
    assert digit_runs("一下、一点、一遍", 5) == []


def test_digit_reading_and_arabic_agree() -> None:
    spoken = digit_runs("幺三九 零零零零 幺幺幺幺", 5)
    written = digit_runs("139-0000-1111", 5)
    assert spoken == written == ["13900001111"]


def test_separate_numbers_stay_separate() -> None:
    assert digit_runs("138和139", 1) == ["138", "139"]
    # A joiner only joins numerals: a trailing dash is not part of the number.
    assert digit_runs("编号12-", 1) == ["12"]
