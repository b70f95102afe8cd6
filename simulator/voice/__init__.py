"""Voice: the caller speaks (`caller/`: pyttsx3 on the platform's synthesizer, the
line cache, playback), the trainee is heard (`trainee/`: microphone, endpointing,
Whisper). `sound.py` is the sound devices both use (PortAudio through sounddevice).

Importing this package is cheap: each part imports its heavy libraries when it is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.engine.voice import CallerVoice


def make_caller_voice(
    *, speak: bool = True, play: bool = True, device: str | None = None
) -> tuple[CallerVoice, str | None]:
    """The caller voice for a call and an optional one-line notice (text-only fallback).

    See simulator.voice.caller.factory.
    """
    # `import simulator.voice` is cheap: each part imports its libraries when used.
    from simulator.voice.caller.factory import make_caller_voice as make  # noqa: PLC0415

    return make(speak=speak, play=play, device=device)


def voice_input_availability(
    mic_file: str | None = None, model: str | None = None
) -> tuple[bool, str]:
    """Whether the trainee can answer by voice, and a one-line notice (never loads the model).

    See simulator.voice.trainee.voice_input_check.
    """
    # `import simulator.voice` is cheap: each part imports its libraries when used.
    from simulator.voice.trainee.voice_input_check import voice_input_availability as check  # noqa: PLC0415

    return check(mic_file, model)


__all__ = ["make_caller_voice", "voice_input_availability"]
