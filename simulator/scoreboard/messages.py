"""What the board's worker tells the app, named in the past tense."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.message import Message

from simulator.store.board import BoardData
from simulator.store.live import LiveCallInfo, LiveEvent


@dataclass
class BoardLoaded(Message):
    """Fresh figures, read at `at`."""

    data: BoardData
    at: datetime


@dataclass
class BoardLoadFailed(Message):
    """The database could not be read at `at`; `reason` is one line, password masked."""

    reason: str
    at: datetime


@dataclass
class LiveCallsListed(Message):
    """The calls shown live lately (newest first), for the board's banner."""

    calls: list[LiveCallInfo]


@dataclass
class LivePolled(Message):
    """New events of the call `target`, read while `shown` was on screen."""

    calls: list[LiveCallInfo]
    shown: str | None
    target: str | None
    events: list[LiveEvent]


@dataclass
class LivePollFailed(Message):
    """The live events could not be read; `reason` is one line (empty for a bug)."""

    reason: str
