"""`SpeakingCallerVoice`: the engine's CallerVoice, with real synthesized audio.

At call start `prepare()` queues every line of the script for synthesis (a caller line
takes espeak-ng ~10–50 ms, so a whole scenario is ready within a second or two, long
before the agent picks up). When the caller's turn comes, `play()` finds the WAV already
made and only starts the player. A line that is not ready yet is synthesized first, ahead
of the queue. If synthesis fails, the line stays text-only with an estimated duration;
if the player fails, the rest of the call is silent. Neither ever raises into the engine.
"""

from __future__ import annotations

import logging
import threading
import wave
from collections.abc import Sequence
from concurrent.futures import Future
from pathlib import Path

from simulator.engine.voice import VoicedLine, estimate_duration
from simulator.voice.caller.cache import wav_duration
from simulator.voice.caller.player import PlaybackError, Player, SilentPlayer
from simulator.voice.caller.speaker import Speaker, SpeakerError

log = logging.getLogger(__name__)

LINE_TIMEOUT = 10.0
"""Longest wait for one line's synthesis when its turn comes before it is ready."""


class SpeakingCallerVoice:
    """Pre-synthesizes caller lines with a Speaker and plays them with a Player."""

    def __init__(self, speaker: Speaker, player: Player, *, line_timeout: float = LINE_TIMEOUT):
        self.speaker = speaker
        self.player = player
        self._line_timeout = line_timeout
        self._lock = threading.Lock()
        self._futures: dict[VoicedLine, Future[Path]] = {}
        self._durations: dict[VoicedLine, float] = {}
        self.problems: list[str] = []
        """What went wrong, one line each (shown by the app if it wants, always logged)."""

    def _future(self, line: VoicedLine, *, urgent: bool) -> Future[Path]:
        with self._lock:
            future = self._futures.get(line)
            if future is None or (urgent and not future.done()):
                future = self.speaker.synthesize(line.text, line.voice, urgent=urgent)
                self._futures[line] = future
            return future

    def prepare(self, lines: Sequence[VoicedLine]) -> None:
        for line in lines:
            self._future(line, urgent=False)

    def wait_ready(self, timeout: float) -> bool:
        """Wait until every prepared line is synthesized (or failed); False on timeout."""
        with self._lock:
            futures = list(self._futures.values())
        for future in futures:
            try:
                future.exception(timeout=timeout)
            except TimeoutError:
                return False
        return True

    def _wav(self, line: VoicedLine) -> Path | None:
        future = self._future(line, urgent=True)
        try:
            return future.result(timeout=self._line_timeout)
        except TimeoutError:
            self._problem(f"synthesis of {line.text!r} took over {self._line_timeout:g} s")
        except SpeakerError as exc:
            self._problem(f"synthesis of {line.text!r} failed: {exc}")
        return None

    def duration(self, line: VoicedLine) -> float:
        known = self._durations.get(line)
        if known is not None:
            return known
        path = self._wav(line)
        try:
            seconds = wav_duration(path) if path is not None else None
        except (OSError, EOFError, wave.Error) as exc:
            self._problem(f"unreadable audio {path}: {exc}")
            seconds = None
        if seconds is None:
            return estimate_duration(line.text, line.voice.rate)
        self._durations[line] = seconds
        return seconds

    def play(self, line: VoicedLine) -> None:
        path = self._wav(line)
        if path is None:
            return
        try:
            self.player.play(path)
        except PlaybackError as exc:
            self._problem(f"playback failed, continuing without sound: {exc}")
            self.player = SilentPlayer()

    def stop(self) -> None:
        self.player.stop()

    def audio_file(self, line: VoicedLine) -> Path | None:
        future = self._futures.get(line)
        if future is None or not future.done() or future.exception() is not None:
            return None
        path = future.result()
        return path if path.exists() else None

    def close(self) -> None:
        """Stop playback and the synthesizer (end of the session)."""
        self.player.stop()
        self.speaker.close()

    def _problem(self, message: str) -> None:
        log.warning("%s", message)
        self.problems.append(message)
