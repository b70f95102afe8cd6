"""Where synthesized caller audio lives, and what a WAV file says about itself.

Each line is synthesized once into `cache_dir()/tts/<key>.wav`; the key hashes everything
that changes the sound (the spoken text, rate, pitch, volume, the espeak-ng version and
voice), so a cached file is always the sound that line would get now.
"""

from __future__ import annotations

import array
import hashlib
import json
import math
import sys
import wave
from dataclasses import dataclass
from pathlib import Path

from simulator.locations import cache_dir
from simulator.scenario.models import Voice

CACHE_FORMAT = 1
"""Bumped when the way text becomes audio changes (normalization, WAV layout)."""


def tts_cache_dir() -> Path:
    """The folder of synthesized WAVs (created on first use)."""
    return cache_dir() / "tts"


def cache_key(spoken: str, voice: Voice, engine: str) -> str:
    """A stable name for the WAV of `spoken` said with `voice` by `engine`."""
    payload = json.dumps(
        {
            "format": CACHE_FORMAT,
            "text": spoken,
            "rate": voice.rate,
            "pitch": voice.pitch,
            "volume": round(voice.volume, 3),
            "engine": engine,
        },
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def wav_duration(path: Path) -> float:
    """Exact length of a WAV in seconds (frames / rate, from the header)."""
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes() / wav.getframerate()


@dataclass(frozen=True)
class WavLevels:
    """Loudness of a 16-bit WAV, as fractions of full scale."""

    duration: float
    rms: float
    peak: float


def wav_levels(path: Path) -> WavLevels:
    """Duration, RMS and peak of a 16-bit PCM WAV (any channel count)."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2:
            raise ValueError(f"{path}: expected 16-bit samples, got {8 * wav.getsampwidth()}-bit")
        rate = wav.getframerate()
        frames = wav.getnframes()
        samples = array.array("h", wav.readframes(frames))
    if sys.byteorder == "big":
        samples.byteswap()
    if not samples:
        return WavLevels(duration=0.0, rms=0.0, peak=0.0)
    square_sum = math.fsum(float(s) * s for s in samples)
    rms = math.sqrt(square_sum / len(samples)) / 32768.0
    peak = max(abs(s) for s in samples) / 32768.0
    return WavLevels(duration=frames / rate, rms=rms, peak=peak)


def write_wav(path: Path, samples: array.array[int], rate: int = 22050) -> None:
    """Write mono 16-bit samples; atomically, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    data = array.array("h", samples)
    if sys.byteorder == "big":
        data.byteswap()
    with wave.open(str(tmp), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(data.tobytes())
    tmp.replace(path)
