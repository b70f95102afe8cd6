"""Is the trainee speaking? Voice-activity detection, one 32 ms frame at a time.

`SileroDetector` runs the Silero VAD model that ships inside faster-whisper
(`faster_whisper.vad`), keeping its recurrent state between frames so it can follow a
live microphone; fed a whole file frame by frame it gives exactly the probabilities
faster-whisper's own batch call does. `EnergyDetector` is a plain loudness gate: the
fallback when the model cannot be loaded, and a predictable detector for tests.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from simulator.voice.trainee.mic_wav import SAMPLE_RATE, AudioClip, FloatArray, rms

FRAME = 512  # samples per frame at 16 kHz: what Silero VAD takes (32 ms)
FRAME_SECONDS = FRAME / SAMPLE_RATE
_CONTEXT = 64  # samples of the previous frame Silero v6 looks back on


class SpeechDetector(Protocol):
    """Speech probability (0–1) of consecutive 512-sample frames of 16 kHz audio."""

    def probability(self, frame: FloatArray) -> float: ...

    def reset(self) -> None:
        """Forget earlier frames (a new, unrelated stretch of audio follows)."""


class SileroDetector:
    """Silero VAD (from faster-whisper's assets) in streaming form."""

    def __init__(self) -> None:
        # The VAD model (onnxruntime) is imported only when voice input starts.
        from faster_whisper.vad import get_vad_model  # noqa: PLC0415

        self._session: Any = get_vad_model().session
        self.reset()

    def reset(self) -> None:
        self._h = np.zeros((1, 1, 128), dtype=np.float32)
        self._c = np.zeros((1, 1, 128), dtype=np.float32)
        self._context = np.zeros((1, _CONTEXT), dtype=np.float32)

    def probability(self, frame: FloatArray) -> float:
        window = _fit(frame).reshape(1, FRAME)
        batch = np.concatenate([self._context, window], axis=1)
        out, self._h, self._c = self._session.run(
            None, {"input": batch, "h": self._h, "c": self._c}
        )
        self._context = window[:, -_CONTEXT:]
        return float(np.asarray(out).reshape(-1)[0])


class EnergyDetector:
    """Speech is whatever is louder than `threshold` RMS (full scale = 1)."""

    def __init__(self, threshold: float = 0.02) -> None:
        self.threshold = threshold

    def reset(self) -> None:
        return None

    def probability(self, frame: FloatArray) -> float:
        return 1.0 if rms(frame) >= self.threshold else 0.0


def default_detector() -> SpeechDetector:
    """Silero when faster-whisper and onnxruntime are there, else the energy gate."""
    try:
        return SileroDetector()
    except (ImportError, RuntimeError, OSError):
        return EnergyDetector()


def frames_of(samples: FloatArray) -> list[FloatArray]:
    """Consecutive 512-sample frames; the last one zero-padded."""
    return [_fit(samples[i : i + FRAME]) for i in range(0, len(samples), FRAME)]


def speech_bounds(
    clip: AudioClip,
    detector: SpeechDetector | None = None,
    *,
    threshold: float = 0.5,
) -> tuple[float, float] | None:
    """Where speech starts and ends in a clip, in seconds (None: no speech at all)."""
    detector = detector or default_detector()
    detector.reset()
    samples = clip.resampled().samples
    speech = [
        i for i, frame in enumerate(frames_of(samples)) if detector.probability(frame) >= threshold
    ]
    if not speech:
        return None
    end = min((speech[-1] + 1) * FRAME, len(samples))
    return speech[0] * FRAME_SECONDS, end / SAMPLE_RATE


def _fit(frame: FloatArray) -> FloatArray:
    if len(frame) == FRAME:
        return frame.astype(np.float32, copy=False)
    out = np.zeros(FRAME, dtype=np.float32)
    out[: min(FRAME, len(frame))] = frame[:FRAME]
    return out
