"""What the board's worker tells the app, named in the past tense."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.message import Message

from simulator.store.board import BoardData


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
