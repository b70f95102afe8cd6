"""Setting up a recorded call: the header, the recording file, the engine, wired together.

The app and headless play both start calls this way, so every call is recorded the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from simulator.clock import Clock
from simulator.engine.call import Call
from simulator.engine.matching import ReplyMatcher
from simulator.engine.notices import CallNotice
from simulator.engine.voice import CallerVoice
from simulator.recording.events import InputKind, Mode, SessionHeader
from simulator.recording.recorder import CallRecorder
from simulator.recording.writer import RecordingWriter, new_call_id, recording_path
from simulator.scenario.models import Scenario
from simulator.scenario.voices import with_persona_voice


@dataclass(frozen=True)
class Trainee:
    """Who takes the call: the name for the folder, the work number for the greeting."""

    name: str
    agent_id: str = "1024"


@dataclass
class CallSession:
    """A call and the recording it writes."""

    call: Call
    recorder: CallRecorder
    header: SessionHeader

    @property
    def path(self) -> Path:
        return self.recorder.path

    def close(self) -> None:
        self.recorder.close()


def call_time_of(scenario: Scenario, now: datetime | None = None) -> datetime:
    """The simulated wall-clock time: the scenario's, else now in local time."""
    if scenario.call_time is not None:
        return scenario.call_time
    return (now or datetime.now()).astimezone()


def start_session(
    scenario: Scenario,
    trainee: Trainee,
    *,
    recordings: Path,
    clock: Clock,
    matcher: ReplyMatcher,
    voice: CallerVoice | None = None,
    listener: Callable[[CallNotice], None] | None = None,
    input_kind: InputKind = "keyboard",
    mode: Mode = "practice",
    now: datetime | None = None,
    header_extra: Mapping[str, Any] | None = None,
) -> CallSession:
    """Open the recording (header written at once) and build the call; not yet ringing.

    The caller speaks in the persona's voice unless the scenario says otherwise.
    `header_extra` adds fields of the call's context to the header (e.g. `class`,
    `exam`), which readers of format 1 keep or ignore.
    """
    scenario = with_persona_voice(scenario)
    started = now or datetime.now()
    header = SessionHeader(
        id=new_call_id(started),
        scenario=scenario.id,
        persona=scenario.persona,
        org=scenario.org,
        agent_id=trainee.agent_id,
        trainee=trainee.name,
        input=input_kind,
        mode=mode,
        call_time=call_time_of(scenario, started).isoformat(timespec="seconds"),
        extra=dict(header_extra or {}),
    )
    path = recording_path(recordings, trainee.name, header.id, started)
    recorder = CallRecorder(RecordingWriter(path, header))
    call = Call(
        scenario, clock=clock, matcher=matcher, sink=recorder.write, voice=voice, listener=listener
    )
    return CallSession(call=call, recorder=recorder, header=header)
