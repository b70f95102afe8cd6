"""A call written as a dialogue, for the library rule tests: times are filled in.

    g = dialog("dialect", [C("讲不来普通话…"), A("请您叫身边的人帮您说一下")]).grade()

Each line lasts 3 s with 1 s between lines, starting after the standard opening; the
call ends with the caller hanging up 2 s after the last line unless told otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from simulator.grading import Grade
from simulator.scenario.models import Scenario
from tests.grading.grading_builder import OPENING, CallBuilder, call


@dataclass(frozen=True)
class C:
    """A caller line."""

    text: str


@dataclass(frozen=True)
class A:
    """An agent line; `gap` is the silence before it (default 1 s)."""

    text: str
    gap: float = 1.0


@dataclass(frozen=True)
class Hold:
    """The agent holds for `seconds`, `gap` after the previous line."""

    seconds: float
    gap: float = 1.0


LINE = 3.0


def dialog(
    persona: str,
    lines: Sequence[C | A | Hold],
    *,
    hangup: str | None = "caller",
    wait: float = 2.0,
    org: str = "福彩热线",
) -> CallBuilder:
    """The recording of `lines` after a standard opening; `hangup` None leaves it open."""
    b = call(persona=persona, org=org).rings(1).answer(1.0).agent(1.5, 4.5, OPENING)
    t = 4.5
    for line in lines:
        if isinstance(line, Hold):
            start = t + line.gap
            b.hold(start).unhold(start + line.seconds)
            t = start + line.seconds
        elif isinstance(line, A):
            start = t + line.gap
            b.agent(start, start + LINE, line.text)
            t = start + LINE
        else:
            b.caller(t + 1.0, t + 1.0 + LINE, line.text)
            t += 1.0 + LINE
    if hangup is not None:
        b.hangup(t + wait, hangup)
    return b


def graded(
    persona: str,
    lines: Sequence[C | A | Hold],
    *,
    scenario: Scenario | None = None,
    hangup: str | None = "caller",
    wait: float = 2.0,
) -> Grade:
    """The grade of `dialog(...)`, with the scenario's rule overrides if one is given."""
    return dialog(persona, lines, hangup=hangup, wait=wait).grade(scenario)
