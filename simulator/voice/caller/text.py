"""Caller text as espeak-ng should read it: numbers, phone digits and punctuation.

espeak-ng's Mandarin voice reads "13812345678" as one huge number (十三亿…), "3.5" as
"三 五", "50%" half in English, and ignores ASCII commas between hanzi. Callers say phone
numbers digit by digit (1 as 幺), years digit by digit, amounts and counts as numbers, so
the text is rewritten into hanzi before synthesis. Pure string work, no audio imports.
"""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_PHONE_DIGITS = "零幺二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
_BIG_UNITS = ("", "万", "亿", "万亿")

# Words after which digits are a code read one by one (工号 1024, 尾号 0931, 12345 热线).
_CODE_WORDS = (
    "号码|电话|手机|座机|分机|热线|工号|编号|单号|订单|账号|帐号|卡号|尾号|验证码|"
    "身份证|车牌|房间号|邮编|快递单"
)
# Measure words before which a lone 2 is 两 (2个 → 两个), not 二.
_LIANG_BEFORE = "个位次天块件张份台条名种本岁周趟遍辆家"

_FULLWIDTH = str.maketrans("０１２３４５６７８９％：．－", "0123456789%:.-")
_ASCII_PUNCT = str.maketrans({",": "，", "!": "！", "?": "？", ";": "；", ":": "："})

_PHONE = re.compile(r"(?<![\d.])\+?\d(?:[\d\- ]*\d)?(?![\d.%])")
_CODE = re.compile(rf"({_CODE_WORDS})(是|为|:|：)?(\s*)(\d+)")
_CODE_AFTER = re.compile(r"(\d+)(?=\s*(?:热线|专线|分机))")
_DATE = re.compile(r"(?<![\d.])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d.])")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?=年)")
_TIME = re.compile(r"(?<![\d.])(\d{1,2}):(\d{2})(?![\d.])")
_MONEY = re.compile(r"[¥￥](\d+(?:\.\d+)?)")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_DECIMAL = re.compile(r"(?<![\d.])(\d+)\.(\d+)(?![\d.])")
_RANGE = re.compile(r"(?<![\d.])(\d{1,6})\s*[-~～]\s*(\d{1,6})(?![\d.])")
_INTEGER = re.compile(r"\d+")
_DASHES = re.compile(r"[—–]+")
_ELLIPSIS = re.compile(r"\.{3,}|…+")
_SPACES = re.compile(r"\s+")
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def read_digits(digits: str, *, phone: bool = True) -> str:
    """Digits one by one: 1 is 幺 in phone-like codes, 一 in years."""
    table = _PHONE_DIGITS if phone else _DIGITS
    return "".join(table[int(d)] for d in digits if d.isdigit())


def read_integer(number: int) -> str:
    """An integer as said aloud: 10 → 十, 205 → 两百零五, 100000 → 十万."""
    if number == 0:
        return "零"
    if number >= 10**16:
        return read_digits(str(number), phone=False)
    sections: list[int] = []
    while number:
        sections.append(number % 10000)
        number //= 10000
    parts: list[str] = []
    need_zero = False
    for index in range(len(sections) - 1, -1, -1):
        section = sections[index]
        if section == 0:
            need_zero = bool(parts)
            continue
        if parts and (need_zero or section < 1000):
            parts.append("零")
        parts.append(_read_section(section) + _BIG_UNITS[index])
        need_zero = False
    text = "".join(parts)
    if text.startswith("一十"):
        text = text[1:]
    if text.startswith("二") and len(text) > 1 and text[1] in "百千万亿":
        text = "两" + text[1:]
    return text


def _read_section(section: int) -> str:
    out: list[str] = []
    zero = False
    for power in range(3, -1, -1):
        digit = section // 10**power % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[digit] + _SMALL_UNITS[power])
    return "".join(out)


def _phone(match: re.Match[str]) -> str:
    raw = match.group(0)
    digits = sum(ch.isdigit() for ch in raw)
    if digits < 7 and not (raw.startswith("0") and digits > 1):
        return raw
    groups = [g for g in re.split(r"[\- ]+", raw.lstrip("+")) if g]
    return "，".join(read_digits(g) for g in groups)


def _decimal(whole: str, fraction: str) -> str:
    return read_integer(int(whole)) + "点" + read_digits(fraction, phone=False)


def _number(text: str) -> str:
    whole, _, fraction = text.partition(".")
    return _decimal(whole, fraction) if fraction else read_integer(int(whole))


def _time(match: re.Match[str]) -> str:
    hour, minute = int(match.group(1)), int(match.group(2))
    if hour > 24 or minute > 59:
        return match.group(0)
    said = ("两" if hour == 2 else read_integer(hour)) + "点"
    if minute:
        said += ("零" if minute < 10 else "") + read_integer(minute) + "分"
    return said


def _integer(match: re.Match[str]) -> str:
    digits = match.group(0)
    after = match.string[match.end() : match.end() + 1]
    if digits == "2" and after and after in _LIANG_BEFORE:
        return "两"
    return read_integer(int(digits))


def normalize_for_speech(text: str) -> str:
    """Rewrite `text` so espeak-ng's Mandarin voice reads it the way a caller says it."""
    text = text.translate(_FULLWIDTH)
    text = _DATE.sub(lambda m: f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日", text)
    text = _TIME.sub(_time, text)
    text = _CODE.sub(lambda m: m.group(1) + (m.group(2) or "") + read_digits(m.group(4)), text)
    text = _CODE_AFTER.sub(lambda m: read_digits(m.group(1)), text)
    text = _PHONE.sub(_phone, text)
    text = _YEAR.sub(lambda m: read_digits(m.group(1), phone=False), text)
    text = _MONEY.sub(lambda m: _number(m.group(1)) + "元", text)
    text = _PERCENT.sub(lambda m: "百分之" + _number(m.group(1)), text)
    text = _DECIMAL.sub(lambda m: _decimal(m.group(1), m.group(2)), text)
    text = _RANGE.sub(lambda m: read_integer(int(m.group(1))) + "到" + m.group(2), text)
    text = _INTEGER.sub(_integer, text)
    text = _ELLIPSIS.sub("……", text)
    text = _DASHES.sub("，", text)
    text = text.translate(_ASCII_PUNCT)
    text = re.sub(r"(?<=[^\x00-\x7f])\.", "。", text)
    return _SPACES.sub(" ", _CJK_SPACE.sub("", text)).strip()
