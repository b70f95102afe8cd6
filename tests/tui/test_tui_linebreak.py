"""Chinese line breaking: a line may break between any two hanzi, never before a closing
mark (，。！？、…) nor after an opening one (「（…), and a timestamp stays with its line."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from simulator.terminal.linebreak import CLOSING, OPENING, break_lines

HANZI = st.sampled_from("您好我是福彩热线请问有什么可以帮您的兑奖地点时间")
CLOSE = st.sampled_from("，。！？、；：）」")
OPEN = st.sampled_from("「（")


@st.composite
def sentences(draw: st.DrawFn) -> str:
    """Hanzi with single punctuation marks between them, as Chinese is written."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        kind = draw(st.sampled_from(["hanzi", "hanzi", "hanzi", "close", "open", "latin"]))
        if kind == "close" and parts and parts[-1] not in CLOSING + OPENING:
            parts.append(draw(CLOSE))
        elif kind == "open" and (not parts or parts[-1] not in OPENING):
            parts.append(draw(OPEN))
        elif kind == "latin":
            parts.append(draw(st.sampled_from(["88", "F2", "9:00", "2048 "])))
        else:
            parts.append(draw(HANZI))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(sentences(), st.integers(12, 60))
def test_no_line_starts_with_a_closing_mark_or_ends_with_an_opening_one(
    text: str, width: int
) -> None:
    lines = break_lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert cell_len(line) <= width
    for line in lines[1:]:
        assert line[:1] not in CLOSING
    for line in lines[:-1]:
        assert line[-1:] not in OPENING


def test_a_timestamp_stays_with_the_words_after_it() -> None:
    line = "00:05 客户：您好，我上周六买的双色球中了个二等奖，想问一下去哪里兑奖？"
    lines = break_lines(line, 30)
    assert lines[0].startswith("00:05 客户：您好，")
    assert all(not later.startswith(("，", "？")) for later in lines[1:])


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 23), st.integers(0, 59), st.integers(14, 30))
def test_a_time_or_number_is_never_split_at_its_separator(
    hour: int, minute: int, width: int
) -> None:
    text = f"兑奖时间：工作日 {hour}:{minute:02d}–17:00，金额 3.5 元，共 1,000 张"
    pieces = [f"{hour}:{minute:02d}", "17:00", "3.5", "1,000"]
    lines = break_lines(text, width)
    assert all(any(piece in line for line in lines) for piece in pieces), lines
