"""Shared pieces of the speech-recognition tests: espeak-ng speech, tones, one kept model."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from simulator.voice.trainee.mic_wav import SAMPLE_RATE, AudioClip, read_wav
from simulator.voice.trainee.recognizer import WhisperRecognizer

# espeak-ng's Mandarin voice with the f2 variant: of the voices tried, the one Whisper base
# recognizes best. `-s 110` comes out at about 122 characters a minute of speech (espeak
# runs faster than its nominal rate for Mandarin), the pace the standard asks for.
ESPEAK_VOICE = "cmn-latn-pinyin+f2"
ESPEAK_RATE = 110

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing")


def speak(text: str, folder: Path, name: str) -> AudioClip:
    """`text` spoken by espeak-ng, as a 16 kHz clip (the WAV is kept in `folder`)."""
    path = folder / f"{name}.wav"
    subprocess.run(
        ["espeak-ng", "-v", ESPEAK_VOICE, "-s", str(ESPEAK_RATE), "-w", str(path), text],
        check=True,
        capture_output=True,
    )
    return read_wav(path)


def tone(seconds: float, *, freq: float = 440.0, amplitude: float = 0.3) -> AudioClip:
    t = np.arange(round(seconds * SAMPLE_RATE)) / SAMPLE_RATE
    return AudioClip((amplitude * np.sin(2 * np.pi * freq * t)).astype(np.float32))


@lru_cache(maxsize=1)
def shared_recognizer() -> WhisperRecognizer:
    """One Whisper base for the whole test run: loading it is the slow part."""
    recognizer = WhisperRecognizer()
    recognizer.load()
    return recognizer


def drain(queue: list[Any]) -> list[Any]:
    items = list(queue)
    queue.clear()
    return items
