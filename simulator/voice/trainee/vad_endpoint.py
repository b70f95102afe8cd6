"""Endpointing: from frame-by-frame speech probabilities to utterances with onset and end.

Hands-free, an utterance begins once speech has lasted `min_speech` (its onset is the
first speech frame, not the moment it was believed) and ends after `end_silence` of
quiet (its end is the last speech frame, not the moment the quiet was long enough).
Push-to-talk, only frames while the key is held count and releasing it ends the
utterance; onset and end are still where the speech is, not where the key was.

Hands-free, once the quiet has lasted `guess_after` (at least the post-roll, so the clip
is final if the quiet goes on) the endpointer also says `SpeechPaused` with the clip the
utterance will have if it ends there: recognizing it meanwhile hides most of the
`end_silence` wait. If the trainee speaks on, the guess is simply not used. (Guessing
sooner, on a clip with less post-roll, changed Whisper's text for 8 of 22 replies and
saved 0.04 s: the guess must not change what is recognized.)
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import Enum

import numpy as np

from simulator.voice.trainee.mic_wav import SAMPLE_RATE, AudioClip, FloatArray, rms
from simulator.voice.trainee.vad import FRAME_SECONDS, SpeechDetector

# Frames quieter than this RMS are never speech, whatever the noise floor.
MIN_GATE = 0.002


@dataclass(frozen=True)
class EndpointSettings:
    threshold: float = 0.5  # speech probability that starts (or confirms) speech
    neg_threshold: float = 0.35  # below this a frame is silence; between: keeps speech going
    min_speech: float = 0.25  # speech needed (hands-free) before an onset is believed
    min_speech_ptt: float = 0.1  # the same while the talk key is held
    drop_after: float = 0.25  # quiet that drops a not-yet-believed onset
    end_silence: float = 0.6  # quiet that ends a hands-free utterance
    guess_after: float | None = 0.2  # quiet after which the clip so far is worth recognizing
    max_utterance: float = 30.0  # longest utterance (Whisper's window)
    pre_roll: float = 0.3  # audio kept before the onset in the utterance's WAV
    post_roll: float = 0.2  # and after its end
    gate_factor: float = 2.5  # after calibration: frames below noise × this are silence


@dataclass(frozen=True)
class SpeechBegan:
    t: float  # onset: start of the first speech frame


@dataclass(frozen=True)
class SpeechFinished:
    onset: float
    end: float
    audio: AudioClip  # onset − pre_roll … end + post_roll (clamped)
    audio_start: float  # clock time of the clip's first sample


@dataclass(frozen=True)
class SpeechPaused:
    """Hands-free: quiet for `guess_after`; `speech` is the utterance if it ends here."""

    speech: SpeechFinished


@dataclass(frozen=True)
class SpeechMissed:
    """The talk key was held but no speech was heard."""

    start: float
    end: float


EndpointEvent = SpeechBegan | SpeechFinished | SpeechPaused | SpeechMissed


class _State(Enum):
    IDLE = "idle"
    CANDIDATE = "candidate"
    SPEAKING = "speaking"


class Endpointer:
    """Feed it consecutive 512-sample frames with their start times; it says what happened."""

    def __init__(
        self,
        detector: SpeechDetector,
        settings: EndpointSettings | None = None,
        *,
        push_to_talk: bool = False,
    ) -> None:
        self.detector = detector
        self.settings = settings or EndpointSettings()
        self.push_to_talk = push_to_talk
        self.gate = MIN_GATE
        self.pressed_at: float | None = None
        self._state = _State.IDLE
        self._frames: deque[tuple[float, FloatArray]] = deque()
        self._onset = 0.0
        self._speech = 0.0
        self._last_speech_end = 0.0
        self._announced = False
        self._guessed_end: float | None = None  # the speech end a SpeechPaused was sent for

    @property
    def speaking(self) -> bool:
        return self._state is _State.SPEAKING

    def calibrate(self, frames: list[FloatArray]) -> float:
        """Set the silence gate from frames of room noise; returns the noise RMS."""
        noise = float(np.median([rms(f) for f in frames])) if frames else 0.0
        self.gate = max(MIN_GATE, noise * self.settings.gate_factor)
        return noise

    def press(self, t: float) -> list[EndpointEvent]:
        """The talk key went down (push-to-talk)."""
        events = self.release(t) if self.pressed_at is not None else []
        self._reset_utterance()
        self._frames.clear()
        self.detector.reset()
        self.pressed_at = t
        return events

    def release(self, t: float) -> list[EndpointEvent]:
        """The talk key came up: the utterance (if any speech was heard) is finished."""
        if self.pressed_at is None:
            return []
        start, self.pressed_at = self.pressed_at, None
        if self._state is _State.IDLE:
            self._frames.clear()
            return [SpeechMissed(start, t)]
        events: list[EndpointEvent] = []
        if not self._announced:
            events.append(SpeechBegan(self._onset))
        events.append(self._finish(self._last_speech_end))
        return events

    def flush(self) -> list[EndpointEvent]:
        """The audio has ended: finish an utterance in progress (hands-free)."""
        if self.push_to_talk or self._state is not _State.SPEAKING:
            self._reset_utterance()
            return []
        return [self._finish(self._last_speech_end)]

    def feed(self, frame: FloatArray, t: float) -> list[EndpointEvent]:
        """One frame starting at clock time `t`."""
        if self.push_to_talk and self.pressed_at is None:
            return []
        s = self.settings
        p = self.detector.probability(frame)
        loud = rms(frame) >= self.gate
        is_speech = p >= s.threshold and loud
        is_quiet = p < s.neg_threshold or not loud
        t_end = t + FRAME_SECONDS
        self._frames.append((t, frame))
        if self._state is _State.IDLE:
            if is_speech:
                self._state = _State.CANDIDATE
                self._onset, self._speech, self._last_speech_end = t, FRAME_SECONDS, t_end
            else:
                self._trim_pre_roll(t_end)
            return self._maybe_announce()
        if not is_quiet:
            self._last_speech_end = t_end
            if is_speech:
                self._speech += FRAME_SECONDS
        quiet_for = t_end - self._last_speech_end
        if self._state is _State.CANDIDATE:
            if quiet_for >= s.drop_after and not self.push_to_talk:
                self._reset_utterance()
                self._trim_pre_roll(t_end)
                return []
            return self._maybe_announce()
        if self.push_to_talk:
            return []
        if quiet_for >= s.end_silence:
            return [self._finish(self._last_speech_end)]
        if t_end - self._onset >= s.max_utterance:
            return [self._finish(t_end)]
        return self._maybe_guess(quiet_for)

    def _maybe_guess(self, quiet_for: float) -> list[EndpointEvent]:
        s = self.settings
        if s.guess_after is None or quiet_for < max(s.guess_after, s.post_roll):
            return []
        if self._guessed_end == self._last_speech_end:
            return []  # already guessed for this pause
        self._guessed_end = self._last_speech_end
        clip, audio_start = self._clip(self._onset, self._last_speech_end)
        end = self._last_speech_end
        return [SpeechPaused(SpeechFinished(self._onset, end, clip, audio_start))]

    def _maybe_announce(self) -> list[EndpointEvent]:
        if self._state is not _State.CANDIDATE:
            return []
        needed = self.settings.min_speech_ptt if self.push_to_talk else self.settings.min_speech
        if self._speech + 1e-9 < needed:
            return []
        self._state = _State.SPEAKING
        self._announced = True
        return [SpeechBegan(self._onset)]

    def _clip(self, onset: float, end: float) -> tuple[AudioClip, float]:
        """The audio from `onset` − pre-roll to `end` + post-roll, and its start time."""
        s = self.settings
        lo, hi = onset - s.pre_roll, end + s.post_roll
        kept = [(ft, f) for ft, f in self._frames if ft + FRAME_SECONDS > lo and ft < hi]
        if not kept:
            return AudioClip.silence(0.0), onset
        start = kept[0][0]
        samples = np.concatenate([f for _, f in kept])
        a = max(0, round((lo - start) * SAMPLE_RATE))
        b = min(len(samples), round((hi - start) * SAMPLE_RATE))
        return AudioClip(samples[a:b].astype(np.float32)), start + a / SAMPLE_RATE

    def _finish(self, end: float) -> SpeechFinished:
        onset = self._onset
        clip, audio_start = self._clip(onset, end)
        self._reset_utterance()
        self._frames = deque((ft, f) for ft, f in self._frames if ft >= end)
        return SpeechFinished(onset=onset, end=end, audio=clip, audio_start=audio_start)

    def _reset_utterance(self) -> None:
        self._state = _State.IDLE
        self._speech = 0.0
        self._announced = False
        self._guessed_end = None

    def _trim_pre_roll(self, now: float) -> None:
        if self.push_to_talk:
            return  # everything since the key went down is kept
        while self._frames and self._frames[0][0] < now - self.settings.pre_roll - FRAME_SECONDS:
            self._frames.popleft()
