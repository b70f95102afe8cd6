"""The PortAudio player: for real on ALSA devices of our own (see alsa_helpers), and its
stop/restart/resampling logic on a stand-in stream."""

from __future__ import annotations

import array
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from simulator.voice.caller.cache import write_wav
from simulator.voice.caller.player import (
    PlaybackError,
    SoundDevicePlayer,
    read_pcm,
    resample_pcm,
)
from simulator.voice.sound import DeviceInfo, sounddevice
from tests.voice.alsa_helpers import alsa_env, contains, played, run_json


def tone_samples(seconds: float = 0.5, rate: int = 22050) -> array.array[int]:
    return array.array("h", [int(9000 * math.sin(i / 7)) for i in range(round(seconds * rate))])


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    path = tmp_path / "tone.wav"
    write_wav(path, tone_samples(), 22050)
    return path


# ---------------------------------------------------------------- real ALSA devices

PLAY = """
import json, time
from pathlib import Path
from simulator.voice.caller.player import SoundDevicePlayer, PlaybackError, probe_device
# The probes first: every opening of the device starts its output file anew.
probes = [probe_device("callsim_out"), probe_device("callsim_nothing")]
try:
    SoundDevicePlayer("callsim_no_such_device").play(Path("{wav}"))
    missing = None
except PlaybackError as exc:
    missing = str(exc)
player = SoundDevicePlayer("callsim_out")
started = time.monotonic()
player.play(Path("{wav}"))
took = time.monotonic() - started
finished = player.wait(5.0)
player.stop()
print(json.dumps({{"took": took, "finished": finished, "missing": missing, "probes": probes}}))
"""


def test_the_device_receives_exactly_the_wav(tmp_path: Path, tone: Path) -> None:
    env = alsa_env(tmp_path)
    result = run_json(PLAY.format(wav=tone), env)
    assert result["finished"] and result["took"] < 2.0
    frames, _ = read_pcm(tone)
    assert contains(played(tmp_path), frames[:, 0])
    assert result["missing"] and "callsim_no_such_device" in result["missing"]
    assert result["probes"][0] is None
    assert "callsim_nothing" in result["probes"][1]


def test_open_player_and_play_file_on_the_default_device(tmp_path: Path, tone: Path) -> None:
    env = alsa_env(tmp_path, default="callsim_out")
    code = f"""
import json
from pathlib import Path
from simulator.voice.caller.player import open_player, play_file
player, notice = open_player()
play_file(Path("{tone}"))
missing, why = open_player("callsim_gone")
print(json.dumps([type(player).__name__, notice, type(missing).__name__, why]))
"""
    kind, notice, fallback, why = run_json(code, env)
    assert (kind, notice) == ("SoundDevicePlayer", None)
    assert fallback == "SilentPlayer" and "callsim_gone" in why
    frames, _ = read_pcm(tone)
    assert contains(played(tmp_path), frames[:, 0])


# ---------------------------------------------------------------- stand-in stream


class StandInStream:
    """A PortAudio output stream that asks for one block on start, more on `pump()`."""

    refuse_rates: tuple[int, ...] = ()
    silent = False

    def __init__(
        self,
        *,
        samplerate: int,
        channels: int,
        dtype: str,
        device: Any,
        callback: Any,
        finished_callback: Any,
    ) -> None:
        if samplerate in self.refuse_rates:
            raise RuntimeError("Invalid sample rate")
        self.samplerate = samplerate
        self.channels = channels
        self.callback = callback
        self.finished_callback = finished_callback
        self.out: list[np.ndarray[Any, Any]] = []
        self.active = False
        self.closed = False

    def start(self) -> None:
        self.active = True
        if not self.silent:
            self.pump()

    def pump(self, frames: int = 1024) -> None:
        block = np.full((frames, self.channels), 7, dtype=np.int16)
        try:
            self.callback(block, frames, None, None)
        except sounddevice().CallbackStop:
            self.active = False
            self.finished_callback()
        self.out.append(block)

    def abort(self) -> None:
        if self.active:
            self.active = False
            self.finished_callback()

    def close(self) -> None:
        self.closed = True


class Streams:
    def __init__(self, cls: type[StandInStream] = StandInStream) -> None:
        self.cls = cls
        self.made: list[StandInStream] = []

    def __call__(self, **kwargs: Any) -> StandInStream:
        stream = self.cls(**kwargs)
        self.made.append(stream)
        return stream


def test_play_returns_at_the_first_block_and_wait_follows_the_stream(tone: Path) -> None:
    streams = Streams()
    player = SoundDevicePlayer("x", stream_factory=streams)
    player.play(tone)
    stream = streams.made[0]
    assert player.playing and not player.wait(0.0)
    while stream.active:
        stream.pump()
    assert player.wait(0.0) and not player.playing
    sent = np.concatenate(stream.out)[:, 0]
    frames, _ = read_pcm(tone)
    assert np.array_equal(sent[: len(frames)], frames[:, 0])
    assert not sent[len(frames) :].any(), "the last block is padded with silence"


def test_stop_cuts_playback_at_once(tone: Path) -> None:
    streams = Streams()
    player = SoundDevicePlayer("x", stream_factory=streams)
    player.play(tone)
    started = time.monotonic()
    player.stop()
    assert time.monotonic() - started < 0.1
    assert streams.made[0].closed and not streams.made[0].active
    assert player.wait(0.0) and not player.playing


def test_playing_again_stops_the_previous_line(tone: Path) -> None:
    streams = Streams()
    player = SoundDevicePlayer("x", stream_factory=streams)
    player.play(tone)
    player.play(tone)
    first, second = streams.made
    assert first.closed and not first.active
    assert second.active and not second.closed


def test_a_device_that_refuses_the_files_rate_gets_it_resampled(
    tone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Picky(StandInStream):
        refuse_rates = (22050,)

    info = DeviceInfo(0, "hw:0,0", "ALSA", inputs=0, outputs=2, default_rate=48000.0)
    monkeypatch.setattr("simulator.voice.caller.player.find_device", lambda d, kind: info)
    streams = Streams(Picky)
    SoundDevicePlayer("hw:0,0", stream_factory=streams).play(tone)
    assert [s.samplerate for s in streams.made] == [48000]


def test_a_stream_that_never_starts_is_an_error_not_a_hang(tone: Path) -> None:
    class Mute(StandInStream):
        silent = True

    streams = Streams(Mute)
    player = SoundDevicePlayer("x", stream_factory=streams, start_timeout=0.05)
    with pytest.raises(PlaybackError, match="did not start"):
        player.play(tone)
    assert streams.made[0].closed


def test_an_unreadable_file_is_a_playback_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"not a wav")
    with pytest.raises(PlaybackError, match=r"bad\.wav"):
        SoundDevicePlayer("x", stream_factory=Streams()).play(bad)


def test_resampling_keeps_duration_and_shape() -> None:
    frames = np.array(tone_samples(1.0), dtype=np.int16).reshape(-1, 1)
    out = resample_pcm(frames, 22050, 48000)
    assert out.shape == (48000, 1) and out.dtype == np.int16
    assert abs(int(out[:, 0].max()) - int(frames[:, 0].max())) < 200


def test_alsa_messages_never_reach_the_screen(tmp_path: Path) -> None:
    """Textual draws on stderr: once PortAudio is loaded, alsa-lib prints nothing there."""
    code = """
import ctypes, ctypes.util, json
from simulator.voice.sound import sounddevice
sounddevice()
asound = ctypes.CDLL(ctypes.util.find_library("asound"))
pcm = ctypes.c_void_p()
print(json.dumps(asound.snd_pcm_open(ctypes.byref(pcm), b"callsim_nonexistent", 0, 0)))
"""
    env = alsa_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert int(done.stdout) < 0, "the device was expected not to open"
    assert done.stderr == ""
