"""surname(): the caller's surname from how callers give it."""

from __future__ import annotations

import pytest

from simulator.standards import surname


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我姓王", "王"),
        ("免贵姓张，弓长张", "张"),
        ("我是李女士", "李"),
        ("你好，我是王先生，想问一下", "王"),
        ("我是陈小姐", "陈"),
        ("我姓欧阳", "欧阳"),
        ("免貴姓歐陽", "欧阳"),
        ("对，姓诸葛", "诸葛"),
        ("我是司马先生", "司马"),
        ("叫我小刘就行", "刘"),
        ("我叫王小明", "王"),
        ("嗯，我就姓赵", "赵"),
    ],
)
def test_surname_found(text: str, expected: str) -> None:
    assert surname(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "请问您贵姓？",
        "我的姓名是保密的",
        "老百姓都知道",
        "我不姓王",
        "我是记者",
        "我叫车来接我",
        "姓张的那个姑娘态度很差",  # a colleague's surname, not the caller's
        "就是那个姓张的客服",
        "你们热线怎么那么难拨通",
        "",
    ],
)
def test_no_surname(text: str) -> None:
    assert surname(text) is None
