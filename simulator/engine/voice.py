"""How the engine makes the caller heard, without knowing about audio.

The engine hands each caller line to a `CallerVoice`. The real one (simulator.voice)
pre-synthesizes every line when the call starts and plays WAV files; `EstimatedVoice`
plays nothing and only says how long a line would take, so a call without sound (or a
fast headless run) keeps realistic timing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from simulator.scenario.models import Voice

# espeak-ng's rate is in words per minute; read as pinyin, one hanzi is one word. Fitted
# to espeak-ng 1.51 (cmn-latn-pinyin through pyttsx3): 104 caller and service lines at
# rates 100-380, mean error 8 % (6 % for lines of 10+ characters). Speech slows more than
# the rate says below 170 wpm and speeds up more above it, hence the exponent.
REFERENCE_RATE = 170
SECONDS_PER_SYLLABLE = 0.28
SECONDS_PER_PAUSE = 0.08
SECONDS_FIXED = 0.2
RATE_EXPONENT = 1.2
_PAUSE_MARKS = set("，。！？；、,.!?;…")


@dataclass(frozen=True)
class VoicedLine:
    """A caller line with the voice it is spoken in (persona voice + line changes)."""

    text: str
    voice: Voice


class CallerVoice(Protocol):
    """Speaks caller lines. Every method returns at once; playback is in the background."""

    def prepare(self, lines: Sequence[VoicedLine]) -> None:
        """Get every line the caller may say ready (pre-synthesis), at call start.

        `Call.start()` calls this on the caller's thread, so it must return at once: the
        work happens in the background. A driver may prepare the voice earlier (in a
        worker, while showing progress); preparing lines that are already prepared again
        must then be cheap.
        """

    def duration(self, line: VoicedLine) -> float:
        """Seconds the line takes to say."""

    def play(self, line: VoicedLine) -> None:
        """Start saying the line; return once sound has started (the engine then reads
        the clock, so the recording carries the real playback start)."""

    def stop(self) -> None:
        """Cut off whatever is being said, now (hang-up, interruption)."""

    def audio_file(self, line: VoicedLine) -> Path | None:
        """The WAV of this line, if there is one (saved beside the recording)."""


def estimate_duration(text: str, rate_wpm: int) -> float:
    """How long espeak-ng takes to say `text` at `rate_wpm`, estimated from its length."""
    syllables = sum(1 for ch in text if ch.isalnum())
    pauses = sum(1 for ch in text if ch in _PAUSE_MARKS)
    at_reference = syllables * SECONDS_PER_SYLLABLE + pauses * SECONDS_PER_PAUSE + SECONDS_FIXED
    scale = float((REFERENCE_RATE / rate_wpm) ** RATE_EXPONENT)
    return round(at_reference * scale, 3)


class EstimatedVoice:
    """Text-only caller: no sound, durations estimated from the text and the rate."""

    def prepare(self, lines: Sequence[VoicedLine]) -> None:
        return None

    def duration(self, line: VoicedLine) -> float:
        return estimate_duration(line.text, line.voice.rate)

    def play(self, line: VoicedLine) -> None:
        return None

    def stop(self) -> None:
        return None

    def audio_file(self, line: VoicedLine) -> Path | None:
        return None
