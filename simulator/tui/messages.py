"""Messages between workers, the call session and the screens, named in the past tense.

Workers run in threads and reach the UI only by posting one of these; the call session
turns each engine notice into `CallNoticed` so screens react in the message loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

from simulator.engine.matching import ReplyMatcher
from simulator.engine.notices import CallNotice
from simulator.engine.voice import CallerVoice
from simulator.recording.reader import Recording
from simulator.scenario.models import Scenario

if TYPE_CHECKING:
    from simulator.grading.model import Grade
    from simulator.tui.model.exam_run import ExamCall, ExamProgress, ExamShelf
    from simulator.tui.model.history_data import HistoryEntry
    from simulator.tui.model.library import Library
    from simulator.tui.model.services import VoiceInputLike


@dataclass
class ScenariosLoaded(Message):
    library: Library


@dataclass
class VoiceInputChecked(Message):
    available: bool
    reason: str


@dataclass
class CallPrepared(Message):
    """The caller's voice is synthesized and the reply matcher loaded: the phone may ring."""

    voice: CallerVoice
    matcher: ReplyMatcher
    notice: str | None
    voice_input: VoiceInputLike | None = None


@dataclass
class CallPreparationFailed(Message):
    reason: str


@dataclass
class VoiceHeard(Message):
    """Something the trainee's voice input noticed (speech began, a reply recognized…)."""

    event: object


@dataclass
class CallNoticed(Message):
    notice: CallNotice


@dataclass
class CallCrashed(Message):
    summary: str
    recording: Path | None
    log: Path | None


@dataclass
class CallGraded(Message):
    grade: Grade
    recording: Recording
    scenario: Scenario | None


@dataclass
class GradingFailed(Message):
    reason: str
    recording: Path | None


@dataclass
class HistoryLoaded(Message):
    entries: list[HistoryEntry]
    problems: list[str]


@dataclass
class ResultSaved(Message):
    notice: str
    ok: bool


@dataclass
class ExamsLoaded(Message):
    shelf: ExamShelf


@dataclass
class ExamPlanRead(Message):
    """The plan of one exam for the signed-in trainee (attempts used and left, order)."""

    exam_id: str
    text: str
    can_start: bool
    request: int
    """Which read this answers: only the latest is shown."""
    resumes: bool = False
    """The next call continues an attempt already begun."""


@dataclass
class ExamCallReady(Message):
    """The next exam call is known and its scenario loaded: the phone may ring."""

    call: ExamCall
    scenario: Scenario


@dataclass
class ExamUnavailable(Message):
    """The exam cannot go on (no attempts left, database unreachable…): say why."""

    reason: str


@dataclass
class ExamRecorded(Message):
    progress: ExamProgress


@dataclass
class ExamRecordFailed(Message):
    reason: str
