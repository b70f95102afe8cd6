"""The trainee speaks: audio source → speech onset → utterance → recognized text.

`VoiceInput` knows no UI and no call. It reads an `AudioSource`, finds utterances with
the endpointer (hands-free, or push-to-talk with `press()` / `release()`), saves each
one as a WAV, recognizes it (in a worker thread, or inline for tests) and reports what
happened through `deliver`, from whichever thread noticed it: the UI marshals events
to its own thread (Textual: `app.call_from_thread`) and hands them to
`VoiceCallBridge`, which tells the call. Times are the injected clock's.

Hands-free, the worker starts recognizing when the trainee pauses (`SpeechPaused`), not
only once the pause is long enough to end the utterance: if it does end there, that
transcript is used and most of the end-of-speech wait is hidden; if the trainee speaks
on, it is dropped. A guess is skipped when newer work is already waiting.
"""

from __future__ import annotations

import itertools
import queue
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from simulator.clock import Clock
from simulator.recording.events import Asr
from simulator.voice.trainee.mic import AudioSource, MicrophoneError, read_seconds
from simulator.voice.trainee.mic_wav import SAMPLE_RATE, FloatArray, level, write_wav
from simulator.voice.trainee.model import ModelError
from simulator.voice.trainee.recognizer import Recognizer, Transcript
from simulator.voice.trainee.vad import FRAME, SpeechDetector, default_detector
from simulator.voice.trainee.vad_endpoint import (
    Endpointer,
    EndpointEvent,
    EndpointSettings,
    SpeechBegan,
    SpeechFinished,
    SpeechMissed,
    SpeechPaused,
)

InputMode = Literal["hands_free", "push_to_talk"]


@dataclass(frozen=True)
class SpeechStarted:
    """The trainee started speaking (onset, clock time): tell the call the agent talks."""

    t: float


@dataclass(frozen=True)
class SpeechEnded:
    """The utterance is over and being recognized."""

    onset: float
    end: float


@dataclass(frozen=True)
class UtteranceRecognized:
    onset: float
    end: float
    audio: Path
    transcript: Transcript

    @property
    def text(self) -> str:
        return self.transcript.text

    @property
    def asr(self) -> Asr:
        return self.transcript.asr()

    @property
    def low_confidence(self) -> bool:
        return self.transcript.low_confidence


@dataclass(frozen=True)
class UtteranceDiscarded:
    """Speech-like sound that held no words (a cough, a breath, an empty key press)."""

    onset: float
    end: float
    reason: str


@dataclass(frozen=True)
class RecognitionFailed:
    onset: float
    end: float
    message: str


@dataclass(frozen=True)
class SourceEnded:
    """The audio source has no more audio (end of the WAV file) or failed (`error`)."""

    t: float
    error: str | None = None


VoiceEvent = (
    SpeechStarted
    | SpeechEnded
    | UtteranceRecognized
    | UtteranceDiscarded
    | RecognitionFailed
    | SourceEnded
)

_RECOGNITION_ERRORS = (ModelError, RuntimeError, ValueError, OSError)


@dataclass(frozen=True)
class _Guess:
    """Recognize a pause's clip before it is known to end the utterance."""

    speech: SpeechFinished


def _same_cut(a: SpeechFinished, b: SpeechFinished) -> bool:
    """The same clip: a guess is used only where it recognized exactly this audio."""
    return (a.onset, a.end, len(a.audio.samples)) == (b.onset, b.end, len(b.audio.samples))


class VoiceInput:
    """Turns an audio source into utterance events. One per call; `close()` at the end."""

    def __init__(
        self,
        source: AudioSource,
        recognizer: Recognizer,
        *,
        clock: Clock,
        deliver: Callable[[VoiceEvent], None],
        mode: InputMode = "hands_free",
        detector: SpeechDetector | None = None,
        settings: EndpointSettings | None = None,
        audio_dir: Path | None = None,
        background: bool = True,
    ) -> None:
        self.source = source
        self.recognizer = recognizer
        self.clock = clock
        self.deliver = deliver
        self.mode = mode
        self.endpointer = Endpointer(
            detector or default_detector(), settings, push_to_talk=mode == "push_to_talk"
        )
        self.audio_dir = audio_dir
        self.background = background
        self.level = 0.0  # the latest chunk's loudness, 0–1, for a meter
        self.ended = False
        self._lock = threading.Lock()
        self._carry = np.zeros(0, dtype=np.float32)
        self._carry_t = 0.0
        self._keys: list[tuple[float, bool]] = []  # (clock time, pressed) not yet applied
        self._numbers = itertools.count(1)
        self._jobs: queue.Queue[SpeechFinished | _Guess | None] = queue.Queue()
        self._guessed: tuple[SpeechFinished, Transcript | Exception] | None = None
        self.guesses_used = 0  # utterances whose transcript was ready from a pause
        self._worker: threading.Thread | None = None
        self._capture: threading.Thread | None = None
        self._stop = threading.Event()

    # ------------------------------------------------------------ controls

    def calibrate(self, seconds: float = 1.0) -> float:
        """Listen to the room for `seconds` (say nothing) and set the silence gate."""
        chunks = read_seconds(self.source, seconds)
        if chunks:
            samples = np.concatenate([c.samples for c in chunks])
            frames = [samples[i : i + FRAME] for i in range(0, len(samples) - FRAME + 1, FRAME)]
            return self.endpointer.calibrate(frames)
        return 0.0

    def press(self) -> None:
        """Push-to-talk: the talk key went down (now)."""
        with self._lock:
            self._keys.append((self.clock.now(), True))

    def release(self) -> None:
        """Push-to-talk: the talk key came up (now)."""
        with self._lock:
            self._keys.append((self.clock.now(), False))

    def start(self) -> None:
        """Capture in a background thread until the source ends or `stop()`."""
        if self._capture is not None:
            return
        self._stop.clear()
        self._capture = threading.Thread(target=self._capture_loop, name="callsim-mic", daemon=True)
        self._capture.start()

    def stop(self) -> None:
        self._stop.set()
        if self._capture is not None and self._capture is not threading.current_thread():
            self._capture.join(timeout=2.0)
        self._capture = None

    def close(self) -> None:
        """Stop capturing, finish the recognitions under way, close the source."""
        self.stop()
        if self._worker is not None:
            self._jobs.put(None)
            self._worker.join(timeout=60.0)
            self._worker = None
        self.source.close()

    # ------------------------------------------------------------ the loop

    def step(self) -> bool:
        """Read and process one chunk; False once the source has no more audio."""
        if self.ended:
            return False
        chunk = self.source.read()
        if chunk is None:
            self._finish_stream()
            return False
        self.level = level(chunk.samples)
        if len(self._carry) == 0:
            self._carry_t = chunk.t
        self._carry = np.concatenate([self._carry, chunk.samples])
        while len(self._carry) >= FRAME:
            frame, self._carry = self._carry[:FRAME], self._carry[FRAME:]
            t = self._carry_t
            self._carry_t += FRAME / SAMPLE_RATE
            self._frame(frame, t)
        return True

    def run(self) -> None:
        """Process the whole source in this thread (a WAV file on a fake clock)."""
        while self.step():
            pass

    def _capture_loop(self) -> None:
        try:
            while not self._stop.is_set() and self.step():
                pass
        except MicrophoneError as exc:
            self.ended = True
            self.deliver(SourceEnded(self.clock.now(), str(exc)))

    def _frame(self, frame: FloatArray, t: float) -> None:
        events: list[EndpointEvent] = []
        with self._lock:
            while self._keys and self._keys[0][0] <= t:
                at, down = self._keys.pop(0)
                events += self.endpointer.press(at) if down else self.endpointer.release(at)
        events += self.endpointer.feed(frame, t)
        for event in events:
            self._handle(event)

    def _finish_stream(self) -> None:
        self.ended = True
        with self._lock:
            keys, self._keys = self._keys, []
        end = self._carry_t + len(self._carry) / SAMPLE_RATE
        for at, down in keys:
            for event in self.endpointer.press(at) if down else self.endpointer.release(at):
                self._handle(event)
        if self.endpointer.pressed_at is not None:
            for event in self.endpointer.release(end):
                self._handle(event)
        for event in self.endpointer.flush():
            self._handle(event)
        self.deliver(SourceEnded(end))

    def _handle(self, event: EndpointEvent) -> None:
        if isinstance(event, SpeechBegan):
            self.deliver(SpeechStarted(event.t))
        elif isinstance(event, SpeechMissed):
            self.deliver(UtteranceDiscarded(event.start, event.end, "没有听到说话声"))
        elif isinstance(event, SpeechPaused):
            if self.background:  # inline, a guess would only delay the capture
                self._ensure_worker()
                self._jobs.put(_Guess(event.speech))
        else:
            self.deliver(SpeechEnded(event.onset, event.end))
            if self.background:
                self._ensure_worker()
                self._jobs.put(event)
            else:
                self._recognize(event)

    # ------------------------------------------------------------ recognition

    def _ensure_worker(self) -> None:
        if self._worker is None:
            self._worker = threading.Thread(
                target=self._work, name="callsim-recognizer", daemon=True
            )
            self._worker.start()

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            if isinstance(job, _Guess):
                if self._jobs.empty():  # else the trainee spoke on, or the end is known
                    self._guessed = (job.speech, self._transcribe(job.speech))
            else:
                self._recognize(job)

    def _transcribe(self, speech: SpeechFinished) -> Transcript | Exception:
        try:
            return self.recognizer.transcribe(speech.audio)
        except _RECOGNITION_ERRORS as exc:
            return exc

    def _recognize(self, speech: SpeechFinished) -> None:
        guessed, self._guessed = self._guessed, None
        if guessed is not None and _same_cut(guessed[0], speech):
            outcome = guessed[1]
            self.guesses_used += 1
        else:
            outcome = self._transcribe(speech)
        try:
            path = write_wav(self._next_audio_path(), speech.audio)
        except OSError as exc:
            outcome = exc
        if isinstance(outcome, Exception):
            self.deliver(RecognitionFailed(speech.onset, speech.end, str(outcome)))
            return
        transcript = outcome
        if not transcript.text:
            self.deliver(UtteranceDiscarded(speech.onset, speech.end, "没有识别出文字"))
            return
        self.deliver(UtteranceRecognized(speech.onset, speech.end, path, transcript))

    def _next_audio_path(self) -> Path:
        if self.audio_dir is None:
            self.audio_dir = Path(tempfile.mkdtemp(prefix="callsim-agent-"))
        return self.audio_dir / f"agent-{next(self._numbers):03d}.wav"
