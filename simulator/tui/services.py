"""What the app is built from, injected: clock, folders, caller voice, grader, store.

Tests build a `Services` with a fake clock and temporary folders; `default_services()`
wires the real parts. Capabilities written elsewhere in the project (the grader, the
voice package, the results store) are looked up when first needed, so the app starts
fast and keeps working, with a notice, when one of them is absent.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from simulator import locations
from simulator.clock import Clock, MonotonicClock
from simulator.engine.matching import ReplyMatcher
from simulator.engine.voice import CallerVoice, EstimatedVoice
from simulator.recording.reader import Recording
from simulator.scenario.models import Scenario

if TYPE_CHECKING:
    from simulator.exams.models import Exam
    from simulator.exams.session import ExamSession
    from simulator.grading.model import Grade
    from simulator.store.engine import Store
    from simulator.tui.settings import Trainee

Grader = Callable[[Recording, Scenario | None], "Grade"]
VoiceFactory = Callable[[Scenario], tuple[CallerVoice, str | None]]
VoiceCheck = Callable[[], tuple[bool, str]]
ResultSaver = Callable[["Grade", Recording], str | None]

VOICE_MISSING = "语音识别模块未安装"


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

    def make_voice(self, scenario: Scenario) -> tuple[CallerVoice, str | None]:
        factory = self.voice_factory or default_voice_factory
        return factory(scenario)

    def make_matcher(self) -> ReplyMatcher:
        if self.matcher_factory is not None:
            return self.matcher_factory()
        from simulator.engine.matching import default_reply_matcher

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
        return default_result_saver(grade, recording, self.store_factory)

    def open_store(self) -> Store:
        """The results database, opened on first use (blocking: call from a worker)."""
        if self.store_factory is not None:
            return self.store_factory()
        from simulator.store import open_store

        return open_store()

    def exam_session(self, exam: Exam, trainee: Trainee) -> ExamSession:
        """`trainee` taking `exam`, counted in the results database (call from a worker)."""
        from simulator.exams.session import ExamSession

        return ExamSession(
            exam, trainee.name, store=self.open_store(), class_name=trainee.class_name or None
        )


def _optional_module(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is not None and name.startswith(exc.name):
            return None
        raise


def default_grader(recording: Recording, scenario: Scenario | None) -> Grade:
    from simulator import grading

    grade: Any = getattr(grading, "grade", None)
    if grade is None:
        raise RuntimeError("评分模块尚未安装（simulator.grading.grade）")
    result: Grade = grade(recording, scenario=scenario)
    return result


def default_voice_factory(scenario: Scenario) -> tuple[CallerVoice, str | None]:
    module = _optional_module("simulator.voice")
    make = getattr(module, "make_caller_voice", None) if module else None
    if make is None:
        return EstimatedVoice(), "未安装语音合成模块：来电内容只显示文字，不发声。"
    voice, notice = make()
    return voice, notice


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
    module = _optional_module("simulator.voice")
    check = getattr(module, "voice_input_availability", None) if module else None
    if check is None:
        return False, VOICE_MISSING
    available, reason = check()
    return bool(available), str(reason)


def default_voice_input(clock: Clock, deliver: Callable[[object], None]) -> VoiceInputLike:
    from simulator.voice.voice_input_setup import open_voice_input, prepare

    voice_input = open_voice_input(clock=clock, deliver=deliver)
    prepare(voice_input)
    return voice_input


def default_result_saver(
    grade: Grade, recording: Recording, store_factory: Callable[[], Store] | None = None
) -> str | None:
    module = _optional_module("simulator.store")
    save = getattr(module, "save_result", None) if module else None
    if save is None:
        return None
    store = store_factory() if store_factory is not None else None
    save(grade, recording, recording.path, store=store)
    return "成绩已保存到成绩库。"
