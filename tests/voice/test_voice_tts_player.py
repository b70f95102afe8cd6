"""The aplay player, for real: ALSA's `null` device works without a sound card."""

from __future__ import annotations

import array
import os
import struct
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.voice.player import AplayPlayer, PlaybackError, probe_device
from simulator.voice.tts_cache import write_wav

pytestmark = pytest.mark.audio


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    path = tmp_path / "tone.wav"
    write_wav(path, array.array("h", [1000, -1000] * 11025), 22050)
    return path


def test_play_returns_once_aplay_has_started(tone: Path) -> None:
    player = AplayPlayer("null")
    player.play(tone)
    assert player.wait(5.0)
    assert not player.playing


def test_a_missing_device_is_an_error_not_a_hang(tone: Path) -> None:
    started = time.monotonic()
    with pytest.raises(PlaybackError, match="callsim_no_such_device"):
        AplayPlayer("callsim_no_such_device").play(tone)
    assert time.monotonic() - started < 3.0


def test_probe_tells_a_working_device_from_a_missing_one() -> None:
    assert probe_device("null") is None
    problem = probe_device("callsim_no_such_device")
    assert problem


@pytest.fixture
def endless_wav(tmp_path: Path) -> Iterator[Path]:
    """A FIFO that gives aplay a WAV header and a little audio, then nothing: aplay keeps
    waiting for more, like a long line still playing."""
    fifo = tmp_path / "endless.wav"
    os.mkfifo(fifo)
    data_size = 22050 * 2 * 60
    header = b"RIFF" + struct.pack("<I", 36 + data_size) + b"WAVE"
    header += b"fmt " + struct.pack("<IHHIIHH", 16, 1, 1, 22050, 44100, 2, 16)
    header += b"data" + struct.pack("<I", data_size)
    release = threading.Event()

    def feed() -> None:
        with fifo.open("wb") as out:
            out.write(header + bytes(4410))
            out.flush()
            release.wait(10.0)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    yield fifo
    release.set()
    feeder.join(timeout=5.0)


def test_stop_cuts_playback_at_once(endless_wav: Path) -> None:
    player = AplayPlayer("null")
    player.play(endless_wav)
    assert player.playing
    assert not player.wait(0.2)
    started = time.monotonic()
    player.stop()
    assert time.monotonic() - started < 0.3
    assert not player.playing


def test_playing_again_stops_the_previous_line(endless_wav: Path, tone: Path) -> None:
    player = AplayPlayer("null")
    player.play(endless_wav)
    first = player._proc
    player.play(tone)
    assert first is not None and first.poll() is not None
    assert player.wait(5.0)
