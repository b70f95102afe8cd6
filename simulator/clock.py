"""The one clock a call runs on: real monotonic time, or a fake that tests advance.

Everything that measures time in a call (rings, caller timeouts, dead air, holds) reads
`clock.now()`; nothing calls `time.monotonic()` on its own, so a test can run a whole
call instantly and deterministically by advancing a `FakeClock`.
"""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    """Seconds from an arbitrary origin; only differences mean anything."""

    def now(self) -> float: ...


class MonotonicClock:
    """Real time, relative to when the clock was made (so a call starts near 0)."""

    def __init__(self) -> None:
        self._origin = time.monotonic()

    def now(self) -> float:
        return time.monotonic() - self._origin


class FakeClock:
    """Time that only moves when told to: `advance(dt)` or `set(t)`."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds

    def set(self, t: float) -> None:
        if t < self._now:
            raise ValueError(f"a clock cannot go backwards ({t} < {self._now})")
        self._now = t
