"""`--since` and the result filters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from simulator.errors import UserError
from simulator.store.filters import ResultFilter, Since, parse_since

NOW = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "span"),
    [("2h", 2 * 3600), ("30m", 1800), ("7d", 7 * 86400), ("1.5h", 5400), ("3天", 3 * 86400)],
)
def test_relative(text: str, span: float) -> None:
    since = parse_since(text)
    assert since.span == timedelta(seconds=span)
    assert since.resolve(NOW) == NOW - timedelta(seconds=span)


def test_absolute_dates() -> None:
    aware = parse_since("2026-11-20T09:00+08:00")
    assert aware.at == datetime(2026, 11, 20, 1, 0, tzinfo=UTC)
    naive = parse_since("2026-11-20")
    assert naive.at is not None and naive.at.tzinfo is not None
    today = parse_since("today", now=NOW)
    assert today.at is not None and today.at <= NOW
    assert parse_since(None) == Since() and parse_since("  ").resolve(NOW) is None


def test_nonsense_is_a_user_error() -> None:
    with pytest.raises(UserError, match="无法理解的时间"):
        parse_since("last tuesday")


def test_describe() -> None:
    since = Since(span=timedelta(hours=2), text="2h")
    text = ResultFilter(class_name="一班", mode="exam", since=since).describe()
    assert text == "班级 一班 · 考试 · 自 2h"
    assert ResultFilter().describe() == "全部班级 · 练习+考试"
