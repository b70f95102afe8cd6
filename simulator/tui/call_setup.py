"""The blocking ends of a call, run in workers: getting ready, and grading afterwards.

Before the phone rings: the caller's voice is synthesized, the reply matcher loaded and,
for a voice call, the microphone opened and the speech model loaded (seconds, at worst).
After the hang-up: the recording is closed, read back and graded, and the audio
devices released. Each returns the message the call screen posts to itself.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from simulator.clock import Clock
from simulator.engine.voice import VoicedLine
from simulator.errors import UserError
from simulator.recording.reader import read_recording
from simulator.scenario.models import Scenario
from simulator.tui.messages import CallGraded, CallPreparationFailed, CallPrepared, GradingFailed
from simulator.tui.model.live_call import LiveCall
from simulator.tui.model.services import Services, VoiceInputLike, close_voice, wait_until_ready
from simulator.tui.model.trainee import Trainee

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
    except Exception as exc:  # shown on screen; the call cannot start without a voice
        return CallPreparationFailed(f"{type(exc).__name__}: {exc}")
    try:
        voice.prepare(caller_lines(scenario))
        wait_until_ready(voice)
        matcher = services.make_matcher()
    except Exception as exc:  # shown on screen; the voice made is closed, not left running
        with contextlib.suppress(Exception):
            close_voice(voice)
        return CallPreparationFailed(f"{type(exc).__name__}: {exc}")
    microphone: VoiceInputLike | None = None
    if voice_input:
        try:
            microphone = services.open_voice_input(clock, deliver)
        except Exception as exc:  # no voice is no reason to lose the call: type instead
            fallback = VOICE_FALLBACK.format(reason=f"{type(exc).__name__}: {exc}")
            notice = f"{notice}\n{fallback}" if notice else fallback
    return CallPrepared(voice, matcher, notice, microphone)


def release_prepared(prepared: CallPrepared) -> None:
    """Close what a prepared call holds (blocking) when the call never starts."""
    with contextlib.suppress(Exception):  # nothing to tell anyone: they have left
        close_voice(prepared.voice)
    if prepared.voice_input is not None:
        with contextlib.suppress(Exception):
            prepared.voice_input.close()


def grade_call(
    services: Services, live: LiveCall, microphone: VoiceInputLike | None
) -> CallGraded | GradingFailed:
    """Close the recording, read it back and grade it (blocking: run in a worker)."""
    try:
        live.close(keep_demo=True)
        close_voice(live.call.voice)
        if microphone is not None:
            microphone.close()
        if live.session.recorder.failure is not None:  # disk full mid-call: say so, once
            return GradingFailed(live.session.recorder.failure, live.path)
        recording = read_recording(live.path)
        grade = services.grade(recording, live.scenario)
        if live.demo is not None:
            live.demo.graded(grade)
    except Exception as exc:  # the recording is safe on disk; say why there is no grade
        return GradingFailed(f"{type(exc).__name__}: {exc}", live.path)
    finally:
        live.stop_demo("ended")
    return CallGraded(grade, recording, live.scenario)


DEMO_ON = "课堂演示已开启：本通电话正实时显示在班级成绩榜上（按 F6 可在接听前关闭）"
DEMO_OFF = "课堂演示已关闭：本通电话不会显示在成绩榜上"


def toggle_class_demo(services: Services, live: LiveCall, trainee: Trainee) -> str:
    """课堂演示 on or off for this call (before it is answered); returns the note to show.

    The events go to the results database the scoreboard reads, so the class can watch
    from any machine on the same database. Opening the store does not connect (that
    happens in the writer's thread), so this never blocks the screen.
    """
    if live.demo is not None:
        live.stop_demo("withdrawn")
        return DEMO_OFF
    # The class demo's writer (SQLAlchemy) is imported when the demo is switched on.
    from simulator.store.live import LiveWriter  # noqa: PLC0415
    from simulator.tui.model.class_demo import ClassDemo  # noqa: PLC0415

    header_id = live.session.header.id
    # Switched on again after being switched off: a new live call, its events numbered anew.
    live_id = header_id if live.demo_runs == 0 else f"{header_id}.{live.demo_runs}"
    try:
        store = services.open_store()
    except UserError as exc:  # a bad --db: the call goes on, only not on the board
        return f"课堂演示无法开启：{exc}"
    writer = LiveWriter(store, live_id)
    writer.start()
    scenario = live.scenario
    demo = ClassDemo(
        writer,
        live.session.header,
        scenario,
        live.limits,
        grader=lambda recording: services.grade(recording, scenario),
        class_name=trainee.class_name,
    )
    live.start_demo(demo)
    return DEMO_ON
