"""A call answered by voice: the voice input's events reach the call through the screen.

The microphone and Whisper are tested for real in tests/voice; here a scripted voice
input delivers the events they would, from another thread, on the fake clock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from simulator.clock import Clock, FakeClock
from simulator.recording import Say
from simulator.tui.app import CallsimApp
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.picker import PickerScreen
from simulator.tui.screens.report import ReportScreen
from simulator.tui.widgets.meters import CallMeters
from simulator.tui.widgets.transcript import Transcript
from simulator.voice.trainee.recognizer import Transcript as Heard
from simulator.voice.trainee.voice_input import SpeechStarted, UtteranceRecognized
from tests.tui.tui_helpers import (
    SIZE,
    new_app,
    run_until,
    settle,
    sign_in,
    tap,
    type_text,
    wait_for_call,
    wait_for_screen,
)


class ScriptedVoiceInput:
    """Stands in for the microphone: the test decides what the trainee said, and when."""

    def __init__(self, clock: Clock, deliver: Callable[[object], None]) -> None:
        self.clock = clock
        self.deliver = deliver
        self.started = False
        self.closed = threading.Event()

    def start(self) -> None:
        self.started = True

    def close(self) -> None:
        self.closed.set()

    def say(self, text: str, onset: float, end: float, confidence: float = 0.9) -> None:
        """Deliver, from another thread as the real one does, a recognized utterance."""
        heard = UtteranceRecognized(onset, end, Path("/nonexistent.wav"), Heard(text, confidence))
        thread = threading.Thread(target=self.deliver, args=(heard,))
        thread.start()
        thread.join()


async def _voice_call(pilot, exam: bool) -> tuple[CallScreen, ScriptedVoiceInput]:
    await sign_in(pilot)
    picker = await wait_for_screen(pilot, PickerScreen)
    for _ in range(300):
        if picker._voice_ok and picker._chosen() is not None:
            break
        await pilot.pause(0.01)
    await tap(pilot, "v", *(["m"] if exam else []), "enter")
    screen = await wait_for_call(pilot)
    microphone = screen._microphone
    assert isinstance(microphone, ScriptedVoiceInput)
    return screen, microphone


def _scripted_voice_app(tmp_path: Path, clock: FakeClock) -> CallsimApp:
    """The app on the silent call with a voice input the test speaks through."""
    return new_app(
        tmp_path,
        clock,
        scenario_id="silent-call",
        voice_check=lambda: (True, "语音输入：虚拟麦克风"),
        voice_input_factory=ScriptedVoiceInput,
    )


async def test_practice_voice_reply_is_confirmed_and_corrected(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _scripted_voice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen, microphone = await _voice_call(pilot, exam=False)
        call = screen.live.call  # type: ignore[union-attr]
        await tap(pilot, "space")
        assert microphone.started
        microphone.deliver(SpeechStarted(clock.now()))
        await settle(pilot)
        assert call.agent_talking
        reading = screen.query_one(CallMeters)._meters
        assert reading is not None and reading.greeted and reading.silence is None
        onset = clock.now()
        await run_until(pilot, screen, clock, call.now() + 3.0)
        microphone.say("您好福彩热线1024号为您服务请问有什么可以帮您", onset, clock.now())
        await settle(pilot)
        reply = screen.query_one("#call-reply")
        assert reply.value == "您好福彩热线1024号为您服务请问有什么可以帮您"  # type: ignore[attr-defined]
        assert not any(isinstance(e, Say) and e.who == "agent" for e in call.events)
        await type_text(pilot, "？")
        await tap(pilot, "enter")
        say = next(e for e in call.events if isinstance(e, Say) and e.who == "agent")
        assert say.text.endswith("？") and say.corrected
        assert say.asr is not None and say.asr.raw == "您好福彩热线1024号为您服务请问有什么可以帮您"
        assert (say.t, say.end) == (
            round(onset - call.origin, 3),
            round(onset - call.origin + 3, 3),
        )
        assert any("我：您好福彩热线" in line for line in screen.query_one(Transcript).lines())
        await tap(pilot, "f4")
        await wait_for_screen(pilot, ReportScreen)
        assert microphone.closed.wait(5)


async def test_exam_voice_reply_is_said_as_heard(tmp_path: Path) -> None:
    clock = FakeClock()
    app = _scripted_voice_app(tmp_path, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen, microphone = await _voice_call(pilot, exam=True)
        call = screen.live.call  # type: ignore[union-attr]
        await tap(pilot, "space")
        onset = clock.now()
        await run_until(pilot, screen, clock, call.now() + 2.0)
        microphone.say("您好请问有什么可以帮您", onset, clock.now(), confidence=0.4)
        await settle(pilot)
        says = [e for e in call.events if isinstance(e, Say) and e.who == "agent"]
        assert [s.text for s in says] == ["您好请问有什么可以帮您"]
        assert not says[0].corrected


async def test_a_microphone_that_cannot_open_falls_back_to_the_keyboard(tmp_path: Path) -> None:
    def no_microphone(clock: Clock, deliver: Callable[[object], None]) -> ScriptedVoiceInput:
        raise OSError("device busy")

    clock = FakeClock()
    app = new_app(
        tmp_path,
        clock,
        scenario_id="silent-call",
        voice_check=lambda: (True, "语音输入：麦克风"),
        voice_input_factory=no_microphone,
    )
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        for _ in range(300):
            if picker._voice_ok and picker._chosen() is not None:
                break
            await pilot.pause(0.01)
        await tap(pilot, "v", "enter")
        screen = await wait_for_call(pilot)
        assert screen.voice is None
        assert any("device busy" in n.message for n in app._notifications)
        await tap(pilot, "space")
        await type_text(pilot, "您好")
        await tap(pilot, "enter")
        assert any(isinstance(e, Say) and e.text == "您好" for e in screen.live.call.events)  # type: ignore[union-attr]
