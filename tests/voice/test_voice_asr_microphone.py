"""Voice input from a real capture device: PortAudio reading an ALSA device of our own
(a `file` PCM whose capture side plays back a raw file; see alsa_helpers).

This is what `make run` leaves on a machine with a microphone: sounddevice + libportaudio2,
no compiler. The recognizer here is the scripted one; Whisper has its own real tests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from tests.voice.alsa_helpers import alsa_env, run_json

RATE = 16_000


def speech_like(parts: list[tuple[str, float]]) -> npt.NDArray[np.int16]:
    """Silence and 300 Hz tone stretches, as 16 kHz 16-bit samples."""
    out = []
    for kind, seconds in parts:
        n = round(seconds * RATE)
        if kind == "talk":
            out.append(0.5 * np.sin(2 * np.pi * 300 * np.arange(n) / RATE))
        else:
            out.append(np.zeros(n))
    return (np.concatenate(out) * 32767).astype(np.int16)


def test_a_capture_device_makes_voice_input_available(tmp_path: Path) -> None:
    env = alsa_env(tmp_path, mic=speech_like([("quiet", 0.5)]), default="callsim_mic")
    code = """
import json
from simulator.voice import voice_input_availability
print(json.dumps(voice_input_availability()))
"""
    ok, message = run_json(code, env)
    assert ok, message
    assert "麦克风「" in message


def test_the_microphone_delivers_the_devices_samples(tmp_path: Path) -> None:
    samples = speech_like([("talk", 0.5)])
    env = alsa_env(tmp_path, mic=samples)
    code = """
import json
from simulator.clock import FakeClock
from simulator.voice.trainee.mic import MicrophoneSource
source = MicrophoneSource(clock=FakeClock(), device="callsim_mic")
chunks = [source.read() for _ in range(10)]
source.close()
print(json.dumps({"t": [c.t for c in chunks], "samples": [float(x) for c in chunks
    for x in c.samples]}))
"""
    got = run_json(code, env)
    assert got["t"][:3] == pytest.approx([0.0, 0.032, 0.064])
    heard = np.round(np.array(got["samples"]) * 32768).astype(np.int16)
    assert np.array_equal(heard, samples[: len(heard)])
    assert len(heard) == 10 * 512


def test_a_spoken_reply_on_the_microphone_is_recognized(tmp_path: Path) -> None:
    audio = speech_like([("quiet", 1.0), ("talk", 1.0), ("quiet", 1.5)])
    env = alsa_env(tmp_path, mic=audio)
    code = f"""
import json
from pathlib import Path
from simulator.clock import FakeClock
from simulator.voice.trainee.recognizer import FakeRecognizer
from simulator.voice.trainee.vad import EnergyDetector
from simulator.voice.trainee.voice_input_setup import open_voice_input
events = []
vi = open_voice_input(clock=FakeClock(), deliver=events.append, device="callsim_mic",
    recognizer=FakeRecognizer(["您好"]), detector=EnergyDetector(0.05),
    audio_dir=Path("{tmp_path}"), background=False)
for _ in range({len(audio) // 512}):
    vi.step()
vi.close()
print(json.dumps([[type(e).__name__, getattr(e, "onset", None), getattr(e, "end", None),
    getattr(e, "text", None)] for e in events]))
"""
    events = run_json(code, env)
    assert [e[0] for e in events] == ["SpeechStarted", "SpeechEnded", "UtteranceRecognized"]
    _, onset, end, text = events[-1]
    assert text == "您好"
    assert onset == pytest.approx(1.0, abs=0.05)
    assert end == pytest.approx(2.0, abs=0.05)
