"""The blocking ends of a call, run in workers: getting ready, and grading afterwards.

Before the phone rings: the caller's voice is synthesized, the reply matcher loaded and,
for a voice call, the microphone opened and the speech model loaded (seconds, at worst).
After the hang-up: the recording is closed, read back and graded, and the audio
devices released. Each returns the message the call screen posts to itself.
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.clock import Clock
from simulator.engine.voice import VoicedLine
from simulator.recording.reader import read_recording
from simulator.scenario.models import Scenario
from simulator.tui.live_call import LiveCall
from simulator.tui.messages import CallGraded, CallPreparationFailed, CallPrepared, GradingFailed
from simulator.tui.services import Services, VoiceInputLike, close_voice, wait_until_ready

VOICE_FALLBACK = "语音输入无法启动（{reason}），本通改用键盘回复。"


def caller_lines(scenario: Scenario) -> list[VoicedLine]:
    """Every line the caller may say, in its voice (for pre-synthesis)."""
    base = scenario.voice
    return [
        VoicedLine(line.text, line.voice(base))
        for beat in scenario.script.beats.values()
        for line in [*beat.caller, *(beat.timeout.say if beat.timeout else [])]
    ]


def prepare_call(
    services: Services,
    scenario: Scenario,
    *,
    clock: Clock,
    voice_input: bool,
    deliver: Callable[[object], None],
) -> CallPrepared | CallPreparationFailed:
    """Everything the call needs before it rings (blocking: run in a worker)."""
    try:
        voice, notice = services.make_voice(scenario)
        voice.prepare(caller_lines(scenario))
        wait_until_ready(voice)
        matcher = services.make_matcher()
    except Exception as exc:  # shown on screen; the call cannot start without these
        return CallPreparationFailed(f"{type(exc).__name__}: {exc}")
    microphone: VoiceInputLike | None = None
    if voice_input:
        try:
            microphone = services.open_voice_input(clock, deliver)
        except Exception as exc:  # no voice is no reason to lose the call: type instead
            fallback = VOICE_FALLBACK.format(reason=f"{type(exc).__name__}: {exc}")
            notice = f"{notice}\n{fallback}" if notice else fallback
    return CallPrepared(voice, matcher, notice, microphone)


def grade_call(
    services: Services, live: LiveCall, microphone: VoiceInputLike | None
) -> CallGraded | GradingFailed:
    """Close the recording, read it back and grade it (blocking: run in a worker)."""
    try:
        live.close()
        close_voice(live.call.voice)
        if microphone is not None:
            microphone.close()
        recording = read_recording(live.path)
        grade = services.grade(recording, live.scenario)
    except Exception as exc:  # the recording is safe on disk; say why there is no grade
        return GradingFailed(f"{type(exc).__name__}: {exc}", live.path)
    return CallGraded(grade, recording, live.scenario)
