"""Arbitrary Unicode never crashes normalization, number and name reading, or matching."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.standards import (
    PhraseMatcher,
    digit_runs,
    normalize,
    surname,
    to_simplified,
)
from simulator.standards.normalize import clauses

# Mostly Chinese call-center text, plus anything Unicode has.
_PIECES = st.sampled_from(
    ["您好", "喂", "请问", "大声一点", "不清楚", "一三八", "幺", "两千", "，", "。", " ", "-",
     "千里", "再见", "我姓", "欧阳", "先生", "{n}", "…", "#", "十", "零"]
)  # fmt: skip
TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=20).map("".join),
)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT)
def test_text_helpers_never_crash(text: str) -> None:
    normalized = normalize(text)
    assert normalize(normalized) == normalized
    assert all(char.isalnum() for char in normalized)
    assert isinstance(to_simplified(text), str)
    assert all(clauses(text))
    assert "".join(clauses(text)) == normalized
    for run in digit_runs(text, 1):
        assert run.isdigit()
    name = surname(text)
    assert name is None or 1 <= len(name) <= 2


@SETTINGS
@given(TEXT, st.lists(TEXT, max_size=3))
def test_matching_never_crashes(matcher: PhraseMatcher, text: str, phrases: list[str]) -> None:
    match = matcher.find(text, phrases)
    if match is not None:
        normalized = normalize(text)
        assert 0 <= match.start <= match.end <= len(normalized)
        assert match.span == normalized[match.start : match.end]
        assert 0 < match.score <= 1
    for group in ("offer_help", "farewell", "commitment", "speak_up"):
        found = matcher.find_group(text, group)
        assert found is None or found.span == normalize(text)[found.start : found.end]
    for hit in matcher.forbidden(text):
        assert hit.span == normalize(text)[hit.start : hit.end]
        assert hit.by in ("exact", "pinyin", "model")
