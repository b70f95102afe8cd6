"""A trainee who leaves a call while its voice is still being prepared (「正在准备来电语音」)
leaves nothing running: the caller's synthesizer and the microphone the preparation opened
are closed, though the call never rang. The preparation is held by the test, no timing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from simulator.clock import Clock, FakeClock
from simulator.engine.voice import EstimatedVoice
from simulator.scenario.models import Scenario
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.error import ErrorScreen
from simulator.tui.screens.picker import PickerScreen
from tests.tui.tui_helpers import SIZE, new_app, sign_in, tap, until, wait_for_screen


class HeldVoice(EstimatedVoice):
    """A caller voice whose preparation waits for the test; remembers being closed."""

    def __init__(self) -> None:
        super().__init__()
        self.preparing = threading.Event()
        self.release = threading.Event()
        self.closed = threading.Event()

    def prepare(self, lines: object) -> None:
        self.preparing.set()
        assert self.release.wait(10), "the test never released the preparation"

    def close(self) -> None:
        self.closed.set()


class Microphone:
    def __init__(self, clock: Clock, deliver: Callable[[object], None]) -> None:
        self.closed = threading.Event()

    def start(self) -> None:
        pass

    def close(self) -> None:
        self.closed.set()


async def test_leaving_while_the_voice_is_prepared_closes_voice_and_microphone(
    tmp_path: Path,
) -> None:
    voice = HeldVoice()
    microphones: list[Microphone] = []

    def open_microphone(clock: Clock, deliver: Callable[[object], None]) -> Microphone:
        microphones.append(Microphone(clock, deliver))
        return microphones[-1]

    def make_voice(scenario: Scenario) -> tuple[HeldVoice, None]:
        return voice, None

    app = new_app(
        tmp_path,
        FakeClock(),
        scenario_id="silent-call",
        voice_factory=make_voice,
        voice_check=lambda: (True, "语音输入：虚拟麦克风"),
        voice_input_factory=open_microphone,
    )
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        await until(pilot, lambda: picker._voice_ok and picker._chosen() is not None)
        await tap(pilot, "v", "enter")
        call = await wait_for_screen(pilot, CallScreen)
        await until(pilot, voice.preparing.is_set)
        await tap(pilot, "escape")
        await wait_for_screen(pilot, PickerScreen)
        voice.release.set()
        await until(pilot, lambda: bool(microphones) and microphones[0].closed.is_set())
        assert voice.closed.is_set()
        assert call.live is None  # the phone never rang


async def test_a_call_prepared_normally_keeps_its_voice_open(tmp_path: Path) -> None:
    """The hand-over does not close what a call that starts needs."""
    voice = HeldVoice()
    voice.release.set()
    app = new_app(
        tmp_path, FakeClock(), scenario_id="silent-call", voice_factory=lambda s: (voice, None)
    )
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        await until(pilot, lambda: picker._chosen() is not None)
        await tap(pilot, "enter")
        call = await wait_for_screen(pilot, CallScreen)
        await until(pilot, lambda: call.live is not None)
        assert not voice.closed.is_set()
        assert call._unclaimed is None


async def test_a_call_that_cannot_start_closes_its_voice_and_microphone(tmp_path: Path) -> None:
    """The recording cannot be opened (its folder is a file): the error screen shows, and
    nothing the preparation opened is left running."""
    voice = HeldVoice()
    voice.release.set()
    microphones: list[Microphone] = []

    def open_microphone(clock: Clock, deliver: Callable[[object], None]) -> Microphone:
        microphones.append(Microphone(clock, deliver))
        return microphones[-1]

    (tmp_path / "recordings").write_text("not a folder", encoding="utf-8")
    app = new_app(
        tmp_path,
        FakeClock(),
        scenario_id="silent-call",
        voice_factory=lambda scenario: (voice, None),
        voice_check=lambda: (True, "语音输入：虚拟麦克风"),
        voice_input_factory=open_microphone,
    )
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        await until(pilot, lambda: picker._voice_ok and picker._chosen() is not None)
        await tap(pilot, "v", "enter")
        await wait_for_screen(pilot, ErrorScreen)
        await until(pilot, lambda: bool(microphones) and microphones[0].closed.is_set())
        assert voice.closed.is_set()


async def test_a_preparation_that_fails_closes_the_voice_it_made(tmp_path: Path) -> None:
    voice = HeldVoice()
    voice.release.set()

    def no_matcher() -> object:
        raise RuntimeError("目录损坏")

    app = new_app(
        tmp_path,
        FakeClock(),
        scenario_id="silent-call",
        voice_factory=lambda scenario: (voice, None),
        matcher_factory=no_matcher,
    )
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        picker = await wait_for_screen(pilot, PickerScreen)
        await until(pilot, lambda: picker._chosen() is not None)
        await tap(pilot, "enter")
        call = await wait_for_screen(pilot, CallScreen)
        await until(pilot, voice.closed.is_set)
        assert call.live is None
