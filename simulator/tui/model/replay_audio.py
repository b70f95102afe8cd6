"""The recorded voices of a replay, kept in step with its play head (no Textual here).

A recording keeps the audio of both sides beside it (`<id>/001-caller.wav`, the
trainee's clips); each `say` event names its file. While the replay plays at 1×, the
utterance under the play head is played with the call's player; starting in the middle
of an utterance (after a step or a jump) plays its WAV from that point, cut into a
temporary file because a player only starts files from their beginning. Paused, at 2×
or 4×, or between utterances, nothing plays. Without a player (no sound device) the
replay is text only.
"""

from __future__ import annotations

import importlib
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from simulator.recording.events import Event, Say

TRIM_FROM = 0.25
"""Entering an utterance later than this into it plays it from there, not its start."""
NO_DEVICE = "仅文字（无音频设备）"
NO_AUDIO = "仅文字（未保存录音）"
TEXT_ONLY = "仅文字"
PLAYER_MODULE = "simulator.voice.caller.player"
"""Where the call's player lives; imported on use so replay starts without audio libraries."""


class ClipPlayer(Protocol):
    """What replay needs of the call's player (simulator.voice's `Player`)."""

    def play(self, path: Path) -> None: ...

    def stop(self) -> None: ...


def recorded_clips(events: Sequence[Event], base: Path | None) -> list[tuple[Say, Path]]:
    """The utterances whose audio file exists, with its path, in time order."""
    if base is None:
        return []
    clips = []
    for event in sorted(events, key=lambda e: e.t):
        if isinstance(event, Say) and event.audio:
            path = Path(event.audio)
            path = path if path.is_absolute() else base / path
            if path.is_file():
                clips.append((event, path))
    return clips


def open_player(device: str | None = None) -> tuple[ClipPlayer | None, str | None]:
    """The call's player on the sound device, or None and why (blocking: probes)."""
    try:
        module = importlib.import_module(PLAYER_MODULE)
    except ImportError:  # an install without the voice part: the replay is text only
        return None, NO_DEVICE
    player, problem = module.open_player(device)
    if problem is not None:
        return None, NO_DEVICE
    chosen: ClipPlayer = player
    return chosen, None


class ReplaySound:
    """Plays the utterance under the play head; call `sync` after every move."""

    def __init__(self, clips: Sequence[tuple[Say, Path]], player: ClipPlayer) -> None:
        self.clips = list(clips)
        self.player = player
        self.current: Say | None = None
        self.failed = ""
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    def sync(self, position: float, playing: bool, speed: float) -> None:
        """Start, change or stop the sound for the play head at `position`."""
        if self.failed:
            return
        active = self._under(position) if playing and speed == 1.0 else None
        if active is None:
            if self.current is not None and (not playing or speed != 1.0):
                self.stop()
            elif self.current is not None and position >= self.current.end:
                self.current = None  # it ended on its own
            return
        say, path = active
        if say is self.current:
            return
        offset = position - say.t
        try:
            self.player.play(self._from(path, offset) if offset > TRIM_FROM else path)
        except Exception as exc:  # the replay goes on as text, with the reason shown
            self.failed = f"无法播放录音：{exc}"
            return
        self.current = say

    def stop(self) -> None:
        """Cut the sound (pause, a jump, leaving the screen)."""
        if self.current is not None:
            self.player.stop()
        self.current = None

    def close(self) -> None:
        self.stop()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def _under(self, position: float) -> tuple[Say, Path] | None:
        """The latest-starting utterance being spoken at `position` (the interrupter)."""
        found = None
        for say, path in self.clips:
            if say.t <= position < say.end:
                found = (say, path)
        return found

    def _from(self, path: Path, offset: float) -> Path:
        """`path` from `offset` seconds on, as a temporary WAV."""
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="callsim-replay-")
        target = Path(self._tmp.name) / f"{path.stem}-{int(offset * 1000)}.wav"
        with wave.open(str(path), "rb") as source:
            params = source.getparams()
            source.setpos(min(params.nframes, int(offset * params.framerate)))
            frames = source.readframes(params.nframes)
        with wave.open(str(target), "wb") as out:
            out.setparams(params)
            out.writeframes(frames)
        return target
