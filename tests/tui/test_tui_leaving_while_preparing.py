"""A trainee who leaves a call while its voice is still being prepared (「正在准备来电语音」)
leaves nothing running: the caller's synthesizer and the microphone the preparation opened
are closed, though the call never rang. The preparation is held by the test, no timing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from simulator.clock import Clock, FakeClock
from simulator.engine.voice import EstimatedVoice
from simulator.tui.app import CallsimApp
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


class Microphones:
    """Opens microphones for the app and remembers each one."""

    def __init__(self) -> None:
        self.opened: list[Microphone] = []

    def __call__(self, clock: Clock, deliver: Callable[[object], None]) -> Microphone:
        self.opened.append(Microphone(clock, deliver))
        return self.opened[-1]

    def all_closed(self) -> bool:
        return bool(self.opened) and all(m.closed.is_set() for m in self.opened)


def _voice_app(tmp_path: Path, voice: HeldVoice, microphones: Microphones) -> CallsimApp:
    """The silent call, answered by voice, with a caller voice and microphones the test holds."""
    return new_app(
        tmp_path,
        FakeClock(),
        scenario_id="silent-call",
        voice_factory=lambda scenario: (voice, None),
        voice_check=lambda: (True, "语音输入：虚拟麦克风"),
        voice_input_factory=microphones,
    )


async def _pick_a_typed_call(pilot: Pilot[Any]) -> CallScreen:
    await sign_in(pilot)
    picker = await wait_for_screen(pilot, PickerScreen)
    await until(pilot, lambda: picker._chosen() is not None)
    await tap(pilot, "enter")
    screen: CallScreen = await wait_for_screen(pilot, CallScreen)
    return screen


async def _pick_a_voice_call(pilot: Pilot[Any]) -> None:
    await sign_in(pilot)
    picker = await wait_for_screen(pilot, PickerScreen)
    await until(pilot, lambda: picker._voice_ok and picker._chosen() is not None)
    await tap(pilot, "v", "enter")


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
    microphones = Microphones()
    app = _voice_app(tmp_path, voice, microphones)
    async with app.run_test(size=SIZE) as pilot:
        await _pick_a_voice_call(pilot)
        call = await wait_for_screen(pilot, CallScreen)
        await until(pilot, voice.preparing.is_set)
        await tap(pilot, "escape")
        await wait_for_screen(pilot, PickerScreen)
        voice.release.set()
        await until(pilot, microphones.all_closed)
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
        call = await _pick_a_typed_call(pilot)
        await until(pilot, lambda: call.live is not None)
        assert not voice.closed.is_set()
        assert call._unclaimed is None


async def test_a_call_that_cannot_start_closes_its_voice_and_microphone(tmp_path: Path) -> None:
    """The recording cannot be opened (its folder is a file): the error screen shows, and
    nothing the preparation opened is left running."""
    voice = HeldVoice()
    voice.release.set()
    microphones = Microphones()
    (tmp_path / "recordings").write_text("not a folder", encoding="utf-8")
    app = _voice_app(tmp_path, voice, microphones)
    async with app.run_test(size=SIZE) as pilot:
        await _pick_a_voice_call(pilot)
        await wait_for_screen(pilot, ErrorScreen)
        await until(pilot, microphones.all_closed)
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
        call = await _pick_a_typed_call(pilot)
        await until(pilot, voice.closed.is_set)
        assert call.live is None
