"""Players: play a WAV in the background, stop it at once.

`SoundDevicePlayer` plays through PortAudio (`sounddevice`), in this process: the WAV is
read into memory and a callback stream hands it to the device block by block. `play()`
returns once PortAudio has asked for the first block, the moment "playback started"
means here (and what the latency benchmark measures). `stop()` aborts the stream, which
cuts the sound within one block. Nothing is printed: PortAudio's chatter goes nowhere.

`open_player()` is the one entry point for code that wants sound and a reason when there
is none; `play_file()` plays one file to its end (the replay of a call's audio uses it).
`SilentPlayer` is used when there is no sound device; `FakePlayer` records calls in tests.
"""

from __future__ import annotations

import threading
import wave
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

from simulator.voice.sound import (
    Device,
    SoundUnavailable,
    close_stream,
    describe,
    find_device,
    output_device,
    sounddevice,
)

START_TIMEOUT = 2.0
Pcm = npt.NDArray[np.int16]


class PlaybackError(Exception):
    """The player could not start (no device, no PortAudio, unreadable file)."""


class Player(Protocol):
    """Plays one WAV at a time."""

    def play(self, path: Path) -> None:
        """Start playing `path` (stopping what plays); return once sound has started."""

    def stop(self) -> None:
        """Cut off playback now."""

    def wait(self, timeout: float) -> bool:
        """Wait until playback ends; False if it is still going after `timeout` s."""


def read_pcm(path: Path) -> tuple[Pcm, int]:
    """A 16-bit PCM WAV as (frames × channels int16 array, sample rate)."""
    try:
        with wave.open(str(path), "rb") as wav:
            if wav.getsampwidth() != 2:
                raise PlaybackError(f"{path}: only 16-bit PCM WAV can be played")
            rate, channels = wav.getframerate(), wav.getnchannels()
            raw = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as exc:
        raise PlaybackError(f"cannot read {path}: {exc}") from exc
    frames = np.frombuffer(raw, dtype="<i2").astype(np.int16).reshape(-1, channels)
    return frames, rate


def resample_pcm(frames: Pcm, rate_in: int, rate_out: int) -> Pcm:
    """Linear resampling, for a device that cannot take the file's rate (speech only)."""
    if rate_in == rate_out or len(frames) == 0:
        return frames
    count = max(1, round(len(frames) * rate_out / rate_in))
    positions = np.arange(count) * (rate_in / rate_out)
    columns = [
        np.interp(positions, np.arange(len(frames)), frames[:, c].astype(np.float64))
        for c in range(frames.shape[1])
    ]
    return np.stack(columns, axis=1).round().astype(np.int16)


class _Playback:
    """One file going out through one stream; the stream's callback runs on PortAudio's thread."""

    def __init__(self, frames: Pcm) -> None:
        self.frames = frames
        self.position = 0
        self.started = threading.Event()
        self.finished = threading.Event()

    def callback(self, outdata: Any, count: int, _time: Any, _status: Any) -> None:
        self.started.set()
        chunk = self.frames[self.position : self.position + count]
        outdata[: len(chunk)] = chunk
        outdata[len(chunk) :] = 0
        self.position += len(chunk)
        if len(chunk) < count:
            raise sounddevice().CallbackStop


StreamFactory = Callable[..., Any]
"""Builds a PortAudio output stream (`sounddevice.OutputStream`'s signature); tests pass fakes."""


class SoundDevicePlayer:
    """Plays through PortAudio on `device` (None: the system's default output)."""

    def __init__(
        self,
        device: Device = None,
        *,
        start_timeout: float = START_TIMEOUT,
        stream_factory: StreamFactory | None = None,
    ) -> None:
        self.device = device
        self._start_timeout = start_timeout
        self._factory = stream_factory
        self._lock = threading.Lock()
        self._stream: Any = None
        self._playback: _Playback | None = None

    def _open(self, playback: _Playback, rate: int, channels: int) -> Any:
        if self._factory is not None:
            factory = self._factory
        else:
            try:
                factory = sounddevice().OutputStream
            except SoundUnavailable as exc:
                raise PlaybackError(str(exc)) from exc
        return factory(
            samplerate=rate,
            channels=channels,
            dtype="int16",
            device=self.device,
            callback=playback.callback,
            finished_callback=playback.finished.set,
        )

    def play(self, path: Path) -> None:
        frames, rate = read_pcm(path)
        self.play_pcm(frames, rate)

    def play_pcm(self, frames: Pcm, rate: int) -> None:
        """Play in-memory 16-bit PCM (frames × channels) the way `play()` plays a file."""
        with self._lock:
            self._stop_locked()
            playback = _Playback(frames)
            try:
                stream = self._open(playback, rate, frames.shape[1])
            except (OSError, ValueError, RuntimeError) as first:
                # PortAudio's errors are RuntimeErrors. A device that cannot run at the
                # file's rate (a bare hw device) gets the audio at its own rate.
                stream = self._reopen_at_device_rate(playback, rate, first)
            try:
                stream.start()
            except (OSError, RuntimeError) as exc:
                stream.close()
                raise PlaybackError(f"{describe(self.device)}: {exc}") from exc
            self._stream, self._playback = stream, playback
            if not (playback.started.wait(self._start_timeout) or playback.finished.is_set()):
                self._stop_locked()
                raise PlaybackError(f"playback did not start within {self._start_timeout:g} s")

    def _reopen_at_device_rate(self, playback: _Playback, rate: int, first: Exception) -> Any:
        info = find_device(self.device, kind="output")
        device_rate = round(info.default_rate) if info is not None else rate
        if device_rate == rate:
            raise PlaybackError(f"{describe(self.device)}: {first}") from first
        playback.frames = resample_pcm(playback.frames, rate, device_rate)
        try:
            return self._open(playback, device_rate, playback.frames.shape[1])
        except (OSError, ValueError, RuntimeError) as exc:
            raise PlaybackError(f"{describe(self.device)}: {exc}") from exc

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            close_stream(stream)
            if self._playback is not None:
                self._playback.finished.set()

    def wait(self, timeout: float) -> bool:
        playback = self._playback
        return playback is None or playback.finished.wait(timeout)

    @property
    def playing(self) -> bool:
        playback = self._playback
        return self._stream is not None and playback is not None and not playback.finished.is_set()


def probe_device(device: Device = None) -> str | None:
    """Why sound cannot be played on `device`, or None when it can (plays 50 ms of silence)."""
    try:
        sounddevice()
    except SoundUnavailable as exc:
        return str(exc)
    if find_device(device, kind="output") is None:
        return f"no output device {describe(device)}"
    player = SoundDevicePlayer(device)
    try:
        player.play_pcm(np.zeros((1102, 1), dtype=np.int16), 22050)
        player.wait(2.0)
    except PlaybackError as exc:
        return str(exc)
    finally:
        player.stop()
    return None


def open_player(device: str | None = None) -> tuple[Player, str | None]:
    """The player for `device` (default `$CALLSIM_AUDIO_DEVICE`, else the system default),
    or a SilentPlayer and why there is no sound."""
    chosen = output_device(device)
    problem = probe_device(chosen)
    if problem is not None:
        return SilentPlayer(), problem
    return SoundDevicePlayer(chosen), None


def play_file(path: Path, *, device: str | None = None, timeout: float | None = None) -> None:
    """Play one WAV to its end (or `timeout` s) on the chosen device; PlaybackError if not."""
    chosen = output_device(device)
    player = SoundDevicePlayer(chosen)
    player.play(path)
    try:
        if timeout is None:
            frames, rate = read_pcm(path)
            timeout = len(frames) / rate + START_TIMEOUT
        player.wait(timeout)
    finally:
        player.stop()


class SilentPlayer:
    """No sound device: "playback" starts and ends at once."""

    def play(self, path: Path) -> None:
        return None

    def stop(self) -> None:
        return None

    def wait(self, timeout: float) -> bool:
        return True


class FakePlayer:
    """Records what it was asked to play and stop (tests)."""

    def __init__(self) -> None:
        self.played: list[Path] = []
        self.stops = 0

    def play(self, path: Path) -> None:
        self.played.append(path)

    def stop(self) -> None:
        self.stops += 1

    def wait(self, timeout: float) -> bool:
        return True
