"""Numbers in speech: phone and account numbers as digit strings, however they were written.

Callers read numbers digit by digit (「幺三八，一二三四……」); recognizers write them in
Arabic or Chinese numerals, with spaces or dashes between groups. `digit_runs` turns each
number into its digits so the grader can check that the agent read it back.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simulator.standards.normalize import fold

_DIGITS: dict[str, int] = {str(d): d for d in range(10)}
for _value, _chars in enumerate(("零〇○洞", "一壹幺", "二贰两", "三叁", "四肆", "五伍", "六陆",
                                "七柒", "八捌", "九玖")):  # fmt: skip
    for _char in _chars:
        _DIGITS[_char] = _value
_UNITS: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_ZEROS = frozenset("零〇○洞0")
# Inside a number only: the gaps between digit groups (「138-1234-5678」, 「一三八 一二三四」).
_JOINERS = frozenset(" \t\u3000-‐‑‒–—")
_MAX_JOINERS = 3


def is_numeral(char: str) -> bool:
    """Whether `char` is a digit or a Chinese numeral (units 十百千 included)."""
    return char in _DIGITS or char in _UNITS


def _positional(chars: str) -> str | None:
    """「两千零二十六」 → "2026"; None unless `chars` is a well-formed positional number."""
    total = 0
    digit: int | None = None
    last_unit = 10**9
    zero_gap = False
    for char in chars:
        unit = _UNITS.get(char)
        if unit is not None:
            if unit >= last_unit:
                return None
            if digit is None and not (unit == 10 and total == 0):
                return None
            total += (1 if digit is None else digit) * unit
            digit, last_unit, zero_gap = None, unit, False
        elif char in _ZEROS and digit is None:
            zero_gap = True
        elif digit is None:
            digit = _DIGITS[char]
        else:
            return None
    if digit is not None:
        # 「一百五」 is 150; 「一百零五」 is 105.
        scale = last_unit // 10 if last_unit < 10**9 and not zero_gap else 1
        total += digit * max(scale, 1)
    return str(total)


def _digits(chars: str) -> str:
    if any(char in _UNITS for char in chars):
        positional = _positional(chars)
        if positional is not None:
            return positional
    return "".join(str(_DIGITS[char]) for char in chars if char in _DIGITS)


def numeral_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of numerals in `text`, joiners not allowed."""
    spans: list[tuple[int, int]] = []
    start: int | None = None
    for index, char in enumerate(text):
        if is_numeral(char):
            if start is None:
                start = index
        elif start is not None:
            spans.append((start, index))
            start = None
    if start is not None:
        spans.append((start, len(text)))
    return spans


_NUMERAL_CLASS = "[" + re.escape("".join(_DIGITS) + "".join(_UNITS)) + "]"
_JOINER_CLASS = "[" + re.escape("".join(_JOINERS)) + "]"
_RUN = re.compile(f"{_NUMERAL_CLASS}(?:{_JOINER_CLASS}{{0,{_MAX_JOINERS}}}{_NUMERAL_CLASS})*")
_JOINER = re.compile(_JOINER_CLASS)


@lru_cache(maxsize=16384)
def _runs(text: str) -> tuple[str, ...]:
    folded = fold(text)
    runs = (_JOINER.sub("", found.group()) for found in _RUN.finditer(folded))
    return tuple(digits for digits in map(_digits, runs) if digits)


def digit_runs(text: str, min_digits: int = 1) -> list[str]:
    """Every number in `text` as a string of digits, in order; shorter ones dropped.

    Arabic and Chinese numerals mix freely (一/壹/幺 = 1, 二/贰/两 = 2, 零/〇 = 0 …);
    up to three spaces or dashes between digit groups keep them one number, so
    「一三八一二三四五六七八」 and 「138-1234-5678」 both give "13812345678". A run with
    units (「二十四」, 「两千零二十六」) is read as a positional number: "24", "2026".
    """
    return [run for run in _runs(text) if len(run) >= min_digits]
