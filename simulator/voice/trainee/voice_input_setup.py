"""Building a `VoiceInput` for a call: the microphone or the virtual one, and Whisper.

The UI calls `open_voice_input()` after `voice_input_availability()` said yes, then
`prepare()` in a worker (loading the model takes a second or two) before the phone
rings, `start()` when the call is answered, and `close()` when it ends.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from simulator.clock import Clock
from simulator.voice.sound import Device
from simulator.voice.trainee.mic import AudioSource, MicrophoneSource, WavFileSource
from simulator.voice.trainee.recognizer import Recognizer, WhisperRecognizer
from simulator.voice.trainee.vad import SpeechDetector
from simulator.voice.trainee.vad_endpoint import EndpointSettings
from simulator.voice.trainee.voice_input import InputMode, VoiceEvent, VoiceInput
from simulator.voice.trainee.voice_input_check import mic_file_setting


def open_voice_input(
    *,
    clock: Clock,
    deliver: Callable[[VoiceEvent], None],
    mode: InputMode = "hands_free",
    mic_file: Path | str | None = None,
    model: str | None = None,
    recognizer: Recognizer | None = None,
    detector: SpeechDetector | None = None,
    settings: EndpointSettings | None = None,
    audio_dir: Path | None = None,
    background: bool = True,
    device: Device = None,
) -> VoiceInput:
    """A voice input on the microphone (`device`, else `$CALLSIM_MIC_DEVICE`, else the
    default), or on `mic_file` / `$CALLSIM_MIC_FILE`."""
    file = mic_file_setting(mic_file)
    source: AudioSource
    if file is not None:
        source = WavFileSource(file, clock=clock)
    else:
        source = MicrophoneSource(clock=clock, device=device)
    return VoiceInput(
        source,
        recognizer if recognizer is not None else WhisperRecognizer(model),
        clock=clock,
        deliver=deliver,
        mode=mode,
        detector=detector,
        settings=settings,
        audio_dir=audio_dir,
        background=background,
    )


def prepare(voice_input: VoiceInput) -> None:
    """Load the speech model now (blocking: run it in a worker), not at the first reply."""
    load = getattr(voice_input.recognizer, "load", None)
    if callable(load):
        load()
