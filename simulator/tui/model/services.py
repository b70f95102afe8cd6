"""What the app is built from, injected: clock, folders, caller voice, grader, store.

Tests build a `Services` with a fake clock and temporary folders; the defaults wire the
real parts. The grader and the exam session are imported when first used: they load the
whole rule catalog, which the app does not need to show its first screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from simulator import locations, settings, store, voice
from simulator.clock import Clock, MonotonicClock
from simulator.engine.matching import ReplyMatcher, default_reply_matcher
from simulator.engine.voice import CallerVoice
from simulator.recording.reader import Recording
from simulator.scenario.models import Scenario

if TYPE_CHECKING:
    from simulator.exams.models import Exam
    from simulator.exams.session import ExamSession
    from simulator.grading.model import Grade
    from simulator.settings import Settings
    from simulator.store.engine import Store
    from simulator.tui.model.trainee import Trainee

Grader = Callable[[Recording, Scenario | None], "Grade"]
VoiceFactory = Callable[[Scenario], tuple[CallerVoice, str | None]]
VoiceCheck = Callable[[], tuple[bool, str]]
ResultSaver = Callable[["Grade", Recording], str | None]

VOICE_CHECKING = "正在检查语音输入…"
"""Shown beside the greyed-out voice option until the check (a worker) answers."""


class VoiceInputLike(Protocol):
    """What a call needs of the trainee's voice input (simulator.voice.VoiceInput)."""

    def start(self) -> None: ...

    def close(self) -> None: ...


VoiceInputFactory = Callable[[Clock, Callable[[object], None]], VoiceInputLike]


@dataclass
class Services:
    """Everything the screens need from outside the UI."""

    clock_factory: Callable[[], Clock] = MonotonicClock
    recordings_dir: Path = field(default_factory=locations.recordings_dir)
    scenarios_dir: Path = field(default_factory=locations.scenarios_dir)
    library_below: tuple[Path, ...] = field(default_factory=locations.library_below)
    """Folders the picker layers under `scenarios_dir` (the shipped library under a
    trainer's own folder; none when `scenarios_dir` is the library itself)."""
    data_dir: Path = field(default_factory=locations.data_dir)
    voice_factory: VoiceFactory | None = None
    matcher_factory: Callable[[], ReplyMatcher] | None = None
    grader: Grader | None = None
    voice_check: VoiceCheck | None = None
    voice_input_factory: VoiceInputFactory | None = None
    result_saver: ResultSaver | None = None
    store_factory: Callable[[], Store] | None = None
    """The results database (default: `--db` / `$CALLSIM_DB`, else the SQLite file)."""
    wall_clock: Callable[[], datetime] = datetime.now
    ring_bell: bool = True
    settings: Settings = field(default_factory=settings.current)
    """The settings these services were made from (`from_settings`), else those in force
    when they were made."""

    @classmethod
    def from_settings(cls, chosen: Settings) -> Services:
        """The real services for `chosen` (the command's settings): its folders and its
        database, whatever the settings in force elsewhere."""
        # The folders' defaults (a checkout's recordings/, the user data folder) live in
        # `locations`, which reads the settings in force: make `chosen` those for a moment.
        with settings.using(chosen):
            return cls(
                recordings_dir=locations.recordings_dir(),
                scenarios_dir=locations.scenarios_dir(),
                library_below=locations.library_below(),
                data_dir=locations.data_dir(),
                settings=chosen,
            )

    def make_voice(self, scenario: Scenario) -> tuple[CallerVoice, str | None]:
        factory = self.voice_factory or default_voice_factory
        return factory(scenario)

    def make_matcher(self) -> ReplyMatcher:
        if self.matcher_factory is not None:
            return self.matcher_factory()
        return default_reply_matcher()

    def grade(self, recording: Recording, scenario: Scenario | None) -> Grade:
        grader = self.grader or default_grader
        return grader(recording, scenario)

    def check_voice_input(self) -> tuple[bool, str]:
        check = self.voice_check or default_voice_check
        return check()

    def open_voice_input(self, clock: Clock, deliver: Callable[[object], None]) -> VoiceInputLike:
        """The microphone (or virtual one) for a call, model loaded: call from a worker."""
        factory = self.voice_input_factory or default_voice_input
        return factory(clock, deliver)

    def save_result(self, grade: Grade, recording: Recording) -> str | None:
        """Store the result if a store is available; returns a notice for the trainee."""
        if self.result_saver is not None:
            return self.result_saver(grade, recording)
        return default_result_saver(grade, recording, self.open_store, self.recordings_dir)

    def open_store(self) -> Store:
        """The results database, opened on first use (blocking: call from a worker)."""
        if self.store_factory is not None:
            return self.store_factory()
        return store.open_store(self.settings.db)

    def exam_session(self, exam: Exam, trainee: Trainee) -> ExamSession:
        """`trainee` taking `exam`, counted in the results database (call from a worker)."""
        # Loads the grader (the whole rule catalog): only when an exam starts.
        from simulator.exams.session import ExamSession  # noqa: PLC0415

        return ExamSession(
            exam, trainee.name, store=self.open_store(), class_name=trainee.class_name or None
        )


def default_grader(recording: Recording, scenario: Scenario | None) -> Grade:
    # The rule catalog takes about as long to import as the rest of the app: it is loaded
    # when the first call is graded, not before the first screen.
    from simulator.grading import grade  # noqa: PLC0415

    return grade(recording, scenario=scenario)


def default_voice_factory(scenario: Scenario) -> tuple[CallerVoice, str | None]:
    del scenario  # the persona's voice is chosen by the engine's session, not here
    return voice.make_caller_voice()


def wait_until_ready(voice: CallerVoice, timeout: float = 60.0) -> None:
    """Block (in a worker) until a synthesizing voice has every line ready."""
    wait = getattr(voice, "wait_ready", None)
    if callable(wait):
        wait(timeout)


def close_voice(voice: CallerVoice) -> None:
    """Stop a voice's player and synthesizer, if it has any."""
    close = getattr(voice, "close", None)
    if callable(close):
        close()


def default_voice_check() -> tuple[bool, str]:
    return voice.voice_input_availability()


def default_voice_input(clock: Clock, deliver: Callable[[object], None]) -> VoiceInputLike:
    # The recognizer stack (Whisper, the microphone) is imported only for a voice call.
    from simulator.voice.trainee.voice_input_setup import (  # noqa: PLC0415
        open_voice_input,
        prepare,
    )

    voice_input = open_voice_input(clock=clock, deliver=deliver)
    prepare(voice_input)
    return voice_input


def default_result_saver(
    grade: Grade,
    recording: Recording,
    store_factory: Callable[[], Store] | None = None,
    recordings_dir: Path | None = None,
) -> str | None:
    opened = store_factory() if store_factory is not None else None
    # This app ran the call: its row is verified, and its recording signed when the app
    # wrote it (in its recordings folder; a file opened from elsewhere is never altered).
    sign = owns_recording(recording, recordings_dir)
    store.save_result(grade, recording, recording.path, store=opened, made_here=True, sign=sign)
    return "成绩已保存到成绩库。"


def owns_recording(recording: Recording, recordings_dir: Path | None) -> bool:
    """Whether the app wrote this recording (it lies in its recordings folder)."""
    path = recording.path
    if path is None or recordings_dir is None:
        return False
    return path.resolve().is_relative_to(recordings_dir.resolve())
