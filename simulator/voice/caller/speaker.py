"""The Speaker: turns a caller line into a WAV file, in a chosen voice.

`Speaker` is the protocol the caller voice uses; `WorkerSpeaker` (tts_client.py) is the
real one over pyttsx3 + espeak-ng; `FakeSpeaker` writes a tone of the estimated length,
for tests of the layers above. Both return futures, so synthesis never blocks a caller.
"""

from __future__ import annotations

import array
import math
import threading
from concurrent.futures import Future
from pathlib import Path
from typing import Protocol

from simulator.engine.voice import estimate_duration
from simulator.scenario.models import Voice
from simulator.voice.caller.cache import cache_key, tts_cache_dir, write_wav
from simulator.voice.caller.text import normalize_for_speech
from simulator.voice.caller.voices import VoiceInfo


class SpeakerError(Exception):
    """A line could not be synthesized."""


class SpeakerUnavailable(SpeakerError):
    """Speech synthesis cannot run here at all (no synthesizer, no Mandarin voice)."""


class NoMandarinVoice(SpeakerUnavailable):
    """The synthesizer runs, but none of the platform's voices speaks Mandarin."""


class Speaker(Protocol):
    """Synthesizes lines into cached WAV files."""

    @property
    def voice(self) -> VoiceInfo:
        """The voice lines are spoken with."""

    def voices(self) -> list[VoiceInfo]:
        """Every installed voice."""

    def synthesize(self, text: str, voice: Voice, *, urgent: bool = False) -> Future[Path]:
        """Start making the WAV of `text` (from the cache when it is there); `urgent` jumps
        the queue. The future fails with SpeakerError."""

    def close(self) -> None:
        """Stop the synthesizer; pending futures fail."""


def done_future(path: Path) -> Future[Path]:
    """A future that already holds `path`."""
    future: Future[Path] = Future()
    future.set_result(path)
    return future


class FakeSpeaker:
    """Writes a 220 Hz tone as long as espeak-ng would speak, louder with volume.

    Counts `jobs` (lines actually synthesized, cache hits excluded) so tests can check
    that playback never waits for synthesis.
    """

    def __init__(self, cache: Path | None = None, *, fail: bool = False) -> None:
        self._cache = cache if cache is not None else tts_cache_dir()
        self._fail = fail
        self._lock = threading.Lock()
        self.jobs = 0
        self.texts: list[str] = []

    @property
    def voice(self) -> VoiceInfo:
        return VoiceInfo(id="fake/cmn-latn-pinyin", name="Fake", languages=("cmn-latn-pinyin",))

    def voices(self) -> list[VoiceInfo]:
        return [self.voice]

    def synthesize(self, text: str, voice: Voice, *, urgent: bool = False) -> Future[Path]:
        spoken = normalize_for_speech(text)
        path = self._cache / f"{cache_key(spoken, voice, 'fake')}.wav"
        future: Future[Path] = Future()
        if self._fail:
            future.set_exception(SpeakerError(f"fake synthesis failed: {text}"))
            return future
        if path.exists():
            return done_future(path)
        with self._lock:
            self.jobs += 1
            self.texts.append(text)
        rate = 22050
        seconds = estimate_duration(spoken, voice.rate)
        amplitude = 0.5 * voice.volume * 32767
        samples = array.array(
            "h",
            (
                int(amplitude * math.sin(2 * math.pi * 220 * i / rate))
                for i in range(int(seconds * rate))
            ),
        )
        write_wav(path, samples, rate)
        future.set_result(path)
        return future

    def close(self) -> None:
        return None
