"""Where the trainee's voice comes from: the microphone, or a WAV file playing the part.

Every source hands out 16 kHz mono chunks stamped with the injected clock's time of
their first sample. `WavFileSource` is the virtual microphone (`--mic-file FILE.wav`):
on a real clock it delivers audio as fast as it would be spoken; on a `FakeClock` it
moves the clock itself, so a test runs a whole spoken call in moments with the same
timings. `MicrophoneSource` reads a real microphone through PortAudio (`sounddevice`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

import numpy as np

from simulator.clock import Clock, FakeClock
from simulator.voice.sound import (
    Device,
    SoundUnavailable,
    close_stream,
    describe,
    find_device,
    input_device,
    sounddevice,
)
from simulator.voice.trainee.mic_resample import StreamResampler
from simulator.voice.trainee.mic_wav import SAMPLE_RATE, AudioClip, FloatArray, read_wav

CHUNK = 512  # samples per read: one VAD frame, 32 ms
Pace = Literal["auto", "realtime", "instant"]

# How far a microphone's sample count may fall behind the clock (lost buffers) before
# chunk times are re-anchored to the clock.
DRIFT_LIMIT = 0.25


class MicrophoneError(Exception):
    """The microphone could not be opened or read; the message says what to do."""


@dataclass(frozen=True, eq=False)
class AudioChunk:
    t: float  # clock time of the first sample
    samples: FloatArray  # 16 kHz mono float32


class AudioSource(Protocol):
    """A stream of audio chunks. `read()` blocks until the next chunk (None: no more)."""

    def open(self) -> None: ...

    def read(self) -> AudioChunk | None: ...

    def close(self) -> None: ...


class WavFileSource:
    """A WAV file (or a clip) as a microphone: chunk k is heard at start + k × 32 ms."""

    def __init__(
        self,
        audio: Path | AudioClip,
        *,
        clock: Clock,
        pace: Pace = "auto",
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.clip = audio if isinstance(audio, AudioClip) else read_wav(audio)
        self.clip = self.clip.resampled()
        self.path = audio if isinstance(audio, Path) else None
        self.clock = clock
        if pace == "auto":
            pace = "instant" if isinstance(clock, FakeClock) else "realtime"
        self.pace = pace
        self._sleep = sleep
        self._start: float | None = None
        self._index = 0

    @property
    def duration(self) -> float:
        return self.clip.duration

    def open(self) -> None:
        self._start = self.clock.now()
        self._index = 0

    def read(self) -> AudioChunk | None:
        if self._start is None:
            self.open()
        assert self._start is not None
        a = self._index * CHUNK
        samples = self.clip.samples
        if a >= len(samples):
            return None
        chunk = samples[a : a + CHUNK]
        t = self._start + a / SAMPLE_RATE
        self._wait_until(t + len(chunk) / SAMPLE_RATE)
        self._index += 1
        return AudioChunk(t, chunk)

    def close(self) -> None:
        self._start = None

    def _wait_until(self, due: float) -> None:
        """A chunk is available once all of it would have been spoken."""
        now = self.clock.now()
        if now >= due:
            return
        if self.pace == "instant":
            if isinstance(self.clock, FakeClock):
                self.clock.set(due)
            return
        self._sleep(due - now)


InputStreamFactory = Callable[..., Any]
"""Builds a PortAudio input stream (`sounddevice.RawInputStream`'s signature); tests pass fakes."""


class MicrophoneSource:
    """The default (or a chosen) microphone, read through PortAudio (`sounddevice`).

    The stream is opened at 16 kHz when the device allows it (no resampling); a device that
    cannot do it is opened at its own rate and resampled on the way in.
    """

    def __init__(
        self,
        *,
        clock: Clock,
        device: Device = None,
        stream_factory: InputStreamFactory | None = None,
    ) -> None:
        self.clock = clock
        self.device = input_device(device)
        self._factory = stream_factory
        self._stream: Any = None
        self._resampler: StreamResampler | None = None
        self._origin = 0.0
        self._samples = 0
        self._rate = SAMPLE_RATE
        self._chunk = CHUNK

    def _make(self, rate: int) -> Any:
        if self._factory is not None:
            factory = self._factory
        else:
            try:
                factory = sounddevice().RawInputStream
            except SoundUnavailable as exc:
                raise MicrophoneError(f"无法使用麦克风：{exc}") from exc
        return factory(
            samplerate=rate,
            channels=1,
            dtype="int16",
            blocksize=round(CHUNK * rate / SAMPLE_RATE),
            device=self.device,
        )

    def open(self) -> None:
        try:
            stream = self._make(SAMPLE_RATE)
        except (OSError, ValueError, RuntimeError):  # PortAudio's errors are RuntimeErrors
            info = find_device(self.device, kind="input")
            if info is None:
                raise MicrophoneError(f"找不到可用的麦克风（{describe(self.device)}）") from None
            try:
                stream = self._make(round(info.default_rate))
            except (OSError, ValueError, RuntimeError) as exc:
                raise MicrophoneError(f"无法打开麦克风（{exc}）") from exc
        try:
            stream.start()
        except (OSError, RuntimeError) as exc:
            stream.close()
            raise MicrophoneError(f"无法打开麦克风（设备忙或不支持录音：{exc}）") from exc
        self._stream = stream
        self._rate = round(stream.samplerate)
        self._chunk = round(CHUNK * self._rate / SAMPLE_RATE)
        self._resampler = StreamResampler(self._rate, SAMPLE_RATE)
        self._origin = self.clock.now()
        self._samples = 0

    def read(self) -> AudioChunk | None:
        if self._stream is None:
            self.open()
        assert self._resampler is not None
        try:
            # An overflow (buffers lost while the machine was busy) is caught up below.
            raw, _overflowed = self._stream.read(self._chunk)
        except (OSError, RuntimeError) as exc:
            raise MicrophoneError(f"麦克风读取失败（{exc}）") from exc
        data = bytes(raw)
        if not data:
            return None
        native = np.frombuffer(data, dtype="<i2").astype(np.float32) / 32768.0
        samples = self._resampler.push(native)
        t = self._origin + self._samples / SAMPLE_RATE
        lag = self.clock.now() - (t + len(samples) / SAMPLE_RATE)
        if lag > DRIFT_LIMIT:
            # Buffers were dropped (the machine was busy): trust the clock again.
            self._origin += lag
            t += lag
        self._samples += len(samples)
        return AudioChunk(t, samples)

    def close(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            close_stream(stream)


def read_seconds(source: AudioSource, seconds: float) -> list[AudioChunk]:
    """Read at least `seconds` of audio (fewer if the source ends first)."""
    chunks: list[AudioChunk] = []
    total = 0.0
    while total < seconds:
        chunk = source.read()
        if chunk is None:
            break
        chunks.append(chunk)
        total += len(chunk.samples) / SAMPLE_RATE
    return chunks
