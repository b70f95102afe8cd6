"""Speech recognition: what the trainee said, with how sure the recognizer is.

`WhisperRecognizer` takes SpeechRecognition's audio (`AudioData` from `Microphone` or
`AudioFile`) or an `AudioClip`, and recognizes it with faster-whisper. Unlike
SpeechRecognition's `recognize_faster_whisper`, which builds a new `WhisperModel` on every
call, it loads the model once and keeps it. `FakeRecognizer` answers from a script, for
the tests of everything above it.
"""

from __future__ import annotations

import math
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from simulator.recording.events import Asr
from simulator.voice.trainee.mic_wav import AudioClip
from simulator.voice.trainee.model import ModelChoice, ModelError, choose_model, model_location
from simulator.voice.trainee.recognizer_text import (
    LOW_CONFIDENCE,
    SegmentStats,
    clean_text,
    confidence_of,
    decode_options,
)

if TYPE_CHECKING:
    import speech_recognition as sr

# The decoder's budget includes its prompt tokens: a window this close to the cap ran out.
CAP_SLACK = 8


@dataclass(frozen=True)
class TranscriptSegment:
    """One stretch of recognized speech, times in seconds from the start of the audio."""

    start: float
    end: float
    text: str
    confidence: float
    avg_logprob: float = 0.0
    compression_ratio: float = 0.0
    no_speech_prob: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "start": round(self.start, 3),
            "end": round(self.end, 3),
            "text": self.text,
            "confidence": round(self.confidence, 3),
            "avg_logprob": round(self.avg_logprob, 3),
            "compression_ratio": round(self.compression_ratio, 3),
            "no_speech_prob": round(self.no_speech_prob, 3),
        }


@dataclass(frozen=True)
class Transcript:
    """The recognized text (Simplified, no spaces between hanzi) and its confidence."""

    text: str
    confidence: float
    segments: tuple[TranscriptSegment, ...] = ()
    flags: tuple[str, ...] = ()
    model_text: str = ""  # Whisper's own output, before conversion and clean-up
    duration: float = 0.0  # seconds of audio recognized
    seconds: float = 0.0  # time the recognition took

    @property
    def low_confidence(self) -> bool:
        return self.confidence < LOW_CONFIDENCE

    def asr(self) -> Asr:
        """The recording's `asr` field: confidence and the text as recognized."""
        return Asr(confidence=round(self.confidence, 3), raw=self.text)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "confidence": round(self.confidence, 3),
            "low_confidence": self.low_confidence,
            "flags": list(self.flags),
            "model_text": self.model_text,
            "duration": round(self.duration, 3),
            "seconds": round(self.seconds, 3),
            "segments": [segment.to_json() for segment in self.segments],
        }


class Recognizer(Protocol):
    """Turns an utterance into text. May block for a second or so: call it off the UI."""

    def transcribe(self, audio: AudioClip) -> Transcript: ...


def _as_clip(audio: AudioClip | sr.AudioData) -> AudioClip:
    return audio.resampled() if isinstance(audio, AudioClip) else AudioClip.from_audio_data(audio)


class WhisperRecognizer:
    """faster-whisper with one model kept loaded; Mandarin, Simplified output."""

    def __init__(
        self,
        model: str | os.PathLike[str] | None = None,
        *,
        beam_size: int = 5,
        cpu_threads: int | None = None,
        compute_type: str = "int8",
    ) -> None:
        self.choice: ModelChoice = choose_model(model)
        self.beam_size = beam_size
        self.cpu_threads = cpu_threads or min(8, os.cpu_count() or 2)
        self.compute_type = compute_type
        self.load_seconds: float | None = None
        self._model: Any = None
        self._timestamp_begin = 50364
        self._lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> None:
        """Load the model now (the first `transcribe` does it otherwise). Idempotent."""
        with self._lock:
            self._load_locked()

    def _load_locked(self) -> None:
        if self._model is not None:
            return
        started = time.perf_counter()
        location = model_location(self.choice)
        # faster-whisper (CTranslate2) takes seconds to import: only when a model loads.
        from faster_whisper import WhisperModel  # noqa: PLC0415

        try:
            model = WhisperModel(
                location,
                device="cpu",
                compute_type=self.compute_type,
                cpu_threads=self.cpu_threads,
                local_files_only=True,
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise ModelError(f"无法加载语音识别模型 {self.choice.label}（{exc}）") from exc
        begin = model.hf_tokenizer.token_to_id("<|0.00|>")
        if isinstance(begin, int):
            self._timestamp_begin = begin
        self._model = model
        self.load_seconds = time.perf_counter() - started

    def transcribe(self, audio: AudioClip | sr.AudioData) -> Transcript:
        """Recognize one utterance (or a whole file): text, segments, confidence."""
        clip = _as_clip(audio)
        options = decode_options(clip.duration, beam_size=self.beam_size)
        with self._lock:
            self._load_locked()
            started = time.perf_counter()
            if clip.duration == 0.0:
                raw_segments: list[Any] = []
            else:
                generator, _info = self._model.transcribe(clip.samples, **options)
                raw_segments = list(generator)
            seconds = time.perf_counter() - started
        return self._transcript(raw_segments, clip.duration, seconds, options["max_new_tokens"])

    def recognize(self, audio_data: sr.AudioData | AudioClip) -> str:
        """SpeechRecognition's `recognize_*` shape: just the text."""
        return self.transcribe(audio_data).text

    def _transcript(
        self, raw: Sequence[Any], duration: float, seconds: float, cap: int
    ) -> Transcript:
        stats = [
            SegmentStats(
                start=float(s.start),
                end=float(s.end),
                text=str(s.text),
                avg_logprob=float(s.avg_logprob),
                compression_ratio=float(s.compression_ratio),
                no_speech_prob=float(s.no_speech_prob),
            )
            for s in raw
        ]
        text = clean_text([s.text for s in stats])
        confidence, flags = confidence_of(stats, text, truncated=self._truncated(raw, cap))
        segments = tuple(
            TranscriptSegment(
                start=s.start,
                end=s.end,
                text=clean_text([s.text]),
                confidence=round(math.exp(min(0.0, s.avg_logprob)), 3),
                avg_logprob=s.avg_logprob,
                compression_ratio=s.compression_ratio,
                no_speech_prob=s.no_speech_prob,
            )
            for s in stats
        )
        return Transcript(
            text=text,
            confidence=confidence,
            segments=segments,
            flags=flags,
            model_text="".join(s.text for s in stats).strip(),
            duration=duration,
            seconds=seconds,
        )

    def _truncated(self, raw: Sequence[Any], cap: int) -> bool:
        """A window whose decoding stopped at the token cap, mid-text (it was looping)."""
        windows: dict[int, list[int]] = {}
        for segment in raw:
            windows.setdefault(int(segment.seek), []).extend(int(t) for t in segment.tokens)
        return any(
            tokens and tokens[-1] < self._timestamp_begin and len(tokens) >= cap - CAP_SLACK
            for tokens in windows.values()
        )


class FakeRecognizer:
    """Recognizes from a script: each call takes the next reply (or asks `reply(clip)`)."""

    def __init__(
        self,
        replies: Sequence[str | Transcript] | Callable[[AudioClip], str | Transcript] = (),
        *,
        confidence: float = 0.9,
    ) -> None:
        self._replies = replies
        self._confidence = confidence
        self.heard: list[AudioClip] = []

    def transcribe(self, audio: AudioClip) -> Transcript:
        self.heard.append(audio)
        if callable(self._replies):
            reply = self._replies(audio)
        else:
            index = len(self.heard) - 1
            reply = self._replies[index] if index < len(self._replies) else ""
        if isinstance(reply, Transcript):
            return reply
        return Transcript(
            text=reply,
            confidence=self._confidence if reply else 0.0,
            flags=() if reply else ("empty",),
            model_text=reply,
            duration=audio.duration,
        )


__all__ = [
    "LOW_CONFIDENCE",
    "FakeRecognizer",
    "ModelError",
    "Recognizer",
    "Transcript",
    "TranscriptSegment",
    "WhisperRecognizer",
]
