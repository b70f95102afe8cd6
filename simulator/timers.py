"""Delays for Textual timers: never zero.

Textual 8.2 divides by a timer's interval when the timer falls behind or is stopped as
its screen closes, so a 0 s timer (or one so short it rounds to 0) kills the app with a
ZeroDivisionError (Textualize/textual#6370). Every `set_timer`/`set_interval` in the
package takes its delay through `timer_delay`.
"""

from __future__ import annotations

import math

MIN_TIMER_SECONDS = 0.001
"""The shortest timer: a millisecond is "now" for a call (event times are kept to the ms)."""


def timer_delay(seconds: float) -> float:
    """`seconds`, but at least MIN_TIMER_SECONDS (work already due runs a ms later)."""
    if math.isnan(seconds) or seconds < MIN_TIMER_SECONDS:
        return MIN_TIMER_SECONDS
    return seconds
