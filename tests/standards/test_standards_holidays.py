"""Statutory holidays (chinesecalendar) and the Friday-evening-to-Saturday weekend window."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from simulator.standards import holiday_name, is_weekend_window


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 2, 17), "春节"),
        (dt.date(2026, 2, 15), "春节"),  # a Sunday inside the Spring Festival break
        (dt.date(2026, 10, 1), "国庆节"),
        (dt.date(2026, 10, 7), "国庆节"),
        (dt.date(2026, 1, 1), "元旦"),
        (dt.date(2026, 9, 25), "中秋节"),
        (dt.datetime(2026, 10, 2, 9, 30), "国庆节"),
    ],
)
def test_statutory_holidays(day: dt.date, expected: str) -> None:
    assert holiday_name(day) == expected


@pytest.mark.parametrize(
    "day",
    [
        dt.date(2026, 3, 10),  # an ordinary Tuesday
        dt.date(2026, 3, 14),  # an ordinary Saturday: a weekend, not a holiday
        dt.date(2026, 1, 4),  # a Sunday that is a make-up working day (调休上班)
        dt.date(2026, 2, 14),  # a Saturday that is a make-up working day
        dt.date(2099, 10, 1),  # a year the calendar has no data for: unknown, so None
        dt.date(1999, 10, 1),
    ],
)
def test_not_holidays(day: dt.date) -> None:
    assert holiday_name(day) is None


def test_the_examples_are_what_they_claim() -> None:
    assert dt.date(2026, 3, 10).weekday() == 1  # Tuesday
    assert dt.date(2026, 1, 4).weekday() == 6  # Sunday
    assert chinese_calendar.is_workday(dt.date(2026, 1, 4))
    assert chinese_calendar.is_workday(dt.date(2026, 2, 14))
    assert dt.date(2026, 3, 13).weekday() == 4  # Friday (weekend window cases)


@pytest.mark.parametrize(
    ("moment", "inside"),
    [
        (dt.datetime(2026, 3, 13, 17, 59, 59), False),  # Friday, just before 18:00
        (dt.datetime(2026, 3, 13, 18, 0, 0), True),  # Friday 18:00 sharp
        (dt.datetime(2026, 3, 13, 23, 59), True),
        (dt.datetime(2026, 3, 14, 0, 0), True),  # Saturday midnight
        (dt.datetime(2026, 3, 14, 23, 59, 59), True),  # Saturday, last second
        (dt.datetime(2026, 3, 15, 0, 0), False),  # Sunday 00:00: the window is over
        (dt.datetime(2026, 3, 15, 12, 0), False),
        (dt.datetime(2026, 3, 12, 20, 0), False),  # Thursday evening
    ],
)
def test_weekend_window_edges(moment: dt.datetime, inside: bool) -> None:
    assert is_weekend_window(moment) is inside
