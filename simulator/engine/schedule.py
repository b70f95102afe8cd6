"""A small time-ordered task queue: what the call must do, and when."""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(order=True)
class _Task:
    due: float
    seq: int
    action: Callable[[float], None] = field(compare=False)
    label: str = field(compare=False, default="")
    cancelled: bool = field(compare=False, default=False)


class Schedule:
    """Tasks ordered by due time, ties in the order they were added.

    Cancellation is lazy (a flag): cancelled tasks are skipped when they come up, which
    keeps cancel O(1) for the many tasks a hang-up or a branch change makes obsolete.
    """

    def __init__(self) -> None:
        self._heap: list[_Task] = []
        self._seq = itertools.count()

    def add(self, due: float, action: Callable[[float], None], label: str = "") -> _Task:
        task = _Task(due, next(self._seq), action, label)
        heapq.heappush(self._heap, task)
        return task

    def next_due(self) -> float | None:
        self._drop_cancelled()
        return self._heap[0].due if self._heap else None

    def pop_due(self, now: float) -> _Task | None:
        """The earliest task due at or before `now`, removed from the queue."""
        self._drop_cancelled()
        if self._heap and self._heap[0].due <= now:
            return heapq.heappop(self._heap)
        return None

    def cancel_where(self, predicate: Callable[[_Task], bool]) -> None:
        for task in self._heap:
            if predicate(task):
                task.cancelled = True

    def clear(self) -> None:
        self._heap.clear()

    def _drop_cancelled(self) -> None:
        while self._heap and self._heap[0].cancelled:
            heapq.heappop(self._heap)
