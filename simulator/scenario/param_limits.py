"""The values each rule parameter can take, so a scenario cannot set one the rules
cannot use (`min_prompts: 0`, a NaN, a negative or endless number of seconds).

Limits go by the parameter's name, which says what it measures: a count of replies,
prompts or digits is a whole number from 1; seconds run from 0 to an hour; a pace is
characters per minute. `min_…` may not exceed `max_…` of the same rule.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """An allowed range, both ends included; `whole`: an integer is required."""

    low: float
    high: float
    whole: bool = False

    def text(self, name: str) -> str:
        kind = "整数" if self.whole else "数"
        return f"允许范围：{_shown(self.low)} ≤ {name} ≤ {_shown(self.high)}（{kind}）"


_COUNT = Limits(1, 100, whole=True)
_SECONDS = Limits(0, 3600)
LIMITS: dict[str, Limits] = {
    "max_rings": Limits(1, 20, whole=True),
    "min_prompts": _COUNT,
    "min_redirects": _COUNT,
    "max_redirects": _COUNT,
    "within_replies": _COUNT,
    "min_digits": Limits(1, 30, whole=True),
    "min_cpm": Limits(1, 1000),
    "max_cpm": Limits(1, 1000),
}
"""Parameters not listed here and named `…seconds` take _SECONDS."""


def limits_of(name: str) -> Limits | None:
    """The limits of a numeric parameter, or None when its name is not a known kind."""
    if name in LIMITS:
        return LIMITS[name]
    if name.endswith("seconds"):
        return _SECONDS
    return None


def number_problem(name: str, value: float) -> tuple[str, str | None] | None:
    """(message, hint) when `value` is not allowed for parameter `name`, else None."""
    number = _as_float(value)
    if number is None or not math.isfinite(number):
        return "不能是无穷大、NaN 或大得离谱的数", _hint(name)
    limits = limits_of(name)
    if limits is None:
        return ("不能为负数", None) if number < 0 else None
    if limits.whole and number != int(number):
        return f"{_shown(number)} 应为整数", limits.text(name)
    if not limits.low <= number <= limits.high:
        return f"{_shown(number)} 超出范围", limits.text(name)
    return None


def pair_problems(params: Mapping[str, object]) -> list[tuple[str, str, str]]:
    """(parameter, message, hint) for each `min_X` above its `max_X` in `params`."""
    found: list[tuple[str, str, str]] = []
    for name, low_value in params.items():
        if not name.startswith("min_"):
            continue
        other = "max_" + name.removeprefix("min_")
        low, high = _as_float(low_value), _as_float(params.get(other))
        if low is not None and high is not None and low > high:
            message = f"{name} 不能大于 {other}（{_shown(low)} > {_shown(high)}）"
            found.append((name, message, "把两者对调，或改小这一个"))
    return found


def _as_float(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return float(value)
    except OverflowError:
        return None


def _hint(name: str) -> str | None:
    limits = limits_of(name)
    return limits.text(name) if limits else None


def _shown(value: float) -> str:
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}"
