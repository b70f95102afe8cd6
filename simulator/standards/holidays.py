"""Which days call for a holiday or weekend wish in the opening (「节日快乐」「周末快乐」)."""

from __future__ import annotations

import datetime as dt

import chinese_calendar

HOLIDAY_NAMES: dict[str, str] = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}

_WEEKEND_START = dt.time(18, 0)
_FRIDAY, _SATURDAY = 4, 5


def holiday_name(day: dt.date) -> str | None:
    """The statutory holiday `day` falls in (「春节」「国庆节」 …), or None.

    Every day of an official holiday break counts, including the weekend days inside it;
    ordinary weekends and make-up working days (调休上班) do not. The calendar comes from
    the `chinesecalendar` package, which only knows the years the State Council has
    published: for any other year the answer is None ("not known to be a holiday"), so an
    opening without a wish is never failed on a guess.
    """
    if isinstance(day, dt.datetime):
        day = day.date()
    name = chinese_calendar.holidays.get(day)
    if name is None:
        return None
    return HOLIDAY_NAMES.get(str(name), str(name))


def is_weekend_window(moment: dt.datetime) -> bool:
    """Whether `moment` is in the weekend-wish window: Friday 18:00 to Saturday 24:00.

    The window of 000 中国移动 备注1 (「每周五18:00--周六24:00」), in the moment's own
    local time.
    """
    weekday = moment.weekday()
    if weekday == _FRIDAY:
        return moment.time() >= _WEEKEND_START
    return weekday == _SATURDAY
